package ui

import (
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// kpiTile shows one figure of the period, its change against the period
// before and the counts behind it.
type kpiTile struct {
	value   *canvas.Text
	change  *widget.Label
	basis   *widget.Label
	content fyne.CanvasObject
}

func newKPITile(title string) *kpiTile {
	t := &kpiTile{
		value:  canvas.NewText("–", theme.Color(theme.ColorNameForeground)),
		change: widget.NewLabel(""),
		basis:  widget.NewLabel(""),
	}
	t.value.TextSize = 24
	t.value.TextStyle = fyne.TextStyle{Bold: true}
	t.basis.Importance = widget.LowImportance
	t.change.Truncation = fyne.TextTruncateEllipsis
	t.basis.Truncation = fyne.TextTruncateEllipsis

	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	// The padding lines the figure up with the labels' text.
	value := container.New(layout.NewCustomPaddedLayout(0, 0, theme.InnerPadding(), 0), t.value)
	t.content = widget.NewCard("", "", container.NewVBox(heading, value, t.change, t.basis))

	return t
}

func (t *kpiTile) set(value, change, basis string) {
	t.value.Text = value
	t.value.Refresh()
	t.change.SetText(change)
	t.basis.SetText(basis)
}

// kpiTiles are the four sales figures of the period in one row.
type kpiTiles struct {
	winRate, averageDeal, cycle, velocity *kpiTile
	content                               fyne.CanvasObject
}

func newKPITiles() *kpiTiles {
	k := &kpiTiles{
		winRate:     newKPITile(lang.L("Win rate")),
		averageDeal: newKPITile(lang.L("Average deal size")),
		cycle:       newKPITile(lang.L("Sales cycle")),
		velocity:    newKPITile(lang.L("Pipeline velocity")),
	}
	k.content = container.NewGridWithColumns(4, k.winRate.content, k.averageDeal.content, k.cycle.content, k.velocity.content)

	return k
}

// fill shows the figures of result, the money ones in its currency.
func (k *kpiTiles) fill(result reportResult, language string) {
	current, previous := result.kpis.Current, result.kpis.Previous

	k.fillWinRate(current, previous, language)
	k.fillAverageDeal(current, previous, result.currency, language)
	k.fillCycle(current, previous, language)
	k.fillVelocity(current, previous, result.currency, language)
}

func (k *kpiTiles) fillWinRate(current, previous app.KPIs, language string) {
	basis := lang.X("reports.kpi.closed", "{{.Won}} won, {{.Lost}} lost", map[string]any{
		"Won": app.FormatCount(current.Won, language), "Lost": app.FormatCount(current.Lost, language),
	})
	if current.Won+current.Lost == 0 {
		k.winRate.set("–", "", basis)
		return
	}

	change := lang.L("No deals closed in the previous period")
	if previous.Won+previous.Lost > 0 {
		points := math.Round((current.WinRate - previous.WinRate) * 100)
		change = lang.X("reports.change.points", "{{.Change}} points against the previous period",
			map[string]any{"Change": signedNumber(points, language)})
	}

	k.winRate.set(formatPercent(current.WinRate, language), change, basis)
}

func (k *kpiTiles) fillAverageDeal(current, previous app.KPIs, currency, language string) {
	amount, count, ok := moneyIn(current.AverageWon, current.WonCounts, currency)
	basis := lang.XN("reports.kpi.won_deals", "from {{.Count}} won deals", count, map[string]any{"Count": count})
	if !ok {
		k.averageDeal.set("–", "", basis)
		return
	}

	before, _, hadBefore := moneyIn(previous.AverageWon, previous.WonCounts, currency)
	change := relativeChange(float64(amount.Minor), float64(before.Minor), hadBefore, language)
	k.averageDeal.set(app.FormatMoney(amount, language), change, basis)
}

func (k *kpiTiles) fillCycle(current, previous app.KPIs, language string) {
	basis := lang.XN("reports.kpi.won_deals", "from {{.Count}} won deals", current.CycleDeals, map[string]any{"Count": current.CycleDeals})
	if current.CycleDeals == 0 {
		k.cycle.set("–", "", basis)
		return
	}

	change := relativeChange(current.AverageCycleDays, previous.AverageCycleDays, previous.CycleDeals > 0, language)
	value := lang.X("reports.kpi.days", "{{.Days}} days", map[string]any{"Days": formatDays(current.AverageCycleDays, language)})
	k.cycle.set(value, change, basis)
}

func (k *kpiTiles) fillVelocity(current, previous app.KPIs, currency, language string) {
	basis := lang.XN("reports.kpi.open_deals", "{{.Count}} open deals at the end", current.OpenDeals, map[string]any{"Count": current.OpenDeals})
	amount, _, ok := moneyIn(current.Velocity, nil, currency)
	if !ok {
		k.velocity.set("–", "", basis)
		return
	}

	before, _, hadBefore := moneyIn(previous.Velocity, nil, currency)
	change := relativeChange(float64(amount.Minor), float64(before.Minor), hadBefore, language)
	value := lang.X("reports.kpi.per_day", "{{.Amount}} per day", map[string]any{"Amount": app.FormatMoney(amount, language)})
	k.velocity.set(value, change, basis)
}

// moneyIn returns the entry of amounts in currency and the count at the
// same index of counts, if counts has one.
func moneyIn(amounts []app.Money, counts []int, currency string) (app.Money, int, bool) {
	for i, m := range amounts {
		if m.Currency != currency {
			continue
		}

		count := 0
		if i < len(counts) {
			count = counts[i]
		}

		return m, count, true
	}

	return app.Money{Currency: currency}, 0, false
}

// relativeChange writes the change from previous to current in percent
// of previous, or a message that the previous period has no figure.
func relativeChange(current, previous float64, hadPrevious bool, language string) string {
	if !hadPrevious || previous == 0 {
		return lang.L("No figure for the previous period")
	}

	percent := math.Round((current - previous) / math.Abs(previous) * 100)

	return lang.X("reports.change.percent", "{{.Change}} % against the previous period",
		map[string]any{"Change": signedNumber(percent, language)})
}

// signedNumber writes a whole number with its sign, "±0" for zero.
func signedNumber(n float64, language string) string {
	switch {
	case n > 0:
		return "+" + app.FormatCount(int(n), language)
	case n < 0:
		return "−" + app.FormatCount(int(-n), language)
	default:
		return "±0"
	}
}

// formatPercent writes a rate from 0 to 1 as a whole percentage: "42%" in
// English and "42 %" in German.
func formatPercent(rate float64, language string) string {
	number := strconv.FormatFloat(math.Round(rate*100), 'f', 0, 64)
	if isGerman(language) {
		return number + " %"
	}

	return number + "%"
}

// formatDays writes a number of days with one decimal, dropping ".0",
// with the decimal separator of the language.
func formatDays(days float64, language string) string {
	text := strings.TrimSuffix(strconv.FormatFloat(days, 'f', 1, 64), ".0")
	if isGerman(language) {
		text = strings.Replace(text, ".", ",", 1)
	}

	return text
}
