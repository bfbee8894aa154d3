package tabular

import (
	"math"
	"strconv"
	"strings"
	"unicode"

	"leadwerk/app"
)

// NumberFormat is how a column writes numbers.
//
// Whatever the format, a number may carry a currency before or after it:
// "€", "$", "£", "¥", "CHF", "Fr.", or any three-letter ISO 4217 code in
// capitals. It may carry a sign ("-", "−", "+", a trailing "-" or
// parentheses) and a magnitude suffix: "K" or "k" for thousand, "M",
// "Mio" or "Mio." for million and "Mrd" or "Mrd." for billion.
type NumberFormat struct {
	// Decimal is the decimal separator, '.' or ','. Zero means '.'.
	Decimal rune
	// Thousands is the group separator. Zero accepts any of '.', ',', ' ',
	// the no-break spaces U+00A0 and U+202F, '\'' and '’' that is not the
	// decimal separator. ' ' also accepts the no-break spaces. Groups after
	// the first must have exactly three digits.
	Thousands rune
	// Currency is the ISO 4217 code of amounts written without a currency.
	// Empty means such amounts have no currency.
	Currency string
}

// String describes the format for a person, such as "1.234,56 EUR".
func (f NumberFormat) String() string {
	decimal, thousands := f.decimal(), f.Thousands
	sample := "1234" + string(decimal) + "56"
	if thousands != 0 {
		sample = "1" + string(thousands) + "234" + string(decimal) + "56"
	}

	if f.Currency != "" {
		sample += " " + f.Currency
	}

	return sample
}

func (f NumberFormat) decimal() rune {
	if f.Decimal == 0 {
		return '.'
	}

	return f.Decimal
}

// Decimal is an exact decimal number: Unscaled × 10^−Scale.
type Decimal struct {
	Unscaled int64
	Scale    int
	// Currency is the ISO 4217 code written in the text, or "".
	Currency string
}

// String formats the number with a dot and no grouping, as "-1234.50".
func (d Decimal) String() string {
	digits := strconv.FormatInt(d.Unscaled, 10)
	sign := ""
	if d.Unscaled < 0 {
		sign, digits = "-", digits[1:]
	}

	if d.Scale <= 0 {
		return sign + digits
	}

	if len(digits) <= d.Scale {
		digits = strings.Repeat("0", d.Scale-len(digits)+1) + digits
	}

	point := len(digits) - d.Scale

	return sign + digits[:point] + "." + digits[point:]
}

// Int returns the number as an integer, and false when it has a non-zero
// fraction.
func (d Decimal) Int() (int64, bool) {
	d = d.trimZeros()
	if d.Scale > 0 {
		return 0, false
	}

	return d.Unscaled, true
}

// Float64 returns the number as a float64, for statistics and display
// only; money stays in [Decimal] or app.Money.
func (d Decimal) Float64() float64 {
	return float64(d.Unscaled) / math.Pow10(d.Scale)
}

// trimZeros drops trailing zero decimals, so 1.500 becomes 1.5.
func (d Decimal) trimZeros() Decimal {
	for d.Scale > 0 && d.Unscaled%10 == 0 {
		d.Unscaled /= 10
		d.Scale--
	}

	return d
}

// ParseNumber reads a number written in format f, with the currencies,
// signs and suffixes that [NumberFormat] lists, exactly and without
// floating point. A failure is a *CellError.
func ParseNumber(text string, f NumberFormat) (Decimal, error) {
	parts, ok := splitNumber(text)
	if !ok {
		return Decimal{}, numberError(text, f)
	}

	unscaled, scale, ok := parseDigits(parts.core, f)
	if !ok {
		return Decimal{}, numberError(text, f)
	}

	scale -= parts.exponent
	for ; scale < 0; scale++ {
		if unscaled > math.MaxInt64/10 || unscaled < math.MinInt64/10 {
			return Decimal{}, cellError(text, ReasonTooLarge, "")
		}
		unscaled *= 10
	}

	if parts.negative {
		unscaled = -unscaled
	}

	return Decimal{Unscaled: unscaled, Scale: scale, Currency: parts.currency}, nil
}

func numberError(text string, f NumberFormat) *CellError {
	if strings.TrimSpace(text) == "" {
		return cellError(text, ReasonEmpty, "")
	}

	return cellError(text, ReasonInvalidNumber, f.String())
}

// ParseAmount reads an amount of money written in format f. The currency
// written in the text wins over f.Currency. Trailing zero decimals beyond
// the currency's minor unit are dropped, other extra decimals are
// rejected, so no cent is lost by rounding.
func ParseAmount(text string, f NumberFormat) (app.Money, error) {
	number, err := ParseNumber(text, f)
	if err != nil {
		return app.Money{}, err
	}

	currency := number.Currency
	if currency == "" {
		currency = f.Currency
	}
	if currency == "" {
		return app.Money{}, cellError(text, ReasonMissingCurrency, "")
	}

	number = number.trimZeros()
	digits := app.CurrencyDigits(currency)
	if number.Scale > digits {
		return app.Money{}, cellError(text, ReasonTooManyDecimals, strconv.Itoa(digits)+" decimals")
	}

	minor := number.Unscaled
	for range digits - number.Scale {
		if minor > math.MaxInt64/10 || minor < math.MinInt64/10 {
			return app.Money{}, cellError(text, ReasonTooLarge, "")
		}
		minor *= 10
	}

	if minor > maxAmountMinor || minor < -maxAmountMinor {
		return app.Money{}, cellError(text, ReasonTooLarge, "")
	}

	return app.Money{Minor: minor, Currency: currency}, nil
}

// maxAmountMinor bounds the amounts ParseAmount returns, far above the
// largest amount Leadwerk stores (app.MaxAmountMinor), so that every
// amount it returns still parses when written back with its decimals.
const maxAmountMinor = 1_000_000_000_000_000

// numberParts is a number's text split into the digits with their
// separators and what surrounds them.
type numberParts struct {
	core     string
	negative bool
	currency string
	exponent int
}

// currencySymbols maps the symbols and abbreviations written beside
// amounts to ISO 4217 codes. "$" is taken as US dollars.
var currencySymbols = map[string]string{
	"€": "EUR", "$": "USD", "US$": "USD", "£": "GBP", "¥": "JPY",
	"Fr.": "CHF", "SFr.": "CHF", "sFr.": "CHF",
}

// magnitudeSuffixes maps suffixes to powers of ten, longest first so "Mio"
// is not read as "M".
var magnitudeSuffixes = []struct {
	suffix   string
	exponent int
}{
	{"Mrd.", 9}, {"Mrd", 9}, {"Mio.", 6}, {"Mio", 6}, {"M", 6}, {"K", 3}, {"k", 3},
}

// splitNumber strips sign, currency and magnitude from both ends of text.
func splitNumber(text string) (numberParts, bool) {
	var p numberParts
	s := trimSpace(text)
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		p.negative, s = true, trimSpace(s[1:len(s)-1])
	}

	s = p.stripPrefix(s)
	s = p.stripSuffix(s)
	if s == "" {
		return p, false
	}

	p.core = s

	return p, true
}

// stripPrefix removes signs and a currency before the digits.
func (p *numberParts) stripPrefix(s string) string {
	for s != "" {
		switch {
		case strings.HasPrefix(s, "-"), strings.HasPrefix(s, "−"):
			if p.negative {
				return s
			}
			p.negative = true
			s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "−")
		case strings.HasPrefix(s, "+"):
			s = s[1:]
		default:
			code, rest, ok := cutCurrencyPrefix(s)
			if !ok || p.currency != "" {
				return s
			}
			p.currency, s = code, rest
		}
		s = trimSpace(s)
	}

	return s
}

// stripSuffix removes a currency, a magnitude and a trailing minus after
// the digits, in any order.
func (p *numberParts) stripSuffix(s string) string {
	for s != "" {
		before := s
		if strings.HasSuffix(s, "-") && !strings.HasSuffix(s, ",-") && !strings.HasSuffix(s, ".-") && !p.negative {
			p.negative, s = true, s[:len(s)-1]
		}

		if code, rest, ok := cutCurrencySuffix(s); ok && p.currency == "" {
			p.currency, s = code, rest
		}

		if p.exponent == 0 {
			s = p.stripMagnitude(s)
		}

		s = trimSpace(s)
		if s == before {
			return s
		}
	}

	return s
}

func (p *numberParts) stripMagnitude(s string) string {
	for _, m := range magnitudeSuffixes {
		rest, ok := strings.CutSuffix(s, m.suffix)
		if !ok {
			continue
		}

		rest = trimSpace(rest)
		if rest != "" && isDigit(rest[len(rest)-1]) {
			p.exponent = m.exponent

			return rest
		}
	}

	return s
}

func cutCurrencyPrefix(s string) (code, rest string, ok bool) {
	for symbol, code := range currencySymbols {
		if rest, ok := strings.CutPrefix(s, symbol); ok {
			return code, rest, true
		}
	}

	if len(s) >= 3 && IsCurrencyCode(s[:3]) && (len(s) == 3 || !isLetter(s[3])) {
		return s[:3], s[3:], true
	}

	return "", s, false
}

func cutCurrencySuffix(s string) (code, rest string, ok bool) {
	for symbol, code := range currencySymbols {
		if rest, ok := strings.CutSuffix(s, symbol); ok {
			return code, rest, true
		}
	}

	n := len(s)
	if n >= 3 && IsCurrencyCode(s[n-3:]) && (n == 3 || !isLetter(s[n-4])) {
		return s[n-3:], s[:n-3], true
	}

	return "", s, false
}

// parseDigits reads the digits and separators of a number into an
// unscaled integer and its scale.
func parseDigits(core string, f NumberFormat) (unscaled int64, scale int, ok bool) {
	decimal := f.decimal()
	whole, fraction, hasPoint := strings.Cut(core, string(decimal))
	if strings.ContainsRune(fraction, decimal) {
		return 0, 0, false
	}

	if hasPoint && (fraction == "-" || fraction == "–") {
		fraction = ""
	}
	if !allDigits(fraction) || (whole == "" && fraction == "") {
		return 0, 0, false
	}

	digits, ok := ungroup(whole, decimal, f.Thousands)
	if !ok {
		return 0, 0, false
	}

	all := strings.TrimLeft(digits+fraction, "0")
	if len(all) > 18 {
		return 0, 0, false
	}
	if all == "" {
		return 0, len(fraction), true
	}

	value, err := strconv.ParseInt(all, 10, 64)

	return value, len(fraction), err == nil
}

// ungroup removes group separators from the integer part and checks that
// every group after the first has three digits.
func ungroup(whole string, decimal, thousands rune) (string, bool) {
	groups := strings.FieldsFunc(whole, func(r rune) bool { return !unicode.IsDigit(r) })
	if len(groups) <= 1 {
		return whole, allDigits(whole)
	}

	separator, separators := rune(0), 0
	for _, r := range whole {
		if r >= '0' && r <= '9' {
			continue
		}
		if !isGroupSeparator(r, decimal, thousands) || (separator != 0 && r != separator) {
			return "", false
		}
		separator = r
		separators++
	}

	if separators != len(groups)-1 {
		return "", false
	}

	if len(groups[0]) > 3 {
		return "", false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return "", false
		}
	}

	joined := strings.Join(groups, "")

	return joined, allDigits(joined)
}

func isGroupSeparator(r, decimal, thousands rune) bool {
	if r == decimal {
		return false
	}

	isSpace := r == ' ' || r == '\u00a0' || r == '\u202f'
	switch thousands {
	case 0:
		return isSpace || r == '.' || r == ',' || r == '\'' || r == '’'
	case ' ':
		return isSpace
	}

	return r == thousands
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}

	return true
}

func isDigit(b byte) bool {
	return b >= '0' && b <= '9'
}

func isLetter(b byte) bool {
	return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')
}

// trimSpace removes spaces, including the no-break spaces that spreadsheet
// programs write, from both ends.
func trimSpace(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\u202f' })
}
