package charts

import (
	"math"

	chart "github.com/wcharczuk/go-chart/v2"

	"leadwerk/app"
)

// MoneyFormatter returns a go-chart value formatter that reads a value in
// major units of currency, such as dollars, and formats it short for an
// axis in the given language: "$1.2M" in English, "1,2 Mio. €" in German.
// Values that are not numbers format as "".
func MoneyFormatter(currency, language string) chart.ValueFormatter {
	unit := float64(app.MinorPerMajor(currency))

	return func(v any) string {
		var major float64
		switch n := v.(type) {
		case float64:
			major = n
		case int:
			major = float64(n)
		case int64:
			major = float64(n)
		default:
			return ""
		}

		minor := int64(math.Round(major * unit))

		return app.FormatMoneyShort(app.Money{Minor: minor, Currency: currency}, language)
	}
}

// valueTicks returns evenly spaced ticks on round values from 0 to at
// least top, with at most maxIntervals intervals, labelled by format.
// The step is 1, 2 or 5 times a power of ten, so labels stay short.
func valueTicks(top float64, maxIntervals int, format chart.ValueFormatter) []chart.Tick {
	step := niceStep(top / float64(maxIntervals))
	count := int(math.Ceil(top/step - 1e-9))
	if count < 1 {
		count = 1
	}

	ticks := make([]chart.Tick, 0, count+1)
	for i := 0; i <= count; i++ {
		value := float64(i) * step
		ticks = append(ticks, chart.Tick{Value: value, Label: format(value)})
	}

	return ticks
}

// niceStep rounds rough up to the next value of the form 1, 2 or 5 times
// a power of ten.
func niceStep(rough float64) float64 {
	if rough <= 0 {
		return 1
	}

	power := math.Pow(10, math.Floor(math.Log10(rough)))
	for _, factor := range []float64{1, 2, 5, 10} {
		if step := factor * power; step >= rough {
			return step
		}
	}

	return 10 * power
}
