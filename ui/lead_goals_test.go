package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"leadwerk/app"
	"leadwerk/app/demo"
)

// goalTestFacts are 4 won deals of 25,000 EUR and 12 lost ones, half
// from trade fairs and half from referrals, and 30 decided leads: 4
// converted, 6 qualified and 20 disqualified. So the win rate is 25 %,
// the lead-to-opportunity rate 40 % and the qualification rate 33.33 %.
func goalTestFacts() ([]app.DealFact, []app.LeadFact) {
	var deals []app.DealFact
	for i := range 16 {
		source := app.SourceTradeFair
		if i%2 == 1 {
			source = app.SourceReferral
		}
		kind := app.StageLost
		if i < 4 {
			kind = app.StageWon
		}
		deals = append(deals, app.DealFact{ID: int64(i + 1), Source: source, StageKind: kind, Amount: app.Major(25000, "EUR")})
	}

	var leads []app.LeadFact
	add := func(n int, status app.LeadStatus) {
		for i := range n {
			source := app.SourceTradeFair
			if i%2 == 1 {
				source = app.SourceReferral
			}
			leads = append(leads, app.LeadFact{ID: int64(len(leads) + 1), Source: source, Status: status})
		}
	}
	add(4, app.LeadConverted)
	add(6, app.LeadQualified)
	add(20, app.LeadDisqualified)
	add(5, app.LeadNew)

	return deals, leads
}

func newTestGoalDialog(t *testing.T) *leadGoalDialog {
	t.Helper()

	a := test.NewTempApp(t)
	window := a.NewWindow("test")
	t.Cleanup(window.Close)
	deals, leads := goalTestFacts()
	d := newLeadGoalDialog(window, newUIQueue().do, errorReporter{window: window, logger: discardLogger()}, "en", deals, leads)
	d.dialog.Show()

	return d
}

func TestLeadGoalDialogPrefills(t *testing.T) {
	d := newTestGoalDialog(t)
	c := d.overall

	cases := []struct {
		input      *goalInput
		text, hint string
	}{
		{c.average, "25000.00", "from 4 deals"},
		{c.winRate, "25", "from 16 deals"},
		{c.leadToOpportunity, "40", "from 10 leads"},
		{c.qualification, "33.33", "from 30 leads"},
	}
	for _, tc := range cases {
		if tc.input.entry.Text != tc.text {
			t.Errorf("%s pre-filled %q, want %q", tc.input.label, tc.input.entry.Text, tc.text)
		}
		if tc.input.hint.Text != tc.hint {
			t.Errorf("%s hint %q, want %q", tc.input.label, tc.input.hint.Text, tc.hint)
		}
	}

	if d.currency.Selected != "EUR" {
		t.Errorf("currency %q, want EUR of the won deals", d.currency.Selected)
	}
	if d.period.Selected != "Quarter" {
		t.Errorf("period %q, want Quarter", d.period.Selected)
	}
}

func TestLeadGoalDialogComputesAsTyped(t *testing.T) {
	d := newTestGoalDialog(t)
	if !d.export.Disabled() {
		t.Error("Export is enabled without a target")
	}

	d.target.SetText("300,000")

	// 300,000 ÷ 25,000 = 12 won; ÷ 25 % = 48; ÷ 40 % = 120; ÷ 33.33 % =
	// 360.04, so 361 leads, and 121 a month over a quarter.
	want := map[string]string{"won": "12", "opportunities": "48", "qualified": "120", "leads": "361", "month": "121"}
	got := map[string]string{"won": d.overall.wonDeals.Text, "opportunities": d.overall.opportunities.Text,
		"qualified": d.overall.qualifiedLeads.Text, "leads": d.overall.leads.Text, "month": d.overall.perMonth.Text}
	for key, text := range want {
		if got[key] != text {
			t.Errorf("%s shows %q, want %q", key, got[key], text)
		}
	}

	if d.problem.Text != "" {
		t.Errorf("problem %q with valid inputs", d.problem.Text)
	}
	if d.export.Disabled() {
		t.Error("Export is disabled with valid inputs")
	}

	d.period.SetSelected("Year")
	if d.overall.perMonth.Text != "31" {
		t.Errorf("leads a month over a year %q, want 31", d.overall.perMonth.Text)
	}
}

func TestLeadGoalDialogBadRateKeepsText(t *testing.T) {
	d := newTestGoalDialog(t)
	d.target.SetText("300000")

	test.Type(d.overall.winRate.entry, "x")
	if d.overall.winRate.entry.Text != "x25" {
		t.Errorf("win rate entry %q, want the typed text kept", d.overall.winRate.entry.Text)
	}
	if !strings.Contains(d.problem.Text, "“x25” is not a percentage") {
		t.Errorf("problem %q does not name the bad text", d.problem.Text)
	}
	if d.overall.leads.Text != "–" {
		t.Errorf("leads show %q for a bad rate, want a dash", d.overall.leads.Text)
	}
	if !d.export.Disabled() {
		t.Error("Export is enabled with a bad rate")
	}
}

func TestLeadGoalDialogZeroRate(t *testing.T) {
	d := newTestGoalDialog(t)
	d.target.SetText("300000")

	d.overall.qualification.entry.SetText("0")
	want := "Qualification rate (All sources): enter a percentage above 0, because at 0 % no number of leads reaches the target."
	if d.problem.Text != want {
		t.Errorf("problem %q, want %q", d.problem.Text, want)
	}

	d.overall.qualification.entry.SetText("101")
	if !strings.Contains(d.problem.Text, "from 0 to 100") {
		t.Errorf("problem %q for 101 %%, want the range", d.problem.Text)
	}
}

func TestLeadGoalDialogMissingHistory(t *testing.T) {
	a := test.NewTempApp(t)
	window := a.NewWindow("test")
	t.Cleanup(window.Close)

	d := newLeadGoalDialog(window, newUIQueue().do, errorReporter{window: window, logger: discardLogger()}, "en", nil, nil)
	if d.overall.winRate.hint.Text != "no history" {
		t.Errorf("win rate hint %q, want no history", d.overall.winRate.hint.Text)
	}

	d.target.SetText("1000")
	if !strings.Contains(d.problem.Text, "Average won deal (All sources): enter an amount above 0.") {
		t.Errorf("problem %q, want the missing average deal first", d.problem.Text)
	}
}

func TestLeadGoalDialogPerSource(t *testing.T) {
	d := newTestGoalDialog(t)
	d.target.SetText("300000")
	d.bySource.SetChecked(true)

	if len(d.columns()) != 2 {
		t.Fatalf("%d source columns, want 2", len(d.columns()))
	}

	// Each source won 2 of the 4 deals, so each carries half the target.
	fair := d.sources[0]
	if fair.share.entry.Text != "50" {
		t.Errorf("share %q, want 50", fair.share.entry.Text)
	}
	if fair.winRate.hint.Text != "from 8 deals" {
		t.Errorf("win rate hint %q, want the source's own count", fair.winRate.hint.Text)
	}
	if d.total.wonDeals.Text != "12" {
		t.Errorf("total won deals %q, want 12", d.total.wonDeals.Text)
	}
	if d.problem.Text != "" {
		t.Errorf("problem %q with shares adding up to 100 %%", d.problem.Text)
	}

	fair.share.entry.SetText("40")
	if d.problem.Text != "The shares of the target add up to 90 %, not 100 %." {
		t.Errorf("problem %q, want the share sum", d.problem.Text)
	}
}

func TestLeadGoalDialogExportsSheet(t *testing.T) {
	d := newTestGoalDialog(t)
	d.target.SetText("300000")
	d.overall.winRate.entry.SetText("34.75")

	sheet, ok := d.sheet()
	if !ok {
		t.Fatalf("no sheet: %q", d.problem.Text)
	}

	path := filepath.Join(t.TempDir(), "goal.xlsx")
	w, err := storage.Writer(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	if err := writeAndClose(w, sheet); err != nil {
		t.Fatal(err)
	}

	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	name := f.GetSheetName(0)
	if name != "Lead goal" {
		t.Errorf("sheet %q, want Lead goal", name)
	}

	leads, err := f.CalcCellValue(name, "B18")
	if err != nil {
		t.Fatal(err)
	}
	if leads != d.overall.leads.Text {
		t.Errorf("the workbook computes %s leads, the dialog shows %s", leads, d.overall.leads.Text)
	}
}

func TestLeadGoalMenuOpensDialog(t *testing.T) {
	store := openStore(t)
	batch := demo.Generate(demo.DefaultSeed, app.DateOf(time.Now()))
	if _, err := store.LoadDemo(context.Background(), batch, nil); err != nil {
		t.Fatal(err)
	}

	m, queue := openLeadsTab(t, store)
	before := len(m.window.Canvas().Overlays().List())
	m.openLeadGoals()
	queue.waitFor(t, "the lead goal dialog", func() bool {
		return len(m.window.Canvas().Overlays().List()) > before
	})

	if !findLabel(m.window.Canvas().Overlays().Top(), "Leads needed") {
		t.Error("the dialog shows no Leads needed row")
	}
}

func TestRateTextByLanguage(t *testing.T) {
	cases := []struct {
		text, language string
		want           app.Rate
	}{
		{"23.5", "en", 2350},
		{"23,5", "de", 2350},
		{"23,53 %", "de", 2353},
		{"100", "de", 10000},
	}
	for _, c := range cases {
		got, err := parseRate(c.text, c.language)
		if err != nil || got != c.want {
			t.Errorf("parseRate(%q, %s) = %d, %v; want %d", c.text, c.language, got, err, c.want)
		}
	}

	for _, bad := range []struct{ text, language string }{{"23,5", "en"}, {"23.5", "de"}, {"", "de"}} {
		if _, err := parseRate(bad.text, bad.language); err == nil {
			t.Errorf("parseRate(%q, %s) accepted", bad.text, bad.language)
		}
	}

	if got := formatRate(2350, "de"); got != "23,5" {
		t.Errorf("formatRate(2350, de) = %q, want 23,5", got)
	}
	if got := formatRate(10000, "en"); got != "100" {
		t.Errorf("formatRate(10000, en) = %q, want 100", got)
	}
}
