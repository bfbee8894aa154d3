package printing

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
)

// formatter writes numbers, money and dates in one language.
type formatter struct {
	language string
}

func (f formatter) german() bool {
	return strings.HasPrefix(strings.ToLower(f.language), "de")
}

func (f formatter) money(m app.Money) string { return app.FormatMoney(m, f.language) }

func (f formatter) count(n int) string { return app.FormatCount(n, f.language) }

// moneyList writes several amounts of different currencies side by side,
// or "–" when there are none.
func (f formatter) moneyList(amounts []app.Money) string {
	if len(amounts) == 0 {
		return "–"
	}

	parts := make([]string, len(amounts))
	for i, m := range amounts {
		parts[i] = f.money(m)
	}

	return strings.Join(parts, " · ")
}

// percent writes a whole percentage: "75 %" in German, "75%" in English.
func (f formatter) percent(p int) string {
	if f.german() {
		return strconv.Itoa(p) + "\u00a0%"
	}

	return strconv.Itoa(p) + "%"
}

// rate writes a share from 0 to 1 as a percentage with one decimal.
func (f formatter) rate(r float64) string {
	text := strconv.FormatFloat(math.Round(r*1000)/10, 'f', 1, 64)
	if f.german() {
		return strings.Replace(text, ".", ",", 1) + "\u00a0%"
	}

	return text + "%"
}

// days writes a number of days with one decimal.
func (f formatter) days(d float64) string {
	text := strconv.FormatFloat(d, 'f', 1, 64)
	if f.german() {
		text = strings.Replace(text, ".", ",", 1)
	}

	return text
}

func (f formatter) date(d app.Date) string { return app.FormatDate(d, f.language) }

func (f formatter) period(p app.Period) string {
	return f.date(p.From) + " – " + f.date(p.To)
}

// month writes a month as "12.2026" in German and "2026-12" otherwise,
// and the zero Month as the label of deals without a close date.
func (f formatter) month(m app.Month) string {
	if m.IsZero() {
		return lang.X("printing.forecast.no_date", "No close date")
	}

	if f.german() {
		return fmt.Sprintf("%02d.%d", int(m.Month), m.Year)
	}

	return m.String()
}

// major converts m to major units for a chart, which needs floats.
func major(m app.Money) float64 {
	return float64(m.Minor) / float64(app.MinorPerMajor(m.Currency))
}

// axisFormat returns the value axis labels of a chart in currency.
func (f formatter) axisFormat(currency string) func(float64) string {
	unit := float64(app.MinorPerMajor(currency))

	return func(v float64) string {
		return app.FormatMoneyShort(app.Money{Minor: int64(math.Round(v * unit)), Currency: currency}, f.language)
	}
}

// countFormat returns the value axis labels of a chart of counts.
func (f formatter) countFormat() func(float64) string {
	return func(v float64) string { return f.count(int(math.Round(v))) }
}
