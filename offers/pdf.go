package offers

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"leadwerk/pdffont"
)

// Page geometry in millimetres. A4 portrait is 210 × 297 mm.
const (
	pageMargin = 20.0
	// footerHeight leaves room for three lines of firm details and the
	// page label.
	footerHeight = 22.0
	// LogoHeight is the printed height of the logo in millimetres. Its
	// width follows the image's aspect ratio.
	LogoHeight = 20.0
	lineHeight = 5.0
	rowPadding = 1.5
	// recipientWidth is the width of the recipient block, which leaves the
	// right side of the page to the facts.
	recipientWidth = 95.0
)

// Font sizes in points.
const (
	companySize = 14.0
	titleSize   = 16.0
	bodySize    = 10.0
	smallSize   = 7.5
)

// columnWidths are the widths of the six table columns in millimetres,
// except the product column, which takes the rest of the line.
var columnWidths = [6]float64{10, 0, 22, 28, 20, 30}

// Colours as RGB components from 0 to 255.
type rgb struct{ r, g, b int }

var (
	textColor  = rgb{0x22, 0x22, 0x22}
	mutedColor = rgb{0x66, 0x66, 0x66}
	ruleColor  = rgb{0xbb, 0xbb, 0xbb}
	headerFill = rgb{0xe6, 0xee, 0xf5}
)

// writer is one offer PDF being laid out.
type writer struct {
	pdf                 *fpdf.Fpdf
	left, right, bottom float64
	columns             [6]float64
	header              [6]string
}

// Write lays out d as an A4 portrait PDF and writes it to w. A logo that
// is neither PNG nor JPEG returns an error wrapping [ErrLogoFormat].
func Write(w io.Writer, d Document) error {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(d.Created)
	pdf.SetModificationDate(d.Created)
	pdf.SetTitle(d.Title, true)
	pdf.SetAuthor(d.Letterhead.Company, true)
	pdf.SetCreator("Leadwerk", true)
	pdffont.Register(pdf)
	pdf.SetMargins(pageMargin, pageMargin, pageMargin)
	pdf.SetAutoPageBreak(false, 0)

	width, height := pdf.GetPageSize()
	out := &writer{pdf: pdf, left: pageMargin, right: width - pageMargin,
		bottom: height - pageMargin - footerHeight, header: d.Columns}
	out.columns = columnWidths
	out.columns[1] = out.right - out.left - (columnWidths[0] + columnWidths[2] + columnWidths[3] +
		columnWidths[4] + columnWidths[5])

	pdf.AddPage()
	if err := out.letterhead(d.Letterhead); err != nil {
		return err
	}
	out.addressAndFacts(d)
	out.text(d.Title, "B", titleSize, textColor)
	out.pdf.Ln(2)
	if d.Intro != "" {
		out.text(d.Intro, "", bodySize, textColor)
		out.pdf.Ln(3)
	}

	out.table(d.Rows)
	out.totals(d.Totals)
	if d.Closing != "" {
		out.pdf.Ln(4)
		out.keepSpace(lineHeight * 2)
		out.text(d.Closing, "", bodySize, textColor)
	}

	out.footers(d)
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("write offer PDF: %w", err)
	}

	return nil
}

// letterhead prints the firm's name and address at the top left and the
// logo at the top right.
func (w *writer) letterhead(l Letterhead) error {
	top := w.pdf.GetY()
	if len(l.Logo) > 0 {
		if err := w.logo(l.Logo, top); err != nil {
			return err
		}
	}

	if l.Company != "" {
		w.text(l.Company, "B", companySize, textColor)
	}
	for _, line := range l.Address {
		w.text(line, "", bodySize, mutedColor)
	}

	w.pdf.SetY(max(w.pdf.GetY(), top+LogoHeight) + 10)

	return nil
}

// logo places the image at the top right, LogoHeight high.
func (w *writer) logo(data []byte, top float64) error {
	var kind string
	switch http.DetectContentType(data) {
	case "image/png":
		kind = "PNG"
	case "image/jpeg":
		kind = "JPG"
	default:
		return fmt.Errorf("logo is not a PNG or JPEG image: %w", ErrLogoFormat)
	}

	options := fpdf.ImageOptions{ImageType: kind}
	info := w.pdf.RegisterImageOptionsReader("logo", options, bytes.NewReader(data))
	if err := w.pdf.Error(); err != nil {
		return fmt.Errorf("read logo image: %w", err)
	}

	width := LogoHeight * info.Width() / info.Height()
	w.pdf.ImageOptions("logo", w.right-width, top, width, LogoHeight, false, options, 0, "")

	return nil
}

// addressAndFacts prints the sender line and the recipient on the left,
// and the offer's facts as label and value on the right.
func (w *writer) addressAndFacts(d Document) {
	top := w.pdf.GetY()
	sender := strings.Join(append([]string{d.Letterhead.Company}, d.Letterhead.Address...), " · ")
	w.pdf.SetFont(pdffont.Family, "", smallSize)
	w.setText(mutedColor)
	w.pdf.SetXY(w.left, top)
	w.pdf.CellFormat(recipientWidth, 4, strings.Trim(sender, " ·"), "B", 1, "L", false, 0, "")
	w.pdf.Ln(2)
	for _, line := range d.Recipient {
		w.pdf.SetFont(pdffont.Family, "", bodySize)
		w.setText(textColor)
		w.pdf.SetX(w.left)
		w.pdf.MultiCell(recipientWidth, lineHeight, line, "", "L", false)
	}
	recipientEnd := w.pdf.GetY()

	factsLeft := w.left + recipientWidth + 10
	labelWidth := 30.0
	w.pdf.SetY(top)
	for _, f := range d.Facts {
		w.pdf.SetX(factsLeft)
		w.pdf.SetFont(pdffont.Family, "", bodySize)
		w.setText(mutedColor)
		w.pdf.CellFormat(labelWidth, lineHeight, f.Label, "", 0, "L", false, 0, "")
		w.setText(textColor)
		w.pdf.CellFormat(w.right-factsLeft-labelWidth, lineHeight, f.Value, "", 1, "R", false, 0, "")
	}

	w.pdf.SetY(max(recipientEnd, w.pdf.GetY()) + 12)
}

// table prints the header row and the line items, starting a new page
// with the header again when a row does not fit.
func (w *writer) table(rows [][6]string) {
	w.headerRow()
	for _, row := range rows {
		w.pdf.SetFont(pdffont.Family, "", bodySize)
		lines := w.pdf.SplitText(row[1], w.columns[1]-2)
		height := float64(max(len(lines), 1))*lineHeight + 2*rowPadding
		if w.pdf.GetY()+height > w.bottom {
			w.pdf.AddPage()
			w.headerRow()
		}

		w.row(row, lines, height)
	}
}

func (w *writer) headerRow() {
	w.pdf.SetFont(pdffont.Family, "B", bodySize)
	w.setText(textColor)
	w.pdf.SetFillColor(headerFill.r, headerFill.g, headerFill.b)
	w.pdf.SetX(w.left)
	for i, header := range w.header {
		w.pdf.CellFormat(w.columns[i], lineHeight+2*rowPadding, header, "", 0, alignOf(i), true, 0, "")
	}
	w.pdf.Ln(-1)
}

// row prints one line item height high, with the product wrapped into
// lines and every other cell on the first line.
func (w *writer) row(row [6]string, productLines []string, height float64) {
	top := w.pdf.GetY()
	w.pdf.SetFont(pdffont.Family, "", bodySize)
	w.setText(textColor)

	x := w.left
	for i, cell := range row {
		cells := []string{cell}
		if i == 1 {
			cells = productLines
		}
		for j, text := range cells {
			w.pdf.SetXY(x, top+rowPadding+float64(j)*lineHeight)
			w.pdf.CellFormat(w.columns[i], lineHeight, text, "", 0, alignOf(i), false, 0, "")
		}
		x += w.columns[i]
	}

	w.setDraw(ruleColor)
	w.pdf.Line(w.left, top+height, w.right, top+height)
	w.pdf.SetXY(w.left, top+height)
}

// alignOf right-aligns every column after the product.
func alignOf(column int) string {
	if column <= 1 {
		return "L"
	}

	return "R"
}

// totals prints each total as label and value under the last columns,
// the last one bold above a double rule.
func (w *writer) totals(totals []Field) {
	w.pdf.Ln(2)
	w.keepSpace(float64(len(totals))*(lineHeight+1) + 2)

	valueWidth := w.columns[5]
	labelWidth := w.columns[2] + w.columns[3] + w.columns[4]
	left := w.right - valueWidth - labelWidth
	for i, total := range totals {
		style := ""
		if i == len(totals)-1 {
			style = "B"
			y := w.pdf.GetY() + 0.5
			w.setDraw(textColor)
			w.pdf.Line(left, y, w.right, y)
			w.pdf.SetY(y + 1)
		}

		w.pdf.SetFont(pdffont.Family, style, bodySize)
		w.setText(textColor)
		w.pdf.SetX(left)
		w.pdf.CellFormat(labelWidth, lineHeight+1, total.Label, "", 0, "L", false, 0, "")
		w.pdf.CellFormat(valueWidth, lineHeight+1, total.Value, "", 1, "R", false, 0, "")
	}
}

// keepSpace starts a new page unless height millimetres fit above the
// footer.
func (w *writer) keepSpace(height float64) {
	if w.pdf.GetY()+height > w.bottom {
		w.pdf.AddPage()
	}
}

// text prints a paragraph, wrapped at the page width.
func (w *writer) text(s, style string, size float64, color rgb) {
	w.pdf.SetFont(pdffont.Family, style, size)
	w.setText(color)
	w.pdf.SetX(w.left)
	w.pdf.MultiCell(w.right-w.left, size*0.45, s, "", "L", false)
}

// footers prints the firm's details in three columns and the page label
// at the foot of every page, once the number of pages is known.
func (w *writer) footers(d Document) {
	l := d.Letterhead
	firm := append([]string{l.Company}, l.Address...)
	var legal []string
	if l.VATID != "" {
		legal = append(legal, d.VATIDLabel+" "+l.VATID)
	}
	blocks := [][]string{firm, legal, l.Bank}

	pages := w.pdf.PageCount()
	third := (w.right - w.left) / 3
	for page := 1; page <= pages; page++ {
		w.pdf.SetPage(page)
		top := w.bottom + 4
		w.setDraw(ruleColor)
		w.pdf.Line(w.left, top, w.right, top)
		w.pdf.SetFont(pdffont.Family, "", smallSize)
		w.setText(mutedColor)
		for i, block := range blocks {
			w.pdf.SetXY(w.left+float64(i)*third, top+1.5)
			w.pdf.MultiCell(third-2, 3.3, strings.Join(block, "\n"), "", "L", false)
		}

		if d.PageLabel != nil {
			w.pdf.SetXY(w.left, w.bottom+footerHeight)
			w.pdf.CellFormat(w.right-w.left, 4, d.PageLabel(page, pages), "", 0, "R", false, 0, "")
		}
	}
}

func (w *writer) setText(c rgb) { w.pdf.SetTextColor(c.r, c.g, c.b) }

func (w *writer) setDraw(c rgb) { w.pdf.SetDrawColor(c.r, c.g, c.b) }
