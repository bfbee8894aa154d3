package printing

import (
	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
	"leadwerk/report"
	"leadwerk/ui/words"
)

// funnelSection shows how far the pipeline's deals got, stage by stage.
func funnelSection(facts reportFacts, f formatter) report.Section {
	reached := lang.X("printing.funnel.reached", "Reached")
	next := lang.X("printing.funnel.next", "Reached next stage")
	won := lang.X("printing.funnel.won", "Won")
	chart := &report.BarChart{
		Series:       []report.Series{{Name: reached}, {Name: next}, {Name: won}},
		FormatValue:  f.countFormat(),
		Empty:        lang.X("printing.funnel.empty", "No deal has reached a stage yet"),
		WholeNumbers: true,
	}
	table := report.Table{Columns: []report.Column{
		{Header: lang.X("printing.stages.stage", "Stage")},
		{Header: reached, Numeric: true},
		{Header: next, Numeric: true},
		{Header: lang.X("printing.funnel.next_rate", "Next stage rate"), Numeric: true},
		{Header: won, Numeric: true},
		{Header: lang.X("printing.column.win_rate", "Win rate"), Numeric: true},
		{Header: lang.X("printing.funnel.median_days", "Median days in stage"), Numeric: true},
	}}

	for _, step := range app.StageFunnel(facts.pipeline, facts.deals) {
		chart.Categories = append(chart.Categories, step.Stage.Name)
		chart.Series[0].Values = append(chart.Series[0].Values, float64(step.Reached))
		chart.Series[1].Values = append(chart.Series[1].Values, float64(step.ReachedNext))
		chart.Series[2].Values = append(chart.Series[2].Values, float64(step.Won))

		median := "–"
		if step.TimedDeals > 0 {
			median = f.days(step.MedianDays)
		}
		table.Rows = append(table.Rows, []string{step.Stage.Name, f.count(step.Reached), f.count(step.ReachedNext),
			f.rate(step.NextRate()), f.count(step.Won), f.rate(step.WinRate()), median})
	}

	return report.Section{
		Title: lang.X("printing.funnel.title", "Stage conversion"),
		Note: lang.X("printing.funnel.note",
			"A deal reached a stage when it entered that stage or a later one, by its stage history."),
		Chart: chart,
		Table: table,
	}
}

// kpiSection compares the key figures of the period with the period
// before it.
func kpiSection(facts reportFacts, period app.Period, f formatter) report.Section {
	c := app.Compare(facts.deals, period)
	table := report.Table{Columns: []report.Column{
		{Header: lang.X("printing.kpi.figure", "Figure")},
		{Header: f.period(c.Current.Period), Numeric: true},
		{Header: f.period(c.Previous.Period), Numeric: true},
	}}

	row := func(name, current, previous string) {
		table.Rows = append(table.Rows, []string{name, current, previous})
	}
	row(lang.X("printing.column.win_rate", "Win rate"), f.rate(c.Current.WinRate), f.rate(c.Previous.WinRate))
	row(lang.X("printing.kpi.won", "Deals won"), f.count(c.Current.Won), f.count(c.Previous.Won))
	row(lang.X("printing.kpi.lost", "Deals lost"), f.count(c.Current.Lost), f.count(c.Previous.Lost))
	row(lang.X("printing.kpi.average", "Average won deal"), f.moneyList(c.Current.AverageWon),
		f.moneyList(c.Previous.AverageWon))
	row(lang.X("printing.kpi.cycle", "Average sales cycle in days"), f.cycle(c.Current), f.cycle(c.Previous))
	row(lang.X("printing.kpi.open", "Open deals at the end"), f.count(c.Current.OpenDeals),
		f.count(c.Previous.OpenDeals))
	row(lang.X("printing.kpi.velocity", "Pipeline velocity per day"), f.moneyList(c.Current.Velocity),
		f.moneyList(c.Previous.Velocity))

	return report.Section{
		Title: lang.X("printing.kpi.title", "Key figures"),
		Note: lang.X("printing.kpi.note",
			"Velocity is open deals × win rate × average won deal ÷ average sales cycle, per currency."),
		Table: table,
	}
}

// cycle writes the average sales cycle, or "–" without won deals.
func (f formatter) cycle(k app.KPIs) string {
	if k.CycleDeals == 0 {
		return "–"
	}

	return f.days(k.AverageCycleDays)
}

// winLossDimensions are the groupings printed, one section each.
var winLossDimensions = []app.WinLossDimension{
	app.WinLossByReason, app.WinLossBySource, app.WinLossByCompetitor, app.WinLossByOwner,
}

func winLossSection(facts reportFacts, period app.Period, by app.WinLossDimension, f formatter) report.Section {
	won := lang.X("printing.winloss.won", "Won")
	lost := lang.X("printing.winloss.lost", "Lost")
	chart := &report.BarChart{
		Series:       []report.Series{{Name: won}, {Name: lost}},
		FormatValue:  f.countFormat(),
		Empty:        lang.X("printing.winloss.empty", "No deal was closed in this period"),
		WholeNumbers: true,
	}
	table := report.Table{Columns: []report.Column{
		{Header: winLossHeader(by)},
		{Header: won, Numeric: true},
		{Header: lost, Numeric: true},
		{Header: lang.X("printing.column.win_rate", "Win rate"), Numeric: true},
		{Header: lang.X("printing.winloss.won_amount", "Won amount"), Numeric: true},
		{Header: lang.X("printing.winloss.lost_amount", "Lost amount"), Numeric: true},
	}}

	for _, r := range app.WinLossBy(facts.deals, period, by) {
		key := winLossKey(by, r.Key)
		chart.Categories = append(chart.Categories, key)
		chart.Series[0].Values = append(chart.Series[0].Values, float64(r.Won))
		chart.Series[1].Values = append(chart.Series[1].Values, float64(r.Lost))

		// A group has an entry per currency of its won or lost deals, so
		// the zero amounts of the other side are left out.
		var wonAmounts, lostAmounts []app.Money
		for _, a := range r.Amounts {
			if a.Won.Minor != 0 {
				wonAmounts = append(wonAmounts, a.Won)
			}
			if a.Lost.Minor != 0 {
				lostAmounts = append(lostAmounts, a.Lost)
			}
		}
		table.Rows = append(table.Rows, []string{key, f.count(r.Won), f.count(r.Lost), f.rate(r.WinRate()),
			f.moneyList(wonAmounts), f.moneyList(lostAmounts)})
	}

	return report.Section{Title: winLossTitle(by), Chart: chart, Table: table}
}

func winLossTitle(by app.WinLossDimension) string {
	switch by {
	case app.WinLossBySource:
		return lang.X("printing.winloss.title.source", "Won and lost by lead source")
	case app.WinLossByCompetitor:
		return lang.X("printing.winloss.title.competitor", "Won and lost by competitor")
	case app.WinLossByOwner:
		return lang.X("printing.winloss.title.owner", "Won and lost by owner")
	default:
		return lang.X("printing.winloss.title.reason", "Won and lost by reason")
	}
}

func winLossHeader(by app.WinLossDimension) string {
	switch by {
	case app.WinLossBySource:
		return lang.X("printing.column.source", "Source")
	case app.WinLossByCompetitor:
		return lang.X("printing.winloss.competitor", "Competitor")
	case app.WinLossByOwner:
		return lang.X("printing.column.owner", "Owner")
	default:
		return lang.X("printing.winloss.reason", "Reason")
	}
}

// winLossKey returns the word a person reads for a group, also for the
// empty key of the deals without one.
func winLossKey(by app.WinLossDimension, key string) string {
	if by == app.WinLossBySource {
		return sourceName(key)
	}

	if key != "" {
		return key
	}

	switch by {
	case app.WinLossByCompetitor:
		return lang.X("printing.winloss.no_competitor", "No competitor named")
	case app.WinLossByOwner:
		return lang.X("printing.winloss.no_owner", "No owner")
	default:
		return lang.X("printing.winloss.no_reason", "No reason given")
	}
}

func sourceName(source string) string {
	if source == "" {
		return lang.X("printing.no_source", "No source")
	}

	return words.LeadSource(source)
}

// leadSection shows how many leads of each source became deals.
func leadSection(facts reportFacts, f formatter) report.Section {
	leads := lang.X("printing.leads.leads", "Leads")
	converted := lang.X("printing.leads.converted", "Converted")
	chart := &report.BarChart{
		Series:       []report.Series{{Name: leads}, {Name: converted}},
		FormatValue:  f.countFormat(),
		Empty:        lang.X("printing.leads.empty", "No lead was created in this period"),
		WholeNumbers: true,
	}
	table := report.Table{Columns: []report.Column{
		{Header: lang.X("printing.column.source", "Source")},
		{Header: leads, Numeric: true},
		{Header: converted, Numeric: true},
		{Header: lang.X("printing.leads.rate", "Conversion rate"), Numeric: true},
	}}

	for _, s := range facts.leadSources {
		name := sourceName(s.Source)
		chart.Categories = append(chart.Categories, name)
		chart.Series[0].Values = append(chart.Series[0].Values, float64(s.Leads))
		chart.Series[1].Values = append(chart.Series[1].Values, float64(s.Converted))
		table.Rows = append(table.Rows, []string{name, f.count(s.Leads), f.count(s.Converted), f.rate(s.Rate)})
	}

	return report.Section{
		Title: lang.X("printing.leads.title", "Leads by source"),
		Note:  lang.X("printing.leads.note", "Leads created in the period, of every pipeline."),
		Chart: chart,
		Table: table,
	}
}

// idleSection lists the open deals that sat in their stage longer than
// the stage allows.
func idleSection(facts reportFacts, today app.Date, f formatter) report.Section {
	stages := map[int64]string{}
	for _, s := range facts.pipeline.Stages {
		stages[s.ID] = s.Name
	}

	table := report.Table{
		Columns: []report.Column{
			{Header: lang.X("printing.idle.deal", "Deal")},
			{Header: lang.X("printing.idle.company", "Company")},
			{Header: lang.X("printing.stages.stage", "Stage")},
			{Header: lang.X("printing.idle.since", "In stage since")},
			{Header: lang.X("printing.idle.amount", "Amount"), Numeric: true},
			{Header: lang.X("printing.column.owner", "Owner")},
		},
		Empty: lang.X("printing.idle.empty", "No deal is idle."),
	}

	for _, d := range app.IdleDeals(facts.pipelines, facts.deals, today) {
		table.Rows = append(table.Rows, []string{d.Title, d.Company, stages[d.StageID], f.date(d.StageEnteredOn),
			f.money(d.Amount), d.Owner})
	}

	return report.Section{
		Title: lang.X("printing.idle.title", "Idle deals"),
		Note:  lang.X("printing.idle.note", "Open deals that have been in their stage longer than its idle limit."),
		Table: table,
	}
}
