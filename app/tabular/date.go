package tabular

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"

	"leadwerk/app"
)

// DateFormat names how a column writes dates, in the notation a person
// reads ("DD.MM.YYYY"). Each format also accepts one or two digits for day
// and month, and a time of day after the date (" 14:30", " 14:30:15",
// " 2:30 PM"), which is dropped. Two-digit years 69–99 are 1969–1999 and
// 00–68 are 2000–2068, as Go's time package reads them.
type DateFormat string

// The date formats that detection reports and [ParseDate] reads.
const (
	DateDMYDot      DateFormat = "DD.MM.YYYY"
	DateDMYDotShort DateFormat = "DD.MM.YY"
	DateISO         DateFormat = "YYYY-MM-DD"
	DateYMDSlash    DateFormat = "YYYY/MM/DD"
	DateMDYSlash    DateFormat = "MM/DD/YYYY"
	DateDMYSlash    DateFormat = "DD/MM/YYYY"
	DateMDYShort    DateFormat = "MM/DD/YY"
	DateDMYShort    DateFormat = "DD/MM/YY"
	DateDMYDash     DateFormat = "DD-MM-YYYY"
	// DateDayMonthName is "15 Apr 2021", "15 Apr, 2021" or "15 April 2021",
	// with English month names.
	DateDayMonthName DateFormat = "D MMM YYYY"
	// DateMonthNameDay is "Apr 15, 2021" or "April 15, 2021".
	DateMonthNameDay DateFormat = "MMM D, YYYY"
	// DateTimestamp is an ISO 8601 timestamp such as
	// "2024-01-19T09:42:24.000+0000" or "2024-01-19T09:42:24Z". The date is
	// the calendar date in the zone written, without conversion to UTC or
	// to the local zone.
	DateTimestamp DateFormat = "YYYY-MM-DDThh:mm:ss"
	// DateExcelSerial is a spreadsheet day number such as 46387 for
	// 2026-12-31, counted in the 1900 date system that Excel uses by
	// default. Serial 60 is Excel's fictitious 29 February 1900 and is
	// rejected.
	DateExcelSerial DateFormat = "Excel serial number"
)

// FallbackDateFormats lists the formats that read the cells of a column
// without one common format, each value on its own. They are all formats
// but the Excel serial number, and of the numeric formats with slashes
// only those in the locale's order of day and month. So one column never
// reads one value month-first and the next day-first, and "31.02.2026"
// never becomes day 31 of the 1900 date system.
func FallbackDateFormats(locale string) []DateFormat {
	skip := map[DateFormat]bool{DateExcelSerial: true, DateDMYSlash: true, DateDMYShort: true}
	if dayFirst(locale) {
		skip = map[DateFormat]bool{DateExcelSerial: true, DateMDYSlash: true, DateMDYShort: true}
	}

	var formats []DateFormat
	for _, f := range DateFormats() {
		if !skip[f] {
			formats = append(formats, f)
		}
	}

	return formats
}

// DateFormats lists every date format, in the order detection tries them.
func DateFormats() []DateFormat {
	return []DateFormat{
		DateISO, DateTimestamp, DateDMYDot, DateDMYDotShort, DateDMYSlash, DateMDYSlash,
		DateDMYShort, DateMDYShort, DateDMYDash, DateYMDSlash, DateDayMonthName,
		DateMonthNameDay, DateExcelSerial,
	}
}

// dateLayouts holds the Go reference layouts of each format, without the
// time of day.
var dateLayouts = map[DateFormat][]string{
	DateDMYDot:       {"2.1.2006"},
	DateDMYDotShort:  {"2.1.06"},
	DateISO:          {"2006-1-2"},
	DateYMDSlash:     {"2006/1/2"},
	DateMDYSlash:     {"1/2/2006"},
	DateDMYSlash:     {"2/1/2006"},
	DateMDYShort:     {"1/2/06"},
	DateDMYShort:     {"2/1/06"},
	DateDMYDash:      {"2-1-2006"},
	DateDayMonthName: {"2 Jan 2006", "2 Jan, 2006", "2 January 2006", "2 January, 2006"},
	DateMonthNameDay: {"Jan 2, 2006", "January 2, 2006", "Jan 2 2006"},
	DateTimestamp: {
		"2006-01-02T15:04:05Z07:00", "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05",
		"2006-01-02T15:04Z07:00", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05 -0700",
	},
}

// timeSuffixes are the times of day that may follow a date. Seconds may
// carry a fraction, which Go's parser accepts without a layout for it.
var timeSuffixes = []string{"", " 15:04", " 15:04:05", " 3:04 PM", " 3:04:05 PM"}

// ParseDate reads a date written in format f. A day that does not exist,
// such as 31.02.2026, is a *CellError with ReasonImpossibleDate; it never
// becomes a day of the next month.
func ParseDate(text string, f DateFormat) (app.Date, error) {
	t, err := parseTime(text, f)
	if err != nil {
		return app.Date{}, err
	}

	return app.DateOf(t), nil
}

// ParseTime reads a date with its time of day, as [ParseDate] reads the
// date, and returns the instant in UTC. A time without a zone is taken
// as UTC, and a date without a time, such as an Excel serial number, is
// midnight UTC.
func ParseTime(text string, f DateFormat) (time.Time, error) {
	t, err := parseTime(text, f)
	if err != nil {
		return time.Time{}, err
	}

	return t.UTC(), nil
}

// parseTime returns the time that text names, in the zone it writes.
func parseTime(text string, f DateFormat) (time.Time, error) {
	s := trimSpace(text)
	if s == "" {
		return time.Time{}, cellError(text, ReasonEmpty, "")
	}

	if f == DateExcelSerial {
		d, err := parseExcelSerial(text, s)

		return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC), err
	}

	layouts, ok := dateLayouts[f]
	if !ok {
		return time.Time{}, cellError(text, ReasonInvalidDate, string(f))
	}

	reason := ReasonInvalidDate
	for _, layout := range layouts {
		for _, suffix := range timeSuffixes {
			if f == DateTimestamp && suffix != "" {
				break
			}

			t, err := time.Parse(layout+suffix, s)
			if err == nil {
				return t, nil
			}
			if isOutOfRange(err) {
				reason = ReasonImpossibleDate
			}
		}
	}

	return time.Time{}, cellError(text, reason, string(f))
}

// isDayOutOfRange reports whether text has the form of format f but
// names a day that its month lacks, such as 31.02.2026. A month of 13 is
// not such a day, so "13/01/2026" does not have the form of MM/DD/YYYY.
func isDayOutOfRange(text string, f DateFormat) bool {
	s := trimSpace(text)
	for _, layout := range dateLayouts[f] {
		for _, suffix := range timeSuffixes {
			var parseErr *time.ParseError
			_, err := time.Parse(layout+suffix, s)
			if errors.As(err, &parseErr) && parseErr.Message == ": day out of range" {
				return true
			}
		}
	}

	return false
}

// isOutOfRange reports whether time.Parse rejected a value that has the
// layout's form but names no real day, such as day 31 of February.
func isOutOfRange(err error) bool {
	var parseErr *time.ParseError

	return errors.As(err, &parseErr) && strings.Contains(parseErr.Message, "out of range")
}

// maxExcelSerial is 9999-12-31, the last day Excel represents.
const maxExcelSerial = 2958465

// excelEpoch is day 0 of the 1900 date system for serials from 61 up,
// which already absorbs Excel's fictitious 29 February 1900.
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// parseExcelSerial reads a day number with an optional fraction for the
// time of day, such as "46387" or "46387,75". Text with more than one
// separator or with letters, such as "31.02.2026" or "12.foo", is not a
// serial.
func parseExcelSerial(text, s string) (app.Date, error) {
	whole, fraction, _ := strings.Cut(strings.ReplaceAll(s, ",", "."), ".")
	if !allDigits(whole) || (fraction != "" && !allDigits(fraction)) || strings.HasSuffix(s, ".") {
		return app.Date{}, cellError(text, ReasonInvalidDate, string(DateExcelSerial))
	}

	serial, err := strconv.Atoi(whole)
	if err != nil || serial < 1 || serial > maxExcelSerial {
		return app.Date{}, cellError(text, ReasonInvalidDate, string(DateExcelSerial))
	}

	return excelSerialDate(serial, text)
}

func excelSerialDate(serial int, text string) (app.Date, error) {
	switch {
	case serial == 60:
		return app.Date{}, cellError(text, ReasonImpossibleDate, string(DateExcelSerial))
	case serial < 60:
		return app.DateOf(excelEpoch.AddDate(0, 0, serial+1)), nil
	}

	return app.DateOf(excelEpoch.AddDate(0, 0, serial)), nil
}

// excelSerialOf reads a spreadsheet's raw cell value as a day number, for
// cells whose number format is a date.
func excelSerialOf(raw string) (int, bool) {
	value, err := strconv.ParseFloat(raw, 64)
	if err != nil || value < 1 || value > maxExcelSerial {
		return 0, false
	}

	return int(math.Floor(value)), true
}

// dayFirst reports whether a locale writes the day before the month in
// numeric dates. Only the United States and a few places that follow its
// convention put the month first; "en" without a region is taken as
// "en-US".
func dayFirst(locale string) bool {
	language, region := splitLocale(locale)
	if language == "" || (language == "en" && region == "") {
		return false
	}

	switch region {
	case "US", "PH", "FM", "MH", "PW", "AS", "GU", "MP", "PR", "UM", "VI":
		return false
	}

	return true
}

// splitLocale returns the lower-case language and the upper-case region of
// a BCP 47 tag such as "de-AT" or "en_US.UTF-8".
func splitLocale(locale string) (language, region string) {
	locale, _, _ = strings.Cut(locale, ".")
	parts := strings.FieldsFunc(locale, func(r rune) bool { return r == '-' || r == '_' })
	if len(parts) == 0 {
		return "", ""
	}

	language = strings.ToLower(parts[0])
	for _, p := range parts[1:] {
		if len(p) == 2 || (len(p) == 3 && allDigits(p)) {
			region = strings.ToUpper(p)
		}
	}

	return language, region
}
