package report

import (
	"math"
	"strconv"
)

// Chart geometry in millimetres.
const (
	legendHeight   = 7.0
	categoryHeight = 9.0
	swatchSize     = 3.0
	// groupShare is the part of a category's slot its bars fill, and
	// maxBarWidth keeps the bars of a chart with few categories slim.
	groupShare  = 0.75
	maxBarWidth = 18.0
	// tickCount is roughly how many intervals the value axis gets.
	tickCount = 5
)

// chart draws c as vector graphics in the box at x, y of width × height.
func (w *writer) chart(c BarChart, x, y, width, height float64) {
	w.legend(c.Series, x, y)
	top := y + legendHeight
	plotBottom := y + height - categoryHeight

	maxValue := 0.0
	for _, s := range c.Series {
		for _, v := range s.Values {
			maxValue = math.Max(maxValue, v)
		}
	}

	if maxValue <= 0 || len(c.Categories) == 0 {
		w.pdf.SetFont(fontFamily, "", bodySize)
		w.setText(mutedColor)
		w.pdf.SetXY(x, top+(plotBottom-top)/2-3)
		w.pdf.CellFormat(width, 6, c.Empty, "", 0, "C", false, 0, "")
		return
	}

	ticks := niceTicks(maxValue, tickCount, c.WholeNumbers)
	format := c.FormatValue
	if format == nil {
		format = func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	}

	plotLeft := x + w.axisLabelWidth(ticks, format) + 2
	scale := (plotBottom - top) / ticks[len(ticks)-1]
	w.valueAxis(ticks, format, plotLeft, x+width, plotBottom, scale)
	w.bars(c, plotLeft, x+width, plotBottom, scale)
}

// legend draws one colour swatch and name per series in a row.
func (w *writer) legend(series []Series, x, y float64) {
	w.pdf.SetFont(fontFamily, "", smallSize)
	w.setText(textColor)
	for i, s := range series {
		w.setFill(colorOf(i))
		w.pdf.Rect(x, y+1, swatchSize, swatchSize, "F")
		w.pdf.SetXY(x+swatchSize+1, y)
		nameWidth := w.pdf.GetStringWidth(s.Name) + 2
		w.pdf.CellFormat(nameWidth, 5, s.Name, "", 0, "L", false, 0, "")
		x += swatchSize + 1 + nameWidth + 5
	}
}

func (w *writer) axisLabelWidth(ticks []float64, format func(float64) string) float64 {
	w.pdf.SetFont(fontFamily, "", smallSize)
	width := 0.0
	for _, t := range ticks {
		width = math.Max(width, w.pdf.GetStringWidth(format(t)))
	}

	return width
}

// valueAxis draws a grid line and a label for each tick.
func (w *writer) valueAxis(ticks []float64, format func(float64) string, left, right, bottom, scale float64) {
	w.pdf.SetFont(fontFamily, "", smallSize)
	w.setText(mutedColor)
	w.setDraw(ruleColor)
	w.pdf.SetLineWidth(0.2)
	for _, t := range ticks {
		y := bottom - t*scale
		w.pdf.Line(left, y, right, y)
		label := format(t)
		w.pdf.SetXY(left-2-w.pdf.GetStringWidth(label)-2, y-2)
		w.pdf.CellFormat(w.pdf.GetStringWidth(label)+2, 4, label, "", 0, "R", false, 0, "")
	}
}

// bars draws each category's group of bars and its name under it.
func (w *writer) bars(c BarChart, left, right, bottom, scale float64) {
	slot := (right - left) / float64(len(c.Categories))
	seriesCount := float64(max(len(c.Series), 1))
	barWidth := min(slot*groupShare/seriesCount, maxBarWidth)
	for i, name := range c.Categories {
		groupLeft := left + float64(i)*slot + (slot-barWidth*seriesCount)/2
		for j, s := range c.Series {
			if i >= len(s.Values) || s.Values[i] <= 0 {
				continue
			}

			barHeight := s.Values[i] * scale
			w.setFill(colorOf(j))
			w.pdf.Rect(groupLeft+float64(j)*barWidth, bottom-barHeight, barWidth, barHeight, "F")
		}

		w.categoryLabel(name, left+float64(i)*slot, bottom, slot)
	}

	w.setDraw(textColor)
	w.pdf.SetLineWidth(0.3)
	w.pdf.Line(left, bottom, right, bottom)
}

// categoryLabel prints name centred under its slot on up to two lines.
func (w *writer) categoryLabel(name string, x, y, width float64) {
	w.pdf.SetFont(fontFamily, "", smallSize)
	w.setText(textColor)
	lines := w.pdf.SplitText(name, width)
	if len(lines) > 2 {
		lines = []string{lines[0], w.fit(lines[1]+"…", width-2)}
	}

	for i, line := range lines {
		w.pdf.SetXY(x, y+1+float64(i)*3.5)
		w.pdf.CellFormat(width, 3.5, line, "", 0, "C", false, 0, "")
	}
}

func colorOf(series int) rgb {
	return seriesColor[series%len(seriesColor)]
}

// niceTicks returns the value axis ticks from 0 to at least maxValue in
// steps of 1, 2 or 5 times a power of ten, with about count intervals.
// With whole set, the step is at least 1.
func niceTicks(maxValue float64, count int, whole bool) []float64 {
	raw := maxValue / float64(count)
	if whole {
		raw = math.Max(raw, 1)
	}

	magnitude := math.Pow(10, math.Floor(math.Log10(raw)))
	step := magnitude
	for _, factor := range []float64{1, 2, 5, 10} {
		step = factor * magnitude
		if step >= raw {
			break
		}
	}

	intervals := int(math.Ceil(maxValue/step - 1e-9))
	ticks := make([]float64, intervals+1)
	for i := range ticks {
		ticks[i] = float64(i) * step
	}

	return ticks
}
