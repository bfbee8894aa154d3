package charts

import (
	"math"

	chart "github.com/wcharczuk/go-chart/v2"

	"leadwerk/app"
)

// Space in pixels around the plot. The top leaves room for the title and
// the legend, the bottom for stage names on two lines.
const (
	paddingSide       = 20
	paddingTop        = 24
	titleHeight       = 28
	legendHeight      = 26
	paddingBottom     = 46
	axisLabelWidth    = 70
	maxTickIntervals  = 6
	minTickSpacing    = 45
	headroom          = 1.08
	barShareOfSlot    = 0.6
	valueFontSize     = 9.0
	legendSwatchWidth = 12
)

// pipelineLayout is a series converted to what go-chart draws: values in
// major units, round ticks and bar sizes that fill the width.
type pipelineLayout struct {
	series   PipelineSeries
	escape   func(string) string
	format   chart.ValueFormatter
	width    int
	height   int
	amounts  []float64
	weighted []float64
	ticks    []chart.Tick
	barWidth int
	spacing  int
}

func newPipelineLayout(s PipelineSeries, f Format, width, height int) pipelineLayout {
	if s.AmountLabel == "" {
		s.AmountLabel = "Open amount"
	}
	if s.WeightedLabel == "" {
		s.WeightedLabel = "Weighted amount"
	}
	if s.EmptyLabel == "" {
		s.EmptyLabel = "No open deals"
	}

	l := pipelineLayout{
		series: s,
		escape: textEscaper(f),
		format: MoneyFormatter(s.Currency, s.Language),
		width:  width,
		height: height,
	}

	unit := float64(app.MinorPerMajor(s.Currency))
	top := 0.0
	for _, stage := range s.Stages {
		// NOTE: a negative total is drawn as zero, because the value
		// axis starts at 0. Open deals are not expected to have one.
		amount := math.Max(float64(stage.Amount)/unit, 0)
		weighted := math.Max(float64(stage.Weighted)/unit, 0)
		l.amounts = append(l.amounts, amount)
		l.weighted = append(l.weighted, weighted)
		top = math.Max(top, math.Max(amount, weighted))
	}

	if top > 0 {
		// The headroom keeps the value label of the highest bar clear of
		// the legend.
		plotHeight := height - l.topPadding() - paddingBottom
		intervals := min(max(plotHeight/minTickSpacing, 2), maxTickIntervals)
		l.ticks = valueTicks(top*headroom, intervals, l.format)
		for i := range l.ticks {
			l.ticks[i].Label = l.escape(l.ticks[i].Label)
		}
	}

	if n := len(s.Stages); n > 0 {
		slot := (width - 2*paddingSide - axisLabelWidth) / n
		l.barWidth = max(int(float64(slot)*barShareOfSlot), 1)
		l.spacing = max(slot-l.barWidth, 0)
	}

	return l
}

// isEmpty reports whether there is no bar to draw.
func (l pipelineLayout) isEmpty() bool {
	return len(l.ticks) == 0
}

// axisMax returns the value of the highest tick, where the axis ends.
func (l pipelineLayout) axisMax() float64 {
	return l.ticks[len(l.ticks)-1].Value
}

func (l pipelineLayout) topPadding() int {
	if l.series.Title == "" {
		return paddingTop + legendHeight
	}

	return paddingTop + titleHeight + legendHeight
}

// barChart builds the go-chart chart: the open amounts as bars, and the
// weighted amounts and the legend drawn over them as extra elements,
// because go-chart has no overlapping bars. The stage names are drawn as
// elements too, because go-chart drops a name wider than its bar slot.
func (l pipelineLayout) barChart() chart.BarChart {
	bars := make([]chart.Value, len(l.amounts))
	for i, amount := range l.amounts {
		bars[i] = chart.Value{
			Value: amount,
			Style: chart.Style{FillColor: amountColor, StrokeColor: amountColor, StrokeWidth: 1},
		}
	}

	return chart.BarChart{
		Title:      l.escape(l.series.Title),
		TitleStyle: chart.Style{FontSize: 14, FontColor: textColor},
		Width:      l.width,
		Height:     l.height,
		Background: chart.Style{Padding: chart.Box{
			Top:    l.topPadding(),
			Left:   paddingSide,
			Right:  paddingSide,
			Bottom: paddingBottom,
		}},
		BarWidth:     l.barWidth,
		BarSpacing:   l.spacing,
		UseBaseValue: true,
		BaseValue:    0,
		XAxis:        chart.Style{FontColor: textColor},
		YAxis: chart.YAxis{
			AxisType:       chart.YAxisSecondary,
			Style:          chart.Style{FontColor: textColor},
			Range:          &chart.ContinuousRange{Min: 0, Max: l.axisMax()},
			Ticks:          l.ticks,
			ValueFormatter: l.format,
		},
		Bars:     bars,
		Elements: []chart.Renderable{l.drawWeighted, l.drawValues, l.drawStageNames, l.drawLegend},
	}
}
