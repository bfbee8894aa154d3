package app

import (
	"testing"
	"time"
)

func TestPeriodPrevious(t *testing.T) {
	cases := []struct {
		name   string
		period Period
		want   Period
	}{
		// April to June 2024 has 91 days, as do January to March in a
		// leap year.
		{"quarter", reportPeriod, Period{From: day(2024, 1, 1), To: day(2024, 3, 31)}},
		// March has 31 days, so the period before it starts on 29 January.
		{"March", Period{From: day(2023, 3, 1), To: day(2023, 3, 31)}, Period{From: day(2023, 1, 29), To: day(2023, 2, 28)}},
		{"one day", Period{From: day(2024, 1, 1), To: day(2024, 1, 1)}, Period{From: day(2023, 12, 31), To: day(2023, 12, 31)}},
		{"reversed", Period{From: day(2024, 2, 1), To: day(2024, 1, 1)}, Period{}},
		{"zero", Period{}, Period{}},
	}

	for _, c := range cases {
		if got := c.period.Previous(); got != c.want {
			t.Errorf("%s: previous of %v is %v, want %v", c.name, c.period, got, c.want)
		}
	}
}

func TestPeriodDays(t *testing.T) {
	if got := reportPeriod.Days(); got != 91 {
		t.Errorf("days of %v: %d, want 91", reportPeriod, got)
	}
	if got := (Period{From: day(2024, 1, 1)}).Days(); got != 0 {
		t.Errorf("days without an end: %d, want 0", got)
	}
}

func TestPeriodContains(t *testing.T) {
	cases := []struct {
		day  Date
		want bool
	}{
		{day(2024, 4, 1), true},
		{day(2024, 6, 30), true},
		{day(2024, 5, 15), true},
		{day(2024, 3, 31), false},
		{day(2024, 7, 1), false},
		{Date{}, false},
	}

	for _, c := range cases {
		if got := reportPeriod.Contains(c.day); got != c.want {
			t.Errorf("%v contains %v: %v, want %v", reportPeriod, c.day, got, c.want)
		}
	}
}

func TestMonthArithmetic(t *testing.T) {
	december := Month{Year: 2023, Month: time.December}

	if got := december.Add(1); got != (Month{Year: 2024, Month: time.January}) {
		t.Errorf("December 2023 + 1 = %v, want 2024-01", got)
	}
	if got := december.Add(-12); got != (Month{Year: 2022, Month: time.December}) {
		t.Errorf("December 2023 − 12 = %v, want 2022-12", got)
	}
	if got := (Month{Year: 2024, Month: time.February}).Last(); got != day(2024, 2, 29) {
		t.Errorf("last day of February 2024: %v, want 2024-02-29", got)
	}
	if got := MonthOf(Date{}); !got.IsZero() {
		t.Errorf("month of the zero Date: %v, want the zero Month", got)
	}
	if got := december.String(); got != "2023-12" {
		t.Errorf("String: %q, want 2023-12", got)
	}
}
