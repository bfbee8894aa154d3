package charts

import (
	"strings"

	chart "github.com/wcharczuk/go-chart/v2"
)

const (
	stageNameLines    = 2
	stageNameFontSize = 10.0
	stageNameMargin   = 8
	lineSpacing       = 3
)

// drawStageNames writes each stage name centred under its bar, wrapped to
// two lines and shortened with "…" where it is wider than the bar slot.
func (l pipelineLayout) drawStageNames(r chart.Renderer, canvas chart.Box, defaults chart.Style) {
	style := chart.Style{Font: defaults.Font, FontSize: stageNameFontSize, FontColor: textColor}
	for i, stage := range l.series.Stages {
		bar := l.barBox(canvas, i, 0)
		slotWidth := max(bar.Width()+l.spacing-4, 1)
		lines := wrapText(stage.Name, stageNameLines, func(s string) bool {
			return chart.Draw.MeasureText(r, s, style).Width() <= slotWidth
		})

		y := canvas.Bottom + stageNameMargin
		for _, line := range lines {
			size := chart.Draw.MeasureText(r, line, style)
			y += size.Height()
			x := bar.Left + (bar.Width()-size.Width())/2
			chart.Draw.Text(r, l.escape(line), x, y, style)
			y += lineSpacing
		}
	}
}

// wrapText splits text into at most maxLines lines at spaces, so that
// fits reports true for each line where possible. The last line takes
// the remaining words, and any line that still does not fit is shortened
// with "…".
func wrapText(text string, maxLines int, fits func(string) bool) []string {
	words := strings.Fields(text)
	var lines []string
	for len(words) > 0 && len(lines) < maxLines-1 {
		n := 1
		for n < len(words) && fits(strings.Join(words[:n+1], " ")) {
			n++
		}

		lines = append(lines, strings.Join(words[:n], " "))
		words = words[n:]
	}

	if len(words) > 0 {
		lines = append(lines, strings.Join(words, " "))
	}

	for i, line := range lines {
		lines[i] = shorten(line, fits)
	}

	return lines
}

// shorten drops runes from the end of line and appends "…" until fits
// reports true. It returns "…" alone when not even one rune fits.
func shorten(line string, fits func(string) bool) string {
	if fits(line) {
		return line
	}

	runes := []rune(line)
	for n := len(runes) - 1; n > 0; n-- {
		candidate := strings.TrimSpace(string(runes[:n])) + "…"
		if fits(candidate) {
			return candidate
		}
	}

	return "…"
}
