// Package tabular reads the files a small business exports from other
// programs (CSV in any of the usual dialects, XLSX workbooks and vCards)
// as rows of text cells with the line each row starts on. It also detects
// the dialect of a file and parses the cells' numbers, dates, booleans and
// probabilities.
//
// Detection runs once on a sample from the start of the file, at most
// [SampleSize] bytes, and returns a [Dialect]. It contains the file format,
// the character encoding, the delimiter, the header line and a [Column]
// per column with its number, date and boolean format. Every detected setting
// is a plain field, so a person can correct it. [Detect] keeps the fields
// a caller has already set and detects only the zero ones, and [Open]
// reads the file with the result. Readers stream, so memory stays flat
// with file size apart from the sample and, for XLSX, the workbook's
// shared strings.
//
// [Table] reads a UTF-8 comma-separated file of a known layout, such as a
// dataset export, without detection, and reports a bad row as a
// [*LineError] that stops the read.
//
// Errors about a single cell or row are [*CellError] values with a
// [Reason] code, so a user interface can translate them. Their Error text
// is English and says what failed, on which value and what to do.
//
// The package imports neither Fyne nor GORM.
package tabular
