package tabular

import (
	"errors"
	"fmt"
	"strconv"

	"leadwerk/app"
)

// ErrUnsupportedFormat means a file is of a kind this package cannot read,
// such as a binary Excel 97–2003 workbook or an encrypted XLSX file.
var ErrUnsupportedFormat = errors.New("unsupported file format")

// Reason is a stable code for what is wrong with a cell or row. A user
// interface translates the code; [CellError.Error] gives English text.
type Reason string

// The reasons a cell or row can be rejected.
const (
	// ReasonEmpty means a value was required but the cell is empty.
	ReasonEmpty Reason = "empty"
	// ReasonInvalidNumber means the text is not a number in the column's
	// number format.
	ReasonInvalidNumber Reason = "invalid_number"
	// ReasonTooManyDecimals means an amount has more decimals than its
	// currency's minor unit, so storing it would drop part of it.
	ReasonTooManyDecimals Reason = "too_many_decimals"
	// ReasonTooLarge means a number does not fit in 64-bit minor units.
	ReasonTooLarge Reason = "too_large"
	// ReasonMissingCurrency means an amount has no currency in the text and
	// the number format names no default currency.
	ReasonMissingCurrency Reason = "missing_currency"
	// ReasonInvalidDate means the text is not a date in the column's date
	// format.
	ReasonInvalidDate Reason = "invalid_date"
	// ReasonImpossibleDate means the text has the right form but names a
	// day that does not exist, such as 31.02.2026.
	ReasonImpossibleDate Reason = "impossible_date"
	// ReasonInvalidBool means the text is not one of the known words for
	// yes and no.
	ReasonInvalidBool Reason = "invalid_bool"
	// ReasonInvalidProbability means the text is not a fraction from 0 to 1
	// or a percentage from 0 to 100.
	ReasonInvalidProbability Reason = "invalid_probability"
	// ReasonInvalidEncoding means the cell's bytes are not valid in the
	// file's character encoding.
	ReasonInvalidEncoding Reason = "invalid_encoding"
	// ReasonTooManyCells means a row has more non-empty cells than the
	// header has columns.
	ReasonTooManyCells Reason = "too_many_cells"
	// ReasonMalformedRecord means the CSV structure of a record is broken,
	// such as a quoted field that never ends.
	ReasonMalformedRecord Reason = "malformed_record"
)

// reasonTexts holds the English description and the advice for each
// reason, used by [CellError.Error].
var reasonTexts = map[Reason][2]string{
	ReasonEmpty:              {"is empty", "fill in the cell or map the column to another field"},
	ReasonInvalidNumber:      {"is not a number", "correct the cell or choose the decimal and thousands separators"},
	ReasonTooManyDecimals:    {"has more decimals than the currency allows", "round the amount in the file"},
	ReasonTooLarge:           {"is too large", "check the cell for a missing decimal separator"},
	ReasonMissingCurrency:    {"has no currency", "add a currency to the cell or choose a default currency"},
	ReasonInvalidDate:        {"is not a date", "correct the cell or choose another date format"},
	ReasonImpossibleDate:     {"is a day that does not exist", "correct the date in the file"},
	ReasonInvalidBool:        {"is not yes or no", "use yes/no, ja/nein, true/false, 1/0 or x"},
	ReasonInvalidProbability: {"is not a probability", "use a fraction from 0 to 1 or a percentage from 0 to 100"},
	ReasonInvalidEncoding:    {"has bytes that are invalid in the file's encoding", "choose the file's encoding"},
	ReasonTooManyCells:       {"has more cells than the header", "check the delimiter or remove the extra cells"},
	ReasonMalformedRecord:    {"is not a valid CSV record", "check the quotes in the file"},
}

// CellError is a rejected cell or row. Parsers fill Value, Reason and
// Format, and the reader or import engine fills Line and Column. It
// matches app.ErrInvalid with errors.Is.
type CellError struct {
	// Line is the 1-based physical line where the row starts, or 0 when
	// unknown.
	Line int
	// Column is the column's header name, or "" for a whole row.
	Column string
	// Value is the cell's text as read from the file.
	Value string
	// Reason is the machine-readable cause.
	Reason Reason
	// Format is the expected format, such as "DD.MM.YYYY", or "".
	Format string
}

// Error returns one English sentence: where, what value, what is wrong and
// what to do.
func (e *CellError) Error() string {
	text, ok := reasonTexts[e.Reason]
	if !ok {
		text = [2]string{"is invalid (" + string(e.Reason) + ")", "correct the cell"}
	}

	where := ""
	if e.Line > 0 {
		where = "line " + strconv.Itoa(e.Line) + ": "
	}
	if e.Column != "" {
		where += "column " + strconv.Quote(e.Column) + ": "
	}

	expected := ""
	if e.Format != "" {
		expected = " (expected " + e.Format + ")"
	}

	return fmt.Sprintf("%svalue %q %s%s; %s", where, e.Value, text[0], expected, text[1])
}

// Unwrap returns app.ErrInvalid, so callers can treat every cell error as
// invalid input.
func (e *CellError) Unwrap() error {
	return app.ErrInvalid
}

// cellError returns a *CellError for a parser, without position.
func cellError(value string, reason Reason, format string) *CellError {
	return &CellError{Value: value, Reason: reason, Format: format}
}
