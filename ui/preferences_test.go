package ui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"leadwerk/app"
)

// openPreferencesDialog shows the Preferences dialog on a fresh database
// and restores the active preferences when the test ends.
func openPreferencesDialog(t *testing.T) (*preferencesDialog, *uiQueue, preferencesStore) {
	t.Helper()

	t.Cleanup(func() { activePreferences = app.DefaultPreferences() })
	store := openStore(t)
	a := test.NewTempApp(t)
	window := a.NewWindow("test")
	t.Cleanup(window.Close)

	queue := newUIQueue()
	reporter := errorReporter{window: window, logger: discardLogger()}
	d := newPreferencesDialog(store, a, window, queue.do, reporter, app.DefaultPreferences(),
		app.DefaultBackupSettings())
	d.dialog.Show()

	return d, queue, store
}

func TestPreferencesRejectCurrencyKeepText(t *testing.T) {
	d, _, store := openPreferencesDialog(t)
	d.currency.SetText("Euro")
	d.leadSources.SetText("Messe Köln")

	d.onSaveTapped()

	if !strings.Contains(d.problem.Text, "Home currency") {
		t.Errorf("problem %q does not name the home currency", d.problem.Text)
	}
	if d.currency.Text != "Euro" || d.leadSources.Text != "Messe Köln" {
		t.Errorf("typed values lost: currency %q, sources %q", d.currency.Text, d.leadSources.Text)
	}
	if d.saveButton.Disabled() {
		t.Error("Save is disabled after a rejected value, want it enabled for the fix")
	}

	saved, err := store.Preferences(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if saved.HomeCurrency != "EUR" {
		t.Errorf("stored currency %q after a rejected save, want EUR", saved.HomeCurrency)
	}
}

func TestPreferencesRejectIdleDays(t *testing.T) {
	for _, text := range []string{"two", "-1", "3651"} {
		d, _, _ := openPreferencesDialog(t)
		d.idleDays.SetText(text)

		d.onSaveTapped()

		if !strings.Contains(d.problem.Text, "Idle threshold") {
			t.Errorf("idle days %q: problem %q does not name the field", text, d.problem.Text)
		}
	}
}

func TestPreferencesRejectDuplicateSource(t *testing.T) {
	d, _, _ := openPreferencesDialog(t)
	d.leadSources.SetText("LinkedIn\nMesse\nLinkedIn")

	d.onSaveTapped()

	if !strings.Contains(d.problem.Text, `"LinkedIn" is listed twice`) {
		t.Errorf("problem %q, want the duplicate named", d.problem.Text)
	}
}

func TestPreferencesSaveStoresAndApplies(t *testing.T) {
	d, queue, store := openPreferencesDialog(t)
	d.theme.SetSelectedIndex(indexOf(themeChoices, themeDark))
	d.language.SetSelectedIndex(indexOf(languageChoices, languageGerman))
	d.currency.SetText(" chf ")
	d.fiscalStart.SetSelectedIndex(3)
	d.idleDays.SetText("21")
	d.leadSources.SetText("LinkedIn\n\nMesse Köln\n")

	d.onSaveTapped()
	queue.waitFor(t, "the save", func() bool { return activePreferences.HomeCurrency == "CHF" })

	want := app.Preferences{HomeCurrency: "CHF", FiscalYearStart: time.April,
		LeadSources: []string{"LinkedIn", "Messe Köln"}, DefaultIdleDays: 21}
	saved, err := store.Preferences(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(saved.LeadSources, want.LeadSources) || saved.FiscalYearStart != want.FiscalYearStart ||
		saved.DefaultIdleDays != want.DefaultIdleDays {
		t.Errorf("stored %+v, want %+v", saved, want)
	}

	if got := d.app.Preferences().String(prefLanguage); got != languageGerman {
		t.Errorf("language preference %q, want de", got)
	}
	if got := d.app.Settings().Theme().Color(theme.ColorNameBackground, theme.VariantLight); got !=
		theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark) {
		t.Errorf("background %v after choosing dark, want the dark background", got)
	}
}

func TestPreferencesDialogShowsSaved(t *testing.T) {
	t.Cleanup(func() { activePreferences = app.DefaultPreferences() })
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefTheme, themeLight)
	window := a.NewWindow("test")
	t.Cleanup(window.Close)
	p := app.Preferences{HomeCurrency: "USD", FiscalYearStart: time.October, LeadSources: []string{"Podcast"}}

	d := newPreferencesDialog(openStore(t), a, window, newUIQueue().do,
		errorReporter{window: window, logger: discardLogger()}, p, app.DefaultBackupSettings())

	if d.currency.Text != "USD" {
		t.Errorf("currency %q, want USD", d.currency.Text)
	}
	if d.fiscalStart.Selected != "October" {
		t.Errorf("fiscal start %q, want October", d.fiscalStart.Selected)
	}
	if d.leadSources.Text != "Podcast" {
		t.Errorf("lead sources %q, want Podcast", d.leadSources.Text)
	}
	if d.theme.Selected != "Light" {
		t.Errorf("theme %q, want Light", d.theme.Selected)
	}
	if d.language.Selected != "Follow the system" {
		t.Errorf("language %q, want Follow the system", d.language.Selected)
	}
}

func TestSourcePickerOffersOwnSources(t *testing.T) {
	t.Cleanup(func() { activePreferences = app.DefaultPreferences() })
	activePreferences.LeadSources = []string{"Podcast", app.SourceWebsite}

	p := newSourcePicker("")
	if !slices.Contains(p.choice.Options, "Podcast") {
		t.Errorf("options %q lack the own source Podcast", p.choice.Options)
	}
	if n := len(p.values); n != len(leadSources())+1 {
		t.Errorf("%d sources offered, want the built-in ones and Podcast once", n)
	}

	p.choice.SetSelected("Podcast")
	if p.value() != "Podcast" {
		t.Errorf("value %q, want Podcast", p.value())
	}
}

func TestReportPresetsFollowFiscalYear(t *testing.T) {
	t.Cleanup(func() { activePreferences = app.DefaultPreferences() })
	activePreferences.FiscalYearStart = time.April
	today := app.Date{Year: 2026, Month: time.February, Day: 10}

	year := presetThisYear.period(today)
	if year.From != (app.Date{Year: 2025, Month: time.April, Day: 1}) ||
		year.To != (app.Date{Year: 2026, Month: time.March, Day: 31}) {
		t.Errorf("this year = %v – %v, want 2025-04-01 – 2026-03-31", year.From, year.To)
	}

	quarter := presetThisQuarter.period(today)
	if quarter.From != (app.Date{Year: 2026, Month: time.January, Day: 1}) ||
		quarter.To != (app.Date{Year: 2026, Month: time.March, Day: 31}) {
		t.Errorf("this quarter = %v – %v, want 2026-01-01 – 2026-03-31", quarter.From, quarter.To)
	}
}

func TestThemeForForcesVariant(t *testing.T) {
	dark := themeFor(themeDark).Color(theme.ColorNameBackground, theme.VariantLight)
	if dark != theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark) {
		t.Errorf("dark theme background %v under a light system", dark)
	}

	light := themeFor(themeLight).Color(theme.ColorNameBackground, theme.VariantDark)
	if light != theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantLight) {
		t.Errorf("light theme background %v under a dark system", light)
	}
}
