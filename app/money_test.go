package app

import (
	"errors"
	"testing"
)

func TestParseMoney(t *testing.T) {
	cases := []struct {
		text     string
		currency string
		want     int64
	}{
		{"1054", "USD", 105400},
		{"4821.5", "USD", 482150},
		{"-3.25", "EUR", -325},
		{"0", "EUR", 0},
		{"1100.04", "USD", 110004},
		{"1500", "JPY", 1500},
		{"1.234", "KWD", 1234},
		{" 12.30 ", "EUR", 1230},
	}

	for _, c := range cases {
		got, err := ParseMoney(c.text, c.currency)
		if err != nil {
			t.Errorf("ParseMoney(%q, %s) failed: %v", c.text, c.currency, err)
			continue
		}

		if got.Minor != c.want || got.Currency != c.currency {
			t.Errorf("ParseMoney(%q, %s) = %v, want %d minor", c.text, c.currency, got, c.want)
		}
	}
}

func TestParseMoneyRejects(t *testing.T) {
	for _, text := range []string{"", "abc", "1.234", "1.", ".5", "+5", "1,5", "--1", "1.2.3", "99999999999999999999"} {
		_, err := ParseMoney(text, "EUR")
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseMoney(%q) error = %v, want ErrInvalid", text, err)
		}
	}
}

func FuzzParseMoney(f *testing.F) {
	for _, seed := range []string{"1054", "4821.5", "-3.25", "1.", "+5", ""} {
		f.Add(seed)
	}

	f.Fuzz(func(t *testing.T, text string) {
		m, err := ParseMoney(text, "EUR")
		if err != nil {
			return
		}

		again, err := ParseMoney(m.Decimal(), "EUR")
		if err != nil || again != m {
			t.Fatalf("%q parsed to %v, whose Decimal %q parses to %v (%v)", text, m, m.Decimal(), again, err)
		}
	})
}

func TestMoneyWeighted(t *testing.T) {
	cases := []struct {
		minor   int64
		percent int
		want    int64
	}{
		{100000, 40, 40000},
		{105, 50, 53},   // 52.5 rounds up
		{-105, 50, -53}, // and away from zero when negative
		{104, 50, 52},
		{999, 0, 0},
		{999, 100, 999},
		{1, 49, 0},
	}

	for _, c := range cases {
		got := Money{Minor: c.minor, Currency: "EUR"}.Weighted(c.percent)
		if got.Minor != c.want {
			t.Errorf("%d weighted by %d %% = %d, want %d", c.minor, c.percent, got.Minor, c.want)
		}
	}
}

func TestMoneyDecimal(t *testing.T) {
	cases := map[string]Money{
		"1054.00": {105400, "USD"},
		"-0.05":   {-5, "EUR"},
		"1500":    {1500, "JPY"},
		"1.234":   {1234, "KWD"},
	}

	for want, m := range cases {
		if got := m.Decimal(); got != want {
			t.Errorf("%#v.Decimal() = %q, want %q", m, got, want)
		}
	}
}

func TestMajor(t *testing.T) {
	if got := Major(26768, "USD"); got.Minor != 2676800 {
		t.Errorf("Major(26768, USD) = %d minor, want 2676800", got.Minor)
	}
}

func TestValidCurrency(t *testing.T) {
	cases := map[string]bool{
		"EUR": true, "USD": true, "CHF": true, "GBP": true, "XYZ": false, "ABC": false,
		"": false, "EU": false, "EURO": false, "usd": false, "Eur": false,
		" EUR": false, "EUR ": false, "E1R": false, "ÄUR": false, "€": false,
	}

	for code, want := range cases {
		if got := ValidCurrency(code); got != want {
			t.Errorf("ValidCurrency(%q) = %v, want %v", code, got, want)
		}
	}
}
