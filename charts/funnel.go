package charts

import "io"

// FunnelSeries is the input of the funnel chart: the open stages of one
// pipeline in stage order, with deal counts.
type FunnelSeries struct {
	Title string
	// Language selects how counts are written, such as "en" or "de".
	Language string
	// The legend labels of the three bars. Empty labels default to
	// "Reached", "Reached next stage" and "Won".
	ReachedLabel, NextLabel, WonLabel string
	// EmptyLabel is drawn when no deal reached any stage. Empty defaults
	// to "No deals".
	EmptyLabel string
	Stages     []FunnelStage
}

// FunnelStage is the deal counts of one stage. Note is written in grey
// under the stage name, such as the median time spent in the stage.
type FunnelStage struct {
	Name        string
	Note        string
	Reached     int
	ReachedNext int
	Won         int
}

// Render draws s as grouped bars per stage: the deals that reached it,
// those of them that reached the next stage, and those won. It writes
// the chart to w in format f at width × height pixels.
func (s FunnelSeries) Render(w io.Writer, f Format, width, height int) error {
	p := barPlot{
		title:      s.Title,
		emptyLabel: orDefault(s.EmptyLabel, "No deals"),
		series: []plotSeries{
			{orDefault(s.ReachedLabel, "Reached"), reachedColor},
			{orDefault(s.NextLabel, "Reached next stage"), weightedColor},
			{orDefault(s.WonLabel, "Won"), wonColor},
		},
		format:  CountFormatter(s.Language),
		integer: true,
	}

	for _, stage := range s.Stages {
		p.groups = append(p.groups, plotGroup{
			label:  stage.Name,
			note:   stage.Note,
			values: []float64{float64(stage.Reached), float64(stage.ReachedNext), float64(stage.Won)},
		})
	}

	return p.render(w, f, width, height)
}
