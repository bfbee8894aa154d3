package charts

import (
	"fmt"
	"io"

	chart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// renderEmpty draws the title and the empty label centred on a white
// image, for a pipeline without any open amount.
func renderEmpty(w io.Writer, provider chart.RendererProvider, l pipelineLayout) error {
	r, err := provider(l.width, l.height)
	if err != nil {
		return fmt.Errorf("render empty pipeline chart: %w", err)
	}

	font, err := chart.GetDefaultFont()
	if err != nil {
		return fmt.Errorf("load chart font: %w", err)
	}

	background := chart.Style{FillColor: drawing.ColorWhite, StrokeColor: drawing.ColorWhite}
	chart.Draw.Box(r, chart.Box{Right: l.width, Bottom: l.height}, background)

	if l.series.Title != "" {
		style := chart.Style{Font: font, FontSize: 14, FontColor: textColor}
		drawCentred(r, l.escape(l.series.Title), l.width/2, paddingTop+titleHeight/2, style)
	}

	style := chart.Style{Font: font, FontSize: 12, FontColor: mutedColor}
	drawCentred(r, l.escape(l.series.EmptyLabel), l.width/2, l.height/2, style)

	if err := r.Save(w); err != nil {
		return fmt.Errorf("render empty pipeline chart: %w", err)
	}

	return nil
}

// drawCentred writes text with its centre at x and its baseline at y.
func drawCentred(r chart.Renderer, text string, x, y int, style chart.Style) {
	size := chart.Draw.MeasureText(r, text, style)
	chart.Draw.Text(r, text, x-size.Width()/2, y, style)
}
