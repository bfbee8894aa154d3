package ui

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"leadwerk/app"
	"leadwerk/app/demo"
	"leadwerk/charts"
	"leadwerk/data"
)

// openReportsTab opens the window on the demo data, changed by prepare
// if given, selects the Reports tab and waits for its first figures.
func openReportsTab(t *testing.T, prepare ...func(*data.Store)) (*mainWindow, *reportsScreen, *uiQueue, *data.Store) {
	t.Helper()

	store := openStore(t)
	batch := demo.Generate(demo.DefaultSeed, app.DateOf(time.Now()))
	if _, err := store.LoadDemo(context.Background(), batch, nil); err != nil {
		t.Fatal(err)
	}

	for _, p := range prepare {
		p(store)
	}

	m, queue := openWindow(t, store)
	queue.waitFor(t, "the tabs", func() bool { return m.window.Content() == m.tabs })

	screen := findReportsScreen(t, m)
	m.selectTab(screen)
	waitForReports(t, screen, queue)

	return m, screen, queue, store
}

func findReportsScreen(t *testing.T, m *mainWindow) *reportsScreen {
	t.Helper()

	for _, item := range m.tabs.Items {
		if screen, ok := item.Content.(*reportsScreen); ok {
			return screen
		}
	}

	t.Fatal("the window has no Reports tab")
	return nil
}

// waitForReports waits until the render started last has landed.
func waitForReports(t *testing.T, s *reportsScreen, queue *uiQueue) {
	t.Helper()

	queue.waitFor(t, "the reports", func() bool {
		return s.ctx != nil && s.status.Text != lang.L("Updating the reports…") && s.status.Text != lang.L("Loading…") &&
			s.last.charts[sectionStages].image != nil
	})
}

// selectOption picks option in a Select as a person would.
func selectOption(t *testing.T, options []string, choose func(string), option string) {
	t.Helper()

	for _, o := range options {
		if o == option {
			choose(o)
			return
		}
	}

	t.Fatalf("option %q not offered in %q", option, options)
}

// closedCounts counts the deals of pipelineID that owner (or every owner
// for "") won and lost within period, straight from the facts.
func closedCounts(t *testing.T, store *data.Store, pipelineID int64, owner string, period app.Period) (won, lost int) {
	t.Helper()

	facts, err := store.DealFacts(context.Background(), app.ReportFilter{})
	if err != nil {
		t.Fatal(err)
	}

	for _, d := range facts {
		if d.PipelineID != pipelineID || (owner != "" && d.Owner != owner) {
			continue
		}
		if d.ClosedOn.IsZero() || d.ClosedOn.Before(period.From) || period.To.Before(d.ClosedOn) {
			continue
		}

		switch d.StageKind {
		case app.StageWon:
			won++
		case app.StageLost:
			lost++
		}
	}

	return won, lost
}

func closedText(won, lost int) string {
	return app.FormatCount(won, "en") + " won, " + app.FormatCount(lost, "en") + " lost"
}

func TestReportsShowDemoFigures(t *testing.T) {
	_, s, queue, store := openReportsTab(t)
	s.filters.period.SetSelected(presetLast12Months.label())
	waitForReports(t, s, queue)

	period := presetLast12Months.period(app.DateOf(time.Now()))
	won, lost := closedCounts(t, store, s.settings.pipelineID, "", period)
	if won+lost == 0 {
		t.Fatal("the demo data has no deal closed in the last 12 months, so the test checks nothing")
	}

	if got, want := s.kpis.winRate.basis.Text, closedText(won, lost); got != want {
		t.Errorf("win rate basis = %q, want %q", got, want)
	}

	pipeline, _ := s.selectedPipeline()
	open := 0
	for _, stage := range pipeline.Stages {
		if stage.Kind == app.StageOpen {
			open++
		}
	}
	if got := len(s.last.tables[sectionStages].rows); got < open {
		t.Errorf("stage table has %d rows, want one for each of the %d open stages", got, open)
	}

	for i, c := range s.last.charts {
		if c.image == nil || c.image.Bounds().Dx() != reportChartWidth {
			t.Errorf("chart %d was not rendered at %d pixels wide", i, reportChartWidth)
		}
	}

	if !strings.Contains(s.status.Text, app.FormatDate(period.From, "en")) {
		t.Errorf("status %q does not name the period's first day %s", s.status.Text, period.From)
	}
}

func TestReportsOwnerFilterChangesFigures(t *testing.T) {
	_, s, queue, store := openReportsTab(t)
	s.filters.period.SetSelected(presetLast12Months.label())
	waitForReports(t, s, queue)
	allOwners := s.kpis.winRate.basis.Text
	period := presetLast12Months.period(app.DateOf(time.Now()))

	if len(s.filters.owner.Options) < 3 {
		t.Fatalf("owner picker offers %q, want all owners and at least two owners", s.filters.owner.Options)
	}

	owner := s.filters.owner.Options[1]
	selectOption(t, s.filters.owner.Options, s.filters.owner.SetSelected, owner)
	waitForReports(t, s, queue)

	won, lost := closedCounts(t, store, s.settings.pipelineID, owner, period)
	if got, want := s.kpis.winRate.basis.Text, closedText(won, lost); got != want {
		t.Errorf("win rate basis for %s = %q, want %q", owner, got, want)
	}

	if s.kpis.winRate.basis.Text == allOwners {
		t.Errorf("win rate basis stayed %q after choosing owner %s", allOwners, owner)
	}

	s.filters.owner.SetSelected(lang.L("All owners"))
	waitForReports(t, s, queue)
	if got := s.kpis.winRate.basis.Text; got != allOwners {
		t.Errorf("win rate basis for all owners = %q, want %q again", got, allOwners)
	}
}

func TestReportsCurrencyPicker(t *testing.T) {
	_, s, queue, _ := openReportsTab(t)
	if len(s.filters.currency.Options) < 2 {
		t.Skipf("the demo pipeline has deals in %q only", s.filters.currency.Options)
	}

	if !s.filters.currency.Visible() {
		t.Error("currency picker is hidden although the deals have several currencies")
	}

	other := s.filters.currency.Options[0]
	if other == s.settings.currency {
		other = s.filters.currency.Options[1]
	}
	s.filters.currency.SetSelected(other)
	waitForReports(t, s, queue)

	series, ok := s.last.charts[sectionStages].chart.(charts.StageSeries)
	if !ok {
		t.Fatalf("stage chart is a %T", s.last.charts[sectionStages].chart)
	}

	if series.Currency != other {
		t.Errorf("stage chart currency = %s, want %s", series.Currency, other)
	}

	if !strings.HasSuffix(series.Title, other) {
		t.Errorf("stage chart title %q does not name the currency %s", series.Title, other)
	}
}

func TestReportsExportWritesPNGAndSVG(t *testing.T) {
	_, s, queue, _ := openReportsTab(t)
	dir := t.TempDir()

	for _, section := range s.sections {
		for _, format := range []charts.Format{charts.PNG, charts.SVG} {
			path := filepath.Join(dir, section.fileName+"."+format.String())
			w, err := storage.Writer(storage.NewFileURI(path))
			if err != nil {
				t.Fatal(err)
			}

			s.saveChart(section.rendered, format, w)
			queue.waitFor(t, "the saved "+path, func() bool { return strings.Contains(s.status.Text, path) })
		}

		checkExportedPNG(t, filepath.Join(dir, section.fileName+".png"), section.rendered)
		checkExportedSVG(t, filepath.Join(dir, section.fileName+".svg"))
	}
}

func checkExportedPNG(t *testing.T, path string, rendered renderedChart) {
	t.Helper()

	content, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	img, err := png.Decode(bytes.NewReader(content))
	if err != nil {
		t.Fatalf("%s is not a PNG: %v", path, err)
	}

	want := image.Pt(rendered.width*exportScale, rendered.height*exportScale)
	if got := img.Bounds().Size(); got != want {
		t.Errorf("%s is %v, want %v", path, got, want)
	}
}

func checkExportedSVG(t *testing.T, path string) {
	t.Helper()

	content, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	decoder := xml.NewDecoder(bytes.NewReader(content))
	root := ""
	for {
		token, err := decoder.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", path, err)
		}
		if start, ok := token.(xml.StartElement); ok && root == "" {
			root = start.Name.Local
		}
	}

	if root != "svg" {
		t.Errorf("%s starts with <%s>, want <svg>", path, root)
	}
}

func TestReportsNewFilterCancelsRender(t *testing.T) {
	_, s, queue, _ := openReportsTab(t)

	s.onSettingsChanged(func(settings *reportSettings) { settings.preset = presetThisYear })
	first := s.ctx
	generation := s.generation
	s.onSettingsChanged(func(settings *reportSettings) { settings.preset = presetLast12Months })

	if !errors.Is(first.Err(), context.Canceled) {
		t.Errorf("first render's context error = %v, want context.Canceled", first.Err())
	}

	if s.generation == generation {
		t.Error("second change did not start a new generation")
	}

	waitForReports(t, s, queue)
	want := presetLast12Months.period(app.DateOf(time.Now()))
	if s.last.period != want {
		t.Errorf("shown period = %v, want the last change's %v", s.last.period, want)
	}
}

func TestReportsCustomPeriod(t *testing.T) {
	_, s, queue, _ := openReportsTab(t)
	s.filters.period.SetSelected(presetCustom.label())

	if !s.filters.custom.Visible() {
		t.Fatal("custom date fields are hidden after choosing custom dates")
	}

	test.Type(s.filters.from, "x")
	queue.waitFor(t, "the date problem", func() bool { return strings.Contains(s.status.Text, "YYYY-MM-DD") })
	if !strings.Contains(s.filters.from.Text, "x") {
		t.Errorf("from field = %q, want the typed text kept", s.filters.from.Text)
	}

	s.filters.from.SetText("2026-03-01")
	s.filters.to.SetText("2026-02-01")
	queue.waitFor(t, "the order problem", func() bool { return s.status.Text == lang.L("The last day lies before the first day. Swap the dates.") })

	s.filters.to.SetText("2026-03-31")
	queue.waitFor(t, "the custom period", func() bool {
		return s.last.period == app.Period{From: app.Date{Year: 2026, Month: 3, Day: 1}, To: app.Date{Year: 2026, Month: 3, Day: 31}}
	})
}

// markIdleAfterOneDay sets every open stage's idle threshold to one day,
// so the demo deals that entered their stage before yesterday are idle.
func markIdleAfterOneDay(t *testing.T) func(*data.Store) {
	return func(store *data.Store) {
		ctx := context.Background()
		pipelines, err := store.Pipelines(ctx)
		if err != nil {
			t.Fatal(err)
		}

		for _, p := range pipelines {
			for i := range p.Stages {
				if p.Stages[i].Kind == app.StageOpen {
					p.Stages[i].IdleDays = 1
				}
			}
			if _, err := store.UpdatePipeline(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestReportsIdleDealOpensOpportunity(t *testing.T) {
	m, s, queue, _ := openReportsTab(t, markIdleAfterOneDay(t))
	if len(s.idle.titles) == 0 {
		t.Fatal("no deal is idle after one day in its stage")
	}
	if got := s.idle.titles[0].Text; got != s.last.idle[0].Title {
		t.Errorf("first idle title = %q, want %q", got, s.last.idle[0].Title)
	}

	id := s.last.idle[0].ID
	// A link reacts only to a tap on its text, not on its padding.
	link := s.idle.titles[0]
	test.TapAt(link, fyne.NewPos(theme.InnerPadding()+4, link.Size().Height/2))

	if m.tabs.Selected().Content != m.opportunities.content {
		t.Error("tapping an idle deal did not select the Opportunities tab")
	}

	queue.waitFor(t, "the deal's detail", func() bool { return m.opportunities.detail.deal.ID == id })
}

func TestPeriodPresets(t *testing.T) {
	today := app.Date{Year: 2026, Month: 5, Day: 17}
	day := func(month, d int) app.Date { return app.Date{Year: 2026, Month: time.Month(month), Day: d} }
	cases := map[periodPreset]app.Period{
		presetThisMonth:    {From: day(5, 1), To: day(5, 31)},
		presetThisQuarter:  {From: day(4, 1), To: day(6, 30)},
		presetThisYear:     {From: day(1, 1), To: day(12, 31)},
		presetLast12Months: {From: app.Date{Year: 2025, Month: 6, Day: 1}, To: day(5, 31)},
		presetCustom:       {},
	}

	for preset, want := range cases {
		if got := preset.period(today); got != want {
			t.Errorf("%s on %s = %v, want %v", preset.label(), today, got, want)
		}
	}

	december := app.Date{Year: 2026, Month: 12, Day: 3}
	if got, want := presetThisQuarter.period(december), (app.Period{From: day(10, 1), To: day(12, 31)}); got != want {
		t.Errorf("this quarter on %s = %v, want %v", december, got, want)
	}
}

func TestChooseCurrency(t *testing.T) {
	cases := []struct {
		name       string
		currencies []string
		chosen     string
		pipeline   string
		want       string
	}{
		{"keeps the chosen one", []string{"CHF", "EUR"}, "CHF", "EUR", "CHF"},
		{"falls back to the pipeline's", []string{"CHF", "EUR"}, "USD", "EUR", "EUR"},
		{"takes the first without the pipeline's", []string{"CHF", "GBP"}, "", "EUR", "CHF"},
		{"keeps the pipeline's without deals", nil, "", "EUR", "EUR"},
	}

	for _, c := range cases {
		if got := chooseCurrency(c.currencies, c.chosen, c.pipeline); got != c.want {
			t.Errorf("%s: chooseCurrency = %s, want %s", c.name, got, c.want)
		}
	}
}
