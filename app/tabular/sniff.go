package tabular

import (
	"encoding/csv"
	"errors"
	"io"
	"strings"
)

// Delimiters lists the field separators detection chooses from.
func Delimiters() []rune {
	return []rune{',', ';', '\t', '|'}
}

// maxSampleRecords caps the records that delimiter and header detection
// parse from the sample.
const maxSampleRecords = 200

// sampleRecord is one parsed record of the detection sample.
type sampleRecord struct {
	line   int
	fields []string
}

// DetectDelimiter returns the field separator of a CSV sample (UTF-8
// text from the start of the file): of ',', ';', TAB and '|', the one that
// splits the most records into the same number of fields, at least two.
// Quoted fields count as one field even across lines. On a tie of
// consistency the separator giving more fields wins, so a comma inside
// "1.234,56" does not beat the semicolons between the fields. A sample in
// which no separator gives two fields is a one-column file, reported as
// ','. atEOF reports whether the sample is the whole file; otherwise its
// last record, which may be cut, is left out.
func DetectDelimiter(sample string, atEOF bool) rune {
	best, bestScore, bestWidth := ',', -1, 0
	for _, delimiter := range Delimiters() {
		records := parseSample(sample, delimiter, atEOF)
		width, share := modalWidth(records)
		if width < 2 {
			continue
		}

		score := int(share * 100)
		if score > bestScore || (score == bestScore && width > bestWidth) {
			best, bestScore, bestWidth = delimiter, score, width
		}
	}

	return best
}

// parseSample reads up to maxSampleRecords records of a sample. A parse
// error ends the sample there.
func parseSample(sample string, delimiter rune, atEOF bool) []sampleRecord {
	if !atEOF {
		if cut := strings.LastIndexByte(sample, '\n'); cut >= 0 {
			sample = sample[:cut+1]
		}
	}

	if !strings.Contains(sample, "\n") {
		sample = strings.ReplaceAll(sample, "\r", "\n")
	}

	reader := csv.NewReader(strings.NewReader(sample))
	reader.Comma = delimiter
	reader.LazyQuotes = true
	reader.FieldsPerRecord = -1

	var records []sampleRecord
	for len(records) < maxSampleRecords {
		fields, err := reader.Read()
		if errors.Is(err, io.EOF) || err != nil {
			break
		}

		line, _ := reader.FieldPos(0)
		records = append(records, sampleRecord{line: line, fields: fields})
	}

	if !atEOF && len(records) > 1 && len(records) < maxSampleRecords {
		records = records[:len(records)-1]
	}

	return records
}

// modalWidth returns the most common number of fields and the share of
// records that have it. On a tie the larger width wins.
func modalWidth(records []sampleRecord) (width int, share float64) {
	counts := map[int]int{}
	for _, r := range records {
		counts[len(r.fields)]++
	}

	most := 0
	for w, n := range counts {
		if n > most || (n == most && w > width) {
			width, most = w, n
		}
	}

	if len(records) == 0 {
		return 0, 0
	}

	return width, float64(most) / float64(len(records))
}

// maxHeaderSearch is how many records from the top may precede the
// header, such as a report title and an export date.
const maxHeaderSearch = 20

// detectHeaderLine returns the line of the header among the first
// records: the first record as wide as most records, with at least half of
// its cells filled and every filled cell a label (neither a number nor a
// date). When no record qualifies, the result is the line of the first
// full-width record, unless that record contains numbers or dates: then
// the file has no header and the result is NoHeader.
func detectHeaderLine(records []sampleRecord) int {
	if len(records) == 0 {
		return 1
	}

	width, _ := modalWidth(records)
	firstFull := -1
	for i, r := range records[:min(len(records), maxHeaderSearch)] {
		if len(trimTrailingEmpty(r.fields)) > width || len(r.fields) < width {
			continue
		}
		if firstFull < 0 {
			firstFull = i
		}

		if filledCount(r.fields)*2 >= width && !hasValues(r.fields) {
			return r.line
		}
	}

	if firstFull < 0 {
		return records[0].line
	}
	if hasValues(records[firstFull].fields) {
		return NoHeader
	}

	return records[firstFull].line
}

func trimTrailingEmpty(fields []string) []string {
	for len(fields) > 0 && trimSpace(fields[len(fields)-1]) == "" {
		fields = fields[:len(fields)-1]
	}

	return fields
}

func filledCount(fields []string) int {
	n := 0
	for _, f := range fields {
		if trimSpace(f) != "" {
			n++
		}
	}

	return n
}

// hasValues reports whether a filled cell reads as a number or a date.
func hasValues(fields []string) bool {
	for _, f := range fields {
		if f = trimSpace(f); f != "" && looksLikeValue(f) {
			return true
		}
	}

	return false
}

// looksLikeValue reports whether a cell reads as a number or a date in
// any format.
func looksLikeValue(s string) bool {
	if _, err := ParseNumber(s, NumberFormat{Decimal: '.'}); err == nil {
		return true
	}
	if _, err := ParseNumber(s, NumberFormat{Decimal: ','}); err == nil {
		return true
	}

	return isDateText(s)
}

// isDateText reports whether s is a date in one of the written formats.
func isDateText(s string) bool {
	for _, f := range DateFormats() {
		if f == DateExcelSerial {
			continue
		}
		if _, err := ParseDate(s, f); err == nil {
			return true
		}
	}

	return false
}
