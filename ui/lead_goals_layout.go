package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// tableLayout places its objects in rows of a fixed number of columns,
// row by row. Each row is as high as its highest object, the first column
// as wide as its widest object, and the other columns share the rest of
// the width equally, each at most maxWidth wide.
type tableLayout struct {
	columns  int
	maxWidth float32
}

func (t tableLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	widths := t.columnWidths(objects)
	if t.columns > 1 {
		rest := size.Width - widths[0] - pad*float32(t.columns-1)
		share := min(rest/float32(t.columns-1), t.maxWidth)
		for c := 1; c < t.columns; c++ {
			widths[c] = max(widths[c], share)
		}
	}

	y := float32(0)
	for r, height := range t.rowHeights(objects) {
		x := float32(0)
		for c := range t.columns {
			if i := r*t.columns + c; i < len(objects) {
				objects[i].Move(fyne.NewPos(x, y))
				objects[i].Resize(fyne.NewSize(widths[c], height))
			}
			x += widths[c] + pad
		}
		y += height + pad
	}
}

func (t tableLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	width := float32(0)
	for _, w := range t.columnWidths(objects) {
		width += w + pad
	}

	height := float32(0)
	for _, h := range t.rowHeights(objects) {
		height += h + pad
	}

	return fyne.NewSize(max(width-pad, 0), max(height-pad, 0))
}

func (t tableLayout) columnWidths(objects []fyne.CanvasObject) []float32 {
	widths := make([]float32, t.columns)
	for i, o := range objects {
		if o.Visible() {
			widths[i%t.columns] = max(widths[i%t.columns], o.MinSize().Width)
		}
	}

	return widths
}

func (t tableLayout) rowHeights(objects []fyne.CanvasObject) []float32 {
	heights := make([]float32, (len(objects)+t.columns-1)/t.columns)
	for i, o := range objects {
		if o.Visible() {
			heights[i/t.columns] = max(heights[i/t.columns], o.MinSize().Height)
		}
	}

	return heights
}
