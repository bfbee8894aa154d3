package app

import (
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/text/currency"
)

// Money is an amount in the minor unit of its ISO 4217 currency (cents for
// USD and EUR). Sums and weights stay in integers, so no rounding error
// creeps into a pipeline total.
type Money struct {
	Minor    int64
	Currency string
}

// minorDigits lists the currencies whose minor unit is not 1/100 of the
// major unit. Every other code uses two decimals.
var minorDigits = map[string]int{
	"JPY": 0, "KRW": 0, "CLP": 0, "ISK": 0, "VND": 0,
	"BHD": 3, "KWD": 3, "OMR": 3, "TND": 3, "JOD": 3,
}

// ValidCurrency reports whether code is an ISO 4217 code, written in
// upper case as the standard lists it. An unassigned code such as "XYZ"
// fails.
func ValidCurrency(code string) bool {
	if len(code) != 3 || strings.ToUpper(code) != code {
		return false
	}

	_, err := currency.ParseISO(code)

	return err == nil
}

// CurrencyDigits returns how many decimals the currency's minor unit has.
func CurrencyDigits(code string) int {
	if d, ok := minorDigits[code]; ok {
		return d
	}

	return 2
}

// MinorPerMajor returns how many minor units make one major unit of the
// currency, such as 100 for EUR.
func MinorPerMajor(code string) int64 {
	n := int64(1)
	for range CurrencyDigits(code) {
		n *= 10
	}

	return n
}

// Major converts a whole number of major units, such as dollars, to Money.
func Major(amount int64, currency string) Money {
	return Money{Minor: amount * MinorPerMajor(currency), Currency: currency}
}

// ParseMoney reads a decimal amount such as "1054", "4821.5" or "-3.25"
// in the given currency. It rejects more decimals than the currency has,
// so no cent is silently dropped.
func ParseMoney(text, currency string) (Money, error) {
	s := strings.TrimSpace(text)
	if s == "" {
		return Money{}, fmt.Errorf("amount is empty: %w", ErrInvalid)
	}

	negative := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, hasFrac := strings.Cut(s, ".")
	digits := CurrencyDigits(currency)
	if hasFrac && (len(frac) == 0 || len(frac) > digits) {
		return Money{}, fmt.Errorf("amount %q has more than %d decimals: %w", text, digits, ErrInvalid)
	}

	frac += strings.Repeat("0", digits-len(frac))
	minor, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil || whole == "" || strings.ContainsAny(whole+frac, "+-") {
		return Money{}, fmt.Errorf("amount %q is not a number: %w", text, ErrInvalid)
	}

	if negative {
		minor = -minor
	}

	return Money{Minor: minor, Currency: currency}, nil
}

// Weighted returns the amount multiplied by a probability in percent,
// rounded half away from zero to the nearest minor unit.
func (m Money) Weighted(percent int) Money {
	product := m.Minor * int64(percent)
	half := int64(50)
	if product < 0 {
		half = -50
	}

	return Money{Minor: (product + half) / 100, Currency: m.Currency}
}

// Decimal formats the amount with a dot and the currency's decimals, as in
// "1054.00", without grouping or currency code. Machine formats use it.
func (m Money) Decimal() string {
	digits := CurrencyDigits(m.Currency)
	sign := ""
	minor := m.Minor
	if minor < 0 {
		sign = "-"
		minor = -minor
	}

	if digits == 0 {
		return sign + strconv.FormatInt(minor, 10)
	}

	unit := MinorPerMajor(m.Currency)

	return fmt.Sprintf("%s%d.%0*d", sign, minor/unit, digits, minor%unit)
}

// String formats the amount for a log or a test message, as "1054.00 USD".
func (m Money) String() string {
	return m.Decimal() + " " + m.Currency
}
