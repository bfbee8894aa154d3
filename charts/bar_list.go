package charts

import (
	"io"
	"math"

	chart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"

	"leadwerk/app"
)

// BarColor is the fill of one series of a [BarListSeries].
type BarColor int

// The bar colours, named after the figures they usually show.
const (
	BarBlue BarColor = iota
	BarLightBlue
	BarGreen
	BarRed
)

func (c BarColor) drawing() drawing.Color {
	switch c {
	case BarLightBlue:
		return amountColor
	case BarGreen:
		return wonColor
	case BarRed:
		return lostColor
	default:
		return weightedColor
	}
}

// BarListSeries is the input of a horizontal bar chart: one row per
// label, such as a lost reason or a lead source, with one bar per series.
type BarListSeries struct {
	Title string
	// Language selects how numbers are written, such as "en" or "de".
	Language string
	// Currency is the ISO 4217 code of the values, which are then minor
	// units. An empty Currency means the values are counts.
	Currency string
	Series   []BarListBar
	// EmptyLabel is drawn when no row has a value above zero. Empty
	// defaults to "No data".
	EmptyLabel string
	Rows       []BarListRow
}

// BarListBar names one series in the legend and gives its colour.
type BarListBar struct {
	Label string
	Color BarColor
}

// BarListRow is one label with one value per series, in the order of
// [BarListSeries.Series]. A missing value draws no bar. Note is written
// in grey under the label where the row is tall enough.
type BarListRow struct {
	Label  string
	Note   string
	Values []int64
}

// Render draws s as horizontal bars, one row per entry of s.Rows from top
// to bottom, and writes the chart to w in format f at width × height
// pixels. Each row needs about 20 pixels per series to stay readable.
func (s BarListSeries) Render(w io.Writer, f Format, width, height int) error {
	p := barPlot{
		title:      s.Title,
		emptyLabel: orDefault(s.EmptyLabel, "No data"),
		format:     s.formatter(),
		integer:    s.Currency == "",
		horizontal: true,
	}

	for _, bar := range s.Series {
		p.series = append(p.series, plotSeries{bar.Label, bar.Color.drawing()})
	}

	for _, row := range s.Rows {
		values := make([]float64, len(s.Series))
		for i := range values {
			values[i] = math.NaN()
			if i < len(row.Values) {
				values[i] = s.major(row.Values[i])
			}
		}
		p.groups = append(p.groups, plotGroup{label: row.Label, note: row.Note, values: values})
	}

	return p.render(w, f, width, height)
}

func (s BarListSeries) formatter() chart.ValueFormatter {
	if s.Currency == "" {
		return CountFormatter(s.Language)
	}

	return MoneyFormatter(s.Currency, s.Language)
}

func (s BarListSeries) major(value int64) float64 {
	if s.Currency == "" {
		return float64(value)
	}

	return major(value, s.Currency)
}

// CountFormatter returns a go-chart value formatter that writes a count
// rounded to a whole number with the thousands separator of language.
// Values that are not numbers format as "".
func CountFormatter(language string) chart.ValueFormatter {
	return func(v any) string {
		switch n := v.(type) {
		case float64:
			return app.FormatCount(int(math.Round(n)), language)
		case int:
			return app.FormatCount(n, language)
		default:
			return ""
		}
	}
}
