package charts

import (
	"math"

	chart "github.com/wcharczuk/go-chart/v2"
)

// barBox returns where go-chart v2.1.2 draws bar i of the chart, from the
// bottom of the plot up to value. It repeats the width and spacing rules
// of BarChart.drawBars, which go-chart does not export.
func (l pipelineLayout) barBox(canvas chart.Box, i int, value float64) chart.Box {
	width, spacing := scaledBarSize(canvas.Width(), len(l.amounts), l.barWidth, l.spacing)
	left := canvas.Left + i*(width+spacing) + spacing>>1
	yRange := chart.ContinuousRange{Min: 0, Max: l.axisMax(), Domain: canvas.Height()}

	return chart.Box{
		Top:    canvas.Bottom - yRange.Translate(value),
		Left:   left,
		Right:  left + width,
		Bottom: canvas.Bottom,
	}
}

// scaledBarSize shrinks the spacing and then the bar width until count
// bars fit into canvasWidth, the way go-chart v2.1.2 does.
func scaledBarSize(canvasWidth, count, width, spacing int) (int, int) {
	if count*(width+spacing) > canvasWidth {
		spacing = 0
		if rest := canvasWidth - count*width; rest > 0 {
			spacing = int(math.Ceil(float64(rest) / float64(count)))
		}
	}

	if count*(width+spacing) > canvasWidth {
		width = 0
		if rest := canvasWidth - count*spacing; rest > 0 {
			width = int(math.Ceil(float64(rest) / float64(count)))
		}
	}

	return width, spacing
}

// drawWeighted fills each bar from the bottom up to its weighted amount.
func (l pipelineLayout) drawWeighted(r chart.Renderer, canvas chart.Box, _ chart.Style) {
	style := chart.Style{FillColor: weightedColor, StrokeColor: weightedColor, StrokeWidth: 1}
	for i, value := range l.weighted {
		if value <= 0 {
			continue
		}

		chart.Draw.Box(r, l.barBox(canvas, i, value), style)
	}
}

// drawValues writes the open amount above each bar where it fits.
func (l pipelineLayout) drawValues(r chart.Renderer, canvas chart.Box, defaults chart.Style) {
	style := chart.Style{Font: defaults.Font, FontSize: valueFontSize, FontColor: textColor}
	for i, value := range l.amounts {
		if value <= 0 {
			continue
		}

		bar := l.barBox(canvas, i, value)
		label := l.escape(l.format(value))
		size := chart.Draw.MeasureText(r, label, style)
		if size.Width() > bar.Width()+l.spacing {
			continue
		}

		x := bar.Left + (bar.Width()-size.Width())/2
		chart.Draw.Text(r, label, x, bar.Top-4, style)
	}
}

// drawLegend names the two colours in one row above the plot.
func (l pipelineLayout) drawLegend(r chart.Renderer, canvas chart.Box, defaults chart.Style) {
	style := chart.Style{Font: defaults.Font, FontSize: 10, FontColor: textColor}
	baseline := canvas.Top - legendHeight/2
	x := canvas.Left

	entries := []struct {
		label string
		color chart.Style
	}{
		{l.series.AmountLabel, chart.Style{FillColor: amountColor, StrokeColor: amountColor, StrokeWidth: 1}},
		{l.series.WeightedLabel, chart.Style{FillColor: weightedColor, StrokeColor: weightedColor, StrokeWidth: 1}},
	}

	for _, entry := range entries {
		label := l.escape(entry.label)
		size := chart.Draw.MeasureText(r, label, style)
		swatch := chart.Box{
			Top:    baseline - legendSwatchWidth,
			Left:   x,
			Right:  x + legendSwatchWidth,
			Bottom: baseline,
		}
		chart.Draw.Box(r, swatch, entry.color)
		chart.Draw.Text(r, label, x+legendSwatchWidth+6, baseline, style)
		x += legendSwatchWidth + 6 + size.Width() + 20
	}
}
