package export

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"leadwerk/app"
)

// widthSampleRows is how many rows the XLSX writer keeps in memory to
// size its columns, because excelize's StreamWriter takes the widths
// before the first row.
const widthSampleRows = 200

// Column widths in Excel's character units.
const (
	minColumnWidth = 8
	maxColumnWidth = 60
)

// xlsxWriter streams a table into one sheet with excelize's StreamWriter,
// so a list of 100,000 rows is not held in memory as cells. excelize
// keeps the sheet XML in a temporary file once it grows past 16 MiB.
type xlsxWriter struct {
	out      io.Writer
	file     *excelize.File
	stream   *excelize.StreamWriter
	locale   Locale
	location *time.Location

	header  []string
	pending [][]Cell
	started bool
	row     int

	headerStyle int
	styles      map[string]int
}

// NewXLSX returns a writer of an XLSX workbook with one sheet named
// sheet. Numbers, amounts, dates, timestamps (in loc), percentages and
// booleans become real cells with a number format in the locale's form;
// an amount shows its currency code. The header row is bold and frozen,
// and the columns are as wide as the header and the first 200 rows need.
// Text cells are inline strings, which Excel shows as text and never
// evaluates, so a value such as "=1+1" or "+Co" is written as stored,
// without the apostrophe that the Excel CSV adds.
func NewXLSX(w io.Writer, sheet string, locale Locale, loc *time.Location) (TableWriter, error) {
	file := excelize.NewFile()
	if err := file.SetSheetName("Sheet1", sheet); err != nil {
		_ = file.Close()
		return nil, fmt.Errorf("name sheet %q: %w", sheet, err)
	}

	stream, err := file.NewStreamWriter(sheet)
	if err != nil {
		_ = file.Close()
		return nil, fmt.Errorf("start sheet %q: %w", sheet, err)
	}

	bold, err := file.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		_ = file.Close()
		return nil, fmt.Errorf("add header style: %w", err)
	}

	if loc == nil {
		loc = time.Local
	}

	return &xlsxWriter{out: w, file: file, stream: stream, locale: locale, location: loc,
		headerStyle: bold, styles: map[string]int{}}, nil
}

func (w *xlsxWriter) WriteHeader(columns []string) error {
	w.header = columns

	return nil
}

func (w *xlsxWriter) WriteRow(cells []Cell) error {
	if w.started {
		return w.writeCells(cells)
	}

	w.pending = append(w.pending, cells)
	if len(w.pending) < widthSampleRows {
		return nil
	}

	return w.start()
}

// start sizes the columns from the header and the rows kept so far,
// freezes the header row and writes both.
func (w *xlsxWriter) start() error {
	w.started = true
	for i, width := range w.widths() {
		if err := w.stream.SetColWidth(i+1, i+1, width); err != nil {
			return fmt.Errorf("set width of column %d: %w", i+1, err)
		}
	}

	panes := &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}
	if err := w.stream.SetPanes(panes); err != nil {
		return fmt.Errorf("freeze header row: %w", err)
	}

	header := make([]any, len(w.header))
	for i, title := range w.header {
		header[i] = excelize.Cell{StyleID: w.headerStyle, Value: title}
	}

	if err := w.setRow(header); err != nil {
		return err
	}

	for _, cells := range w.pending {
		if err := w.writeCells(cells); err != nil {
			return err
		}
	}
	w.pending = nil

	return nil
}

// widths returns each column's width: the longest header or sample
// value, plus a margin, between minColumnWidth and maxColumnWidth.
func (w *xlsxWriter) widths() []float64 {
	widths := make([]float64, len(w.header))
	for i, title := range w.header {
		widths[i] = float64(utf8.RuneCountInString(title))
	}

	for _, cells := range w.pending {
		for i, c := range cells {
			if i < len(widths) {
				widths[i] = max(widths[i], float64(w.displayLength(c)))
			}
		}
	}

	for i := range widths {
		widths[i] = min(max(widths[i]+2, minColumnWidth), maxColumnWidth)
	}

	return widths
}

// displayLength estimates how many characters Excel shows for c.
func (w *xlsxWriter) displayLength(c Cell) int {
	switch c.Kind {
	case Text:
		return utf8.RuneCountInString(c.Text)
	case Amount:
		return len(app.FormatMoney(c.Money, string(w.locale))) + 4
	case Day:
		return 10
	case Timestamp:
		return 16
	default:
		return 6
	}
}

func (w *xlsxWriter) writeCells(cells []Cell) error {
	values := make([]any, len(cells))
	for i, c := range cells {
		value, err := w.value(c)
		if err != nil {
			return err
		}
		values[i] = value
	}

	return w.setRow(values)
}

func (w *xlsxWriter) setRow(values []any) error {
	w.row++
	ref, err := excelize.CoordinatesToCellName(1, w.row)
	if err != nil {
		return fmt.Errorf("name row %d: %w", w.row, err)
	}

	if err := w.stream.SetRow(ref, values); err != nil {
		return fmt.Errorf("write row %d: %w", w.row, err)
	}

	return nil
}

// value returns the excelize cell of c, or nil for an empty cell.
func (w *xlsxWriter) value(c Cell) (any, error) {
	if c.isEmpty() {
		return nil, nil
	}

	switch c.Kind {
	case Integer:
		return w.styled(c.Int, "0")
	case Amount:
		return w.styled(amountValue(c.Money), amountFormat(c.Money.Currency))
	case Day:
		return w.styled(wallClock(time.Date(c.Date.Year, c.Date.Month, c.Date.Day, 0, 0, 0, 0, time.UTC)),
			w.dateFormat())
	case Timestamp:
		return w.styled(wallClock(c.Time.In(w.location)), w.dateFormat()+" hh:mm")
	case Percent:
		return w.styled(float64(c.Int)/100, "0%")
	case Bool:
		return c.Bool, nil
	default:
		return c.Text, nil
	}
}

// styled returns value with the style of the number format, adding the
// style on its first use.
func (w *xlsxWriter) styled(value any, format string) (any, error) {
	id, ok := w.styles[format]
	if !ok {
		var err error
		id, err = w.file.NewStyle(&excelize.Style{CustomNumFmt: &format})
		if err != nil {
			return nil, fmt.Errorf("add number format %q: %w", format, err)
		}
		w.styles[format] = id
	}

	return excelize.Cell{StyleID: id, Value: value}, nil
}

func (w *xlsxWriter) dateFormat() string {
	if w.locale == German {
		return "dd.mm.yyyy"
	}

	return "yyyy-mm-dd"
}

// amountValue returns m in major units. A float64 holds every amount
// below 2^53 minor units exactly enough for the cell, which Excel stores
// as a double anyway.
func amountValue(m app.Money) float64 {
	return float64(m.Minor) / float64(app.MinorPerMajor(m.Currency))
}

// amountFormat returns a number format with grouping, the currency's
// decimals and its code, such as `#,##0.00 "EUR"`. Excel shows the
// grouping and decimal marks of the reader's system, whatever the file's
// locale.
func amountFormat(currency string) string {
	format := "#,##0"
	if digits := app.CurrencyDigits(currency); digits > 0 {
		format += "." + strings.Repeat("0", digits)
	}

	if currency == "" {
		return format
	}

	return format + ` "` + currency + `"`
}

// wallClock returns t's date and time of day as a UTC time, because
// excelize converts a time to Excel's serial number from its UTC instant.
func wallClock(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}

func (w *xlsxWriter) Close() error {
	defer func() { _ = w.file.Close() }()

	if !w.started {
		if err := w.start(); err != nil {
			return err
		}
	}

	if err := w.stream.Flush(); err != nil {
		return fmt.Errorf("finish sheet: %w", err)
	}

	if _, err := w.file.WriteTo(w.out); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}

	return nil
}
