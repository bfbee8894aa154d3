package tabular

import (
	"errors"
	"io"
	"strings"
	"testing"

	"leadwerk/app"
)

// readTable opens content with options and returns its rows, or the
// first error.
func readTable(t *testing.T, content string, options TableOptions, required ...string) ([]TableRow, error) {
	t.Helper()

	table, err := OpenTable(writeFile(t, "data.csv", []byte(content)), options, required...)
	if err != nil {
		return nil, err
	}
	defer table.Close()

	var rows []TableRow
	for {
		row, err := table.Next()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return rows, err
		}
		rows = append(rows, row)
	}
}

func TestTablePlainFile(t *testing.T) {
	rows, err := readTable(t, "\uFEFFName , Value\r\nAlpha, 1 \r\n\r\nBeta,Select\r\n", TableOptions{}, "name")
	if err != nil {
		t.Fatal(err)
	}

	if len(rows) != 2 {
		t.Fatalf("rows = %d, want 2", len(rows))
	}
	if got := rows[0].Get("NAME"); got != "Alpha" {
		t.Errorf("name = %q, want Alpha after the byte order mark and any case", got)
	}
	if got := rows[0].Get("value"); got != "1" {
		t.Errorf("value = %q, want it trimmed", got)
	}
	if got := rows[1].Get("value"); got != "Select" {
		t.Errorf("value = %q, want Select without a placeholder option", got)
	}
	if rows[1].Line != 4 {
		t.Errorf("line = %d, want 4 after the blank line", rows[1].Line)
	}
	if got := rows[0].Get("missing"); got != "" {
		t.Errorf("missing column = %q, want empty", got)
	}
}

func TestTableFirstDuplicateColumnWins(t *testing.T) {
	rows, err := readTable(t, "id,id\n1,2\n", TableOptions{})
	if err != nil {
		t.Fatal(err)
	}

	if got := rows[0].Get("id"); got != "1" {
		t.Errorf("id = %q, want the first column's 1", got)
	}
}

func TestTablePlaceholderAndTrailingComma(t *testing.T) {
	options := TableOptions{Placeholder: "Select", TrailingColumn: true, UniqueHeader: true}
	rows, err := readTable(t, "Name,Answer,\nAlpha,Select,\nBeta,Yes\n", options)
	if err != nil {
		t.Fatal(err)
	}

	if len(rows) != 2 {
		t.Fatalf("rows = %d, want 2 with and without the trailing comma", len(rows))
	}
	if got := rows[0].Get("answer"); got != "" {
		t.Errorf("answer = %q, want the placeholder read as empty", got)
	}
	if got := rows[0].Raw("answer"); got != "Select" {
		t.Errorf("raw answer = %q, want Select", got)
	}
	if got := rows[1].Get("answer"); got != "Yes" {
		t.Errorf("answer = %q, want Yes", got)
	}
}

func TestTableRejectsBadFiles(t *testing.T) {
	strict := TableOptions{TrailingColumn: true, UniqueHeader: true}
	cases := []struct {
		name     string
		content  string
		options  TableOptions
		required []string
		line     int
		reason   string
	}{
		{"empty file", "", TableOptions{}, nil, 1, "file is empty"},
		{"missing column", "a,b\n", TableOptions{}, []string{"c"}, 1, `missing header column "c"`},
		{"short row", "a,b\n1,2\n1\n", TableOptions{}, nil, 3, "wrong column count: 1 fields, the header has 2"},
		{"row with trailing comma", "a,b\n1,2,\n", TableOptions{}, nil, 2,
			"wrong column count: 3 fields, the header has 2"},
		{"value after last column", "a,b,\n1,2,3\n", strict, nil, 2, `unexpected value "3" after the last named column`},
		{"long row", "a,b,\n1,2,,\n", strict, nil, 2, "wrong column count: 4 fields, the header names 2"},
		{"unnamed column", "a,,b\n", strict, nil, 1, "header column 2 has no name"},
		{"repeated column", "a,A\n", strict, nil, 1, `header column "A" appears twice`},
		{"malformed quote", "a\n\"x\"y\n", TableOptions{}, nil, 2, "malformed CSV"},
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := readTable(t, c.content, c.options, c.required...)

			var lineErr *LineError
			if !errors.As(err, &lineErr) {
				t.Fatalf("error %v is not a *LineError", err)
			}
			if lineErr.File != "data.csv" {
				t.Errorf("file = %q, want data.csv", lineErr.File)
			}
			if lineErr.Line != c.line {
				t.Errorf("line = %d, want %d", lineErr.Line, c.line)
			}
			if !strings.Contains(err.Error(), c.reason) {
				t.Errorf("error %q does not contain %q", err, c.reason)
			}
			if !errors.Is(err, app.ErrInvalid) {
				t.Errorf("error %v does not wrap app.ErrInvalid", err)
			}
		})
	}
}
