package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// columnLayout places its objects side by side, each taking a share of
// the width proportional to its weight. A list's header and its rows use
// the same weights, so the columns line up.
type columnLayout struct {
	weights []float32
	// minWidths, when set, are the widths below which a column's share is
	// not cut while the others can give up width, such as the width of a
	// heading. When even they do not fit, all columns shrink by one factor.
	minWidths []float32
	// keepMinWidths makes MinSize the sum of minWidths, so a split or a
	// window cannot make the columns narrower than them.
	keepMinWidths bool
}

// minColumnWidth is the width per column that the layout reports as its
// minimum. Text wider than its column is truncated with an ellipsis.
const minColumnWidth = 48

func (c columnLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	widths := c.widths(size.Width - pad*float32(len(objects)-1))
	x := float32(0)
	for i, o := range objects {
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(widths[i], size.Height))
		x += widths[i] + pad
	}
}

// widths splits width into the column widths. A column whose weighted
// share is below its minimum gets the minimum, and the remaining width is
// shared among the other columns by weight, repeated until no share is
// below its minimum.
func (c columnLayout) widths(width float32) []float32 {
	widths := make([]float32, len(c.weights))
	if len(c.minWidths) != len(c.weights) {
		total := c.totalWeight()
		for i, w := range c.weights {
			widths[i] = width * w / total
		}

		return widths
	}

	fixed := make([]bool, len(c.weights))
	for changed := true; changed; {
		changed = false
		free, weight := width, float32(0)
		for i, w := range c.weights {
			if fixed[i] {
				free -= c.minWidths[i]
			} else {
				weight += w
			}
		}

		for i, w := range c.weights {
			if fixed[i] {
				widths[i] = c.minWidths[i]
				continue
			}

			widths[i] = free * w / weight
			if widths[i] < c.minWidths[i] {
				fixed[i] = true
				changed = true
			}
		}
	}

	return shrinkToFit(widths, width)
}

// shrinkToFit scales widths down by one factor when their sum exceeds
// width, which happens when the minimums alone are wider than the list.
func shrinkToFit(widths []float32, width float32) []float32 {
	sum := float32(0)
	for _, w := range widths {
		sum += w
	}

	if sum <= width || sum == 0 {
		return widths
	}

	for i := range widths {
		widths[i] *= width / sum
	}

	return widths
}

func (c columnLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	height := float32(0)
	for _, o := range objects {
		height = max(height, o.MinSize().Height)
	}

	width := minColumnWidth * float32(len(objects))
	if c.keepMinWidths && len(c.minWidths) == len(objects) {
		width = 0
		for _, w := range c.minWidths {
			width += w
		}
	}
	width += theme.Padding() * float32(len(objects)-1)

	return fyne.NewSize(width, height)
}

func (c columnLayout) totalWeight() float32 {
	total := float32(0)
	for _, w := range c.weights {
		total += w
	}

	return total
}

// cellWidth returns the column width that shows text in a row label
// without an ellipsis. The text is measured in bold, because a list may
// draw selected rows in bold. The label pads its text on both sides, and
// text of exactly the measured width still gets an ellipsis in Fyne
// v2.7.1, so one more padding is slack.
func cellWidth(text string) float32 {
	bold := fyne.TextStyle{Bold: true}

	return fyne.MeasureText(text, theme.TextSize(), bold).Width + 3*theme.InnerPadding()
}

// headingWidth returns the column width that shows a bold sortHeader
// title without an ellipsis, with room for the sort icon when the list is
// sorted by the column.
func headingWidth(title string, sorted bool) float32 {
	width := cellWidth(title)
	if sorted {
		width += theme.IconInlineSize() + theme.Padding()
	}

	return width
}

// newRowLabels returns one truncating label per column, in a container
// laid out by weights. The columns listed in rightAligned hold numbers and
// align to the right.
func newRowLabels(weights []float32, rightAligned ...int) *fyne.Container {
	labels := make([]fyne.CanvasObject, len(weights))
	for i := range weights {
		label := widget.NewLabel("")
		label.Truncation = fyne.TextTruncateEllipsis
		labels[i] = label
	}

	for _, i := range rightAligned {
		labels[i].(*widget.Label).Alignment = fyne.TextAlignTrailing
	}

	return container.New(columnLayout{weights: weights}, labels...)
}

// setRowTexts writes texts into the labels made by newRowLabels.
func setRowTexts(row *fyne.Container, texts ...string) {
	for i, o := range row.Objects {
		text := ""
		if i < len(texts) {
			text = texts[i]
		}
		o.(*widget.Label).SetText(text)
	}
}
