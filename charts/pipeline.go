// Package charts turns plain series of numbers into go-chart images, PNG
// or SVG. It imports neither the storage nor the window code, so callers
// pass the totals they have already computed.
package charts

import (
	"errors"
	"fmt"
	"html"
	"image"
	"io"

	chart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// PipelineSeries is the input of the pipeline chart: the open stages of
// one pipeline in stage order, all in one currency.
type PipelineSeries struct {
	Title string
	// Currency is the ISO 4217 code of every amount in Stages.
	Currency string
	// Language selects how money is written on the axis, such as "en"
	// or "de".
	Language string
	// AmountLabel and WeightedLabel name the two values in the legend.
	// Empty labels default to "Open amount" and "Weighted amount".
	AmountLabel, WeightedLabel string
	// EmptyLabel is the message drawn when no stage has an amount. Empty
	// defaults to "No open deals".
	EmptyLabel string
	Stages     []StageValue
}

// StageValue is the total of one stage, in minor units of the series
// currency.
type StageValue struct {
	Name     string
	Amount   int64
	Weighted int64
}

// Minimum chart size in pixels. Below it the axes and labels do not fit.
const (
	MinWidth  = 200
	MinHeight = 150
)

// Maximum chart size in pixels. A PNG is drawn on an in-memory RGBA
// image of 4 bytes per pixel, so 8000×8000 already takes 256 MB.
const (
	MaxWidth  = 8000
	MaxHeight = 8000
)

var (
	amountColor   = drawing.Color{R: 0x9e, G: 0xc5, B: 0xe8, A: 0xff}
	weightedColor = drawing.Color{R: 0x1f, G: 0x5f, B: 0x99, A: 0xff}
	textColor     = drawing.Color{R: 0x33, G: 0x33, B: 0x33, A: 0xff}
	mutedColor    = drawing.Color{R: 0x77, G: 0x77, B: 0x77, A: 0xff}
)

// RenderPipeline draws s as a vertical bar chart of width × height pixels
// and writes it to w in format f. The size must lie within
// [MinWidth]×[MinHeight] and [MaxWidth]×[MaxHeight]. Each stage is one bar whose full height
// is the open amount. The weighted amount fills the bar from the bottom in
// a darker colour. When no stage has an amount above zero, it draws the
// title and s.EmptyLabel in place of the bars.
func RenderPipeline(w io.Writer, s PipelineSeries, f Format, width, height int) error {
	if width < MinWidth || height < MinHeight {
		return fmt.Errorf("chart size %d×%d is too small: use at least %d×%d pixels",
			width, height, MinWidth, MinHeight)
	}

	if width > MaxWidth || height > MaxHeight {
		return fmt.Errorf("chart size %d×%d is too large: use at most %d×%d pixels",
			width, height, MaxWidth, MaxHeight)
	}

	provider, err := rendererFor(f)
	if err != nil {
		return err
	}

	layout := newPipelineLayout(s, f, width, height)
	if layout.isEmpty() {
		return renderEmpty(w, provider, layout)
	}

	if err := layout.barChart().Render(provider, w); err != nil {
		return fmt.Errorf("render pipeline chart: %w", err)
	}

	return nil
}

// RenderPipelineImage draws s like [RenderPipeline] with the PNG renderer
// and returns the image, ready for a canvas.Image, without encoding a
// PNG, as [RenderImage] does.
func RenderPipelineImage(s PipelineSeries, width, height int) (image.Image, error) {
	var target chart.ImageWriter
	if err := RenderPipeline(&target, s, PNG, width, height); err != nil {
		return nil, err
	}

	img, err := target.Image()
	if err != nil {
		return nil, fmt.Errorf("read the rendered pipeline chart: %w", err)
	}

	return img, nil
}

func rendererFor(f Format) (chart.RendererProvider, error) {
	switch f {
	case PNG:
		return chart.PNG, nil
	case SVG:
		return chart.SVG, nil
	default:
		return nil, errors.New("chart format " + f.String() + " is not supported: use PNG or SVG")
	}
}

// textEscaper returns how text must be escaped for format f. go-chart
// v2.1.2 writes SVG text without escaping, so a stage named "R&D" would
// break the XML.
func textEscaper(f Format) func(string) string {
	if f == SVG {
		return html.EscapeString
	}

	return func(s string) string { return s }
}
