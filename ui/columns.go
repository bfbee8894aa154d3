package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
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
	return c.fillWidths(make([]float32, len(c.weights)), width)
}

// fillWidths stores the column widths of widths in the given slice, which
// must have one element per weight, and returns it. A row that reuses
// its slice is laid out without allocating.
func (c columnLayout) fillWidths(widths []float32, width float32) []float32 {
	if len(c.minWidths) != len(c.weights) {
		total := c.totalWeight()
		for i, w := range c.weights {
			widths[i] = width * w / total
		}

		return widths
	}

	// fixed has bit i set once column i keeps its minimum. The lists have
	// at most ten columns, far below the 64 that the mask holds.
	var fixed uint64
	for changed := true; changed; {
		changed = false
		free, weight := width, float32(0)
		for i, w := range c.weights {
			if fixed&(1<<i) != 0 {
				free -= c.minWidths[i]
			} else {
				weight += w
			}
		}

		for i, w := range c.weights {
			if fixed&(1<<i) != 0 {
				widths[i] = c.minWidths[i]
				continue
			}

			widths[i] = free * w / weight
			if widths[i] < c.minWidths[i] {
				fixed |= 1 << i
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

	return fyne.NewSize(c.minWidth(len(objects)), height)
}

// minWidth returns the width below which n columns do not shrink: the
// sum of minWidths when keepMinWidths is set, else minColumnWidth each.
func (c columnLayout) minWidth(n int) float32 {
	width := minColumnWidth * float32(n)
	if c.keepMinWidths && len(c.minWidths) == n {
		width = 0
		for _, w := range c.minWidths {
			width += w
		}
	}

	return width + theme.Padding()*float32(n-1)
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
