package ui

import (
	"context"
	"testing"
)

// ambiguousDealsCSV reads both ways: "1.234" is 1.234 or 1234, and
// "01/02/2026" is 2 January or 1 February. The en-US locale decides on
// the decimal point and month first.
const ambiguousDealsCSV = "Title,Amount,Close Date\n" +
	"Alpha,1.234,01/02/2026\n" +
	"Beta,2.500,03/04/2026\n"

// settingsSelects returns the decimal, thousands and date selects of the
// settings step as shown.
func settingsSelects(f *wizardFixture) [3]string {
	s := f.wizard.settings

	return [3]string{s.decimal.Selected, s.thousands.Selected, s.date.Selected}
}

func TestImportWizardPresetKeepsFormats(t *testing.T) {
	f := openImportWizard(t, nil)
	f.wizard.preset.Locale = "en-US"
	path := writeWizardFile(t, "deals.csv", ambiguousDealsCSV)
	f.openFile(t, path)
	detected := settingsSelects(f)

	f.wizard.settings.decimal.SetSelected("Comma (1234,56)")
	f.waitIdle(t, "the preview with decimal commas")
	f.wizard.settings.thousands.SetSelected("Point (1.234)")
	f.waitIdle(t, "the preview with thousands points")
	f.wizard.settings.date.SetSelected("DD/MM/YYYY")
	f.waitIdle(t, "the preview with day-first dates")
	f.next(t, "the mapping step")
	f.wizard.mapping.savePreset("Buchhaltung")
	f.queue.waitFor(t, "the saved preset", func() bool {
		return len(f.wizard.mapping.presetSelect.Options) == 1
	})

	presets, err := f.store.ImportPresets(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(presets) != 1 {
		t.Fatalf("stored presets = %+v, want 1", presets)
	}
	if got := presets[0].Formats.Date; got != "DD/MM/YYYY" {
		t.Errorf("stored date format = %q, want DD/MM/YYYY", got)
	}

	f.openFile(t, path)
	if got := settingsSelects(f); got != detected {
		t.Fatalf("a fresh read shows %q, want the detected %q", got, detected)
	}
	f.next(t, "the mapping step of the same file")
	f.wizard.mapping.presetSelect.SetSelected("Buchhaltung")
	f.waitIdle(t, "the preset's formats")

	want := [3]string{"Comma (1234,56)", "Point (1.234)", "DD/MM/YYYY"}
	if want == detected {
		t.Fatalf("detection already shows %q, so the test cannot tell the preset's formats", detected)
	}
	if got := settingsSelects(f); got != want {
		t.Errorf("with the preset the settings show %q, want %q", got, want)
	}
	amount := f.wizard.plan.Dialect.Columns[1].Number
	if amount.Decimal != ',' || amount.Thousands != '.' {
		t.Errorf("amount format = %q, want 1.234,56", amount)
	}
}
