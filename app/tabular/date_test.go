package tabular

import (
	"testing"
	"time"

	"leadwerk/app"
)

func day(y int, m time.Month, d int) app.Date {
	return app.Date{Year: y, Month: m, Day: d}
}

// dateCases are shared with FuzzParseDate as its seed corpus.
var dateCases = []struct {
	name   string
	text   string
	format DateFormat
	want   app.Date
}{
	{"german", "31.12.2026", DateDMYDot, day(2026, 12, 31)},
	{"german one digit", "1.2.2026", DateDMYDot, day(2026, 2, 1)},
	{"german with time", "31.12.2026 14:30", DateDMYDot, day(2026, 12, 31)},
	{"german short year", "31.12.26", DateDMYDotShort, day(2026, 12, 31)},
	{"short year of last century", "01.05.98", DateDMYDotShort, day(1998, 5, 1)},
	{"iso", "2026-12-31", DateISO, day(2026, 12, 31)},
	{"iso with time", "2024-01-19 09:42:24", DateISO, day(2024, 1, 19)},
	{"us", "12/31/2026", DateMDYSlash, day(2026, 12, 31)},
	{"us with pm", "12/31/2026 2:30 PM", DateMDYSlash, day(2026, 12, 31)},
	{"british", "31/12/2026", DateDMYSlash, day(2026, 12, 31)},
	{"us short", "12/31/26", DateMDYShort, day(2026, 12, 31)},
	{"dash", "31-12-2026", DateDMYDash, day(2026, 12, 31)},
	{"year first slash", "2026/12/31", DateYMDSlash, day(2026, 12, 31)},
	{"day month name with time", "15 Apr, 2021 00:02:00", DateDayMonthName, day(2021, 4, 15)},
	{"day full month name", "15 April 2021", DateDayMonthName, day(2021, 4, 15)},
	{"month name first", "Apr 15, 2021", DateMonthNameDay, day(2021, 4, 15)},
	{"salesforce timestamp", "2024-01-19T09:42:24.000+0000", DateTimestamp, day(2024, 1, 19)},
	{"rfc 3339", "2024-01-19T23:30:00-05:00", DateTimestamp, day(2024, 1, 19)},
	{"zulu", "2024-01-19T23:30:00Z", DateTimestamp, day(2024, 1, 19)},
	{"no zone", "2024-01-19T23:30:00", DateTimestamp, day(2024, 1, 19)},
	{"excel serial", "46387", DateExcelSerial, day(2026, 12, 31)},
	{"excel serial with time", "46387.75", DateExcelSerial, day(2026, 12, 31)},
	{"excel serial before the fake leap day", "59", DateExcelSerial, day(1900, 2, 28)},
	{"excel serial after the fake leap day", "61", DateExcelSerial, day(1900, 3, 1)},
	{"leap day", "29.02.2024", DateDMYDot, day(2024, 2, 29)},
}

func TestParseDateCases(t *testing.T) {
	for _, tc := range dateCases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseDate(tc.text, tc.format)
			if err != nil {
				t.Fatalf("ParseDate(%q, %s): %v", tc.text, tc.format, err)
			}
			if got != tc.want {
				t.Errorf("ParseDate(%q, %s) = %v, want %v", tc.text, tc.format, got, tc.want)
			}
		})
	}
}

func TestParseDateRejects(t *testing.T) {
	cases := []struct {
		name   string
		text   string
		format DateFormat
		reason Reason
	}{
		{"31 february", "31.02.2026", DateDMYDot, ReasonImpossibleDate},
		{"29 february of a common year", "29.02.2026", DateDMYDot, ReasonImpossibleDate},
		{"month 13", "13/31/2026", DateDMYSlash, ReasonImpossibleDate},
		{"31 april iso", "2026-04-31", DateISO, ReasonImpossibleDate},
		{"excel fake leap day", "60", DateExcelSerial, ReasonImpossibleDate},
		{"other format", "2026-12-31", DateDMYDot, ReasonInvalidDate},
		{"word", "tomorrow", DateISO, ReasonInvalidDate},
		{"empty", "", DateISO, ReasonEmpty},
		{"unknown format", "2026-12-31", DateFormat("YYYYMMDD"), ReasonInvalidDate},
		{"serial out of range", "3000000", DateExcelSerial, ReasonInvalidDate},
		{"serial zero", "0", DateExcelSerial, ReasonInvalidDate},
	}

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseDate(tc.text, tc.format)
			if err == nil {
				t.Fatalf("ParseDate(%q, %s) = %v, want an error", tc.text, tc.format, got)
			}
			if r := reasonOf(err); r != tc.reason {
				t.Errorf("reason = %q, want %q (%v)", r, tc.reason, err)
			}
		})
	}
}

func TestDetectDateFormat(t *testing.T) {
	cases := []struct {
		name      string
		header    string
		values    []string
		locale    string
		want      DateFormat
		ambiguous bool
	}{
		{"german", "Datum", []string{"31.12.2026", "01.01.2027"}, "en-US", DateDMYDot, false},
		{"us decided by day 31", "Date", []string{"12/31/2026", "01/02/2026"}, "de-DE", DateMDYSlash, false},
		{"british decided by day 31", "Date", []string{"31/12/2026", "01/02/2026"}, "en-US", DateDMYSlash, false},
		{"ambiguous in germany", "Date", []string{"01/02/2026", "03/04/2026"}, "de-DE", DateDMYSlash, true},
		{"ambiguous in the us", "Date", []string{"01/02/2026", "03/04/2026"}, "en-US", DateMDYSlash, true},
		{"ambiguous short years", "Date", []string{"01/02/26"}, "en-GB", DateDMYShort, true},
		{"iso", "created", []string{"2026-12-31"}, "", DateISO, false},
		{"timestamps", "CreatedDate", []string{"2024-01-19T09:42:24.000+0000"}, "", DateTimestamp, false},
		{"serials under a date header", "Close Date", []string{"46387", "46000"}, "", DateExcelSerial, false},
	}

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, ambiguous, ok := detectDateFormat(tc.header, tc.values, tc.locale)
			if !ok {
				t.Fatalf("no date format found for %q", tc.values)
			}
			if got != tc.want {
				t.Errorf("format = %s, want %s", got, tc.want)
			}
			if ambiguous != tc.ambiguous {
				t.Errorf("ambiguous = %v, want %v", ambiguous, tc.ambiguous)
			}
		})
	}
}

func TestDetectDateFormatLeavesNumbers(t *testing.T) {
	if f, _, ok := detectDateFormat("Amount", []string{"46387"}, ""); ok {
		t.Errorf("a number under the header Amount became a date in %s", f)
	}
	if f, _, ok := detectDateFormat("Close Date", []string{"12"}, ""); ok {
		t.Errorf("the small number 12 became a date in %s", f)
	}
}

func TestDayFirst(t *testing.T) {
	cases := map[string]bool{
		"de-DE": true, "de": true, "en-GB": true, "en_US.UTF-8": false, "en": false, "": false, "fr-CA": true,
	}

	for locale, want := range cases {
		if got := dayFirst(locale); got != want {
			t.Errorf("dayFirst(%q) = %v, want %v", locale, got, want)
		}
	}
}

func TestExcelSerialRejectsDottedText(t *testing.T) {
	for _, text := range []string{"31.02.2026", "12.foo", "12/31/2026", "1.2.3"} {
		if got, err := ParseDate(text, DateExcelSerial); err == nil {
			t.Errorf("ParseDate(%q, serial) = %v, want an error", text, got)
		}
	}
}

func TestDetectDateFormatWithImpossibleDay(t *testing.T) {
	cases := []struct {
		name   string
		values []string
		want   DateFormat
	}{
		{"german with 31 february", []string{"31.02.2026", "31.12.2026", "01.06.2026"}, DateDMYDot},
		{"us with 31 february", []string{"02/31/2026", "12/31/2026"}, DateMDYSlash},
	}

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, _, ok := detectDateFormat("Close Date", tc.values, "de-DE")
			if !ok {
				t.Fatalf("no date format found for %q", tc.values)
			}
			if got != tc.want {
				t.Errorf("format = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestDetectSerialsOnlyWhole(t *testing.T) {
	if f, _, ok := detectDateFormat("Close Date", []string{"46387.5", "46000"}, ""); ok {
		t.Errorf("numbers with decimals became dates in %s", f)
	}
}
