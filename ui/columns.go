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
}

// minColumnWidth is the width per column that the layout reports as its
// minimum. Text wider than its column is truncated with an ellipsis.
const minColumnWidth = 48

func (c columnLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	width := size.Width - pad*float32(len(objects)-1)
	total := c.totalWeight()
	x := float32(0)
	for i, o := range objects {
		w := width * c.weights[i] / total
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + pad
	}
}

func (c columnLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	height := float32(0)
	for _, o := range objects {
		height = max(height, o.MinSize().Height)
	}

	width := minColumnWidth*float32(len(objects)) + theme.Padding()*float32(len(objects)-1)

	return fyne.NewSize(width, height)
}

func (c columnLayout) totalWeight() float32 {
	total := float32(0)
	for _, w := range c.weights {
		total += w
	}

	return total
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
