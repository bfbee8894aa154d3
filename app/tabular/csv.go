package tabular

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"
)

// csvReader streams a delimited text file with encoding/csv, which keeps
// quoted line breaks inside a field and reports where each record starts.
type csvReader struct {
	file      *os.File
	records   *csv.Reader
	header    []string
	checkUTF8 bool
	pending   []string
	pendLine  int
}

// openCSV opens a delimited text file and reads up to its header.
func openCSV(path string, d Dialect) (*csvReader, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}

	r, err := newCSVReader(file, d)
	if err != nil {
		file.Close()

		return nil, fmt.Errorf("open %s: %w", path, err)
	}

	return r, nil
}

func newCSVReader(file *os.File, d Dialect) (*csvReader, error) {
	decoded, err := decodeReader(file, d.Encoding)
	if err != nil {
		return nil, err
	}

	// Quotes are strict, because with lazy quotes a stray quote, as in
	// =HYPERLINK("…","…") in an unquoted field, opens a quoted field that
	// runs on over the next lines and merges their rows into one. A strict
	// reader rejects that row as ReasonMalformedRecord with its line, and
	// the next Read starts at the following line. A quote that opens a
	// field and is never closed still takes the rest of the file into its
	// one rejected row.
	records := csv.NewReader(fixLineBreaks(decoded))
	records.Comma = d.Delimiter
	records.FieldsPerRecord = -1
	records.ReuseRecord = true
	if d.Delimiter == 0 {
		records.Comma = ','
	}

	r := &csvReader{file: file, records: records, checkUTF8: d.Encoding == EncodingUTF8}
	if err := r.readHeader(d); err != nil {
		return nil, err
	}

	return r, nil
}

// fixLineBreaks turns the bare carriage returns of old Mac files into line
// feeds, because encoding/csv ends lines only at "\n". It decides by the
// first 64 KiB: a file with a carriage return there but no line feed has
// Mac line breaks.
func fixLineBreaks(r *bufio.Reader) io.Reader {
	start, _ := r.Peek(64 * 1024)
	if bytes.IndexByte(start, '\r') < 0 || bytes.IndexByte(start, '\n') >= 0 {
		return r
	}

	return &crToLF{r: r}
}

type crToLF struct {
	r io.Reader
}

func (c *crToLF) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i := range p[:n] {
		if p[i] == '\r' {
			p[i] = '\n'
		}
	}

	return n, err
}

// readHeader skips the lines before the header and reads it. Without a
// header it keeps the first record for the first Read.
func (r *csvReader) readHeader(d Dialect) error {
	for {
		record, err := r.records.Read()
		if errors.Is(err, io.EOF) {
			r.header = names(d, nil)

			return nil
		}
		if err != nil {
			return fmt.Errorf("read the header: %w", err)
		}

		line, _ := r.records.FieldPos(0)
		if d.HeaderLine > 0 && line < d.HeaderLine {
			continue
		}

		if d.HeaderLine == NoHeader {
			r.pending, r.pendLine = append([]string(nil), record...), line
			r.header = names(d, record)

			return nil
		}

		r.header = headerNames(record)

		return nil
	}
}

// names returns the column names of a file without a header row: those
// of the dialect's columns, or positional names for the first record.
func names(d Dialect, first []string) []string {
	if d.Columns != nil {
		names := make([]string, len(d.Columns))
		for i, c := range d.Columns {
			names[i] = c.Name
		}

		return names
	}

	return positionalNames(len(first))
}

func (r *csvReader) Header() []string {
	return r.header
}

func (r *csvReader) Read() (Row, error) {
	for {
		record, line, err := r.next()
		if err != nil {
			return Row{Line: line}, err
		}

		if allEmpty(record) {
			continue
		}

		return r.check(record, line)
	}
}

func (r *csvReader) next() ([]string, int, error) {
	if r.pending != nil {
		record, line := r.pending, r.pendLine
		r.pending = nil

		return record, line, nil
	}

	record, err := r.records.Read()
	var parseErr *csv.ParseError
	if errors.As(err, &parseErr) {
		return nil, parseErr.StartLine, &CellError{Line: parseErr.StartLine, Reason: ReasonMalformedRecord}
	}
	if err != nil {
		return nil, 0, err
	}

	line, _ := r.records.FieldPos(0)

	return record, line, nil
}

// check fits the record to the header and rejects invalid UTF-8.
func (r *csvReader) check(record []string, line int) (Row, error) {
	extra := ""
	if len(record) > len(r.header) {
		extra = strings.Join(record[len(r.header):], string(r.records.Comma))
	}

	cells, ok := fitRow(record, len(r.header))
	row := Row{Line: line, Cells: cells}
	if !ok {
		return row, &CellError{Line: line, Value: extra, Reason: ReasonTooManyCells}
	}

	if r.checkUTF8 {
		for i, cell := range cells {
			if !utf8.ValidString(cell) {
				return row, &CellError{Line: line, Column: r.header[i], Value: strings.ToValidUTF8(cell, "\uFFFD"),
					Reason: ReasonInvalidEncoding}
			}
		}
	}

	return row, nil
}

func (r *csvReader) Close() error {
	return r.file.Close()
}
