// Package export writes tables of typed cells as CSV for Excel, as plain
// RFC 4180 CSV and as XLSX workbooks, and open activities as an
// iCalendar file. It imports neither the database nor the window: callers
// build the rows, and every writer streams them to an io.Writer.
package export

import (
	"strings"
	"time"

	"leadwerk/app"
)

// CellKind is the type of a cell's value, which decides how each format
// writes it.
type CellKind int

// The cell kinds.
const (
	Text CellKind = iota
	Integer
	// Amount is money: minor units and an ISO 4217 currency code.
	Amount
	// Day is a civil date without a time of day.
	Day
	// Timestamp is an instant, written in the writer's location.
	Timestamp
	// Percent is a whole percentage, such as 40 for 40 %.
	Percent
	Bool
)

// Cell is one typed value of a table. Only the field of its Kind is
// read. A zero Day or Timestamp is an empty cell.
type Cell struct {
	Kind  CellKind
	Text  string
	Int   int64
	Money app.Money
	Date  app.Date
	Time  time.Time
	Bool  bool
}

// TextCell returns a text cell.
func TextCell(s string) Cell { return Cell{Kind: Text, Text: s} }

// IntCell returns an integer cell.
func IntCell(n int64) Cell { return Cell{Kind: Integer, Int: n} }

// MoneyCell returns an amount cell.
func MoneyCell(m app.Money) Cell { return Cell{Kind: Amount, Money: m} }

// DateCell returns a date cell; the zero Date is an empty cell.
func DateCell(d app.Date) Cell { return Cell{Kind: Day, Date: d} }

// TimeCell returns a timestamp cell; the zero time is an empty cell.
func TimeCell(t time.Time) Cell { return Cell{Kind: Timestamp, Time: t} }

// PercentCell returns a cell of a whole percentage.
func PercentCell(percent int) Cell { return Cell{Kind: Percent, Int: int64(percent)} }

// BoolCell returns a yes/no cell.
func BoolCell(b bool) Cell { return Cell{Kind: Bool, Bool: b} }

// isEmpty reports whether the cell has no value to write.
func (c Cell) isEmpty() bool {
	switch c.Kind {
	case Day:
		return c.Date.IsZero()
	case Timestamp:
		return c.Time.IsZero()
	default:
		return false
	}
}

// TableWriter writes a table: one header, then rows with as many cells
// as the header has columns. Close flushes the output and must be called
// once, also after a failed row, but it does not close the io.Writer.
type TableWriter interface {
	WriteHeader(columns []string) error
	WriteRow(cells []Cell) error
	Close() error
}

// Locale is the language whose separators and date forms the Excel
// formats use.
type Locale string

// The locales of the Excel formats.
const (
	German  Locale = "de"
	English Locale = "en"
)

// LocaleOf returns German for a language tag starting with "de", such as
// "de-CH", and English for every other tag.
func LocaleOf(language string) Locale {
	if strings.HasPrefix(strings.ToLower(language), "de") {
		return German
	}

	return English
}

// formulaTriggers are the first characters after which a spreadsheet
// may read a cell as a formula. OWASP ASVS 5.0 requirement 1.2.10 lists
// '=', '+', '-', '@', TAB and NUL. CR is included too, as the other
// leading control character that spreadsheets skip.
const formulaTriggers = "=+-@\t\r\x00"

// Neutralize returns s with a leading apostrophe when it starts with a
// formula trigger, so a spreadsheet shows it as text instead of running
// it, as OWASP ASVS 5.0 requirement 1.2.10 requires. Other text is returned
// unchanged.
func Neutralize(s string) string {
	if s != "" && strings.IndexByte(formulaTriggers, s[0]) >= 0 {
		return "'" + s
	}

	return s
}
