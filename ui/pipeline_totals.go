package ui

import (
	"fyne.io/fyne/v2/lang"

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

// totalRows returns the label/value lines shown beside the chart. With
// more than one currency, each label names its currency.
func (s *pipelineScreen) totalRows(rows []app.StageSummary) [][2]string {
	currencies, totals := sumByCurrency(rows)

	var lines [][2]string
	for _, currency := range currencies {
		suffix := ""
		if len(currencies) > 1 {
			suffix = " (" + currency + ")"
		}
		lines = append(lines, totals[currency].lines(suffix, s.language)...)
	}

	return lines
}

func (t *pipelineTotals) lines(suffix, language string) [][2]string {
	return [][2]string{
		{lang.L("Open amount") + suffix, app.FormatMoney(t.open, language)},
		{lang.L("Weighted amount") + suffix, app.FormatMoney(t.weighted, language)},
		{lang.L("Won") + suffix, app.FormatMoney(t.won, language)},
		{lang.L("Lost") + suffix, app.FormatMoney(t.lost, language)},
		{lang.L("Open deals") + suffix, formatCount(t.openCount, language)},
		{lang.L("Won deals") + suffix, formatCount(t.wonCount, language)},
		{lang.L("Lost deals") + suffix, formatCount(t.lostCount, language)},
	}
}
