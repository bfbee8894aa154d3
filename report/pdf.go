package report

import (
	"bytes"
	"fmt"
	"io"
	"net/http"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// Page geometry in millimetres. A4 landscape is 297 × 210 mm.
const (
	pageMargin   = 15.0
	footerHeight = 10.0
	// LogoHeight is the printed height of the logo in millimetres. Its
	// width follows the image's aspect ratio.
	LogoHeight = 18.0
	// A chart is maxChartHeight high, or less down to minChartHeight when
	// that keeps its table on the same page.
	maxChartHeight = 80.0
	minChartHeight = 50.0
)

// fontFamily is the name the embedded Go fonts are registered under. They
// cover the WGL4 character set, with umlauts, "ß" and "€", as the Go
// blog's announcement "Go fonts" (2016) states.
const fontFamily = "go"

// Font sizes in points.
const (
	companySize = 11.0
	titleSize   = 18.0
	headingSize = 13.0
	bodySize    = 9.0
	smallSize   = 7.5
)

// Colours as RGB components from 0 to 255.
type rgb struct{ r, g, b int }

var (
	textColor   = rgb{0x33, 0x33, 0x33}
	mutedColor  = rgb{0x77, 0x77, 0x77}
	ruleColor   = rgb{0xcc, 0xcc, 0xcc}
	headerFill  = rgb{0xe6, 0xee, 0xf5}
	stripeFill  = rgb{0xf6, 0xf6, 0xf6}
	seriesColor = []rgb{
		{0x1f, 0x5f, 0x99}, {0x9e, 0xc5, 0xe8}, {0xe0, 0x8a, 0x2c},
		{0x4c, 0xa0, 0x5a}, {0x8c, 0x56, 0x9e}, {0xc4, 0x4e, 0x52},
	}
)

// writer is one PDF being laid out.
type writer struct {
	pdf *fpdf.Fpdf
	// left, right and bottom are the edges of the printable area, and
	// bottom leaves room for the footer.
	left, right, bottom float64
}

// Write lays out r as an A4 landscape PDF and writes it to w.
func Write(w io.Writer, r Report) error {
	pdf := fpdf.New("L", "mm", "A4", "")
	// Sorting the font and image catalogs, which fpdf keeps in maps,
	// makes the output depend on the content only.
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(r.Created)
	pdf.SetModificationDate(r.Created)
	pdf.SetTitle(r.Title, true)
	pdf.SetAuthor(r.Company, true)
	pdf.SetCreator("Leadwerk", true)
	pdf.AddUTF8FontFromBytes(fontFamily, "", goregular.TTF)
	pdf.AddUTF8FontFromBytes(fontFamily, "B", gobold.TTF)
	pdf.SetMargins(pageMargin, pageMargin, pageMargin)
	pdf.SetAutoPageBreak(false, 0)

	width, height := pdf.GetPageSize()
	out := &writer{pdf: pdf, left: pageMargin, right: width - pageMargin, bottom: height - pageMargin - footerHeight}
	pdf.AddPage()
	if err := out.header(r); err != nil {
		return err
	}

	for i, section := range r.Sections {
		if i > 0 {
			pdf.AddPage()
		}
		out.section(section)
	}

	out.footers(r.PageLabel)
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("write report PDF: %w", err)
	}

	return nil
}

// header prints the company, title, date, filters and logo of page 1.
func (w *writer) header(r Report) error {
	top := w.pdf.GetY()
	if len(r.Logo) > 0 {
		if err := w.logo(r.Logo, top); err != nil {
			return err
		}
	}

	if r.Company != "" {
		w.text(r.Company, "B", companySize, mutedColor)
	}
	w.text(r.Title, "B", titleSize, textColor)
	w.text(r.Dated, "", bodySize, textColor)
	for _, f := range r.Filters {
		w.text(f.Label+": "+f.Value, "", bodySize, textColor)
	}

	y := max(w.pdf.GetY(), top+LogoHeight) + 3
	w.setDraw(ruleColor)
	w.pdf.Line(w.left, y, w.right, y)
	w.pdf.SetY(y + 4)

	return nil
}

// logo places the image at the top right, LogoHeight high.
func (w *writer) logo(data []byte, top float64) error {
	kind, err := imageType(data)
	if err != nil {
		return err
	}

	info := w.pdf.RegisterImageOptionsReader("logo", fpdf.ImageOptions{ImageType: kind}, bytes.NewReader(data))
	if err := w.pdf.Error(); err != nil {
		return fmt.Errorf("read logo image: %w", err)
	}

	width := LogoHeight * info.Width() / info.Height()
	w.pdf.ImageOptions("logo", w.right-width, top, width, LogoHeight, false,
		fpdf.ImageOptions{ImageType: kind}, 0, "")

	return nil
}

// imageType returns fpdf's name for the format of data, which must be a
// PNG or JPEG image.
func imageType(data []byte) (string, error) {
	switch http.DetectContentType(data) {
	case "image/png":
		return "PNG", nil
	case "image/jpeg":
		return "JPG", nil
	default:
		return "", fmt.Errorf("logo is not a PNG or JPEG image: %w", ErrLogoFormat)
	}
}

// section prints a heading, the note, the chart and the table.
func (w *writer) section(s Section) {
	w.text(s.Title, "B", headingSize, textColor)
	if s.Note != "" {
		w.text(s.Note, "", smallSize, mutedColor)
	}
	w.pdf.Ln(2)

	if s.Chart != nil {
		y := w.pdf.GetY()
		height := min(max(w.bottom-y-tableHeight(s.Table)-4, minChartHeight), maxChartHeight)
		w.chart(*s.Chart, w.left, y, w.right-w.left, height)
		w.pdf.SetY(y + height + 4)
	}

	w.table(s.Table)
}

// text prints one line, wrapped when it is wider than the page.
func (w *writer) text(s, style string, size float64, color rgb) {
	w.pdf.SetFont(fontFamily, style, size)
	w.setText(color)
	lineHeight := size * 0.45
	w.pdf.SetX(w.left)
	w.pdf.MultiCell(w.right-w.left, lineHeight, s, "", "L", false)
}

// footers prints the page label at the bottom right of every page, once
// the number of pages is known.
func (w *writer) footers(label func(page, pages int) string) {
	if label == nil {
		return
	}

	pages := w.pdf.PageCount()
	for page := 1; page <= pages; page++ {
		w.pdf.SetPage(page)
		w.pdf.SetFont(fontFamily, "", smallSize)
		w.setText(mutedColor)
		w.pdf.SetXY(w.left, w.bottom+footerHeight-4)
		w.pdf.CellFormat(w.right-w.left, 4, label(page, pages), "", 0, "R", false, 0, "")
	}
}

func (w *writer) setText(c rgb) { w.pdf.SetTextColor(c.r, c.g, c.b) }

func (w *writer) setDraw(c rgb) { w.pdf.SetDrawColor(c.r, c.g, c.b) }

func (w *writer) setFill(c rgb) { w.pdf.SetFillColor(c.r, c.g, c.b) }
