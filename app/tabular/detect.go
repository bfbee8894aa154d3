package tabular

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// SampleSize is how many bytes from the start of a file encoding,
// delimiter and header detection read.
const SampleSize = 256 * 1024

// ProfileRows is how many rows after the header the column detection
// reads.
const ProfileRows = 1000

var (
	magicZip = []byte("PK\x03\x04")
	magicOLE = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Detect returns the dialect of the file at path. Fields already set in
// hint are kept and the zero ones are detected, so a person's correction
// of, say, the encoding is honored while the delimiter and header are
// detected again under it. Columns are detected only when hint.Columns is
// nil.
func Detect(path string, hint Dialect) (Dialect, error) {
	sample, atEOF, err := readSample(path)
	if err != nil {
		return Dialect{}, err
	}

	d := hint
	if d.Format == "" {
		if d.Format, err = detectFormat(path, sample); err != nil {
			return Dialect{}, err
		}
	}

	switch d.Format {
	case FormatCSV:
		err = detectText(&d, sample, atEOF)
	case FormatVCard:
		d.detectEncoding(sample, atEOF)
	case FormatXLSX:
		err = detectXLSX(path, &d)
	default:
		err = fmt.Errorf("file format %q is not one of csv, xlsx, vcard: %w", d.Format, ErrUnsupportedFormat)
	}
	if err != nil {
		return Dialect{}, fmt.Errorf("detect the format of %s: %w", path, err)
	}

	if d.Columns == nil {
		if d.Columns, err = profileColumns(path, d); err != nil {
			return Dialect{}, fmt.Errorf("detect the columns of %s: %w", path, err)
		}
	}

	return d, nil
}

// Open detects the dialect of the file at path as [Detect] does, with d
// as the hint (nil for none), and returns a reader for its rows and the
// dialect used.
func Open(path string, d *Dialect) (Reader, Dialect, error) {
	var hint Dialect
	if d != nil {
		hint = *d
	}

	detected, err := Detect(path, hint)
	if err != nil {
		return nil, Dialect{}, err
	}

	r, err := openReader(path, detected)
	if err != nil {
		return nil, Dialect{}, err
	}

	return r, detected, nil
}

// openReader opens the reader of a dialect's format.
func openReader(path string, d Dialect) (Reader, error) {
	switch d.Format {
	case FormatXLSX:
		return openXLSX(path, d)
	case FormatVCard:
		return openVCard(path, d)
	}

	return openCSV(path, d)
}

// readSample reads up to SampleSize bytes and reports whether that is
// the whole file.
func readSample(path string) ([]byte, bool, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, false, err
	}
	defer file.Close()

	sample := make([]byte, SampleSize+1)
	n, err := io.ReadFull(file, sample)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, false, fmt.Errorf("read %s: %w", path, err)
	}

	if n > SampleSize {
		return sample[:SampleSize], false, nil
	}

	return sample[:n], true, nil
}

// detectFormat decides by content first and by extension second: a ZIP
// archive is XLSX, a text starting with BEGIN:VCARD is a vCard file, and
// any other text is CSV. A binary Excel 97–2003 file (or an encrypted
// workbook, which has the same container) and other binary files are
// rejected.
func detectFormat(path string, sample []byte) (Format, error) {
	ext := strings.ToLower(filepath.Ext(path))
	switch {
	case bytes.HasPrefix(sample, magicZip):
		return FormatXLSX, nil
	case bytes.HasPrefix(sample, magicOLE):
		return "", fmt.Errorf("%s is a binary Excel 97–2003 or encrypted workbook; save it as .xlsx or CSV: %w",
			path, ErrUnsupportedFormat)
	case ext == ".xlsx" || ext == ".xlsm":
		return "", fmt.Errorf("%s is named like a workbook but is no XLSX file: %w", path, ErrUnsupportedFormat)
	}

	enc, _ := DetectEncoding(sample, true)
	text, err := decodeBytes(sample[:min(len(sample), 4096)], enc)
	if err != nil {
		return "", err
	}

	if strings.HasPrefix(strings.ToUpper(strings.TrimLeft(text, " \t\r\n")), "BEGIN:VCARD") ||
		ext == ".vcf" || ext == ".vcard" {
		return FormatVCard, nil
	}

	if enc != EncodingUTF16LE && enc != EncodingUTF16BE {
		if err := checkNoNUL(path, sample); err != nil {
			return "", err
		}
	}

	return FormatCSV, nil
}

// checkNoNUL rejects a sample with NUL bytes, which no text file has.
// For a few of them, at most 8 or 1 % of the sample, it names the line of
// the first, so the person can remove it. More of them mean a binary
// file.
func checkNoNUL(path string, sample []byte) error {
	first := bytes.IndexByte(sample, 0)
	if first < 0 {
		return nil
	}

	if bytes.Count(sample, []byte{0}) > max(8, len(sample)/100) {
		return fmt.Errorf("%s is a binary file, not CSV, XLSX or vCard: %w", path, ErrUnsupportedFormat)
	}

	line := bytes.Count(sample[:first], []byte{'\n'}) + 1

	return fmt.Errorf("%s has a NUL byte on line %d, which a CSV file cannot contain: "+
		"delete it in a text editor or save the file as CSV again: %w", path, line, ErrUnsupportedFormat)
}

// detectEncoding fills the encoding and BOM fields of a text file.
func (d *Dialect) detectEncoding(sample []byte, atEOF bool) {
	encoding, bom := DetectEncoding(sample, atEOF)
	d.BOM = bom
	if d.Encoding == "" {
		d.Encoding = encoding
	}
}

// detectText fills the encoding, delimiter and header line of a CSV file.
func detectText(d *Dialect, sample []byte, atEOF bool) error {
	d.detectEncoding(sample, atEOF)
	text, err := decodeBytes(sample, d.Encoding)
	if err != nil {
		return err
	}

	if d.Delimiter == 0 {
		d.Delimiter = DetectDelimiter(text, atEOF)
	}

	if d.HeaderLine == 0 {
		d.HeaderLine = detectHeaderLine(parseSample(text, d.Delimiter, atEOF))
	}

	return nil
}

// profileColumns reads up to ProfileRows rows and detects each column.
func profileColumns(path string, d Dialect) ([]Column, error) {
	r, err := openReader(path, d)
	if err != nil {
		return nil, err
	}
	defer r.Close()

	header := r.Header()
	cells := make([][]string, len(header))
	for rows := 0; rows < ProfileRows; rows++ {
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var cellErr *CellError
		if err != nil && !errors.As(err, &cellErr) {
			return nil, err
		}

		for i, c := range row.Cells {
			cells[i] = append(cells[i], c)
		}
	}

	columns := make([]Column, len(header))
	for i, name := range header {
		columns[i] = detectColumn(name, cells[i], d.Locale)
	}

	return columns, nil
}
