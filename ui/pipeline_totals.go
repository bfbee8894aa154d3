package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// pipelineTotals sums the stages of one pipeline in one currency.
type pipelineTotals struct {
	open, weighted, won, lost      app.Money
	openCount, wonCount, lostCount int
}

// sumByCurrency returns the totals per currency, and the currencies in
// the order they first appear.
func sumByCurrency(rows []app.StageSummary) ([]string, map[string]*pipelineTotals) {
	var currencies []string
	totals := map[string]*pipelineTotals{}
	for _, row := range rows {
		currency := row.Amount.Currency
		t, ok := totals[currency]
		if !ok {
			t = &pipelineTotals{
				open: app.Money{Currency: currency}, weighted: app.Money{Currency: currency},
				won: app.Money{Currency: currency}, lost: app.Money{Currency: currency},
			}
			totals[currency] = t
			currencies = append(currencies, currency)
		}
		t.add(row)
	}

	return currencies, totals
}

func (t *pipelineTotals) add(row app.StageSummary) {
	switch row.Kind {
	case app.StageWon:
		t.won.Minor += row.Amount.Minor
		t.wonCount += row.Count
	case app.StageLost:
		t.lost.Minor += row.Amount.Minor
		t.lostCount += row.Count
	default:
		t.open.Minor += row.Amount.Minor
		t.weighted.Minor += row.Weighted.Minor
		t.openCount += row.Count
	}
}

// fillTotals lays the totals out as a table under the chart: one column
// per figure and one row per currency, so a pipeline in several
// currencies stays one compact table.
func (s *pipelineScreen) fillTotals(rows []app.StageSummary) {
	currencies, totals := sumByCurrency(rows)
	figures := totalFigures()

	objects := []fyne.CanvasObject{headingLabel(lang.L("Totals"))}
	for _, figure := range figures {
		heading := trailingHeading(figure.label)
		heading.Truncation = fyne.TextTruncateEllipsis
		objects = append(objects, heading)
	}

	for _, currency := range currencies {
		objects = append(objects, widget.NewLabel(currency))
		for _, figure := range figures {
			value := widget.NewLabel(figure.value(totals[currency], s.language))
			value.Alignment = fyne.TextAlignTrailing
			objects = append(objects, value)
		}
	}

	s.totals.Objects = []fyne.CanvasObject{container.NewGridWithColumns(1+len(figures), objects...)}
	s.totals.Refresh()
}

// totalFigure is one line of the totals table.
type totalFigure struct {
	label string
	value func(t *pipelineTotals, language string) string
}

func totalFigures() []totalFigure {
	money := func(pick func(*pipelineTotals) app.Money) func(*pipelineTotals, string) string {
		return func(t *pipelineTotals, language string) string { return app.FormatMoney(pick(t), language) }
	}
	count := func(pick func(*pipelineTotals) int) func(*pipelineTotals, string) string {
		return func(t *pipelineTotals, language string) string { return app.FormatCount(pick(t), language) }
	}

	return []totalFigure{
		{lang.L("Open amount"), money(func(t *pipelineTotals) app.Money { return t.open })},
		{lang.L("Weighted amount"), money(func(t *pipelineTotals) app.Money { return t.weighted })},
		{lang.L("Won"), money(func(t *pipelineTotals) app.Money { return t.won })},
		{lang.L("Lost"), money(func(t *pipelineTotals) app.Money { return t.lost })},
		{lang.L("Open deals"), count(func(t *pipelineTotals) int { return t.openCount })},
		{lang.L("Won deals"), count(func(t *pipelineTotals) int { return t.wonCount })},
		{lang.L("Lost deals"), count(func(t *pipelineTotals) int { return t.lostCount })},
	}
}

func trailingHeading(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
}
