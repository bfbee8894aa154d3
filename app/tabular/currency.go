package tabular

import (
	"strings"

	"leadwerk/app"
)

// IsCurrencyCode reports whether code is an ISO 4217 code in upper case,
// such as "EUR", by the rule the forms use, [app.ValidCurrency].
func IsCurrencyCode(code string) bool {
	return app.ValidCurrency(code)
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
