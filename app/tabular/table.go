package tabular

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"leadwerk/app"
)

// TableOptions are the differences between the fixed-layout CSV files
// that [Table] reads. The zero value reads a plain file.
type TableOptions struct {
	// Placeholder is a value that [TableRow.Get] reads as empty, such as
	// the form prompt "Select", or "" for none.
	Placeholder string
	// TrailingColumn accepts a file whose lines end with a comma: an
	// unnamed last header column, and rows with or without an empty field
	// for it.
	TrailingColumn bool
	// UniqueHeader rejects a header with an empty or repeated column name.
	// Otherwise the first column of a name wins.
	UniqueHeader bool
}

// Table is a UTF-8 CSV file of a known layout, read row by row with
// fields looked up by header name. Unlike [Open] it detects nothing: the
// delimiter is a comma, a byte order mark is stripped and CRLF line ends
// are accepted. Header names match ignoring case and surrounding spaces.
type Table struct {
	file    string
	options TableOptions
	reader  *csv.Reader
	columns map[string]int
	// width is the number of named header columns.
	width  int
	closer io.Closer
}

// TableRow is one data row of a [Table].
type TableRow struct {
	table  *Table
	fields []string
	// Line is the 1-based line where the row starts.
	Line int
}

// LineError is a problem at one line of a [Table]'s file. Err wraps
// [app.ErrInvalid].
type LineError struct {
	// File is the base name of the file.
	File string
	// Line is 1-based, and the header is line 1.
	Line int
	Err  error
}

// Error returns the file, line and reason.
func (e *LineError) Error() string {
	return fmt.Sprintf("%s line %d: %v", e.File, e.Line, e.Err)
}

// Unwrap returns the reason, so errors.Is finds [app.ErrInvalid].
func (e *LineError) Unwrap() error {
	return e.Err
}

// OpenTable opens the CSV file at path and reads its header. Every name
// in required must be a header column. A missing file returns an error
// wrapping fs.ErrNotExist, and a bad header a [*LineError].
func OpenTable(path string, options TableOptions, required ...string) (*Table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err // an *fs.PathError with the full path
	}

	t := &Table{file: filepath.Base(path), options: options, closer: f}
	if err := t.readHeader(bufio.NewReader(f), required); err != nil {
		f.Close()

		return nil, err
	}

	return t, nil
}

func (t *Table) readHeader(r *bufio.Reader, required []string) error {
	if bom, err := r.Peek(3); err == nil && string(bom) == "\uFEFF" {
		r.Discard(3)
	}

	t.reader = csv.NewReader(r)
	t.reader.FieldsPerRecord = -1
	header, err := t.reader.Read()
	if errors.Is(err, io.EOF) {
		return t.ErrorAt(1, "file is empty, expected a header row")
	}
	if err != nil {
		return t.csvError(err)
	}

	if last := len(header) - 1; t.options.TrailingColumn && last > 0 && strings.TrimSpace(header[last]) == "" {
		header = header[:last]
	}

	if err := t.indexColumns(header); err != nil {
		return err
	}

	for _, name := range required {
		if _, ok := t.columns[columnKey(name)]; !ok {
			return t.ErrorAt(1, "missing header column %q", name)
		}
	}

	return nil
}

// indexColumns maps each folded header name to its column.
func (t *Table) indexColumns(header []string) error {
	t.width = len(header)
	t.columns = make(map[string]int, len(header))
	for i, name := range header {
		key := columnKey(name)
		_, dup := t.columns[key]
		switch {
		case t.options.UniqueHeader && key == "":
			return t.ErrorAt(1, "header column %d has no name", i+1)
		case t.options.UniqueHeader && dup:
			return t.ErrorAt(1, "header column %q appears twice", strings.TrimSpace(name))
		case !dup:
			t.columns[key] = i
		}
	}

	return nil
}

// columnKey returns the form of a header name that lookups compare.
func columnKey(name string) string {
	return strings.ToLower(strings.TrimSpace(name))
}

// Next returns the next data row, or io.EOF after the last one. Blank
// lines are skipped. A row must have as many fields as the header names,
// or with TrailingColumn one more that is empty.
func (t *Table) Next() (TableRow, error) {
	fields, err := t.reader.Read()
	if errors.Is(err, io.EOF) {
		return TableRow{}, io.EOF
	}
	if err != nil {
		return TableRow{}, t.csvError(err)
	}

	line, _ := t.reader.FieldPos(0)
	trailing := t.options.TrailingColumn && len(fields) == t.width+1
	switch {
	case trailing && strings.TrimSpace(fields[t.width]) != "":
		return TableRow{}, t.ErrorAt(line, "unexpected value %q after the last named column", fields[t.width])
	case len(fields) != t.width && !trailing:
		return TableRow{}, t.columnCountError(line, len(fields))
	}

	return TableRow{table: t, fields: fields[:t.width], Line: line}, nil
}

// columnCountError reports a row of count fields. With TrailingColumn
// the header has one more column than it names, so the message gives
// the named ones.
func (t *Table) columnCountError(line, count int) error {
	if t.options.TrailingColumn {
		return t.ErrorAt(line, "wrong column count: %d fields, the header names %d", count, t.width)
	}

	return t.ErrorAt(line, "wrong column count: %d fields, the header has %d", count, t.width)
}

// Close closes the file.
func (t *Table) Close() error {
	return t.closer.Close()
}

// ErrorAt returns a [*LineError] at line whose reason is formatted from
// format and args and wraps [app.ErrInvalid].
func (t *Table) ErrorAt(line int, format string, args ...any) error {
	reason := fmt.Errorf(format+": %w", append(args, app.ErrInvalid)...)

	return &LineError{File: t.file, Line: line, Err: reason}
}

// csvError turns a CSV syntax error into a [*LineError] at its line.
func (t *Table) csvError(err error) error {
	var parseErr *csv.ParseError
	if errors.As(err, &parseErr) {
		return t.ErrorAt(parseErr.StartLine, "malformed CSV: %v", parseErr.Err)
	}

	return fmt.Errorf("read %s: %w", t.file, err)
}

// Get returns the trimmed field of the named column. It returns "" when
// the header has no such column or the field is the placeholder.
func (r TableRow) Get(column string) string {
	value := r.Raw(column)
	if r.table.options.Placeholder != "" && value == r.table.options.Placeholder {
		return ""
	}

	return value
}

// Raw returns the trimmed field of the named column as the file has it,
// placeholder included, for error messages. It returns "" when the header
// has no such column.
func (r TableRow) Raw(column string) string {
	i, ok := r.table.columns[columnKey(column)]
	if !ok {
		return ""
	}

	return strings.TrimSpace(r.fields[i])
}

// Errorf returns a [*LineError] at this row's line.
func (r TableRow) Errorf(format string, args ...any) error {
	return r.table.ErrorAt(r.Line, format, args...)
}
