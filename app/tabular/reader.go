package tabular

import (
	"strconv"
	"strings"
)

// Row is one record of a file: its cells in column order and the line it
// starts on.
type Row struct {
	// Line is the 1-based physical line where the record starts. In CSV it
	// is the line of the first field, even when a quoted field spans
	// lines. In XLSX it is the row number, and in a vCard file the line of
	// BEGIN:VCARD.
	Line int
	// Cells has one entry per header column. A shorter record is padded
	// with empty cells. The reader may reuse the slice on the next Read,
	// so copy what must outlive it.
	Cells []string
}

// Reader streams the rows of a file after its header.
//
// Read returns the next row, or io.EOF after the last one. When it
// returns a *CellError (match with errors.As), only that row is rejected:
// the Row still carries its line and what could be read, and the next
// Read goes on with the following row. Any other error ends the reading.
// Rows whose cells are all empty are skipped.
type Reader interface {
	Header() []string
	Read() (Row, error)
	Close() error
}

// columnName returns the name of the 0-based column i in a file without a
// header, or under an empty header cell.
func columnName(i int) string {
	return "Column " + strconv.Itoa(i+1)
}

// headerNames cleans a header record: it trims spaces and a stray byte
// order mark, names empty cells by position and numbers repeated names as
// "Email (2)", so every column has a distinct name.
func headerNames(record []string) []string {
	names := make([]string, len(record))
	seen := make(map[string]int, len(record))
	for i, cell := range record {
		name := trimSpace(strings.TrimPrefix(cell, "\uFEFF"))
		if name == "" {
			name = columnName(i)
		}

		seen[name]++
		if n := seen[name]; n > 1 {
			name += " (" + strconv.Itoa(n) + ")"
		}
		names[i] = name
	}

	return names
}

// positionalNames returns "Column 1" … "Column n".
func positionalNames(n int) []string {
	names := make([]string, n)
	for i := range names {
		names[i] = columnName(i)
	}

	return names
}

// fitRow pads cells with empty strings to width, or cuts off extra cells.
// It reports false when a cut-off cell was not empty.
func fitRow(cells []string, width int) ([]string, bool) {
	for len(cells) < width {
		cells = append(cells, "")
	}

	ok := true
	for _, extra := range cells[width:] {
		if trimSpace(extra) != "" {
			ok = false
		}
	}

	return cells[:width], ok
}

// allEmpty reports whether every cell is empty or only spaces.
func allEmpty(cells []string) bool {
	for _, c := range cells {
		if trimSpace(c) != "" {
			return false
		}
	}

	return true
}
