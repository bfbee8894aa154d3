package charts

import (
	"io"

	"leadwerk/app"
)

// StageSeries is the input of the stage chart: the open deals of one
// pipeline per stage in stage order, all in one currency.
type StageSeries struct {
	Title string
	// Currency is the ISO 4217 code of every amount in Stages.
	Currency string
	// Language selects how money and counts are written, such as "en".
	Language string
	// AmountLabel and WeightedLabel name the two bars in the legend.
	// Empty labels default to "Amount" and "Weighted amount".
	AmountLabel, WeightedLabel string
	// CountNote writes the number of deals under a stage name, such as
	// "12 deals". Nil writes the bare number.
	CountNote func(count int) string
	// EmptyLabel is drawn when no stage has an amount. Empty defaults to
	// "No open deals".
	EmptyLabel string
	Stages     []StageFigures
}

// StageFigures is the open deals of one stage. The amounts are in minor
// units of the series currency.
type StageFigures struct {
	Name     string
	Count    int
	Amount   int64
	Weighted int64
}

// Render draws s as grouped bars, the amount beside the weighted amount
// of each stage, with the deal count under the stage name. It writes the
// chart to w in format f at width × height pixels.
func (s StageSeries) Render(w io.Writer, f Format, width, height int) error {
	countNote := s.CountNote
	if countNote == nil {
		countNote = func(n int) string { return app.FormatCount(n, s.Language) }
	}

	p := barPlot{
		title:      s.Title,
		emptyLabel: orDefault(s.EmptyLabel, "No open deals"),
		series: []plotSeries{
			{orDefault(s.AmountLabel, "Amount"), amountColor},
			{orDefault(s.WeightedLabel, "Weighted amount"), weightedColor},
		},
		format: MoneyFormatter(s.Currency, s.Language),
	}

	for _, stage := range s.Stages {
		p.groups = append(p.groups, plotGroup{
			label:  stage.Name,
			note:   countNote(stage.Count),
			values: []float64{major(stage.Amount, s.Currency), major(stage.Weighted, s.Currency)},
		})
	}

	return p.render(w, f, width, height)
}

// major converts minor units of currency to major units for drawing.
func major(minor int64, currency string) float64 {
	return float64(minor) / float64(app.MinorPerMajor(currency))
}

func orDefault(text, fallback string) string {
	if text == "" {
		return fallback
	}

	return text
}
