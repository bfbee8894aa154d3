package app

import (
	"errors"
	"testing"
	"time"
)

func offerEUR(minor int64) Money { return Money{Minor: minor, Currency: "EUR"} }

func TestOfferLineRounding(t *testing.T) {
	cases := []struct {
		name     string
		line     OfferLine
		wantCent int64
	}{
		// 9.5 × 124.75 = 1185.125, a half cent rounded up.
		{"fractional hours", OfferLine{"Consulting", 9500, offerEUR(12475), 0}, 118513},
		// 1185.125 × 0.9 = 1066.6125
		{"ten percent off", OfferLine{"Consulting", 9500, offerEUR(12475), 1000}, 106661},
		// 1185.125 × 0.97 = 1149.57125
		{"three percent off", OfferLine{"Consulting", 9500, offerEUR(12475), 300}, 114957},
		// 1185.125 × 0.875 = 1036.984375
		{"twelve and a half percent off", OfferLine{"Consulting", 9500, offerEUR(12475), 1250}, 103698},
		// 0.5 × 0.01 = 0.005, exactly half a cent.
		{"half cent up", OfferLine{"Screw", 500, offerEUR(1), 0}, 1},
		// 0.001 × 4.99 = 0.00499, under half a cent.
		{"under half cent down", OfferLine{"Gram", 1, offerEUR(499), 0}, 0},
		// 3 × 0.05 × 0.9 = 0.135
		{"half cent after discount", OfferLine{"Clip", 3000, offerEUR(5), 1000}, 14},
		{"full discount", OfferLine{"Gift", 2000, offerEUR(1000), 10000}, 0},
		{"free item", OfferLine{"Setup", 1000, offerEUR(0), 0}, 0},
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			totals, err := ComputeOfferTotals([]OfferLine{c.line}, "EUR", 0)
			if err != nil {
				t.Fatalf("ComputeOfferTotals: %v", err)
			}
			if got := totals.LineNets[0].Minor; got != c.wantCent {
				t.Errorf("line net = %d cents, want %d", got, c.wantCent)
			}
		})
	}
}

func TestOfferTotalsSumRoundedLines(t *testing.T) {
	// Each line is 0.005 €, rounded to 0.01 €, so the net is 0.03 € and
	// not the 0.02 € that rounding the unrounded sum 0.015 € would give.
	lines := []OfferLine{
		{"A", 500, offerEUR(1), 0},
		{"B", 500, offerEUR(1), 0},
		{"C", 500, offerEUR(1), 0},
	}

	totals, err := ComputeOfferTotals(lines, "EUR", DefaultVATRate)
	if err != nil {
		t.Fatalf("ComputeOfferTotals: %v", err)
	}

	if totals.Net != offerEUR(3) {
		t.Errorf("net = %v, want 0.03 EUR", totals.Net)
	}
	// 0.03 × 19 % = 0.0057, rounded to 0.01.
	if totals.VAT != offerEUR(1) {
		t.Errorf("VAT = %v, want 0.01 EUR", totals.VAT)
	}
	if totals.Gross != offerEUR(4) {
		t.Errorf("gross = %v, want 0.04 EUR", totals.Gross)
	}
}

func TestOfferVATOnNetTotal(t *testing.T) {
	lines := []OfferLine{
		{"Consulting", 9500, offerEUR(12475), 1000}, // 1066.61
		{"Licence", 3000, offerEUR(19999), 0},       // 599.97
	}

	totals, err := ComputeOfferTotals(lines, "EUR", DefaultVATRate)
	if err != nil {
		t.Fatalf("ComputeOfferTotals: %v", err)
	}

	if totals.Net != offerEUR(166658) {
		t.Errorf("net = %v, want 1666.58 EUR", totals.Net)
	}
	// 1666.58 × 0.19 = 316.6502
	if totals.VAT != offerEUR(31665) {
		t.Errorf("VAT = %v, want 316.65 EUR", totals.VAT)
	}
	if totals.Gross != offerEUR(198323) {
		t.Errorf("gross = %v, want 1983.23 EUR", totals.Gross)
	}
}

func TestOfferVATHalfCentRoundsUp(t *testing.T) {
	// 0.50 × 7 % = 0.035, exactly half a cent above 0.03.
	totals, err := ComputeOfferTotals([]OfferLine{{"Pen", 1000, offerEUR(50), 0}}, "EUR", 700)
	if err != nil {
		t.Fatalf("ComputeOfferTotals: %v", err)
	}

	if totals.VAT != offerEUR(4) {
		t.Errorf("VAT = %v, want 0.04 EUR", totals.VAT)
	}
}

func TestOfferBigQuantityNoOverflow(t *testing.T) {
	// 1,000,000 units × 90,000,000.00 € would overflow int64 in the
	// intermediate product of thousandths, cents and hundredths of a
	// percent, but the result of 9 × 10^15 cents fits.
	line := OfferLine{"Bulk", Quantity(1_000_000 * QuantityScale), offerEUR(9_000_000_000), 0}

	totals, err := ComputeOfferTotals([]OfferLine{line}, "EUR", 0)
	if err != nil {
		t.Fatalf("ComputeOfferTotals: %v", err)
	}

	if want := int64(9_000_000_000_000_000); totals.Net.Minor != want {
		t.Errorf("net = %d cents, want %d", totals.Net.Minor, want)
	}
}

func TestOfferTooLargeRejected(t *testing.T) {
	line := OfferLine{"Bulk", Quantity(1 << 50), offerEUR(1 << 40), 0}

	_, err := ComputeOfferTotals([]OfferLine{line}, "EUR", 0)

	var fieldErr *OfferFieldError
	if !errors.As(err, &fieldErr) {
		t.Fatalf("error = %v, want an OfferFieldError", err)
	}
	if fieldErr.Problem != OfferTooLarge {
		t.Errorf("problem = %s, want %s", fieldErr.Problem, OfferTooLarge)
	}
}

func TestOfferGrossTooLargeRejected(t *testing.T) {
	// Each line fits, but the VAT pushes the gross past the int64 range.
	line := OfferLine{"Bulk", QuantityScale, offerEUR(1<<63 - 1), 0}

	_, err := ComputeOfferTotals([]OfferLine{line}, "EUR", DefaultVATRate)

	var fieldErr *OfferFieldError
	if !errors.As(err, &fieldErr) || fieldErr.Problem != OfferTooLarge || fieldErr.Field != OfferFieldLines {
		t.Fatalf("error = %v, want lines too large", err)
	}
}

func TestOfferValidationNamesField(t *testing.T) {
	good := OfferLine{"Consulting", 1000, offerEUR(100), 0}
	cases := []struct {
		name    string
		lines   []OfferLine
		vat     Percent
		line    int
		field   OfferField
		problem OfferProblem
	}{
		{"no lines", nil, 1900, 0, OfferFieldLines, OfferMissing},
		{"negative VAT", []OfferLine{good}, -1, 0, OfferFieldVATRate, OfferNegative},
		{"VAT above 100", []OfferLine{good}, 10001, 0, OfferFieldVATRate, OfferAboveFull},
		{"empty product", []OfferLine{good, {" ", 1000, offerEUR(1), 0}}, 1900, 2, OfferFieldProduct, OfferMissing},
		{"zero quantity", []OfferLine{{"X", 0, offerEUR(1), 0}}, 1900, 1, OfferFieldQuantity, OfferNotPositive},
		{"negative quantity", []OfferLine{{"X", -500, offerEUR(1), 0}}, 1900, 1, OfferFieldQuantity, OfferNotPositive},
		{"negative price", []OfferLine{{"Credit", 1000, offerEUR(-100), 0}}, 1900, 1, OfferFieldUnitPrice, OfferNegative},
		{"other currency", []OfferLine{{"X", 1000, Money{100, "USD"}, 0}}, 1900, 1, OfferFieldUnitPrice,
			OfferCurrencyMismatch},
		{"negative discount", []OfferLine{{"X", 1000, offerEUR(1), -100}}, 1900, 1, OfferFieldDiscount, OfferNegative},
		{"discount above 100", []OfferLine{{"X", 1000, offerEUR(1), 10100}}, 1900, 1, OfferFieldDiscount, OfferAboveFull},
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ComputeOfferTotals(c.lines, "EUR", c.vat)

			var fieldErr *OfferFieldError
			if !errors.As(err, &fieldErr) {
				t.Fatalf("error = %v, want an OfferFieldError", err)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("error does not match ErrInvalid")
			}
			if fieldErr.Line != c.line {
				t.Errorf("line = %d, want %d", fieldErr.Line, c.line)
			}
			if fieldErr.Field != c.field {
				t.Errorf("field = %s, want %s", fieldErr.Field, c.field)
			}
			if fieldErr.Problem != c.problem {
				t.Errorf("problem = %s, want %s", fieldErr.Problem, c.problem)
			}
		})
	}
}

func TestValidateOfferDates(t *testing.T) {
	issued := Date{2026, time.March, 10}
	lines := []OfferLine{{"X", 1000, offerEUR(1), 0}}
	cases := []struct {
		name       string
		validUntil Date
		problem    OfferProblem
	}{
		{"missing", Date{}, OfferMissing},
		{"before issue", Date{2026, time.March, 9}, OfferBeforeIssue},
		{"same day", issued, ""},
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := ValidateOffer(Offer{IssuedOn: issued, ValidUntil: c.validUntil, Currency: "EUR", Lines: lines})

			var fieldErr *OfferFieldError
			if c.problem == "" {
				if err != nil {
					t.Fatalf("ValidateOffer: %v", err)
				}
				return
			}
			if !errors.As(err, &fieldErr) || fieldErr.Problem != c.problem || fieldErr.Field != OfferFieldValidUntil {
				t.Errorf("error = %v, want valid_until %s", err, c.problem)
			}
		})
	}
}

func TestParseQuantity(t *testing.T) {
	cases := []struct {
		text string
		want Quantity
		ok   bool
	}{
		{"9.5", 9500, true},
		{"12", 12000, true},
		{" 0.001 ", 1, true},
		{"-2", -2000, true},
		{"1.2345", 0, false},
		{"", 0, false},
		{"1.", 0, false},
		{"abc", 0, false},
		{"9223372036854775807", 0, false},
	}

	for _, c := range cases {
		got, err := ParseQuantity(c.text)
		if c.ok && (err != nil || got != c.want) {
			t.Errorf("ParseQuantity(%q) = %d, %v, want %d", c.text, got, err, c.want)
		}
		if !c.ok && !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseQuantity(%q) error = %v, want ErrInvalid", c.text, err)
		}
	}
}

func TestScaledStrings(t *testing.T) {
	cases := []struct{ got, want string }{
		{Quantity(9500).String(), "9.5"},
		{Quantity(12000).String(), "12"},
		{Quantity(1).String(), "0.001"},
		{Quantity(-1500).String(), "-1.5"},
		{Percent(1900).String(), "19"},
		{Percent(770).String(), "7.7"},
		{Percent(5).String(), "0.05"},
	}

	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestFormatOfferNumber(t *testing.T) {
	cases := []struct {
		year, sequence int
		want           string
	}{
		{2026, 42, "A-2026-0042"},
		{2026, 1, "A-2026-0001"},
		{2027, 12345, "A-2027-12345"},
	}

	for _, c := range cases {
		if got := FormatOfferNumber(c.year, c.sequence); got != c.want {
			t.Errorf("FormatOfferNumber(%d, %d) = %q, want %q", c.year, c.sequence, got, c.want)
		}
	}
}

func TestDefaultValidUntil(t *testing.T) {
	got := DefaultValidUntil(Date{2026, time.December, 15})

	if want := (Date{2027, time.January, 14}); got != want {
		t.Errorf("DefaultValidUntil = %v, want %v", got, want)
	}
}
