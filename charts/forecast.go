package charts

import (
	"io"
	"math"
)

// ForecastSeries is the input of the forecast chart: one entry per month
// in time order, all in one currency.
type ForecastSeries struct {
	Title string
	// Currency is the ISO 4217 code of every amount.
	Currency string
	// Language selects how money is written, such as "en" or "de".
	Language string
	// The legend labels of the four bars. Empty labels default to
	// "Won", "Committed", "Weighted" and "Best case".
	WonLabel, CommittedLabel, WeightedLabel, BestCaseLabel string
	// EmptyLabel is drawn when no month has an amount. Empty defaults to
	// "No deals in this period".
	EmptyLabel string
	Months     []ForecastMonth
	// Undated is the open deals without a close date. It is drawn as the
	// last group, under its own label, when its best case is above zero.
	Undated ForecastMonth
}

// ForecastMonth is the figures of one month, in minor units of the series
// currency. Label names the month on the axis, such as "Mar 2027".
type ForecastMonth struct {
	Label string
	// Past marks a month that has ended. It is drawn with its won bar
	// only, because no deal is expected to close in it any more.
	Past bool
	// Won is the revenue of the deals won in the month.
	Won int64
	// Committed, Weighted and BestCase are the open deals expected to
	// close in the month: those at or above the commit probability, all
	// weighted by probability, and all at their full amount.
	Committed, Weighted, BestCase int64
}

// Render draws s as grouped bars per month: won, committed, weighted and
// best case, with past months showing only what was won. It writes the
// chart to w in format f at width × height pixels.
func (s ForecastSeries) Render(w io.Writer, f Format, width, height int) error {
	p := barPlot{
		title:      s.Title,
		emptyLabel: orDefault(s.EmptyLabel, "No deals in this period"),
		series: []plotSeries{
			{orDefault(s.WonLabel, "Won"), wonColor},
			{orDefault(s.CommittedLabel, "Committed"), committedColor},
			{orDefault(s.WeightedLabel, "Weighted"), weightedColor},
			{orDefault(s.BestCaseLabel, "Best case"), amountColor},
		},
		format: MoneyFormatter(s.Currency, s.Language),
	}

	for _, month := range s.Months {
		p.groups = append(p.groups, s.group(month))
	}

	if s.Undated.BestCase > 0 {
		undated := s.Undated
		undated.Won = 0
		p.groups = append(p.groups, s.group(undated))
	}

	return p.render(w, f, width, height)
}

// group returns the bars of one month. A month that is not past shows
// its won bar only when something was won in it, which happens in the
// current month.
func (s ForecastSeries) group(m ForecastMonth) plotGroup {
	none := math.NaN()
	won := major(m.Won, s.Currency)
	if m.Past {
		return plotGroup{label: m.Label, values: []float64{won, none, none, none}}
	}

	if m.Won <= 0 {
		won = none
	}

	return plotGroup{label: m.Label, values: []float64{
		won,
		major(m.Committed, s.Currency),
		major(m.Weighted, s.Currency),
		major(m.BestCase, s.Currency),
	}}
}
