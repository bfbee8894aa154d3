package tabular

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"leadwerk/app"
)

// xlsxReader streams one worksheet with two of excelize's row iterators
// in step: one returns the raw cell values, the other the values as the
// cell's number format displays them. A cell whose raw value is a number
// but whose displayed text is a date holds a date, and the reader returns
// it as "YYYY-MM-DD" (column format DateISO). Every other cell is returned
// raw, so a number formatted to fewer decimals keeps all of them.
//
// NOTE: excelize v2.11.1 keeps the workbook's shared strings in memory
// and, by default, unpacks worksheets of up to 16 MB into memory and
// larger ones into a temporary file. So memory is flat with the number of
// rows only beyond that size.
type xlsxReader struct {
	book      *excelize.File
	raw       *excelize.Rows
	displayed *excelize.Rows
	date1904  bool
	header    []string
	line      int
	pending   []string
	pendLine  int
}

// xlsxOptions makes the built-in short date formats display as ISO dates,
// whatever locale the workbook was saved in.
var xlsxOptions = excelize.Options{ShortDatePattern: "yyyy-mm-dd"}

func openXLSX(path string, d Dialect) (*xlsxReader, error) {
	book, err := excelize.OpenFile(path, xlsxOptions)
	if err != nil {
		return nil, fmt.Errorf("open workbook %s: %w", path, err)
	}

	r, err := newXLSXReader(book, d)
	if err != nil {
		book.Close()

		return nil, fmt.Errorf("read workbook %s: %w", path, err)
	}

	return r, nil
}

func newXLSXReader(book *excelize.File, d Dialect) (*xlsxReader, error) {
	sheet, err := sheetName(book, d.Sheet)
	if err != nil {
		return nil, err
	}

	r := &xlsxReader{book: book}
	if props, err := book.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		r.date1904 = *props.Date1904
	}

	if r.raw, err = book.Rows(sheet); err != nil {
		return nil, err
	}
	if r.displayed, err = book.Rows(sheet); err != nil {
		return nil, err
	}

	return r, r.readHeader(d)
}

// sheetName returns the requested sheet, or the first one for "".
func sheetName(book *excelize.File, want string) (string, error) {
	sheets := book.GetSheetList()
	if len(sheets) == 0 {
		return "", errors.New("the workbook has no worksheet")
	}
	if want == "" {
		return sheets[0], nil
	}

	for _, s := range sheets {
		if s == want {
			return s, nil
		}
	}

	return "", fmt.Errorf("worksheet %q not found; the workbook has %s", want, strings.Join(sheets, ", "))
}

func (r *xlsxReader) readHeader(d Dialect) error {
	for {
		cells, line, err := r.next()
		if err != nil {
			if errors.Is(err, errNoMoreRows) {
				r.header = names(d, nil)

				return nil
			}

			return err
		}

		if allEmpty(cells) || (d.HeaderLine > 0 && line < d.HeaderLine) {
			continue
		}

		if d.HeaderLine == NoHeader {
			r.pending, r.pendLine = cells, line
			r.header = names(d, cells)

			return nil
		}

		r.header = headerNames(cells)

		return nil
	}
}

var errNoMoreRows = errors.New("no more rows")

// next returns the cells of the next row and its row number.
func (r *xlsxReader) next() ([]string, int, error) {
	if r.pending != nil {
		cells, line := r.pending, r.pendLine
		r.pending = nil

		return cells, line, nil
	}

	if !r.raw.Next() || !r.displayed.Next() {
		if err := r.raw.Error(); err != nil {
			return nil, 0, err
		}

		return nil, 0, errNoMoreRows
	}
	r.line++

	raw, err := r.raw.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, r.line, err
	}
	displayed, err := r.displayed.Columns()
	if err != nil {
		return nil, r.line, err
	}

	for i := range min(len(raw), len(displayed)) {
		if date, ok := r.dateCell(raw[i], displayed[i]); ok {
			raw[i] = date.String()
		} else if percent, ok := percentCell(raw[i], displayed[i]); ok {
			raw[i] = percent
		}
	}

	return raw, r.line, nil
}

// dateCell returns the date of a cell whose raw value is a day number and
// whose displayed text is a date.
func (r *xlsxReader) dateCell(raw, displayed string) (app.Date, bool) {
	if raw == displayed || !looksLikeDisplayedDate(displayed) {
		return app.Date{}, false
	}

	serial, ok := excelSerialOf(raw)
	if !ok {
		return app.Date{}, false
	}

	if r.date1904 {
		return app.DateOf(time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, serial)), true
	}

	date, err := excelSerialDate(serial, raw)

	return date, err == nil
}

// percentCell returns the percentage of a cell whose raw value is a
// fraction and whose number format shows it as a percentage, such as
// "12.5%" for the raw 0.125 shown as "13 %". The raw value keeps the
// decimals that the format rounds away.
func percentCell(raw, displayed string) (string, bool) {
	if raw == displayed || !strings.HasSuffix(trimSpace(displayed), "%") {
		return "", false
	}

	fraction, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		return "", false
	}

	// Rounding to 10 decimals drops the binary error of the product, as in
	// 0.07 × 100 = 7.000000000000001.
	percent := math.Round(fraction*100*1e10) / 1e10

	return strconv.FormatFloat(percent, 'f', -1, 64) + "%", true
}

// monthAbbreviations are the English month names that custom date formats
// such as "dd-mmm-yy" display.
var monthAbbreviations = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// looksLikeDisplayedDate reports whether a formatted cell shows a date:
// one of the written date formats, or a text with digits and an English
// month name.
func looksLikeDisplayedDate(displayed string) bool {
	if isDateText(displayed) {
		return true
	}

	lower := strings.ToLower(displayed)
	if !strings.ContainsAny(lower, "0123456789") {
		return false
	}

	for _, m := range monthAbbreviations {
		if strings.Contains(lower, m) {
			return true
		}
	}

	return false
}

func (r *xlsxReader) Header() []string {
	return r.header
}

func (r *xlsxReader) Read() (Row, error) {
	for {
		cells, line, err := r.next()
		if errors.Is(err, errNoMoreRows) {
			return Row{}, io.EOF
		}
		if err != nil {
			return Row{Line: line}, err
		}

		if allEmpty(cells) {
			continue
		}

		fitted, ok := fitRow(cells, len(r.header))
		row := Row{Line: line, Cells: fitted}
		if !ok {
			return row, &CellError{Line: line, Value: strings.Join(cells[len(r.header):], " "), Reason: ReasonTooManyCells}
		}

		return row, nil
	}
}

func (r *xlsxReader) Close() error {
	errRaw := r.raw.Close()
	errDisplayed := r.displayed.Close()

	return errors.Join(errRaw, errDisplayed, r.book.Close())
}

// detectXLSX fills the header line of a workbook by the rules of
// detectHeaderLine, from its first rows.
func detectXLSX(path string, d *Dialect) error {
	d.Encoding = EncodingUTF8
	if d.HeaderLine != 0 {
		return nil
	}

	r, err := openXLSX(path, Dialect{Sheet: d.Sheet, HeaderLine: NoHeader, Columns: []Column{}})
	if err != nil {
		return err
	}
	defer r.Close()

	var records []sampleRecord
	for len(records) < maxSampleRecords {
		cells, line, err := r.next()
		if errors.Is(err, errNoMoreRows) {
			break
		}
		if err != nil {
			return err
		}

		if !allEmpty(cells) {
			records = append(records, sampleRecord{line: line, fields: append([]string(nil), cells...)})
		}
	}

	d.HeaderLine = detectHeaderLine(padRecords(records))

	return nil
}

// padRecords pads every record to the widest one, because a worksheet row
// ends at its last filled cell while the header and the title above it
// span the table.
func padRecords(records []sampleRecord) []sampleRecord {
	width := 0
	for _, r := range records {
		width = max(width, len(r.fields))
	}

	for i := range records {
		records[i].fields, _ = fitRow(records[i].fields, width)
	}

	return records
}
