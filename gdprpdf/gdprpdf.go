// Package gdprpdf lays out a person's data access export (GDPR Art. 15)
// as a readable A4 portrait PDF: a title, an introduction and one section
// per kind of record, each a list of entries with labelled fields.
//
// Like package offers, it translates and formats nothing: the caller
// passes every text in the reader's language.
package gdprpdf

import (
	"fmt"
	"io"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"leadwerk/pdffont"
)

// Document is the content of one access export PDF.
type Document struct {
	// Title is the heading and the PDF's title.
	Title string
	// Intro paragraphs are printed under the title, such as who the
	// export is about and when it was made.
	Intro []string
	// Sections are printed in order, each starting with its heading.
	Sections []Section
	// PageLabel returns the footer text of a page, such as "Page 1 of 2".
	PageLabel func(page, pages int) string
	// Created is the creation time stored in the PDF.
	Created time.Time
}

// Section is one kind of record, such as the person's leads. Empty is
// printed when it has no entries, so the reader sees that nothing is
// stored rather than a missing section.
type Section struct {
	Heading string
	Empty   string
	Entries []Entry
}

// Entry is one record: a bold heading line and its fields.
type Entry struct {
	Heading string
	Fields  []Field
}

// Field is a labelled value. A field with an empty value is left out.
type Field struct {
	Label, Value string
}

// Page layout in millimetres and font sizes in points.
const (
	margin       = 18.0
	labelWidth   = 48.0
	lineHeight   = 5.0
	titleSize    = 16.0
	headingSize  = 12.5
	bodySize     = 9.5
	footerOffset = 10.0
)

// Write lays out d and writes the PDF to w.
func Write(w io.Writer, d Document) error {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(d.Created)
	pdf.SetModificationDate(d.Created)
	pdf.SetTitle(d.Title, true)
	pdf.SetCreator("Leadwerk", true)
	pdffont.Register(pdf)
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(true, margin+footerOffset)
	pdf.AddPage()
	pdf.SetFont(pdffont.Family, "B", titleSize)
	pdf.MultiCell(0, 8, d.Title, "", "L", false)
	pdf.Ln(2)

	pdf.SetFont(pdffont.Family, "", bodySize)
	for _, paragraph := range d.Intro {
		pdf.MultiCell(0, lineHeight, paragraph, "", "L", false)
		pdf.Ln(1)
	}

	for _, section := range d.Sections {
		writeSection(pdf, section)
	}

	if d.PageLabel != nil {
		footers(pdf, d.PageLabel)
	}

	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("write personal data PDF: %w", err)
	}

	return nil
}

func writeSection(pdf *fpdf.Fpdf, s Section) {
	pdf.Ln(4)
	pdf.SetFont(pdffont.Family, "B", headingSize)
	pdf.MultiCell(0, 7, s.Heading, "B", "L", false)
	pdf.Ln(1)

	pdf.SetFont(pdffont.Family, "", bodySize)
	if len(s.Entries) == 0 {
		pdf.MultiCell(0, lineHeight, s.Empty, "", "L", false)
		return
	}

	for _, entry := range s.Entries {
		writeEntry(pdf, entry)
	}
}

func writeEntry(pdf *fpdf.Fpdf, e Entry) {
	pdf.Ln(1.5)
	pdf.SetFont(pdffont.Family, "B", bodySize)
	pdf.MultiCell(0, lineHeight, e.Heading, "", "L", false)

	pdf.SetFont(pdffont.Family, "", bodySize)
	left, _, right, _ := pdf.GetMargins()
	pageWidth, _ := pdf.GetPageSize()
	valueWidth := pageWidth - left - right - labelWidth
	for _, f := range e.Fields {
		if f.Value == "" {
			continue
		}

		// The label cell does not move to the next line, so the value
		// starts beside it and wraps within its own column.
		y := pdf.GetY()
		pdf.SetTextColor(90, 90, 90)
		pdf.CellFormat(labelWidth, lineHeight, f.Label, "", 0, "L", false, 0, "")
		pdf.SetTextColor(0, 0, 0)
		pdf.SetXY(left+labelWidth, y)
		pdf.MultiCell(valueWidth, lineHeight, f.Value, "", "L", false)
	}
}

// footers prints the page label at the foot of every page once the page
// count is known. Page breaks are off, so the label cannot start a page.
func footers(pdf *fpdf.Fpdf, label func(page, pages int) string) {
	pdf.SetAutoPageBreak(false, 0)
	pages := pdf.PageCount()
	_, height := pdf.GetPageSize()
	for page := 1; page <= pages; page++ {
		pdf.SetPage(page)
		pdf.SetXY(margin, height-margin)
		pdf.SetFont(pdffont.Family, "", 8)
		pdf.SetTextColor(90, 90, 90)
		pdf.CellFormat(0, 4, label(page, pages), "", 0, "C", false, 0, "")
	}
}
