package app

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// currencySymbols maps the codes Leadwerk's users meet most to the symbol
// they read. Other codes are shown as their ISO code.
var currencySymbols = map[string]string{
	"EUR": "€", "USD": "$", "GBP": "£", "CHF": "CHF", "JPY": "¥",
}

// numberStyle is how a language writes numbers: the decimal mark, the
// thousands separator and whether the currency goes after the number.
type numberStyle struct {
	decimal     string
	group       string
	symbolAfter bool
	thousand    string
	million     string
	billion     string
}

func styleFor(language string) numberStyle {
	if strings.HasPrefix(strings.ToLower(language), "de") {
		return numberStyle{decimal: ",", group: ".", symbolAfter: true,
			thousand: " Tsd.", million: " Mio.", billion: " Mrd."}
	}

	return numberStyle{decimal: ".", group: ",", thousand: "K", million: "M", billion: "B"}
}

// FormatMoney formats m for a person reading the given language ("de",
// "de-CH", "en", …): "$1,234.56" in English, "1.234,56 €" in German.
func FormatMoney(m Money, language string) string {
	style := styleFor(language)
	digits := CurrencyDigits(m.Currency)
	minor := m.Minor
	sign := ""
	if minor < 0 {
		sign = "-"
		minor = -minor
	}

	unit := MinorPerMajor(m.Currency)
	number := groupThousands(strconv.FormatInt(minor/unit, 10), style.group)
	if digits > 0 {
		number += style.decimal + padLeft(strconv.FormatInt(minor%unit, 10), digits)
	}

	return sign + withSymbol(number, m.Currency, style)
}

// FormatMoneyShort formats m rounded for an axis or a summary tile:
// "$1.2M" in English, "1,2 Mio. €" in German. Amounts under a thousand
// keep their whole major units.
func FormatMoneyShort(m Money, language string) string {
	style := styleFor(language)
	major := float64(m.Minor) / float64(MinorPerMajor(m.Currency))
	sign := ""
	if major < 0 {
		sign = "-"
		major = -major
	}

	number := strconv.FormatFloat(major, 'f', 0, 64)
	units := []struct {
		size   float64
		suffix string
	}{{1e3, style.thousand}, {1e6, style.million}, {1e9, style.billion}}

	// Take the largest unit the amount reaches, then the next one up if
	// rounding to one decimal makes 1000 of it, so 999,960 reads "1M" and
	// not "1000K".
	for i, unit := range units {
		if major < unit.size {
			break
		}

		scaled := major / unit.size
		if math.Round(scaled*10) >= 10000 && i+1 < len(units) {
			unit = units[i+1]
			scaled = major / unit.size
		}
		number = shortNumber(scaled, style) + unit.suffix
	}

	return sign + withSymbol(number, m.Currency, style)
}

// shortNumber writes v with one decimal, dropping a trailing ".0".
func shortNumber(v float64, style numberStyle) string {
	s := strconv.FormatFloat(v, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")

	return strings.Replace(s, ".", style.decimal, 1)
}

func withSymbol(number, currency string, style numberStyle) string {
	symbol, ok := currencySymbols[currency]
	if !ok {
		symbol = currency
	}

	if style.symbolAfter {
		return number + " " + symbol
	}

	if utf8.RuneCountInString(symbol) > 1 {
		return symbol + " " + number
	}

	return symbol + number
}

func groupThousands(digits, separator string) string {
	if len(digits) <= 3 {
		return digits
	}

	var b strings.Builder
	head := len(digits) % 3
	if head > 0 {
		b.WriteString(digits[:head])
	}

	for i := head; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteString(separator)
		}
		b.WriteString(digits[i : i+3])
	}

	return b.String()
}

func padLeft(s string, width int) string {
	return strings.Repeat("0", width-len(s)) + s
}

// FormatDate formats d for a person reading the given language:
// "31.12.2017" in German and the unambiguous ISO form "2017-12-31"
// otherwise. The zero Date formats as "".
func FormatDate(d Date, language string) string {
	if d.IsZero() {
		return ""
	}

	if strings.HasPrefix(strings.ToLower(language), "de") {
		return fmt.Sprintf("%02d.%02d.%04d", d.Day, int(d.Month), d.Year)
	}

	return d.String()
}

// FormatCount writes n with the thousands separator of the language:
// "8,800" in English, "8.800" in German.
func FormatCount(n int, language string) string {
	digits := strconv.Itoa(n)
	sign := ""
	if n < 0 {
		sign, digits = "-", digits[1:]
	}

	return sign + groupThousands(digits, styleFor(language).group)
}
