package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// lookBackChoices are the look-back windows of the historical rates in
// months, in the order the picker lists them. allClosedDeals is the
// choice of every closed deal.
var lookBackChoices = []int{6, 12, 24, allClosedDeals}

const allClosedDeals = 0

// firstDay is the start of the look-back window "all closed deals",
// because a period without a first day contains no day.
var firstDay = app.Date{Year: 1, Month: time.January, Day: 1}

// The simulation's cost grows with deals × runs: BenchmarkHistoryForecast
// took about 0.4 s of CPU time for 20,000 deals × 1,000 runs on a 2-core
// AMD EPYC virtual machine, so 10,000 runs would take seconds. Above
// maxSimulationDraws it plays out fewer runs, but at least
// minSimulationRuns, which keeps P10 and P90 100 runs away from the ends.
const (
	maxSimulationDraws = 20_000_000
	minSimulationRuns  = 1_000
)

// historyForecast is the "Forecast from history" of one render, for the
// chosen pipeline, period and currency. Its range is simulated after the
// other figures have landed.
type historyForecast struct {
	period   app.Period
	window   app.Period
	currency string
	rates    app.PipelineRates
	// forecast is the chosen currency's forecast, with a zero Range until
	// the simulation has run.
	forecast app.CurrencyForecast
	// options and deals are the input of the simulation, and expected
	// counts its open deals in every currency.
	options  app.ForecastOptions
	expected int
	deals    []app.DealFact
}

// forecastFromHistory computes the historical stage rates and the
// weighted forecasts of request's pipeline and period in currency. It
// leaves the simulation to [simulateHistoryRange].
func forecastFromHistory(request reportRequest, deals []app.DealFact, currency string) historyForecast {
	options := app.ForecastOptions{
		Period: request.period,
		Today:  request.today,
		Window: lookBackWindow(request.settings.lookBackMonths, request.today),
	}

	// One run keeps the simulation inside ForecastPeriod trivial. Its
	// range is dropped.
	quick := options
	quick.Runs = 1
	forecast := app.ForecastPeriod([]app.Pipeline{request.pipeline}, deals, quick)

	history := historyForecast{
		period: options.Period, window: options.Window, currency: currency,
		rates: forecast.Rates[0], options: options, deals: deals,
	}
	history.forecast = currencyForecast(forecast, currency)
	history.forecast.Range = app.RevenueRange{}
	for _, c := range forecast.Currencies {
		history.expected += c.Deals
	}
	history.options.Runs = simulationRuns(history.expected)

	return history
}

// simulationRuns returns how many runs the simulation of deals plays out.
func simulationRuns(deals int) int {
	if deals == 0 {
		return app.SimulationRuns
	}

	return min(app.SimulationRuns, max(minSimulationRuns, maxSimulationDraws/deals))
}

// simulateHistoryRange returns the simulated range of the chosen
// currency's won revenue. It plays out the open deals of every currency
// in the pipeline, as "leadwerk forecast -pipeline NAME" does.
//
// NOTE: above maxSimulationDraws ÷ app.SimulationRuns (2,000) expected
// deals it plays out fewer runs than the command, so its range can differ
// from the command's by the noise of sampling.
func simulateHistoryRange(history historyForecast) app.RevenueRange {
	forecast := app.ForecastPeriod([]app.Pipeline{history.rates.Pipeline}, history.deals, history.options)

	return currencyForecast(forecast, history.currency).Range
}

// currencyForecast returns the forecast of currency, or an empty one when
// no open deal in it is expected to close in the period.
func currencyForecast(forecast app.Forecast, currency string) app.CurrencyForecast {
	for _, c := range forecast.Currencies {
		if c.Currency == currency {
			return c
		}
	}

	return app.CurrencyForecast{Currency: currency}
}

// lookBackWindow returns the closed days that the historical rates learn
// from: the given number of months up to yesterday, or every day up to
// yesterday for allClosedDeals. It counts months like time.AddDate, as
// "leadwerk forecast -lookback" does.
func lookBackWindow(months int, today app.Date) app.Period {
	day := time.Date(today.Year, today.Month, today.Day, 0, 0, 0, 0, time.UTC)
	yesterday := app.DateOf(day.AddDate(0, 0, -1))
	if months == allClosedDeals {
		return app.Period{From: firstDay, To: yesterday}
	}

	return app.Period{From: app.DateOf(day.AddDate(0, -months, 0)), To: yesterday}
}

// simulateRange simulates the history forecast's range after the other
// figures of generation have landed, and shows it unless a newer request
// has cancelled ctx. It runs last so that the simulation of a large
// pipeline holds back no other figure.
//
// NOTE: app.SimulateWonRevenue takes no context, so a cancelled
// simulation runs to its end and only its result is dropped.
func (s *reportsScreen) simulateRange(ctx context.Context, generation int, history historyForecast) {
	if ctx.Err() != nil || history.forecast.Deals == 0 {
		return
	}

	simulated := simulateHistoryRange(history)
	if ctx.Err() != nil {
		return
	}

	s.do(func() { s.onRangeSimulated(generation, simulated) })
}

func (s *reportsScreen) onRangeSimulated(generation int, simulated app.RevenueRange) {
	if generation != s.generation {
		return
	}

	s.last.history.forecast.Range = simulated
	s.history.showRange(s.last.history, s.language)
}

// historySection is the "Forecast from history" part of the Reports tab:
// the look-back picker, the stage rates beside the default probabilities,
// and the period's forecasts with the simulated range.
type historySection struct {
	screen   *reportsScreen
	lookBack *widget.Select
	window   *widget.Label
	rates    *fyne.Container
	heading  *widget.Label
	totals   *fyne.Container
	// spread explains the range in words, and note states what the
	// simulation assumes.
	spread  *widget.Label
	note    *widget.Label
	content fyne.CanvasObject
	// simulated is true once the range of the shown figures has landed.
	simulated bool
}

func newHistorySection(s *reportsScreen) *historySection {
	h := &historySection{screen: s, window: widget.NewLabel(""), rates: container.NewStack(),
		heading: headingLabel(""), totals: container.NewStack(), spread: widget.NewLabel(""), note: widget.NewLabel("")}
	h.lookBack = h.newLookBackPicker()
	h.spread.Wrapping = fyne.TextWrapWord
	h.note.Wrapping = fyne.TextWrapWord
	h.note.TextStyle.Italic = true

	header := container.NewBorder(nil, nil, sectionHeading(lang.L("Forecast from history")), fixedWidth(h.lookBack, 260))
	h.content = container.NewVBox(widget.NewSeparator(), header, h.window, h.rates, h.heading, h.totals, h.spread, h.note)

	return h
}

func (h *historySection) newLookBackPicker() *widget.Select {
	labels := make([]string, len(lookBackChoices))
	months := map[string]int{}
	for i, choice := range lookBackChoices {
		labels[i] = lookBackLabel(choice)
		months[labels[i]] = choice
	}

	picker := newSelect(labels, func(label string) {
		h.screen.onSettingsChanged(func(settings *reportSettings) { settings.lookBackMonths = months[label] })
	})
	picker.Selected = lookBackLabel(h.screen.settings.lookBackMonths)

	return picker
}

func lookBackLabel(months int) string {
	if months == allClosedDeals {
		return lang.L("Rates from all closed deals")
	}

	return lang.X("reports.history.lookback", "Rates from the last {{.Months}} months", map[string]any{"Months": months})
}

// fill shows the rates and forecasts of history, with a placeholder for
// the range until it is simulated.
func (h *historySection) fill(history historyForecast, language string) {
	h.window.SetText(lang.X("reports.history.window",
		"Share of the deals closed {{.From}} – {{.To}} that reached each stage and were won",
		map[string]any{"From": app.FormatDate(history.window.From, language), "To": app.FormatDate(history.window.To, language)}))
	if history.window.From == firstDay {
		h.window.SetText(lang.X("reports.history.window_all",
			"Share of all deals closed up to {{.To}} that reached each stage and were won",
			map[string]any{"To": app.FormatDate(history.window.To, language)}))
	}

	h.rates.Objects = []fyne.CanvasObject{tableObject(rateTable(history.rates, language))}
	h.rates.Refresh()

	h.heading.SetText(lang.X("reports.history.period", "Won revenue {{.From}} – {{.To}} · {{.Currency}}", map[string]any{
		"From": app.FormatDate(history.period.From, language), "To": app.FormatDate(history.period.To, language),
		"Currency": history.currency,
	}))
	h.simulated = false
	h.showRange(history, language)
}

// showRange shows the forecasts of history with its range, or a
// placeholder in place of a range that is not simulated yet.
func (h *historySection) showRange(history historyForecast, language string) {
	forecast := history.forecast
	if forecast.Deals == 0 {
		h.totals.Objects = []fyne.CanvasObject{widget.NewLabel(lang.X("reports.history.no_deals",
			"No open deal in {{.Currency}} is expected to close in this period.", map[string]any{"Currency": history.currency}))}
		h.totals.Refresh()
		h.spread.SetText("")
		h.note.SetText("")
		return
	}

	// SimulateWonRevenue names the currency of every range it returns.
	h.simulated = forecast.Range.Currency != ""
	h.totals.Objects = []fyne.CanvasObject{tableObject(totalsTable(forecast, h.simulated, language))}
	h.totals.Refresh()
	h.note.SetText(lang.L("The simulation treats every deal as independent. Deals that are won or lost together, such as several with one customer, make the real range wider."))
	if !h.simulated {
		h.spread.SetText(lang.L("Simulating the range…"))
		return
	}

	h.spread.SetText(lang.X("reports.history.spread",
		"In 8 of 10 simulated outcomes the won revenue lies between {{.P10}} and {{.P90}}. Half of them bring at most {{.P50}}.",
		map[string]any{
			"P10": app.FormatMoney(forecast.Range.P10, language), "P50": app.FormatMoney(forecast.Range.P50, language),
			"P90": app.FormatMoney(forecast.Range.P90, language),
		}))
}

// rateTable lists each open stage's default probability beside its
// historical rate, or "too few deals (N)" below [app.MinRateDeals].
func rateTable(rates app.PipelineRates, language string) reportTable {
	table := reportTable{headers: []string{
		lang.L("Stage"), lang.L("Default probability"), lang.L("Historical rate"), lang.L("Closed deals"), lang.L("Won"),
	}}

	for _, r := range rates.Stages {
		rate := lang.X("reports.history.too_few", "too few deals ({{.Count}})",
			map[string]any{"Count": app.FormatCount(r.Reached, language)})
		if r.Enough() {
			rate = formatPercent(r.Rate(), language)
		}

		table.rows = append(table.rows, []string{
			r.Stage.Name, formatPercent(float64(r.Stage.Probability)/100, language), rate,
			app.FormatCount(r.Reached, language), app.FormatCount(r.Won, language),
		})
	}

	return table
}

// totalsTable is one row: the open deals, both weighted forecasts and,
// once simulated, P10, P50 and P90.
func totalsTable(forecast app.CurrencyForecast, simulated bool, language string) reportTable {
	table := reportTable{headers: []string{
		lang.L("Open deals"), lang.L("By stage defaults"), lang.L("By historical rates"), "P10", "P50", "P90",
	}}

	row := []string{
		app.FormatCount(forecast.Deals, language),
		app.FormatMoney(forecast.Weighted, language), app.FormatMoney(forecast.Historical, language),
	}
	for _, value := range []app.Money{forecast.Range.P10, forecast.Range.P50, forecast.Range.P90} {
		text := "…"
		if simulated {
			text = app.FormatMoney(value, language)
		}
		row = append(row, text)
	}
	table.rows = [][]string{row}

	return table
}
