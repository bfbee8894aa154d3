package printing

import (
	"time"

	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
	"leadwerk/report"
)

// build lays out the header and every section of the report.
func build(facts reportFacts, req Request) report.Report {
	today := app.DateOf(req.Now)
	f := formatter{language: req.Language}
	doc := report.Report{
		Title:   lang.X("printing.title", "Pipeline report"),
		Company: req.Company,
		Logo:    req.Logo,
		Dated: lang.X("printing.dated", "As of {{.Date}}",
			map[string]any{"Date": app.FormatDate(today, req.Language)}),
		Filters:   filters(facts.pipeline, req.Period, f),
		PageLabel: pageLabel,
		Created:   req.Now.UTC().Truncate(time.Second),
	}

	doc.Sections = append(doc.Sections, stageSections(facts, f)...)
	doc.Sections = append(doc.Sections, forecastSections(facts, today, f)...)
	doc.Sections = append(doc.Sections, funnelSection(facts, f), kpiSection(facts, req.Period, f))
	for _, by := range winLossDimensions {
		doc.Sections = append(doc.Sections, winLossSection(facts, req.Period, by, f))
	}
	doc.Sections = append(doc.Sections, leadSection(facts, f), idleSection(facts, today, f))

	return doc
}

// filters returns the choices that selected the figures.
func filters(p app.Pipeline, period app.Period, f formatter) []report.Field {
	return []report.Field{
		{Label: lang.X("printing.filter.pipeline", "Pipeline"), Value: p.Name},
		{Label: lang.X("printing.filter.period", "Period of closed deals and leads"), Value: f.period(period)},
		{Label: lang.X("printing.filter.previous", "Compared with"), Value: f.period(period.Previous())},
		{Label: lang.X("printing.filter.committed", "Committed deals"), Value: lang.X("printing.filter.committed_value",
			"probability {{.Percent}} or more", map[string]any{"Percent": f.percent(CommitPercent)})},
	}
}

func pageLabel(page, pages int) string {
	return lang.X("printing.page", "Page {{.Page}} of {{.Pages}}", map[string]any{"Page": page, "Pages": pages})
}
