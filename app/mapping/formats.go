package mapping

import "leadwerk/app/tabular"

// Formats are the number and date formats a person chose for a whole
// file. They replace the detected formats of every column, and a zero
// field keeps the detected ones.
type Formats struct {
	// Decimal is the decimal separator, '.' or ','.
	Decimal rune
	// Thousands is the group separator when ThousandsSet is true. Zero
	// then accepts any separator that is not the decimal one, as
	// [tabular.NumberFormat] does.
	Thousands    rune
	ThousandsSet bool
	Date         tabular.DateFormat
}

// IsZero reports whether f keeps every detected format.
func (f Formats) IsZero() bool {
	return f == Formats{}
}

// Apply sets the chosen formats on every column of d and clears the
// ambiguity flags that they decide. Only columns mapped to number or
// date fields parse these formats, so text columns are not affected.
func (f Formats) Apply(d *tabular.Dialect) {
	for i := range d.Columns {
		c := &d.Columns[i]
		if f.Decimal != 0 {
			c.Number.Decimal = f.Decimal
			c.NumberAmbiguous = false
		}
		if f.ThousandsSet {
			c.Number.Thousands = f.Thousands
		}
		if f.Date != "" {
			c.Date = f.Date
			c.DateAmbiguous = false
		}
	}
}
