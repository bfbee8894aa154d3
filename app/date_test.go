package app

import (
	"errors"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	d, err := ParseDate("2017-03-01")
	if err != nil {
		t.Fatal(err)
	}

	if d != (Date{2017, time.March, 1}) {
		t.Errorf("ParseDate = %#v", d)
	}

	if d.String() != "2017-03-01" {
		t.Errorf("String() = %q, want 2017-03-01", d.String())
	}
}

func TestParseDateEmpty(t *testing.T) {
	d, err := ParseDate("")
	if err != nil || !d.IsZero() || d.String() != "" {
		t.Errorf("ParseDate(\"\") = %#v, %v; want zero Date, nil", d, err)
	}
}

func TestParseDateRejects(t *testing.T) {
	for _, text := range []string{"2017-13-01", "01.03.2017", "2017-02-30", "2017-3-1"} {
		if _, err := ParseDate(text); !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseDate(%q) error = %v, want ErrInvalid", text, err)
		}
	}
}

func TestDateOfKeepsCalendarDay(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skipf("time zone data missing: %v", err)
	}

	// 00:30 in Berlin is still the previous day in UTC.
	at := time.Date(2026, time.March, 1, 0, 30, 0, 0, berlin)
	if got := DateOf(at).String(); got != "2026-03-01" {
		t.Errorf("DateOf = %s, want 2026-03-01", got)
	}
}

func TestDateBefore(t *testing.T) {
	a := Date{2016, time.December, 31}
	b := Date{2017, time.January, 1}
	if !a.Before(b) || b.Before(a) || a.Before(a) {
		t.Errorf("Before is wrong for %v and %v", a, b)
	}
}
