package tabular

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// writeFile writes content to a new file in the test's temporary folder
// and returns its path.
func writeFile(t testing.TB, name string, content []byte) string {
	t.Helper()

	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}

	return path
}

// readAll reads every row of r, copying the cells, and collects the cell
// errors separately.
func readAll(t testing.TB, r Reader) ([]Row, []*CellError) {
	t.Helper()

	var rows []Row
	var rejected []*CellError
	for {
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			return rows, rejected
		}

		var cellErr *CellError
		if errors.As(err, &cellErr) {
			rejected = append(rejected, cellErr)

			continue
		}
		if err != nil {
			t.Fatalf("read: %v", err)
		}

		rows = append(rows, Row{Line: row.Line, Cells: append([]string(nil), row.Cells...)})
	}
}

// openAll opens path with the hint, reads every row and closes the reader.
func openAll(t testing.TB, path string, hint *Dialect) (Dialect, []string, []Row, []*CellError) {
	t.Helper()

	r, d, err := Open(path, hint)
	if err != nil {
		t.Fatalf("open %s: %v", filepath.Base(path), err)
	}
	defer r.Close()

	header := append([]string(nil), r.Header()...)
	rows, rejected := readAll(t, r)

	return d, header, rows, rejected
}

// columnNamed returns the detected column with the name.
func columnNamed(t testing.TB, d Dialect, name string) Column {
	t.Helper()

	for _, c := range d.Columns {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no column %q in %v", name, d.Columns)

	return Column{}
}

// reasonOf returns the Reason of a *CellError, or "" for another error.
func reasonOf(err error) Reason {
	var cellErr *CellError
	if errors.As(err, &cellErr) {
		return cellErr.Reason
	}

	return ""
}
