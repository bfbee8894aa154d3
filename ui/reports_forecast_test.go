package ui

import (
	"context"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/data"
)

// waitForRange waits until the range of the figures shown last has been
// simulated.
func waitForRange(t *testing.T, s *reportsScreen, queue *uiQueue) {
	t.Helper()

	waitForReports(t, s, queue)
	queue.waitFor(t, "the simulated range", func() bool { return s.history.simulated })
}

// gridTexts returns the texts of a table laid out by tableObject, one
// slice per row, the headings first.
func gridTexts(t *testing.T, table *fyne.Container) [][]string {
	t.Helper()

	grid, ok := table.Objects[0].(*fyne.Container)
	if !ok {
		t.Fatalf("table shows a %T, not a grid", table.Objects[0])
	}

	columns := 0
	for columns < len(grid.Objects) && grid.Objects[columns].(*widget.Label).TextStyle.Bold {
		columns++
	}

	var rows [][]string
	for i := 0; i < len(grid.Objects); i += columns {
		var row []string
		for _, o := range grid.Objects[i : i+columns] {
			row = append(row, o.(*widget.Label).Text)
		}
		rows = append(rows, row)
	}

	return rows
}

// expectedRates computes the historical rates of the selected pipeline
// from the store's facts, with a window of months before today.
func expectedRates(t *testing.T, s *reportsScreen, store *data.Store, months int) app.PipelineRates {
	t.Helper()

	pipeline, _ := s.selectedPipeline()
	facts, err := store.DealFacts(context.Background(), app.ReportFilter{PipelineID: pipeline.ID})
	if err != nil {
		t.Fatal(err)
	}

	now := time.Now()
	window := app.Period{From: app.DateOf(now.AddDate(0, -months, 0)), To: app.DateOf(now.AddDate(0, 0, -1))}

	return app.HistoricalRates(pipeline, facts, window)
}

// checkRateRows compares the shown rate table with rates.
func checkRateRows(t *testing.T, s *reportsScreen, rates app.PipelineRates) {
	t.Helper()

	rows := gridTexts(t, s.history.rates)
	if got, want := len(rows)-1, len(rates.Stages); got != want {
		t.Fatalf("rate table has %d stages, want %d", got, want)
	}

	for i, r := range rates.Stages {
		row := rows[i+1]
		rate := "too few deals (" + strconv.Itoa(r.Reached) + ")"
		if r.Reached >= app.MinRateDeals {
			rate = strconv.Itoa(int(math.Round(100*float64(r.Won)/float64(r.Reached)))) + "%"
		}

		want := []string{r.Stage.Name, strconv.Itoa(r.Stage.Probability) + "%", rate, strconv.Itoa(r.Reached), strconv.Itoa(r.Won)}
		if !slices.Equal(row, want) {
			t.Errorf("rate row %d = %q, want %q", i, row, want)
		}
	}
}

func TestReportsHistoryRatesMatchApp(t *testing.T) {
	_, s, queue, store := openReportsTab(t)
	waitForRange(t, s, queue)

	rates := expectedRates(t, s, store, app.DefaultLookBackMonths)
	if len(rates.Stages) == 0 || !rates.Stages[0].Enough() {
		t.Fatalf("demo pipeline's first stage rate %+v rests on too few deals to test", rates.Stages)
	}

	checkRateRows(t, s, rates)
}

func TestReportsHistoryLookBackChangesRates(t *testing.T) {
	_, s, queue, store := openReportsTab(t)
	waitForRange(t, s, queue)
	before := gridTexts(t, s.history.rates)

	selectOption(t, s.history.lookBack.Options, s.history.lookBack.SetSelected, "Rates from the last 6 months")
	waitForRange(t, s, queue)

	if s.settings.lookBackMonths != 6 {
		t.Errorf("look-back = %d months, want 6", s.settings.lookBackMonths)
	}
	checkRateRows(t, s, expectedRates(t, s, store, 6))
	if after := gridTexts(t, s.history.rates); slices.EqualFunc(before, after, slices.Equal) {
		t.Errorf("rate table stayed %q after choosing 6 months", after)
	}

	selectOption(t, s.history.lookBack.Options, s.history.lookBack.SetSelected, "Rates from all closed deals")
	waitForRange(t, s, queue)
	if !strings.HasPrefix(s.history.window.Text, "Share of all deals closed up to ") {
		t.Errorf("window text = %q, want all closed deals", s.history.window.Text)
	}
}

// serviceBatch is a second pipeline whose three deals closed last week:
// two won, and one lost after its first stage.
func serviceBatch() app.ImportBatch {
	now := time.Now().UTC()
	entered := now.AddDate(0, 0, -30)
	closed := now.AddDate(0, 0, -7)
	euro := func(minor int64) app.Money { return app.Money{Minor: minor, Currency: "EUR"} }
	batch := app.ImportBatch{Source: "test", Pipeline: app.Pipeline{Name: "Service", Currency: "EUR", Stages: []app.Stage{
		{Name: "Request", Probability: 30, Kind: app.StageOpen},
		{Name: "Quote", Probability: 70, Kind: app.StageOpen},
		{Name: "Won", Probability: 100, Kind: app.StageWon},
		{Name: "Lost", Probability: 0, Kind: app.StageLost},
	}}}

	for i, stage := range []string{"Won", "Won", "Lost"} {
		deal := app.OpportunityImport{
			Opportunity: app.Opportunity{Title: "Service " + strconv.Itoa(i), Amount: euro(100000), Owner: "Anna",
				CloseDate: app.DateOf(closed), SourceRef: "service:" + strconv.Itoa(i)},
			Stage: stage,
			History: []app.StageChangeImport{
				{To: "Request", At: entered, Amount: euro(100000), Probability: 30},
				{From: "Request", To: stage, At: closed, Amount: euro(100000), Probability: 0},
			},
		}
		batch.Opportunities = append(batch.Opportunities, deal)
	}

	return batch
}

func TestReportsHistoryTooFewDeals(t *testing.T) {
	importService := func(store *data.Store) {
		if _, err := store.Import(context.Background(), serviceBatch(), nil); err != nil {
			t.Fatal(err)
		}
	}
	_, s, queue, store := openReportsTab(t, importService)

	selectOption(t, s.filters.pipeline.Options, s.filters.pipeline.SetSelected, "Service")
	waitForReports(t, s, queue)

	rates := expectedRates(t, s, store, app.DefaultLookBackMonths)
	if got := rates.Stages[0].Reached; got != 3 {
		t.Fatalf("service pipeline's first stage reached by %d deals, want the batch's 3", got)
	}
	checkRateRows(t, s, rates)

	rows := gridTexts(t, s.history.rates)
	if got := rows[1][2]; got != "too few deals (3)" {
		t.Errorf("first stage's rate = %q, want too few deals (3)", got)
	}
	if got := rows[2][2]; got != "too few deals (2)" {
		t.Errorf("second stage's rate = %q, want too few deals (2)", got)
	}

	want := "No open deal in EUR is expected to close in this period."
	if text := labelText(s.history.totals); text != want {
		t.Errorf("forecast = %q, want %q", text, want)
	}
}

// labelText returns the text of a container that shows one label.
func labelText(c *fyne.Container) string {
	if label, ok := c.Objects[0].(*widget.Label); ok {
		return label.Text
	}

	return ""
}

func TestReportsHistoryRangeMatchesApp(t *testing.T) {
	_, s, queue, store := openReportsTab(t)
	waitForRange(t, s, queue)

	pipeline, _ := s.selectedPipeline()
	facts, err := store.DealFacts(context.Background(), app.ReportFilter{PipelineID: pipeline.ID})
	if err != nil {
		t.Fatal(err)
	}

	now := time.Now()
	today := app.DateOf(now)
	forecast := app.ForecastPeriod([]app.Pipeline{pipeline}, facts, app.ForecastOptions{
		Period: presetThisQuarter.period(today), Today: today,
		Window: app.Period{From: app.DateOf(now.AddDate(0, -12, 0)), To: app.DateOf(now.AddDate(0, 0, -1))},
	})

	var want app.CurrencyForecast
	for _, c := range forecast.Currencies {
		if c.Currency == s.settings.currency {
			want = c
		}
	}
	if want.Deals == 0 {
		t.Fatalf("no open demo deal in %s is expected to close this quarter", s.settings.currency)
	}

	got := s.last.history.forecast
	if got != want {
		t.Errorf("forecast = %+v, want %+v", got, want)
	}

	r := got.Range
	if r.P10.Minor > r.P50.Minor || r.P50.Minor > r.P90.Minor {
		t.Errorf("range %d / %d / %d is not in order", r.P10.Minor, r.P50.Minor, r.P90.Minor)
	}

	rows := gridTexts(t, s.history.totals)
	wantRow := []string{
		strconv.Itoa(want.Deals), app.FormatMoney(want.Weighted, "en"), app.FormatMoney(want.Historical, "en"),
		app.FormatMoney(r.P10, "en"), app.FormatMoney(r.P50, "en"), app.FormatMoney(r.P90, "en"),
	}
	if !slices.Equal(rows[1], wantRow) {
		t.Errorf("forecast row = %q, want %q", rows[1], wantRow)
	}

	spread := "In 8 of 10 simulated outcomes the won revenue lies between " + app.FormatMoney(r.P10, "en") +
		" and " + app.FormatMoney(r.P90, "en") + "."
	if !strings.HasPrefix(s.history.spread.Text, spread) {
		t.Errorf("spread = %q, want it to start with %q", s.history.spread.Text, spread)
	}
	if !strings.Contains(s.history.note.Text, "independent") {
		t.Errorf("note = %q, want the independence of deals stated", s.history.note.Text)
	}
}

func TestReportsHistoryRangePlaceholder(t *testing.T) {
	_, s, queue, _ := openReportsTab(t)
	waitForRange(t, s, queue)

	history := s.last.history
	history.forecast.Range = app.RevenueRange{}
	s.history.fill(history, "en")

	if s.history.simulated {
		t.Error("section counts a zero range as simulated")
	}
	if got := s.history.spread.Text; got != "Simulating the range…" {
		t.Errorf("spread = %q, want the placeholder", got)
	}
	if row := gridTexts(t, s.history.totals)[1]; !slices.Equal(row[3:], []string{"…", "…", "…"}) {
		t.Errorf("range cells = %q, want placeholders", row[3:])
	}
}

func TestSimulationRunsCapDraws(t *testing.T) {
	cases := map[int]int{0: app.SimulationRuns, 30: app.SimulationRuns, 2_000: app.SimulationRuns, 4_000: 5_000, 20_000: 1_000, 100_000: 1_000}
	for deals, want := range cases {
		if got := simulationRuns(deals); got != want {
			t.Errorf("simulationRuns(%d) = %d, want %d", deals, got, want)
		}
	}
}

func TestReportChoicesMatchFacts(t *testing.T) {
	_, _, _, store := openReportsTab(t)
	ctx := context.Background()

	fromQuery, err := loadReportOptions(ctx, store)
	if err != nil {
		t.Fatal(err)
	}
	fromFacts, err := choicesFromFacts(ctx, store, reportOptions{})
	if err != nil {
		t.Fatal(err)
	}

	slices.Sort(fromFacts.pipelinesWithDeals)
	if !slices.Equal(fromQuery.pipelinesWithDeals, fromFacts.pipelinesWithDeals) {
		t.Errorf("pipelines with deals = %v, want %v", fromQuery.pipelinesWithDeals, fromFacts.pipelinesWithDeals)
	}
	if !slices.Equal(fromQuery.owners, fromFacts.owners) {
		t.Errorf("owners = %q, want %q", fromQuery.owners, fromFacts.owners)
	}
	if !slices.Equal(fromQuery.sources, fromFacts.sources) {
		t.Errorf("sources = %q, want %q", fromQuery.sources, fromFacts.sources)
	}
}
