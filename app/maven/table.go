package maven

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

// table is a CSV file read row by row, with fields looked up by header
// name.
type table struct {
	file    string
	reader  *csv.Reader
	columns map[string]int
	width   int
	closer  io.Closer
}

// row is one data row of a table.
type row struct {
	table  *table
	line   int
	fields []string
}

// openTable opens a CSV file and reads its header. A missing file returns
// an error wrapping fs.ErrNotExist. It strips a UTF-8 byte
// order mark and accepts CRLF line ends. Every name in required must be a
// header column.
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

	t.width = len(header)
	t.columns = make(map[string]int, len(header))
	for i, name := range header {
		name = strings.ToLower(strings.TrimSpace(name))
		if _, dup := t.columns[name]; !dup {
			t.columns[name] = i
		}
	}

	for _, name := range required {
		if _, ok := t.columns[name]; !ok {
			return t.errorAt(1, "missing header column %q", name)
		}
	}

	return nil
}

// next returns the next data row, or io.EOF after the last one. Blank
// lines are skipped. A row with a different number of fields than the
// header is an error.
func (t *table) next() (row, error) {
	fields, err := t.reader.Read()
	if errors.Is(err, io.EOF) {
		return row{}, io.EOF
	}
	if err != nil {
		return row{}, t.csvError(err)
	}

	line, _ := t.reader.FieldPos(0)
	if len(fields) != t.width {
		return row{}, t.errorAt(line, "wrong column count: %d fields, the header has %d", len(fields), t.width)
	}

	return row{table: t, line: line, fields: fields}, nil
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

// get returns the trimmed field of the named column, or "" when the
// header has no such column.
func (r row) get(column string) string {
	i, ok := r.table.columns[column]
	if !ok {
		return ""
	}

	return strings.TrimSpace(r.fields[i])
}

// errorf returns a [*RowError] at this row's line.
func (r row) errorf(format string, args ...any) error {
	return r.table.errorAt(r.line, format, args...)
}
