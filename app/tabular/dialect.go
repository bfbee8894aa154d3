package tabular

// Format is the kind of file: CSV, XLSX or vCard.
type Format string

// The file formats [Open] reads.
const (
	FormatCSV   Format = "csv"
	FormatXLSX  Format = "xlsx"
	FormatVCard Format = "vcard"
)

// NoHeader is the [Dialect.HeaderLine] of a file without a header row.
// Its columns are named "Column 1", "Column 2" and so on.
const NoHeader = -1

// Dialect is everything detected about a file. [Detect] fills every zero
// field and keeps the others, so a person's corrections survive the next
// detection. [Open] reads a file with it.
type Dialect struct {
	// Format is the file format.
	Format Format
	// Encoding is the character encoding of a CSV or vCard file. XLSX
	// files are always UTF-8 inside.
	Encoding Encoding
	// BOM reports whether the file starts with a byte order mark. Readers
	// strip a byte order mark whatever the value of this field.
	BOM bool
	// Delimiter is the field separator of a CSV file: ',', ';', '\t' or '|'.
	Delimiter rune
	// HeaderLine is the 1-based line (the row number in XLSX) of the header
	// row, [NoHeader] for none, or 0 to detect. Lines before it, such as a
	// report title, are skipped.
	HeaderLine int
	// Sheet is the XLSX worksheet to read; "" means the first sheet.
	Sheet string
	// Locale is a BCP 47 tag such as "de-DE" or "en-US". It decides the
	// day and month order of an ambiguous date column and the meaning of
	// an ambiguous separator, as in "1.234". Empty means "en-US".
	Locale string
	// Columns describes each column in file order. Detect fills it only
	// when it is nil.
	Columns []Column
}

// Kind is the type of value a column contains: text, number, date,
// yes/no, or nothing.
type Kind string

// The kinds of column that detection reports.
const (
	// KindEmpty is a column whose sampled cells are all empty or
	// placeholders.
	KindEmpty Kind = "empty"
	// KindText is any column that is not one of the others.
	KindText Kind = "text"
	// KindNumber is a column whose values all parse with Column.Number.
	KindNumber Kind = "number"
	// KindDate is a column whose values all parse with Column.Date.
	KindDate Kind = "date"
	// KindBool is a column whose values all parse with Column.Bool.
	KindBool Kind = "bool"
)

// Column is the detected format of one column, from the rows of the
// detection sample. Empty cells and placeholders such as "n/a" are left
// out of the decision.
type Column struct {
	// Name is the header cell with surrounding spaces removed, or
	// "Column N" without a header.
	Name string
	// Kind is the best guess of what the values are. A 0/1 column is
	// KindBool, but Number is filled too, so it can be mapped to a count.
	Kind Kind
	// Number is the number format; its Decimal is 0 unless every sampled
	// value is a number.
	Number NumberFormat
	// NumberAmbiguous reports that every sampled number fits both
	// separators, as "1.234" does, so Locale decided.
	NumberAmbiguous bool
	// Date is the date format; "" unless every sampled value is a date.
	Date DateFormat
	// DateAmbiguous reports that every sampled date is valid both
	// day-first and month-first, so Locale decided.
	DateAmbiguous bool
	// Bool is the boolean format of a KindBool column.
	Bool BoolFormat
	// Probability is the scale for reading a number column as a
	// probability. It is ScaleFraction when all values lie from 0 to 1 and
	// one has decimals, otherwise ScaleAuto.
	Probability ProbabilityScale
	// Samples is how many non-empty, non-placeholder cells were looked at.
	Samples int
}
