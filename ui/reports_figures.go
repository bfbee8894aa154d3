package ui

import (
	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
	"leadwerk/charts"
	"leadwerk/ui/words"
)

// Pixel sizes the report charts are rendered at. A bar list grows by one
// row height per entry, so that long lists stay readable.
const (
	reportChartWidth      = 1000
	reportChartHeight     = 400
	barListBaseHeight     = 110
	barListRowHeight      = 46
	barListMinHeight      = 220
	exportScale           = 2
	reportChartDisplayPct = 90
)

// reportTable is the figures behind one chart, as the text of its cells.
type reportTable struct {
	headers []string
	rows    [][]string
}

// reportFigures computes each chart's input and table from the facts of
// one request. It runs off the UI goroutine.
type reportFigures struct {
	request  reportRequest
	currency string
	deals    []app.DealFact
	leads    []app.LeadFact
	// forecastSums sum the deals of the same filter for the forecast by month.
	forecastSums []app.ForecastMonthSum
}

func (f reportFigures) money(minor int64) string {
	return app.FormatMoney(app.Money{Minor: minor, Currency: f.currency}, f.request.language)
}

func (f reportFigures) count(n int) string {
	return app.FormatCount(n, f.request.language)
}

// stages returns the open deals per stage in the chosen currency. A stage
// whose deals are all in other currencies shows zero.
func (f reportFigures) stages() (charts.Chart, reportTable, int) {
	series := charts.StageSeries{
		Title:         f.request.pipeline.Name + " · " + f.currency,
		Currency:      f.currency,
		Language:      f.request.language,
		AmountLabel:   lang.L("Open amount"),
		WeightedLabel: lang.L("Weighted amount"),
		EmptyLabel:    lang.L("No open deals"),
		CountNote: func(n int) string {
			return lang.XN("reports.deals", "{{.Count}} deals", n, map[string]any{"Count": n})
		},
	}
	table := reportTable{headers: []string{lang.L("Stage"), lang.L("Open deals"), lang.L("Open amount"), lang.L("Weighted amount")}}

	index := map[int64]int{}
	for _, figure := range app.PipelineByStage(f.request.pipeline, f.deals) {
		i, ok := index[figure.Stage.ID]
		if !ok {
			// Deals outside the pipeline's open stages get a bar only
			// when some are in the chosen currency.
			if figure.Stage.ID == 0 && figure.Amount.Currency != f.currency {
				continue
			}

			i = len(series.Stages)
			index[figure.Stage.ID] = i
			series.Stages = append(series.Stages, charts.StageFigures{Name: stageName(figure.Stage)})
		}

		if figure.Amount.Currency == f.currency {
			series.Stages[i].Count = figure.Count
			series.Stages[i].Amount = figure.Amount.Minor
			series.Stages[i].Weighted = figure.Weighted.Minor
		}
	}

	for _, stage := range series.Stages {
		table.rows = append(table.rows, []string{stage.Name, f.count(stage.Count), f.money(stage.Amount), f.money(stage.Weighted)})
	}

	return series, table, reportChartHeight
}

func stageName(s app.Stage) string {
	if s.ID == 0 {
		return lang.L("No stage")
	}

	return s.Name
}

// forecast returns the past months' won revenue and the open deals by
// expected close month, in the chosen currency.
func (f reportFigures) forecast() (charts.Chart, reportTable, int) {
	settings := f.request.settings
	series := charts.ForecastSeries{
		Title: lang.X("reports.forecast.title", "Forecast by close month · {{.Currency}}, committed from {{.Percent}} %",
			map[string]any{"Currency": f.currency, "Percent": settings.commitAt}),
		Currency:       f.currency,
		Language:       f.request.language,
		WonLabel:       lang.L("Won"),
		CommittedLabel: lang.L("Committed"),
		WeightedLabel:  lang.L("Weighted"),
		BestCaseLabel:  lang.L("Best case"),
		EmptyLabel:     lang.L("No deals in this period"),
	}
	table := reportTable{headers: []string{
		lang.L("Month"), lang.L("Won"), lang.L("Committed"), lang.L("Weighted"), lang.L("Best case"), lang.L("Open deals"),
	}}

	current := app.MonthOf(f.request.today)
	months := app.ForecastByMonthOfSums(f.forecastSums, f.request.today, forecastPastMonths, settings.futureMonths,
		settings.commitAt)
	for _, m := range months {
		if m.Currency != f.currency {
			continue
		}

		entry := charts.ForecastMonth{
			Label: monthLabel(m.Month), Past: m.Month.Before(current), Won: m.Won.Minor,
			Committed: m.Committed.Minor, Weighted: m.Weighted.Minor, BestCase: m.BestCase.Minor,
		}
		if m.Month.IsZero() {
			entry.Label = lang.L("No close date")
			series.Undated = entry
		} else {
			series.Months = append(series.Months, entry)
		}

		table.rows = append(table.rows, []string{
			entry.Label, f.money(m.Won.Minor), f.money(m.Committed.Minor), f.money(m.Weighted.Minor),
			f.money(m.BestCase.Minor), f.count(m.OpenDeals),
		})
	}

	return series, table, reportChartHeight
}

// funnel returns the deals that reached each open stage, the next stage
// and the won stage. The counts do not depend on the currency.
func (f reportFigures) funnel() (charts.Chart, reportTable, int) {
	series := charts.FunnelSeries{
		Title:        lang.X("reports.funnel.title", "Stage funnel · {{.Pipeline}}", map[string]any{"Pipeline": f.request.pipeline.Name}),
		Language:     f.request.language,
		ReachedLabel: lang.L("Reached"),
		NextLabel:    lang.L("Reached the next stage"),
		WonLabel:     lang.L("Won"),
		EmptyLabel:   lang.L("No deals"),
	}
	table := reportTable{headers: []string{
		lang.L("Stage"), lang.L("Reached"), lang.L("Reached the next stage"), lang.L("Won"),
		lang.L("To the next stage"), lang.L("Win rate"), lang.L("Median days in stage"),
	}}

	for _, step := range app.StageFunnel(f.request.pipeline, f.deals) {
		median := "–"
		note := ""
		if step.TimedDeals > 0 {
			median = formatDays(step.MedianDays, f.request.language)
			note = lang.X("reports.funnel.median", "median {{.Days}} days", map[string]any{"Days": median})
		}

		series.Stages = append(series.Stages, charts.FunnelStage{
			Name: step.Stage.Name, Note: note, Reached: step.Reached, ReachedNext: step.ReachedNext, Won: step.Won,
		})
		table.rows = append(table.rows, []string{
			step.Stage.Name, f.count(step.Reached), f.count(step.ReachedNext), f.count(step.Won),
			formatPercent(step.NextRate(), f.request.language), formatPercent(step.WinRate(), f.request.language), median,
		})
	}

	return series, table, reportChartHeight
}

// winLoss returns the deals won and lost in the period, grouped by the
// chosen dimension, with the amounts in the chosen currency.
func (f reportFigures) winLoss() (charts.Chart, reportTable, int) {
	dimension := f.request.settings.dimension
	series := charts.BarListSeries{
		Title:      winLossTitle(dimension),
		Language:   f.request.language,
		Series:     []charts.BarListBar{{Label: lang.L("Won"), Color: charts.BarGreen}, {Label: lang.L("Lost"), Color: charts.BarRed}},
		EmptyLabel: lang.L("No deals closed in this period"),
	}
	table := reportTable{headers: []string{
		dimensionLabel(dimension), lang.L("Won"), lang.L("Lost"), lang.L("Win rate"),
		lang.X("reports.won.amount", "Won ({{.Currency}})", map[string]any{"Currency": f.currency}),
		lang.X("reports.lost.amount", "Lost ({{.Currency}})", map[string]any{"Currency": f.currency}),
	}}

	for _, row := range app.WinLossBy(f.deals, f.request.period, dimension) {
		label := winLossKeyLabel(row.Key, dimension)
		rate := formatPercent(row.WinRate(), f.request.language)
		series.Rows = append(series.Rows, charts.BarListRow{
			Label: label, Values: []int64{int64(row.Won), int64(row.Lost)},
			Note: lang.X("reports.winloss.rate", "{{.Rate}} won", map[string]any{"Rate": rate}),
		})

		var won, lost int64
		for _, amount := range row.Amounts {
			if amount.Won.Currency == f.currency {
				won, lost = amount.Won.Minor, amount.Lost.Minor
			}
		}
		table.rows = append(table.rows, []string{label, f.count(row.Won), f.count(row.Lost), rate, f.money(won), f.money(lost)})
	}

	return series, table, barListHeight(len(series.Rows))
}

// leadSources returns the leads created in the period per source and how
// many of them became deals.
func (f reportFigures) leadSources() (charts.Chart, reportTable, int) {
	series := charts.BarListSeries{
		Title:    lang.L("Leads by source"),
		Language: f.request.language,
		Series: []charts.BarListBar{
			{Label: lang.L("Leads"), Color: charts.BarLightBlue},
			{Label: lang.L("Converted"), Color: charts.BarGreen},
		},
		EmptyLabel: lang.L("No leads in this period"),
	}
	table := reportTable{headers: []string{lang.L("Source"), lang.L("Leads"), lang.L("Converted"), lang.L("Conversion rate")}}

	for _, row := range app.LeadsBySource(f.leads, f.request.period) {
		label := sourceLabel(row.Source)
		rate := formatPercent(row.Rate, f.request.language)
		series.Rows = append(series.Rows, charts.BarListRow{
			Label: label, Values: []int64{int64(row.Leads), int64(row.Converted)},
			Note: lang.X("reports.leads.rate", "{{.Rate}} converted", map[string]any{"Rate": rate}),
		})
		table.rows = append(table.rows, []string{label, f.count(row.Leads), f.count(row.Converted), rate})
	}

	return series, table, barListHeight(len(series.Rows))
}

func barListHeight(rows int) int {
	return min(max(barListBaseHeight+rows*barListRowHeight, barListMinHeight), charts.MaxHeight/exportScale)
}

func winLossTitle(d app.WinLossDimension) string {
	switch d {
	case app.WinLossBySource:
		return lang.L("Won and lost by source")
	case app.WinLossByCompetitor:
		return lang.L("Won and lost by competitor")
	case app.WinLossByOwner:
		return lang.L("Won and lost by owner")
	default:
		return lang.L("Won and lost by reason")
	}
}

func dimensionPickerLabel(d app.WinLossDimension) string {
	switch d {
	case app.WinLossBySource:
		return lang.L("By source")
	case app.WinLossByCompetitor:
		return lang.L("By competitor")
	case app.WinLossByOwner:
		return lang.L("By owner")
	default:
		return lang.L("By reason")
	}
}

func dimensionLabel(d app.WinLossDimension) string {
	switch d {
	case app.WinLossBySource:
		return lang.L("Source")
	case app.WinLossByCompetitor:
		return lang.L("Competitor")
	case app.WinLossByOwner:
		return lang.L("Owner")
	default:
		return lang.L("Reason")
	}
}

// winLossKeyLabel names a win/loss group, with a word for the deals that
// have no value in the dimension.
func winLossKeyLabel(key string, d app.WinLossDimension) string {
	switch {
	case key != "" && d == app.WinLossBySource:
		return words.LeadSource(key)
	case key != "":
		return key
	case d == app.WinLossBySource:
		return lang.L("No source")
	case d == app.WinLossByCompetitor:
		return lang.L("No competitor")
	case d == app.WinLossByOwner:
		return lang.L("No owner")
	default:
		return lang.L("No reason")
	}
}

func sourceLabel(source string) string {
	if source == "" {
		return lang.L("No source")
	}

	return words.LeadSource(source)
}
