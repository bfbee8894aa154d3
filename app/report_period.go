package app

import (
	"fmt"
	"time"
)

// Period is a span of whole days from From to To, both days included.
type Period struct {
	From, To Date
}

// IsZero reports whether neither end of the period is set.
func (p Period) IsZero() bool {
	return p.From.IsZero() && p.To.IsZero()
}

// Days returns how many days the period covers, both ends included, or 0
// when To lies before From or an end is missing.
func (p Period) Days() int {
	if p.empty() {
		return 0
	}

	return daysBetween(p.From, p.To) + 1
}

// empty reports whether the period has no days: an end is missing or To
// lies before From.
func (p Period) empty() bool {
	return p.From.IsZero() || p.To.IsZero() || dateBefore(p.To, p.From)
}

// Previous returns the period of the same number of days that ends the day
// before p starts. The previous period of March (31 days) is therefore
// 29 January to 28 February in a common year, not February. A period
// without days returns the zero Period.
func (p Period) Previous() Period {
	days := p.Days()
	if days == 0 {
		return Period{}
	}

	return Period{From: addDays(p.From, -days), To: addDays(p.From, -1)}
}

// Contains reports whether d is a day of the period. The zero Date is in
// no period.
func (p Period) Contains(d Date) bool {
	if d.IsZero() || p.empty() {
		return false
	}

	return !dateBefore(d, p.From) && !dateBefore(p.To, d)
}

// String returns "YYYY-MM-DD–YYYY-MM-DD" for logs and test messages.
func (p Period) String() string {
	return p.From.String() + "–" + p.To.String()
}

// Month is a calendar month. The zero Month stands for "no date", such as
// the forecast entry of open deals without a close date.
type Month struct {
	Year  int
	Month time.Month
}

// MonthOf returns the month that d falls in, or the zero Month for the
// zero Date.
func MonthOf(d Date) Month {
	if d.IsZero() {
		return Month{}
	}

	return Month{Year: d.Year, Month: d.Month}
}

// IsZero reports whether m is the zero Month.
func (m Month) IsZero() bool {
	return m == Month{}
}

// Add returns the month n months after m, or before it for a negative n.
func (m Month) Add(n int) Month {
	t := time.Date(m.Year, m.Month+time.Month(n), 1, 0, 0, 0, 0, time.UTC)

	return Month{Year: t.Year(), Month: t.Month()}
}

// First returns the first day of the month.
func (m Month) First() Date {
	return Date{Year: m.Year, Month: m.Month, Day: 1}
}

// Last returns the last day of the month.
func (m Month) Last() Date {
	return Date{Year: m.Year, Month: m.Month, Day: daysIn(m.Year, int(m.Month))}
}

// Before reports whether m is an earlier month than other.
func (m Month) Before(other Month) bool {
	return m.Year < other.Year || (m.Year == other.Year && m.Month < other.Month)
}

// String returns "YYYY-MM", or "" for the zero Month.
func (m Month) String() string {
	if m.IsZero() {
		return ""
	}

	return fmt.Sprintf("%04d-%02d", m.Year, int(m.Month))
}

// daysBetween returns the number of days from a to b, negative when b is
// the earlier day.
func daysBetween(a, b Date) int {
	start := time.Date(a.Year, a.Month, a.Day, 0, 0, 0, 0, time.UTC)
	end := time.Date(b.Year, b.Month, b.Day, 0, 0, 0, 0, time.UTC)

	return int(end.Sub(start).Hours() / 24)
}

// dateBefore reports whether a is an earlier day than b. It compares the
// fields, because [Date.Before] formats both dates, which is slow over
// many thousands of deals.
func dateBefore(a, b Date) bool {
	if a.Year != b.Year {
		return a.Year < b.Year
	}
	if a.Month != b.Month {
		return a.Month < b.Month
	}

	return a.Day < b.Day
}
