package report

import "strings"

// Table geometry in millimetres.
const (
	rowHeight   = 6.0
	cellPadding = 2.0
	// minColumnWidth keeps a narrow column readable after shrinking.
	minColumnWidth = 14.0
)

// table prints t from the current position. A table that reaches the
// footer continues on a new page under a repeated header row.
func (w *writer) table(t Table) {
	if len(t.Columns) == 0 {
		return
	}

	widths := w.columnWidths(t)
	w.headerRow(t.Columns, widths)
	if len(t.Rows) == 0 && t.Empty != "" {
		w.pdf.SetFont(fontFamily, "", bodySize)
		w.setText(mutedColor)
		w.pdf.SetX(w.left)
		w.pdf.CellFormat(sum(widths), rowHeight, t.Empty, "", 1, "L", false, 0, "")
	}

	for i, row := range t.Rows {
		w.breakPage(t.Columns, widths)
		w.row(t.Columns, widths, row, "", i%2 == 1)
	}

	if len(t.Total) > 0 {
		w.breakPage(t.Columns, widths)
		w.row(t.Columns, widths, t.Total, "B", false)
	}
}

// tableHeight returns the height t takes when it fits on one page.
func tableHeight(t Table) float64 {
	rows := 1 + max(len(t.Rows), 1)
	if len(t.Total) > 0 {
		rows++
	}

	return float64(rows) * rowHeight
}

// breakPage starts a new page with the header row when the next row
// would reach the footer.
func (w *writer) breakPage(columns []Column, widths []float64) {
	if w.pdf.GetY()+rowHeight <= w.bottom {
		return
	}

	w.pdf.AddPage()
	w.headerRow(columns, widths)
}

func (w *writer) headerRow(columns []Column, widths []float64) {
	cells := make([]string, len(columns))
	for i, c := range columns {
		cells[i] = c.Header
	}

	w.setFill(headerFill)
	w.pdfRow(columns, widths, cells, "B", true)
}

func (w *writer) row(columns []Column, widths []float64, cells []string, style string, striped bool) {
	w.setFill(stripeFill)
	w.pdfRow(columns, widths, cells, style, striped)
}

// pdfRow prints one row of cells, each cut to its column's width.
func (w *writer) pdfRow(columns []Column, widths []float64, cells []string, style string, fill bool) {
	w.pdf.SetFont(fontFamily, style, bodySize)
	w.setText(textColor)
	w.pdf.SetX(w.left)
	for i, c := range columns {
		align := "L"
		if c.Numeric {
			align = "R"
		}

		text := ""
		if i < len(cells) {
			text = w.fit(cells[i], widths[i]-2*cellPadding)
		}
		w.pdf.CellFormat(widths[i], rowHeight, text, "", 0, align, fill, 0, "")
	}
	w.pdf.Ln(rowHeight)
}

// columnWidths returns each column's width: the widest cell plus padding,
// shrunk in proportion when the table is wider than the page.
func (w *writer) columnWidths(t Table) []float64 {
	widths := make([]float64, len(t.Columns))
	measure := func(i int, text, style string) {
		w.pdf.SetFont(fontFamily, style, bodySize)
		widths[i] = max(widths[i], w.pdf.GetStringWidth(text)+2*cellPadding+1)
	}

	for i, c := range t.Columns {
		measure(i, c.Header, "B")
		for _, row := range t.Rows {
			if i < len(row) {
				measure(i, row[i], "")
			}
		}
		if i < len(t.Total) {
			measure(i, t.Total[i], "B")
		}
	}

	available := w.right - w.left
	if total := sum(widths); total > available {
		for i := range widths {
			widths[i] = max(widths[i]*available/total, minColumnWidth)
		}
	}

	return widths
}

// fit cuts text to the given width in the current font, ending it with
// "…" when it had to be cut.
func (w *writer) fit(text string, width float64) string {
	if w.pdf.GetStringWidth(text) <= width {
		return text
	}

	runes := []rune(text)
	for len(runes) > 0 {
		runes = runes[:len(runes)-1]
		cut := strings.TrimSpace(string(runes)) + "…"
		if w.pdf.GetStringWidth(cut) <= width {
			return cut
		}
	}

	return ""
}

func sum(values []float64) float64 {
	total := 0.0
	for _, v := range values {
		total += v
	}

	return total
}
