package tabular

import (
	"strings"

	"golang.org/x/text/currency"
)

// IsCurrencyCode reports whether code is an ISO 4217 code in upper case
// in the list of golang.org/x/text/currency, such as "EUR". Three letters
// that name no currency, such as "XYZ", are not.
func IsCurrencyCode(code string) bool {
	if len(code) != 3 || strings.ToUpper(code) != code {
		return false
	}

	_, err := currency.ParseISO(code)

	return err == nil
}

// CurrencyCode returns the ISO 4217 code that a currency cell means: a
// code in any case ("eur"), or a symbol or abbreviation such as "€", "$",
// "£", "CHF" or "Fr.". It reports false for anything else.
func CurrencyCode(text string) (string, bool) {
	s := trimSpace(text)
	if code, ok := currencySymbols[s]; ok {
		return code, true
	}

	upper := strings.ToUpper(s)
	if !IsCurrencyCode(upper) {
		return "", false
	}

	return upper, true
}
