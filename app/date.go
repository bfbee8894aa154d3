package app

import (
	"fmt"
	"time"
)

// Date is a civil date without time of day or zone, such as an expected
// close date. It is stored as "YYYY-MM-DD" text, so it reads the same in
// Berlin and in Los Angeles. The zero Date means "no date".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateLayout is the ISO 8601 layout in which dates are stored and printed.
const DateLayout = "2006-01-02"

// ParseDate reads a date in the form "YYYY-MM-DD". An empty string returns
// the zero Date and no error.
func ParseDate(text string) (Date, error) {
	if text == "" {
		return Date{}, nil
	}

	t, err := time.Parse(DateLayout, text)
	if err != nil {
		return Date{}, fmt.Errorf("date %q is not in the form YYYY-MM-DD: %w", text, ErrInvalid)
	}

	return DateOf(t), nil
}

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()

	return Date{Year: y, Month: m, Day: d}
}

// IsZero reports whether d is the zero Date, meaning no date is set.
func (d Date) IsZero() bool {
	return d == Date{}
}

// String returns "YYYY-MM-DD", or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}

	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Before reports whether d is an earlier day than other.
func (d Date) Before(other Date) bool {
	return d.String() < other.String()
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func monthOf(m int) time.Month {
	return time.Month(m)
}
