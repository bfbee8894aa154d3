package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// listRow is one row of the Leads or the Opportunities list: one line of
// text per column, placed by the columnLayout that the list's heading
// uses. It draws canvas.Text objects instead of one widget.Label per
// column, so Fyne's renderer cache keeps one entry per row, not one per
// cell. A text wider than its column is shortened by fitText, which
// shapes no text.
type listRow struct {
	widget.BaseWidget

	layout   columnLayout
	trailing []bool
	texts    []string
	// marked draws the texts in bold and in the primary color, as the
	// Opportunities list shows the deals chosen in select mode.
	marked bool
}

// newListRow returns an empty row laid out by layout. The columns listed
// in rightAligned hold numbers and align to the right.
func newListRow(layout columnLayout, rightAligned ...int) *listRow {
	r := &listRow{
		layout:   layout,
		trailing: make([]bool, len(layout.weights)),
		texts:    make([]string, len(layout.weights)),
	}
	for _, i := range rightAligned {
		r.trailing[i] = true
	}
	r.ExtendBaseWidget(r)

	return r
}

// SetTexts shows texts, one per column from the left. Columns past the
// end of texts are left empty, so one text such as "Loading…" fills the
// first column only.
func (r *listRow) SetTexts(texts ...string) {
	for i := range r.texts {
		r.texts[i] = ""
		if i < len(texts) {
			r.texts[i] = texts[i]
		}
	}

	r.Refresh()
}

// SetMarked draws the row in bold and in the primary color, or plainly.
// It does not refresh, because SetTexts follows it in each update.
func (r *listRow) SetMarked(marked bool) {
	r.marked = marked
}

// CreateRenderer implements fyne.Widget.
func (r *listRow) CreateRenderer() fyne.WidgetRenderer {
	renderer := &listRowRenderer{row: r, cells: make([]*canvas.Text, len(r.texts)), widths: make([]float32, len(r.texts))}
	renderer.objects = make([]fyne.CanvasObject, len(r.texts))
	for i := range renderer.cells {
		cell := canvas.NewText("", nil)
		if r.trailing[i] {
			cell.Alignment = fyne.TextAlignTrailing
		}
		renderer.cells[i] = cell
		renderer.objects[i] = cell
	}
	renderer.Refresh()

	return renderer
}

// listRowRenderer draws a listRow. Each cell is a canvas.Text inset by
// the theme's inner padding on every side, where a widget.Label would
// draw the same text.
type listRowRenderer struct {
	row     *listRow
	cells   []*canvas.Text
	objects []fyne.CanvasObject
	// widths are the column widths of the last layout, reused by the
	// next one.
	widths []float32
}

func (r *listRowRenderer) Layout(size fyne.Size) {
	pad := theme.Padding()
	inner := theme.InnerPadding()
	r.widths = r.row.layout.fillWidths(r.widths, size.Width-pad*float32(len(r.cells)-1))

	x := float32(0)
	for i, cell := range r.cells {
		cell.Move(fyne.NewPos(x+inner, inner))
		cell.Resize(fyne.NewSize(max(0, r.widths[i]-2*inner), size.Height-2*inner))
		x += r.widths[i] + pad
	}

	r.fitTexts()
}

func (r *listRowRenderer) MinSize() fyne.Size {
	height := textHeight(r.style()) + 2*theme.InnerPadding()

	return fyne.NewSize(r.row.layout.minWidth(len(r.cells)), height)
}

// Refresh takes the row's texts and style and lays the row out again,
// because a sort change or a wider value may have changed the column
// widths, and the list lays out a row only when its size changes.
func (r *listRowRenderer) Refresh() {
	style := r.style()
	color := theme.Color(theme.ColorNameForeground)
	if r.row.marked {
		color = theme.Color(theme.ColorNamePrimary)
	}

	for _, cell := range r.cells {
		cell.TextStyle = style
		cell.TextSize = theme.TextSize()
		cell.Color = color
	}

	r.Layout(r.row.Size())
	for _, cell := range r.cells {
		cell.Refresh()
	}
}

func (r *listRowRenderer) Objects() []fyne.CanvasObject {
	return r.objects
}

func (r *listRowRenderer) Destroy() {}

func (r *listRowRenderer) style() fyne.TextStyle {
	return fyne.TextStyle{Bold: r.row.marked}
}

// fitTexts gives every cell its row's text, shortened with "…" where it
// is wider than the cell.
func (r *listRowRenderer) fitTexts() {
	for i, cell := range r.cells {
		cell.Text = fitText(r.row.texts[i], cell.Size().Width, cell.TextSize, cell.TextStyle)
	}
}

// loadingRows records the rows of a list that show the "Loading…"
// placeholder and the row id that each one waits for, so that a page
// that lands redraws only them. List.Refresh in Fyne 2.7.1 would redraw
// them too, but it also creates a template row to measure and empties
// the list's pool of unused rows. Scrolling on then creates new rows, and
// Fyne's renderer cache keeps each dropped row and its texts for a
// minute.
type loadingRows struct {
	waiting map[*listRow]int
}

// wait records that row shows the placeholder for row id.
func (l *loadingRows) wait(row *listRow, id int) {
	if l.waiting == nil {
		l.waiting = map[*listRow]int{}
	}

	l.waiting[row] = id
}

// loaded removes row, which now shows a loaded row.
func (l *loadingRows) loaded(row *listRow) {
	delete(l.waiting, row)
}

// redraw removes every waiting row whose id lies in the count ids from
// first and calls update for it. A row that the list has dropped
// meanwhile is drawn too, which costs one update.
func (l *loadingRows) redraw(first, count int, update func(id int, row *listRow)) {
	var rows []*listRow
	for row, id := range l.waiting {
		if id >= first && id < first+count {
			rows = append(rows, row)
		}
	}

	for _, row := range rows {
		id := l.waiting[row]
		delete(l.waiting, row)
		update(id, row)
	}
}
