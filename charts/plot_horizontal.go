package charts

import (
	chart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// Horizontal plots keep at most this share of the width for the labels.
const maxLabelShare = 0.35

// Minimum space in pixels between two value ticks along a horizontal
// axis, where the money labels sit side by side.
const minHorizontalTickSpacing = 90

// drawHorizontal draws the groups from top to bottom, with the labels on
// the left and the value axis under the plot.
func (d plotDrawer) drawHorizontal(top int) {
	labelStyle := d.textStyle(plotTextFontSize, textColor)
	labelWidth := 0
	for _, g := range d.plot.groups {
		for _, text := range []string{g.label, g.note} {
			width, _ := d.measure(text, labelStyle)
			labelWidth = max(labelWidth, width)
		}
	}
	labelWidth = min(labelWidth, int(float64(d.width)*maxLabelShare))

	plot := chart.Box{
		Top:    top,
		Left:   paddingSide + labelWidth + plotTickGap,
		Right:  d.width - paddingSide,
		Bottom: d.height - paddingSide - plotLineHeight,
	}
	ticks := d.plot.ticks(plot.Width()/minHorizontalTickSpacing, horizontalHeadroom)
	axisMax := ticks[len(ticks)-1].Value

	for _, t := range ticks {
		x := plot.Left + scale(t.Value, axisMax, plot.Width())
		d.drawLine(x, plot.Top, x, plot.Bottom, gridColor)
		d.drawCentred(t.Label, x, plot.Bottom+plotLineHeight, labelStyle)
	}

	slot := float64(plot.Height()) / float64(len(d.plot.groups))
	for i, g := range d.plot.groups {
		slotTop := plot.Top + int(float64(i)*slot)
		d.drawRows(plot, g, slotTop, int(slot), axisMax)
		d.drawRowLabel(g, slotTop+int(slot)/2, labelWidth, int(slot))
	}

	d.drawLine(plot.Left, plot.Top, plot.Left, plot.Bottom, axisColor)
}

// drawRows draws the bars of one group one under the other, centred in
// its slot, and writes each value after the end of its bar, or inside the
// bar where the plot ends first.
func (d plotDrawer) drawRows(plot chart.Box, g plotGroup, slotTop, slot int, axisMax float64) {
	present := presentSeries(g)
	if len(present) == 0 {
		return
	}

	barHeight := max(min(int(float64(slot)*plotGroupShare)/len(present), plotMaxBarHeight), 1)
	y := slotTop + slot/2 - barHeight*len(present)/2
	valueStyle := d.textStyle(plotValueFontSize, textColor)

	for _, series := range present {
		value := g.values[series]
		width := scale(value, axisMax, plot.Width())
		if width > 0 {
			d.drawBar(chart.Box{Top: y, Left: plot.Left, Right: plot.Left + width, Bottom: y + barHeight}, series)
		}

		label := d.plot.format(value)
		textWidth, textHeight := d.measure(label, valueStyle)
		baseline := y + (barHeight+textHeight)/2
		switch {
		case textHeight > barHeight+4:
		case plot.Left+width+4+textWidth <= plot.Right:
			d.drawText(label, plot.Left+width+4, baseline, valueStyle)
		case width > textWidth+8:
			inside := valueStyle
			inside.FontColor = drawing.ColorWhite
			d.drawText(label, plot.Left+width-4-textWidth, baseline, inside)
		}

		y += barHeight
	}
}

// drawRowLabel writes the group label left of its slot, vertically
// centred on middle, with the note in grey under it where the slot has
// room for two lines.
func (d plotDrawer) drawRowLabel(g plotGroup, middle, labelWidth, slot int) {
	style := d.textStyle(plotTextFontSize, textColor)
	fits := func(s string) bool {
		width, _ := d.measure(s, style)
		return width <= labelWidth
	}

	_, height := d.measure(g.label, style)
	baseline := middle + height/2
	showNote := g.note != "" && slot >= 2*plotLineHeight
	if showNote {
		baseline -= plotLineHeight / 2
	}

	d.drawText(shorten(g.label, fits), paddingSide, baseline, style)
	if showNote {
		d.drawText(shorten(g.note, fits), paddingSide, baseline+plotLineHeight, d.textStyle(plotTextFontSize, mutedColor))
	}
}
