package app

import (
	"testing"
	"time"
)

func TestFormatMoney(t *testing.T) {
	cases := []struct {
		m        Money
		language string
		want     string
	}{
		{Money{123456, "USD"}, "en", "$1,234.56"},
		{Money{123456, "EUR"}, "de", "1.234,56 €"},
		{Money{123456, "EUR"}, "en", "€1,234.56"},
		{Money{-5, "EUR"}, "de-CH", "-0,05 €"},
		{Money{100000000, "CHF"}, "en", "CHF 1,000,000.00"},
		{Money{1500, "JPY"}, "en", "¥1,500"},
		{Money{99, "SEK"}, "de", "0,99 SEK"},
		{Money{0, "USD"}, "en", "$0.00"},
	}

	for _, c := range cases {
		if got := FormatMoney(c.m, c.language); got != c.want {
			t.Errorf("FormatMoney(%v, %s) = %q, want %q", c.m, c.language, got, c.want)
		}
	}
}

func TestFormatMoneyShort(t *testing.T) {
	cases := []struct {
		m        Money
		language string
		want     string
	}{
		{Major(1_260_000, "USD"), "en", "$1.3M"},
		{Major(1_260_000, "EUR"), "de", "1,3 Mio. €"},
		{Major(2_000, "USD"), "en", "$2K"},
		{Major(750, "EUR"), "de", "750 €"},
		{Major(3_400_000_000, "USD"), "en", "$3.4B"},
		{Major(-2_000, "USD"), "en", "-$2K"},
		{Major(999_960, "USD"), "en", "$1M"},
		{Major(999, "EUR"), "en", "€999"},
		{Major(999_949, "EUR"), "de", "999,9 Tsd. €"},
	}

	for _, c := range cases {
		if got := FormatMoneyShort(c.m, c.language); got != c.want {
			t.Errorf("FormatMoneyShort(%v, %s) = %q, want %q", c.m, c.language, got, c.want)
		}
	}
}

func TestFormatDate(t *testing.T) {
	d := Date{2017, time.March, 1}
	cases := map[string]string{"de": "01.03.2017", "de-AT": "01.03.2017", "en": "2017-03-01", "": "2017-03-01"}

	for language, want := range cases {
		if got := FormatDate(d, language); got != want {
			t.Errorf("FormatDate(%v, %q) = %q, want %q", d, language, got, want)
		}
	}

	if got := FormatDate(Date{}, "de"); got != "" {
		t.Errorf("FormatDate of the zero Date = %q, want empty", got)
	}
}

func TestFormatCount(t *testing.T) {
	cases := []struct {
		n        int
		language string
		want     string
	}{
		{8800, "en", "8,800"},
		{8800, "de", "8.800"},
		{999, "de", "999"},
		{-1234567, "en", "-1,234,567"},
		{0, "de-AT", "0"},
	}

	for _, c := range cases {
		if got := FormatCount(c.n, c.language); got != c.want {
			t.Errorf("FormatCount(%d, %s) = %q, want %q", c.n, c.language, got, c.want)
		}
	}
}
