package charts

import (
	"fmt"
	"image"
	"io"
	"math"

	chart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// Chart is a report chart that can draw itself at any size within
// [MinWidth]×[MinHeight] and [MaxWidth]×[MaxHeight].
type Chart interface {
	Render(w io.Writer, f Format, width, height int) error
}

// RenderImage draws c with the PNG renderer and returns the image, ready
// for a canvas.Image. go-chart v2.1.2 hands its image to a
// [chart.ImageWriter] instead of encoding a PNG, which spares the
// encoding and decoding that took most of the time.
func RenderImage(c Chart, width, height int) (image.Image, error) {
	var target chart.ImageWriter
	if err := c.Render(&target, PNG, width, height); err != nil {
		return nil, err
	}

	img, err := target.Image()
	if err != nil {
		return nil, fmt.Errorf("read the rendered chart: %w", err)
	}

	return img, nil
}

// plotSeries is one kind of bar in a plot: its legend label and colour.
type plotSeries struct {
	label string
	color drawing.Color
}

// plotGroup is one category of a plot. Values holds one value per series
// in major units or counts, and NaN where the group has no bar of that
// series. The note is drawn in grey under the label.
type plotGroup struct {
	label  string
	note   string
	values []float64
}

// barPlot is the drawing behind every report chart: groups of bars on
// one value axis that starts at 0, with a title and a legend.
type barPlot struct {
	title      string
	emptyLabel string
	series     []plotSeries
	groups     []plotGroup
	format     chart.ValueFormatter
	// integer keeps the ticks on whole numbers, for counts.
	integer    bool
	horizontal bool
}

// Colours of the report charts besides the pipeline chart's two blues.
var (
	wonColor       = drawing.Color{R: 0x2e, G: 0x8b, B: 0x57, A: 0xff}
	lostColor      = drawing.Color{R: 0xc0, G: 0x50, B: 0x4d, A: 0xff}
	committedColor = drawing.Color{R: 0x0b, G: 0x33, B: 0x5c, A: 0xff}
	reachedColor   = drawing.Color{R: 0x8f, G: 0xa8, B: 0xbf, A: 0xff}
	gridColor      = drawing.Color{R: 0xe3, G: 0xe3, B: 0xe3, A: 0xff}
	axisColor      = drawing.Color{R: 0x99, G: 0x99, B: 0x99, A: 0xff}
)

// Sizes in pixels and points of the report charts.
const (
	plotTitleFontSize  = 14.0
	plotTextFontSize   = 10.0
	plotValueFontSize  = 9.0
	plotLineHeight     = 15
	plotLegendRow      = 22
	plotGroupShare     = 0.8
	plotMaxBarWidth    = 48
	plotMaxBarPitch    = 80
	plotBarGap         = 4
	plotMaxBarHeight   = 22
	plotTickGap        = 6
	horizontalHeadroom = 1.18
)

// render draws p on a white image of width × height pixels and writes it
// to w in format f. It draws the title and p.emptyLabel alone when no
// value is above zero.
func (p barPlot) render(w io.Writer, f Format, width, height int) error {
	if err := checkSize(width, height); err != nil {
		return err
	}

	provider, err := rendererFor(f)
	if err != nil {
		return err
	}

	r, err := provider(width, height)
	if err != nil {
		return fmt.Errorf("render chart %q: %w", p.title, err)
	}

	font, err := chart.GetDefaultFont()
	if err != nil {
		return fmt.Errorf("load chart font: %w", err)
	}

	d := plotDrawer{plot: p, r: r, text: chart.Style{Font: font}, escape: textEscaper(f), width: width, height: height}
	d.draw()

	if err := r.Save(w); err != nil {
		return fmt.Errorf("render chart %q: %w", p.title, err)
	}

	return nil
}

// checkSize rejects sizes outside the limits that every chart shares.
func checkSize(width, height int) error {
	if width < MinWidth || height < MinHeight {
		return fmt.Errorf("chart size %d×%d is too small: use at least %d×%d pixels",
			width, height, MinWidth, MinHeight)
	}

	if width > MaxWidth || height > MaxHeight {
		return fmt.Errorf("chart size %d×%d is too large: use at most %d×%d pixels",
			width, height, MaxWidth, MaxHeight)
	}

	return nil
}

// maxValue returns the largest value of any bar, 0 when there is none.
// Negative values count as 0, because the value axis starts at 0.
func (p barPlot) maxValue() float64 {
	top := 0.0
	for _, g := range p.groups {
		for _, v := range g.values {
			if !math.IsNaN(v) {
				top = math.Max(top, v)
			}
		}
	}

	return top
}

// ticks returns round value axis ticks up to at least the largest value
// times headroom, with at most maxIntervals intervals.
func (p barPlot) ticks(maxIntervals int, headroom float64) []chart.Tick {
	top := p.maxValue() * headroom
	intervals := min(max(maxIntervals, 2), maxTickIntervals)
	if p.integer {
		// Whole-number steps need no more intervals than the top value.
		intervals = max(min(intervals, int(math.Ceil(top))), 1)
	}

	return valueTicks(top, intervals, p.format)
}

// plotDrawer draws one barPlot on one renderer.
type plotDrawer struct {
	plot barPlot
	r    chart.Renderer
	// text carries the font that every text style starts from.
	text   chart.Style
	escape func(string) string
	width  int
	height int
}

func (d plotDrawer) draw() {
	background := chart.Style{FillColor: drawing.ColorWhite, StrokeColor: drawing.ColorWhite}
	chart.Draw.Box(d.r, chart.Box{Right: d.width, Bottom: d.height}, background)

	top := paddingTop
	if d.plot.title != "" {
		d.drawCentred(d.plot.title, d.width/2, top+titleHeight/2, d.textStyle(plotTitleFontSize, textColor))
		top += titleHeight
	}

	if d.plot.maxValue() <= 0 {
		d.drawCentred(d.plot.emptyLabel, d.width/2, d.height/2, d.textStyle(12, mutedColor))
		return
	}

	top = d.drawLegend(top)
	if d.plot.horizontal {
		d.drawHorizontal(top)
	} else {
		d.drawVertical(top)
	}
}

func (d plotDrawer) textStyle(size float64, color drawing.Color) chart.Style {
	return chart.Style{Font: d.text.Font, FontSize: size, FontColor: color}
}

// measure returns the width and height of text as it will be drawn.
func (d plotDrawer) measure(text string, style chart.Style) (int, int) {
	box := chart.Draw.MeasureText(d.r, text, style)

	return box.Width(), box.Height()
}

// drawText writes text with its left edge at x and its baseline at y.
func (d plotDrawer) drawText(text string, x, y int, style chart.Style) {
	chart.Draw.Text(d.r, d.escape(text), x, y, style)
}

// drawCentred writes text with its centre at x and its baseline at y.
func (d plotDrawer) drawCentred(text string, x, y int, style chart.Style) {
	width, _ := d.measure(text, style)
	d.drawText(text, x-width/2, y, style)
}

// drawLegend writes one swatch and label per series from the left edge,
// starting a new row where the next entry does not fit, and returns the
// y coordinate under the last row.
func (d plotDrawer) drawLegend(top int) int {
	style := d.textStyle(plotTextFontSize, textColor)
	x := paddingSide
	baseline := top + plotLegendRow - 6

	for _, s := range d.plot.series {
		width, _ := d.measure(s.label, style)
		entry := legendSwatchWidth + 6 + width
		if x > paddingSide && x+entry > d.width-paddingSide {
			x = paddingSide
			baseline += plotLegendRow
		}

		swatch := chart.Box{Top: baseline - legendSwatchWidth, Left: x, Right: x + legendSwatchWidth, Bottom: baseline}
		chart.Draw.Box(d.r, swatch, chart.Style{FillColor: s.color, StrokeColor: s.color, StrokeWidth: 1})
		d.drawText(s.label, x+legendSwatchWidth+6, baseline, style)
		x += entry + 20
	}

	return baseline + 14
}

// drawLine strokes a straight line in color.
func (d plotDrawer) drawLine(x1, y1, x2, y2 int, color drawing.Color) {
	chart.Style{StrokeColor: color, StrokeWidth: 1}.WriteDrawingOptionsToRenderer(d.r)
	d.r.MoveTo(x1, y1)
	d.r.LineTo(x2, y2)
	d.r.Stroke()
}

// drawBar fills box in the colour of the given series.
func (d plotDrawer) drawBar(box chart.Box, series int) {
	color := d.plot.series[series].color
	chart.Draw.Box(d.r, box, chart.Style{FillColor: color, StrokeColor: color, StrokeWidth: 1})
}

// presentSeries returns the indexes of the series that g has a bar for.
func presentSeries(g plotGroup) []int {
	var present []int
	for i, v := range g.values {
		if !math.IsNaN(v) {
			present = append(present, i)
		}
	}

	return present
}

// scale converts a value to pixels along an axis of length pixels that
// ends at axisMax.
func scale(value, axisMax float64, length int) int {
	return int(math.Round(math.Max(value, 0) / axisMax * float64(length)))
}
