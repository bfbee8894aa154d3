package tabular

import (
	"strconv"
	"strings"
)

// detectColumn decides the kind and formats of one column from its
// sampled cells. The order of the checks is bool, date, number, text, so
// a 0/1 column is a bool column and "31.12.2026" is a date, not a number.
func detectColumn(name string, cells []string, locale string) Column {
	column := Column{Name: name, Kind: KindText}
	values := make([]string, 0, len(cells))
	for _, c := range cells {
		if !isBlank(c) {
			values = append(values, trimSpace(c))
		}
	}

	column.Samples = len(values)
	if len(values) == 0 {
		column.Kind = KindEmpty

		return column
	}

	if number, ambiguous, ok := detectNumberFormat(values, locale); ok {
		column.Kind, column.Number, column.NumberAmbiguous = KindNumber, number, ambiguous
		column.Probability = detectProbabilityScale(values, number)
	}

	if date, ambiguous, ok := detectDateFormat(name, values, locale); ok {
		column.Kind, column.Date, column.DateAmbiguous = KindDate, date, ambiguous
	}

	if mark, ok := detectBool(values, len(values) < len(cells)); ok {
		column.Kind, column.Bool = KindBool, BoolFormat{Mark: mark}
	}

	return column
}

// detectBool reports whether every value is a yes or no word, and whether
// they are all check marks, so that empty cells mean false. A column of
// only "1" and empty cells is a mark column too, as Salesforce exports
// its checkboxes. A column of only "0", or of only "1" without empty
// cells, stays a number, because it may be a count.
func detectBool(values []string, hasBlank bool) (mark, ok bool) {
	mark = true
	seen := map[string]bool{}
	for _, v := range values {
		lower := strings.ToLower(v)
		if _, known := boolWords[lower]; !known {
			return false, false
		}

		seen[lower] = true
		if lower != "x" && lower != "✓" && lower != "✔" {
			mark = false
		}
	}

	if len(seen) == 1 && seen["1"] {
		return true, hasBlank
	}
	if len(seen) == 1 && seen["0"] {
		return false, false
	}

	return mark, true
}

// detectDateFormat returns the first format of [DateFormats] that reads
// every value. When a day-first and a month-first format both read every
// value, the column is ambiguous and the locale decides. Whole numbers
// read as Excel serial numbers only under a header that names a date and
// only between 1950 and 2100, so counts and amounts never become dates.
func detectDateFormat(name string, values []string, locale string) (DateFormat, bool, bool) {
	var fits []DateFormat
	for _, f := range DateFormats() {
		if f != DateExcelSerial && allParse(values, f) {
			fits = append(fits, f)
		}
	}

	if len(fits) == 0 {
		if dateHeader(name) && allSerials(values) {
			return DateExcelSerial, false, true
		}

		return "", false, false
	}

	for _, pair := range [][2]DateFormat{{DateDMYSlash, DateMDYSlash}, {DateDMYShort, DateMDYShort}} {
		if contains(fits, pair[0]) && contains(fits, pair[1]) {
			if dayFirst(locale) {
				return pair[0], true, true
			}

			return pair[1], true, true
		}
	}

	return fits[0], false, true
}

// allParse reports whether every value has the form of f and at least
// one is a real day. A day that its month lacks, such as 31.02.2026, still
// has the form, so that the column keeps its format and the import rejects
// that row as an impossible date.
func allParse(values []string, f DateFormat) bool {
	valid := false
	for _, v := range values {
		_, err := ParseDate(v, f)
		if err == nil {
			valid = true
			continue
		}
		if !isDayOutOfRange(v, f) {
			return false
		}
	}

	return valid
}

func contains(formats []DateFormat, f DateFormat) bool {
	for _, g := range formats {
		if g == f {
			return true
		}
	}

	return false
}

// dateHeaderWords are parts of English and German column names that
// announce a date.
var dateHeaderWords = []string{
	"date", "datum", "created", "modified", "updated", "closed", "time", "zeit",
	"_at", "birthday", "geburtstag", "termin", "deadline", "fällig", "due",
}

func dateHeader(name string) bool {
	lower := strings.ToLower(name)
	for _, w := range dateHeaderWords {
		if strings.Contains(lower, w) {
			return true
		}
	}

	return false
}

// Excel serial numbers of 1950-01-01 and 2100-12-31.
const (
	minPlausibleSerial = 18264
	maxPlausibleSerial = 73415
)

func allSerials(values []string) bool {
	for _, v := range values {
		if !IsPlausibleSerial(v) {
			return false
		}
	}

	return true
}

// IsPlausibleSerial reports whether text is a whole number that is the
// Excel serial number of a day from 1950 to 2100.
func IsPlausibleSerial(text string) bool {
	whole, err := strconv.Atoi(trimSpace(text))

	return err == nil && whole >= minPlausibleSerial && whole <= maxPlausibleSerial
}

// detectProbabilityScale returns ScaleFraction when every value lies from
// 0 to 1 and at least one has decimals, as in 0, 0.25, 1.
func detectProbabilityScale(values []string, f NumberFormat) ProbabilityScale {
	decimals := false
	for _, v := range values {
		number, err := ParseNumber(v, f)
		if err != nil || number.Unscaled < 0 || !atMostOne(number) {
			return ScaleAuto
		}
		if number.trimZeros().Scale > 0 {
			decimals = true
		}
	}

	if decimals {
		return ScaleFraction
	}

	return ScaleAuto
}
