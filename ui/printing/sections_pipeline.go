package printing

import (
	"slices"

	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
	"leadwerk/report"
)

// stageSections returns one "Open deals by stage" section per currency of
// the open deals, the pipeline's own currency first, because amounts of
// different currencies are never added.
func stageSections(facts reportFacts, f formatter) []report.Section {
	figures := app.PipelineByStage(facts.pipeline, facts.deals)
	var sections []report.Section
	for _, currency := range currenciesOf(facts.pipeline.Currency, stageCurrencies(figures)) {
		sections = append(sections, stageSection(figures, currency, f))
	}

	return sections
}

func stageCurrencies(figures []app.StageFigure) []string {
	var codes []string
	for _, fig := range figures {
		codes = append(codes, fig.Amount.Currency)
	}

	return codes
}

// currenciesOf returns first and then the other codes sorted, each once,
// leaving out empty codes.
func currenciesOf(first string, codes []string) []string {
	others := slices.DeleteFunc(slices.Clone(codes), func(c string) bool { return c == first || c == "" })
	slices.Sort(others)

	return append([]string{first}, slices.Compact(others)...)
}

func stageSection(figures []app.StageFigure, currency string, f formatter) report.Section {
	amount := lang.X("printing.stages.amount", "Open amount")
	weighted := lang.X("printing.stages.weighted", "Weighted amount")
	chart := &report.BarChart{
		Series:      []report.Series{{Name: amount}, {Name: weighted}},
		FormatValue: f.axisFormat(currency),
		Empty:       lang.X("printing.stages.empty", "No open deals"),
	}
	table := report.Table{Columns: []report.Column{
		{Header: lang.X("printing.stages.stage", "Stage")},
		{Header: lang.X("printing.column.deals", "Deals"), Numeric: true},
		{Header: amount, Numeric: true},
		{Header: weighted, Numeric: true},
	}}

	count := 0
	total := app.Money{Currency: currency}
	totalWeighted := app.Money{Currency: currency}
	for _, fig := range figures {
		if fig.Amount.Currency != currency {
			continue
		}

		name := stageName(fig.Stage)
		chart.Categories = append(chart.Categories, name)
		chart.Series[0].Values = append(chart.Series[0].Values, max(major(fig.Amount), 0))
		chart.Series[1].Values = append(chart.Series[1].Values, max(major(fig.Weighted), 0))
		table.Rows = append(table.Rows, []string{name, f.count(fig.Count), f.money(fig.Amount), f.money(fig.Weighted)})
		count += fig.Count
		total.Minor += fig.Amount.Minor
		totalWeighted.Minor += fig.Weighted.Minor
	}
	table.Total = []string{lang.X("printing.column.total", "Total"), f.count(count), f.money(total), f.money(totalWeighted)}

	return report.Section{
		Title: lang.X("printing.stages.title", "Open deals by stage ({{.Currency}})", map[string]any{"Currency": currency}),
		Chart: chart,
		Table: table,
	}
}

// stageName returns the stage's name, or a label for the zero Stage that
// PipelineByStage uses for deals outside the pipeline's open stages.
func stageName(s app.Stage) string {
	if s.ID == 0 {
		return lang.X("printing.stages.other", "Other or no stage")
	}

	return s.Name
}

// forecastSections returns one forecast section per currency of the
// forecast, the pipeline's currency first.
func forecastSections(facts reportFacts, today app.Date, f formatter) []report.Section {
	months := app.ForecastByMonthOfSums(facts.forecastSums, today, forecastPastMonths, forecastFutureMonths,
		CommitPercent)
	var codes []string
	for _, m := range months {
		codes = append(codes, m.Currency)
	}

	var sections []report.Section
	for _, currency := range currenciesOf(facts.pipeline.Currency, codes) {
		sections = append(sections, forecastSection(months, currency, f))
	}

	return sections
}

func forecastSection(months []app.MonthForecast, currency string, f formatter) report.Section {
	names := []string{
		lang.X("printing.forecast.weighted", "Weighted"),
		lang.X("printing.forecast.best_case", "Best case"),
		lang.X("printing.forecast.committed", "Committed"),
		lang.X("printing.forecast.won", "Won"),
	}
	chart := &report.BarChart{FormatValue: f.axisFormat(currency), Empty: lang.X("printing.forecast.empty",
		"No open or won deals in these months")}
	table := report.Table{Columns: []report.Column{{Header: lang.X("printing.forecast.month", "Month")}}}
	for _, name := range names {
		chart.Series = append(chart.Series, report.Series{Name: name})
		table.Columns = append(table.Columns, report.Column{Header: name, Numeric: true})
	}

	for _, m := range months {
		if m.Currency != currency {
			continue
		}

		values := []app.Money{m.Weighted, m.BestCase, m.Committed, m.Won}
		row := []string{f.month(m.Month)}
		for i, v := range values {
			chart.Series[i].Values = append(chart.Series[i].Values, max(major(v), 0))
			row = append(row, f.money(v))
		}
		chart.Categories = append(chart.Categories, row[0])
		table.Rows = append(table.Rows, row)
	}

	return report.Section{
		Title: lang.X("printing.forecast.title", "Forecast by expected close month ({{.Currency}})",
			map[string]any{"Currency": currency}),
		Note: lang.X("printing.forecast.note",
			"Open deals whose close date has passed count in the current month. Won shows the deals won in each month."),
		Chart: chart,
		Table: table,
	}
}
