package data

import (
	"context"
	"testing"

	"leadwerk/app/mapping"
	"leadwerk/app/tabular"
)

// ambiguousDeals reads both ways: "1.234" is 1.234 or 1234, and
// "01/02/2026" is 2 January or 1 February. en-US detection reads them as
// 1.234 and 2 January.
const ambiguousDeals = "Title,Amount,Close Date\n" +
	"Alpha,1.234,01/02/2026\n" +
	"Beta,2.500,03/04/2026\n"

func germanFormats() mapping.Formats {
	return mapping.Formats{Decimal: ',', Thousands: '.', ThousandsSet: true, Date: tabular.DateDMYSlash}
}

func TestImportPresetKeepsFormats(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	saved := mapping.Preset{Name: "Buchhaltung", Kind: mapping.KindOpportunities, Formats: germanFormats()}

	if err := s.SaveImportPreset(ctx, saved); err != nil {
		t.Fatal(err)
	}
	presets, err := s.ImportPresets(ctx)
	if err != nil {
		t.Fatal(err)
	}

	if len(presets) != 1 {
		t.Fatalf("presets = %+v, want 1", presets)
	}
	if got := presets[0].Formats; got != germanFormats() {
		t.Errorf("formats = %+v, want %+v", got, germanFormats())
	}
}

func TestImportPresetKeepsAnyThousands(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	want := mapping.Formats{Decimal: ',', ThousandsSet: true}

	if err := s.SaveImportPreset(ctx, mapping.Preset{Name: "any", Formats: want}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveImportPreset(ctx, mapping.Preset{Name: "detected"}); err != nil {
		t.Fatal(err)
	}
	presets, err := s.ImportPresets(ctx)
	if err != nil {
		t.Fatal(err)
	}

	if len(presets) != 2 {
		t.Fatalf("presets = %+v, want 2", presets)
	}
	if got := presets[0].Formats; got != want {
		t.Errorf("formats of any = %+v, want %+v", got, want)
	}
	if got := presets[1].Formats; !got.IsZero() {
		t.Errorf("formats of detected = %+v, want none", got)
	}
}

func TestImportPresetFormatsReimport(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	path := writeFile(t, "deals.csv", []byte(ambiguousDeals))

	detected := preparePlan(t, path, "")
	if got := detected.Dialect.Columns[2].Date; got != tabular.DateMDYSlash {
		t.Fatalf("detected date format = %q, want %q, or the file does not test the preset", got,
			tabular.DateMDYSlash)
	}

	plan := detected
	plan.Formats = germanFormats()
	if err := s.SaveImportPreset(ctx, plan.Preset("Buchhaltung")); err != nil {
		t.Fatal(err)
	}
	presets, err := s.ImportPresets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	reread, err := mapping.Prepare(path, presets[0], "")
	if err != nil {
		t.Fatal(err)
	}
	report := importFile(t, s, reread)

	if report.New != 2 || len(report.Rejected) != 0 {
		t.Fatalf("report = %+v, want 2 new deals", report)
	}
	var deals []struct {
		Title       string
		AmountMinor int64
		CloseDate   string
	}
	s.db.Raw(`SELECT title, amount_minor, close_date FROM opportunities ORDER BY title`).Scan(&deals)
	want := []struct {
		amount int64
		date   string
	}{{123400, "2026-02-01"}, {250000, "2026-04-03"}}
	if len(deals) != len(want) {
		t.Fatalf("deals = %+v, want 2", deals)
	}
	for i, w := range want {
		if deals[i].AmountMinor != w.amount {
			t.Errorf("%s: amount = %d minor units, want %d", deals[i].Title, deals[i].AmountMinor, w.amount)
		}
		if deals[i].CloseDate != w.date {
			t.Errorf("%s: close date = %s, want %s", deals[i].Title, deals[i].CloseDate, w.date)
		}
	}
}
