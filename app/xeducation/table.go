package xeducation

import (
	"errors"

	"leadwerk/app/tabular"
)

// tableOptions describe the lead file: the export ends every line with a
// comma, so its header has one more, unnamed column, and some columns
// contain the drop-down prompt "Select" in place of an answer.
var tableOptions = tabular.TableOptions{Placeholder: "Select", TrailingColumn: true, UniqueHeader: true}

// table is the lead file, read with the shared [tabular.Table].
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
// column in required, each once. A missing file returns an error wrapping
// fs.ErrNotExist, and a bad header a [*RowError].
func openTable(path string, required ...string) (*table, error) {
	t, err := tabular.OpenTable(path, tableOptions, required...)
	if err != nil {
		return nil, rowError(err)
	}

	return &table{t: t}, nil
}

// next returns the next data row, or io.EOF after the last one. A row may
// end with one extra empty field, the export's trailing comma, or leave
// it out. Any other field count, or a value in that extra field, is a
// [*RowError].
func (t *table) next() (row, error) {
	r, err := t.t.Next()

	return row{TableRow: r, line: r.Line}, rowError(err)
}

func (t *table) close() {
	t.t.Close()
}

// get returns the trimmed field of the named column. It returns "" when
// the header has no such column or the field is the placeholder
// "Select".
func (r row) get(column string) string {
	return r.Get(column)
}

// raw returns the trimmed field of the named column as the file has it,
// "Select" included, for error messages.
func (r row) raw(column string) string {
	return r.Raw(column)
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
