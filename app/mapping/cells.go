package mapping

import (
	"errors"
	"strings"
	"time"

	"leadwerk/app"
	"leadwerk/app/tabular"
)

// flag reads a yes/no cell, where an empty cell is no.
func (r *rowReader) flag(f Field) bool {
	text := r.text(f)
	if text == "" {
		return false
	}

	yes, err := tabular.ParseBool(text, tabular.BoolFormat{Mark: true})
	if err != nil {
		r.failErr(f, err)
	}

	return yes
}

// numberFormat returns the column's detected format, or the locale's
// decimal separator when detection found no number format.
func (r *rowReader) numberFormat(f Field) tabular.NumberFormat {
	format := r.column(f).Number
	if format.Decimal == 0 && strings.HasPrefix(r.c.plan.Dialect.Locale, "de") {
		format.Decimal = ','
	}

	return format
}

// integer returns a whole number, 0 for an empty cell.
func (r *rowReader) integer(f Field) int {
	text := r.text(f)
	if text == "" {
		return 0
	}

	number, err := tabular.ParseNumber(text, r.numberFormat(f))
	if err != nil {
		r.failErr(f, err)
		return 0
	}

	n, ok := number.Int()
	if !ok {
		r.fail(f, tabular.ReasonInvalidNumber, text)
	}

	return int(n)
}

// amount returns the money of f in the row's currency, zero in that
// currency for an empty cell.
func (r *rowReader) amount(f Field) app.Money {
	currency := r.currency()
	text := r.text(f)
	if text == "" {
		return app.Money{Currency: currency}
	}

	var m app.Money
	var err error
	for _, format := range r.numberFormats(f) {
		format.Currency = currency
		if m, err = tabular.ParseAmount(text, format); err == nil {
			return m
		}
	}
	r.failErr(f, err)

	return m
}

// numberFormats returns the column's detected format, or, when detection
// found none because some sampled cell is not a number, both decimal
// separators with the locale's first.
func (r *rowReader) numberFormats(f Field) []tabular.NumberFormat {
	format := r.numberFormat(f)
	if r.column(f).Number.Decimal != 0 {
		return []tabular.NumberFormat{format}
	}

	other := format
	other.Decimal = ','
	if format.Decimal == ',' {
		other.Decimal = '.'
	}

	return []tabular.NumberFormat{format, other}
}

// currency returns the code of the row's currency cell, which may be a
// symbol such as "€", else the default currency.
func (r *rowReader) currency() string {
	text := r.text(FieldCurrency)
	if text == "" {
		return r.c.currency
	}

	code, ok := tabular.CurrencyCode(text)
	if !ok {
		r.fail(FieldCurrency, ReasonInvalidCurrency, text)
		return r.c.currency
	}

	return code
}

// date reads the cell in the column's detected format. When detection
// found none, it reads a plausible serial number of a number column as
// an Excel date, and any other cell in the first of the locale's
// [tabular.FallbackDateFormats] that reads it.
func (r *rowReader) date(f Field) app.Date {
	text := r.text(f)
	if text == "" {
		return app.Date{}
	}

	if format := r.column(f).Date; format != "" {
		d, err := tabular.ParseDate(text, format)
		if err != nil {
			r.failErr(f, err)
		}
		return d
	}

	// A number column is read as Excel serial numbers, as detection reads
	// whole numbers under a header that names a date.
	if r.column(f).Kind == tabular.KindNumber && tabular.IsPlausibleSerial(text) {
		d, err := tabular.ParseDate(text, tabular.DateExcelSerial)
		if err != nil {
			r.failErr(f, err)
		}
		return d
	}

	var firstErr error
	for _, format := range tabular.FallbackDateFormats(r.c.plan.Dialect.Locale) {
		d, err := tabular.ParseDate(text, format)
		if err == nil {
			return d
		}
		if firstErr == nil || isImpossible(err) {
			firstErr = err
		}
	}
	r.failErr(f, firstErr)

	return app.Date{}
}

// created returns the creation time of the record, or the zero time
// when the cell is empty or no date in the column's detected format or,
// without one, in any of the locale's fallback formats.
func (r *rowReader) created() time.Time {
	text := r.text(FieldCreated)
	if text == "" {
		return time.Time{}
	}

	formats := tabular.FallbackDateFormats(r.c.plan.Dialect.Locale)
	if format := r.column(FieldCreated).Date; format != "" {
		formats = []tabular.DateFormat{format}
	}

	for _, format := range formats {
		if t, err := tabular.ParseTime(text, format); err == nil {
			return t
		}
	}

	return time.Time{}
}

// optOut reads the opt-out cell as a yes or no, where an empty cell is
// no.
func (r *rowReader) optOut() bool {
	return r.flag(FieldOptOut)
}

func isImpossible(err error) bool {
	var cellErr *tabular.CellError

	return errors.As(err, &cellErr) && cellErr.Reason == tabular.ReasonImpossibleDate
}
