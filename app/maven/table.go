package maven

import (
	"errors"

	"leadwerk/app/tabular"
)

// table is a CSV file of the export, read with the shared
// [tabular.Table]: plain rows, no placeholders, and the first of two
// header columns with one name wins.
type table struct {
	t *tabular.Table
}

// row is one data row of a table.
type row struct {
	tabular.TableRow
	// line is the 1-based line where the row starts.
	line int
}

// openTable opens a CSV file and reads its header, which must name every
// column in required. A missing file returns an error wrapping
// fs.ErrNotExist, and a bad header a [*RowError].
func openTable(path string, required ...string) (*table, error) {
	t, err := tabular.OpenTable(path, tabular.TableOptions{}, required...)
	if err != nil {
		return nil, rowError(err)
	}

	return &table{t: t}, nil
}

// next returns the next data row, or io.EOF after the last one. A row
// with a different number of fields than the header is a [*RowError].
func (t *table) next() (row, error) {
	r, err := t.t.Next()

	return row{TableRow: r, line: r.Line}, rowError(err)
}

func (t *table) close() {
	t.t.Close()
}

// get returns the trimmed field of the named column, or "" when the
// header has no such column.
func (r row) get(column string) string {
	return r.Get(column)
}

// errorf returns a [*RowError] at this row's line.
func (r row) errorf(format string, args ...any) error {
	return rowError(r.Errorf(format, args...))
}

// rowError converts the shared reader's [*tabular.LineError] into this
// package's [*RowError] and returns other errors as they are.
func rowError(err error) error {
	var lineErr *tabular.LineError
	if !errors.As(err, &lineErr) {
		return err
	}

	return &RowError{File: lineErr.File, Line: lineErr.Line, Err: lineErr.Err}
}
