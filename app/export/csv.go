package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"leadwerk/app"
)

// utf8BOM is the byte order mark that makes Excel read a CSV file as
// UTF-8 instead of the system's ANSI code page.
const utf8BOM = "\uFEFF"

// csvStyle is the way one CSV dialect writes the cells that are not text.
type csvStyle struct {
	excel     bool
	separator rune
	decimal   string
	dateForm  string
	timeForm  string
	yes, no   string
	location  *time.Location
}

// csvWriter writes a table with encoding/csv, which quotes a field that
// contains the separator, a quote or a line break, and doubles quotes.
type csvWriter struct {
	out   *csv.Writer
	style csvStyle
	line  []string
}

// NewExcelCSV returns a writer of CSV that Excel opens by double-click in
// the given locale: a UTF-8 byte order mark, CRLF line ends, and text
// cells neutralized against formulas. German uses ';', a decimal comma
// and dates as 31.12.2026, because German Excel splits at ';' and reads
// those forms as numbers and dates. English uses ',', a decimal point and
// ISO dates (2026-12-31), which Excel reads as dates in the US and in the
// UK alike. Timestamps are written to the minute in loc.
func NewExcelCSV(w io.Writer, locale Locale, loc *time.Location) (TableWriter, error) {
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return nil, fmt.Errorf("write byte order mark: %w", err)
	}

	style := csvStyle{excel: true, separator: ',', decimal: ".", dateForm: "2006-01-02",
		timeForm: "2006-01-02 15:04", yes: "TRUE", no: "FALSE", location: loc}
	if locale == German {
		style = csvStyle{excel: true, separator: ';', decimal: ",", dateForm: "02.01.2006",
			timeForm: "02.01.2006 15:04", yes: "WAHR", no: "FALSCH", location: loc}
	}

	return newCSVWriter(w, style), nil
}

// NewRFC4180CSV returns a writer of plain CSV as RFC 4180 describes it:
// UTF-8 without a byte order mark, ',' and CRLF, ISO 8601 dates, RFC 3339
// timestamps in UTC, '.' as the decimal mark, true and false, and text
// as stored, except that a line break inside a field is written as CRLF.
func NewRFC4180CSV(w io.Writer) TableWriter {
	return newCSVWriter(w, csvStyle{separator: ',', decimal: ".", dateForm: "2006-01-02",
		timeForm: time.RFC3339, yes: "true", no: "false", location: time.UTC})
}

func newCSVWriter(w io.Writer, style csvStyle) *csvWriter {
	out := csv.NewWriter(w)
	out.Comma = style.separator
	out.UseCRLF = true
	if style.location == nil {
		style.location = time.Local
	}

	return &csvWriter{out: out, style: style}
}

func (w *csvWriter) WriteHeader(columns []string) error {
	return w.write(columns)
}

func (w *csvWriter) WriteRow(cells []Cell) error {
	w.line = w.line[:0]
	for _, c := range cells {
		w.line = append(w.line, w.style.format(c))
	}

	return w.write(w.line)
}

func (w *csvWriter) write(fields []string) error {
	if err := w.out.Write(fields); err != nil {
		return fmt.Errorf("write CSV row: %w", err)
	}

	return nil
}

func (w *csvWriter) Close() error {
	w.out.Flush()
	if err := w.out.Error(); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}

	return nil
}

// format returns the field text of c.
func (s csvStyle) format(c Cell) string {
	if c.isEmpty() {
		return ""
	}

	switch c.Kind {
	case Integer:
		return strconv.FormatInt(c.Int, 10)
	case Amount:
		return s.number(c.Money)
	case Day:
		return s.day(c.Date)
	case Timestamp:
		return c.Time.In(s.location).Format(s.timeForm)
	case Percent:
		return s.percent(c.Int)
	case Bool:
		if c.Bool {
			return s.yes
		}
		return s.no
	default:
		if s.excel {
			return Neutralize(c.Text)
		}
		return c.Text
	}
}

// number writes an amount without grouping or currency, such as
// "-1234,56", so a spreadsheet reads it as a number.
func (s csvStyle) number(m app.Money) string {
	text := m.Decimal()
	if s.decimal == "." {
		return text
	}

	return strings.Replace(text, ".", s.decimal, 1)
}

func (s csvStyle) day(d app.Date) string {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Format(s.dateForm)
}

// percent writes "40%" for Excel, which reads it as the number 0.4 in
// percent format, and the bare number "40" in plain CSV.
func (s csvStyle) percent(p int64) string {
	if s.excel {
		return strconv.FormatInt(p, 10) + "%"
	}

	return strconv.FormatInt(p, 10)
}
