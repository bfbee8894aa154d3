// Package report lays out a printed report as an A4 landscape PDF: a
// header with the company, title, date and filters, then one section per
// figure with a bar chart and the table behind it, and "Page 1 of N" on
// every page. Charts are drawn as PDF vector graphics, so they stay sharp
// at any print resolution.
//
// The package translates nothing and reads no data: callers pass every
// text already in the reader's language and every number already
// formatted, so the window and the command line print the same report.
package report

import (
	"errors"
	"time"
)

// ErrLogoFormat is returned by [Write] when the logo is neither a PNG nor
// a JPEG image.
var ErrLogoFormat = errors.New("unsupported logo format")

// Report is the content of one printed report.
type Report struct {
	// Title is the heading on the first page and the PDF's title.
	Title string
	// Company is printed above the title; empty leaves the line out.
	Company string
	// Logo is a PNG or JPEG image printed at the top right of the first
	// page, at most [LogoHeight] high; nil prints none.
	Logo []byte
	// Dated is the date line under the title, such as "4 December 2026".
	Dated string
	// Filters list the choices that selected the figures, one per line.
	Filters []Field
	// Sections follow the header. The first one starts on page 1, every
	// later one on a new page.
	Sections []Section
	// PageLabel returns the footer text of a page, such as "Page 2 of 5".
	PageLabel func(page, pages int) string
	// Created is the creation time stored in the PDF. Fixing it makes
	// the output of the same content byte for byte the same.
	Created time.Time
}

// Field is a labelled value, such as a filter "Pipeline: Standard".
type Field struct {
	Label, Value string
}

// Section is one figure: a heading, an optional chart and its table.
type Section struct {
	Title string
	// Note is printed under the title in a smaller grey font, such as
	// which deals the chart leaves out.
	Note  string
	Chart *BarChart
	Table Table
}

// Table is a grid of formatted cells under a header row.
type Table struct {
	Columns []Column
	Rows    [][]string
	// Total is an optional last row printed in bold, such as the sums.
	Total []string
	// Empty is printed in place of the rows when Rows is empty.
	Empty string
}

// Column is one column of a [Table].
type Column struct {
	Header string
	// Numeric right-aligns the column.
	Numeric bool
}

// BarChart is a grouped bar chart: one group of bars per category and
// one bar per series in each group. Values are plain numbers, such as
// major currency units or counts, and must not be negative.
type BarChart struct {
	Categories []string
	Series     []Series
	// FormatValue writes a value axis label, such as "1,2 Mio. €".
	FormatValue func(float64) string
	// Empty is drawn in place of the bars when no value is above zero.
	Empty string
	// WholeNumbers keeps the value axis steps at 1 or more, for counts.
	WholeNumbers bool
}

// Series is one named row of values, one per category.
type Series struct {
	Name   string
	Values []float64
}
