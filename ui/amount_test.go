package ui

import (
	"errors"
	"testing"

	"leadwerk/app"
)

func TestParseAmount(t *testing.T) {
	cases := []struct {
		name     string
		text     string
		language string
		want     int64
	}{
		{"german grouped with decimals", "12.500,00", "de", 1250000},
		{"german plain with comma", "12500,5", "de", 1250050},
		{"german whole number", "800", "de", 80000},
		{"german millions", "1.250.000", "de", 125000000},
		{"german with spaces", " 12 500,00 ", "de", 1250000},
		{"english grouped with decimals", "12,500.00", "en", 1250000},
		{"english plain with dot", "12500.5", "en", 1250050},
		{"english millions", "1,250,000", "en", 125000000},
		{"negative german", "-1.000,25", "de", -100025},
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := parseAmount(c.text, "EUR", c.language)
			if err != nil {
				t.Fatalf("parseAmount(%q, %s): %v", c.text, c.language, err)
			}
			if got.Minor != c.want {
				t.Errorf("parseAmount(%q, %s) = %d minor units, want %d", c.text, c.language, got.Minor, c.want)
			}
			if got.Currency != "EUR" {
				t.Errorf("currency = %q, want EUR", got.Currency)
			}
		})
	}
}

func TestParseAmountRejects(t *testing.T) {
	cases := []struct {
		name     string
		text     string
		language string
	}{
		{"english form in german", "12,500.00", "de"},
		{"german form in english", "12.500,00", "en"},
		{"german short group", "12.5", "de"},
		{"two decimal marks", "1,2,3", "de"},
		{"too many decimals", "1.234", "en"},
		{"three decimals in german", "1,234", "de"},
		{"letters", "zwölf", "de"},
		{"empty", "", "en"},
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := parseAmount(c.text, "EUR", c.language)
			if !errors.Is(err, app.ErrInvalid) {
				t.Errorf("parseAmount(%q, %s) = %v, %v; want ErrInvalid", c.text, c.language, got, err)
			}
		})
	}
}

func TestFormatAmountRoundTrips(t *testing.T) {
	for _, language := range []string{"de", "en"} {
		m := app.Money{Minor: 1250050, Currency: "EUR"}
		text := formatAmount(m, language)
		got, err := parseAmount(text, "EUR", language)
		if err != nil || got != m {
			t.Errorf("%s: %q read back as %v, %v; want %v", language, text, got, err, m)
		}
	}
}

func FuzzParseAmount(f *testing.F) {
	for _, seed := range []string{"12.500,00", "12,500.00", "12500,5", "-1.000,25", "12.5", ""} {
		f.Add(seed, "de")
		f.Add(seed, "en")
	}

	f.Fuzz(func(t *testing.T, text, language string) {
		m, err := parseAmount(text, "EUR", language)
		if err != nil {
			return
		}

		back, err := parseAmount(formatAmount(m, language), "EUR", language)
		if m.Minor != 0 && (err != nil || back != m) {
			t.Errorf("%q read as %v, its formatting read back as %v, %v", text, m, back, err)
		}
	})
}
