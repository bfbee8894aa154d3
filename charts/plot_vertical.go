package charts

import (
	chart "github.com/wcharczuk/go-chart/v2"
)

// drawVertical draws the groups side by side from left to right, with
// the value axis on the left and the group labels under the plot.
func (d plotDrawer) drawVertical(top int) {
	labelLines := stageNameLines
	if d.hasNotes() {
		labelLines++
	}

	bottom := d.height - paddingSide - labelLines*plotLineHeight
	ticks := d.plot.ticks((bottom-top)/minTickSpacing, headroom)
	axisMax := ticks[len(ticks)-1].Value

	tickStyle := d.textStyle(plotTextFontSize, textColor)
	tickWidth := 0
	for _, t := range ticks {
		width, _ := d.measure(t.Label, tickStyle)
		tickWidth = max(tickWidth, width)
	}

	plot := chart.Box{Top: top, Left: paddingSide + tickWidth + plotTickGap, Right: d.width - paddingSide, Bottom: bottom}
	for _, t := range ticks {
		y := plot.Bottom - scale(t.Value, axisMax, plot.Height())
		d.drawLine(plot.Left, y, plot.Right, y, gridColor)
		width, height := d.measure(t.Label, tickStyle)
		d.drawText(t.Label, plot.Left-plotTickGap-width, y+height/2, tickStyle)
	}

	slot := float64(plot.Width()) / float64(len(d.plot.groups))
	for i, g := range d.plot.groups {
		left := plot.Left + int(float64(i)*slot)
		d.drawColumns(plot, g, left, int(slot), axisMax)
		d.drawColumnLabel(plot, g, left, int(slot))
	}

	d.drawLine(plot.Left, plot.Bottom, plot.Right, plot.Bottom, axisColor)
}

func (d plotDrawer) hasNotes() bool {
	for _, g := range d.plot.groups {
		if g.note != "" {
			return true
		}
	}

	return false
}

// drawColumns draws the bars of one group centred in its slot and writes
// each value above its bar where it fits into the bar's share of the
// slot.
func (d plotDrawer) drawColumns(plot chart.Box, g plotGroup, left, slot int, axisMax float64) {
	present := presentSeries(g)
	if len(present) == 0 {
		return
	}

	pitch := max(min(int(float64(slot)*plotGroupShare)/len(present), plotMaxBarPitch), 1)
	barWidth := max(min(pitch-plotBarGap, plotMaxBarWidth), 1)
	x := left + slot/2 - pitch*len(present)/2
	valueStyle := d.textStyle(plotValueFontSize, textColor)

	for _, series := range present {
		value := g.values[series]
		height := scale(value, axisMax, plot.Height())
		barLeft := x + (pitch-barWidth)/2
		if height > 0 {
			d.drawBar(chart.Box{Top: plot.Bottom - height, Left: barLeft, Right: barLeft + barWidth, Bottom: plot.Bottom}, series)
		}

		if value > 0 {
			label := d.plot.format(value)
			width, _ := d.measure(label, valueStyle)
			if width <= pitch-plotBarGap {
				d.drawText(label, x+(pitch-width)/2, plot.Bottom-height-4, valueStyle)
			}
		}

		x += pitch
	}
}

// drawColumnLabel writes the group label under its slot, wrapped to two
// lines, and the note in grey under it.
func (d plotDrawer) drawColumnLabel(plot chart.Box, g plotGroup, left, slot int) {
	style := d.textStyle(plotTextFontSize, textColor)
	fits := func(s string) bool {
		width, _ := d.measure(s, style)
		return width <= max(slot-4, 1)
	}

	y := plot.Bottom + 4
	centre := left + slot/2
	for _, line := range wrapText(g.label, stageNameLines, fits) {
		y += plotLineHeight
		d.drawCentred(line, centre, y, style)
	}

	if g.note != "" {
		note := d.textStyle(plotTextFontSize, mutedColor)
		d.drawCentred(shorten(g.note, fits), centre, y+plotLineHeight, note)
	}
}
