package xeducation

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

// placeholder is the drop-down prompt that the file holds in place of an
// answer in some columns. The table reads it as an empty field.
const placeholder = "Select"

// table is a CSV file read row by row, with fields looked up by header
// name.
type table struct {
	file    string
	reader  *csv.Reader
	columns map[string]int
	// named is the number of header columns with a name. The export ends
	// every line with a comma, so its header has one more, unnamed column.
	named  int
	closer io.Closer
}

// row is one data row of a table.
type row struct {
	table  *table
	line   int
	fields []string
}

// openTable opens a CSV file and reads its header. A missing file returns
// an error wrapping fs.ErrNotExist. It strips a UTF-8 byte order mark and
// accepts CRLF line ends. Header names are matched ignoring case and
// surrounding spaces, and every name in required must be among them.
func openTable(path string, required ...string) (*table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err // an *fs.PathError with the full path
	}

	t := &table{file: filepath.Base(path), closer: f}
	if err := t.readHeader(bufio.NewReader(f), required); err != nil {
		f.Close()

		return nil, err
	}

	return t, nil
}

func (t *table) readHeader(r *bufio.Reader, required []string) error {
	if bom, err := r.Peek(3); err == nil && string(bom) == "\uFEFF" {
		r.Discard(3)
	}

	t.reader = csv.NewReader(r)
	t.reader.FieldsPerRecord = -1
	header, err := t.reader.Read()
	if errors.Is(err, io.EOF) {
		return t.errorAt(1, "file is empty, expected a header row")
	}
	if err != nil {
		return t.csvError(err)
	}

	if last := len(header) - 1; last > 0 && strings.TrimSpace(header[last]) == "" {
		header = header[:last]
	}

	t.named = len(header)
	t.columns = make(map[string]int, len(header))
	for i, name := range header {
		key := columnKey(name)
		if key == "" {
			return t.errorAt(1, "header column %d has no name", i+1)
		}
		if _, dup := t.columns[key]; dup {
			return t.errorAt(1, "header column %q appears twice", strings.TrimSpace(name))
		}
		t.columns[key] = i
	}

	for _, name := range required {
		if _, ok := t.columns[columnKey(name)]; !ok {
			return t.errorAt(1, "missing header column %q", name)
		}
	}

	return nil
}

// columnKey returns the form of a header name that lookups compare.
func columnKey(name string) string {
	return strings.ToLower(strings.TrimSpace(name))
}

// next returns the next data row, or io.EOF after the last one. Blank
// lines are skipped. A row may end with one extra empty field, the
// export's trailing comma, or leave it out. Any other field count, or a
// value in that extra field, is an error.
func (t *table) next() (row, error) {
	fields, err := t.reader.Read()
	if errors.Is(err, io.EOF) {
		return row{}, io.EOF
	}
	if err != nil {
		return row{}, t.csvError(err)
	}

	line, _ := t.reader.FieldPos(0)
	switch {
	case len(fields) == t.named+1 && strings.TrimSpace(fields[t.named]) != "":
		return row{}, t.errorAt(line, "unexpected value %q after the last named column", fields[t.named])
	case len(fields) != t.named && len(fields) != t.named+1:
		return row{}, t.errorAt(line, "wrong column count: %d fields, the header names %d", len(fields), t.named)
	}

	return row{table: t, line: line, fields: fields[:t.named]}, nil
}

func (t *table) close() {
	t.closer.Close()
}

// errorAt returns a [*RowError] at the given line wrapping [app.ErrInvalid].
func (t *table) errorAt(line int, format string, args ...any) error {
	reason := fmt.Errorf(format+": %w", append(args, app.ErrInvalid)...)

	return &RowError{File: t.file, Line: line, Err: reason}
}

// csvError turns a CSV syntax error into a [*RowError] at its line.
func (t *table) csvError(err error) error {
	var parseErr *csv.ParseError
	if errors.As(err, &parseErr) {
		return t.errorAt(parseErr.StartLine, "malformed CSV: %v", parseErr.Err)
	}

	return fmt.Errorf("read %s: %w", t.file, err)
}

// get returns the trimmed field of the named column. It returns "" when
// the header has no such column or the field is the form placeholder
// "Select".
func (r row) get(column string) string {
	value := r.raw(column)
	if value == placeholder {
		return ""
	}

	return value
}

// raw returns the trimmed field of the named column as the file has it,
// "Select" included, for error messages. It returns "" when the header
// has no such column.
func (r row) raw(column string) string {
	i, ok := r.table.columns[columnKey(column)]
	if !ok {
		return ""
	}

	return strings.TrimSpace(r.fields[i])
}

// errorf returns a [*RowError] at this row's line.
func (r row) errorf(format string, args ...any) error {
	return r.table.errorAt(r.line, format, args...)
}
