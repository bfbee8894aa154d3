package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// wrapLayout places objects at their minimum width in rows, left to right,
// and starts a new row where the next object would pass the right edge.
// Its minimum width is that of the widest object, so a split can narrow
// it, and its minimum height that of the rows of the last layout. Fyne's
// RowWrapLayout (v2.7.1) differs: it reports the width of its last layout
// as its minimum, so a panel never gets narrower again.
//
// Objects with a zero minimum size, such as a box around a hidden button,
// take no room.
type wrapLayout struct {
	// rows is the number of rows of the last layout, 0 before the first.
	rows int
	// compact puts rows of labels as close as the lines of a board
	// header, compactLinePadding apart, in place of the theme's padding.
	compact bool
}

// rowGap is the space between two rows.
func (l *wrapLayout) rowGap() float32 {
	if l.compact {
		return compactLinePadding
	}

	return theme.Padding()
}

func (l *wrapLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	height := rowHeight(objects)
	x, y := float32(0), float32(0)
	l.rows = 0
	for _, o := range objects {
		minimum := o.MinSize()
		if !o.Visible() || minimum.IsZero() {
			continue
		}

		switch {
		case l.rows == 0:
			l.rows = 1
		case x+minimum.Width > size.Width:
			x, y = 0, y+height+l.rowGap()
			l.rows++
		}

		o.Move(fyne.NewPos(x, y))
		o.Resize(fyne.NewSize(minimum.Width, height))
		x += minimum.Width + pad
	}
}

// MinSize assumes one object per row before the first layout, so the
// panel leaves room rather than overlapping the rows. When the minimum
// changes after a layout, the window's canvas lays out the parent again
// (EnsureMinSize in Fyne v2.7.1).
func (l *wrapLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	width, visible := float32(0), 0
	for _, o := range objects {
		minimum := o.MinSize()
		if !o.Visible() || minimum.IsZero() {
			continue
		}

		width = max(width, minimum.Width)
		visible++
	}

	rows := l.rows
	if rows == 0 {
		rows = visible
	}
	if rows == 0 {
		return fyne.NewSize(0, 0)
	}

	height := rowHeight(objects)

	return fyne.NewSize(width, height*float32(rows)+l.rowGap()*float32(rows-1))
}

// rowHeight returns the minimum height of the tallest visible object.
func rowHeight(objects []fyne.CanvasObject) float32 {
	height := float32(0)
	for _, o := range objects {
		if o.Visible() {
			height = max(height, o.MinSize().Height)
		}
	}

	return height
}
