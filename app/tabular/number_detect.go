package tabular

import (
	"strings"
)

// detectNumberFormat returns the number format that reads every value,
// whether the separators were ambiguous, and false when some value is no
// number in any format.
//
// Each value votes for its decimal separator. With both '.' and ',' the
// later one is the decimal separator. When one of them repeats, as in
// "1.234.567", the other one is. A single separator is the decimal one
// when other than three digits follow it ("1234,5"), or when "0" or more
// than three digits precede it. A value such as "1.234" or "1,234" votes
// for neither. The majority wins; without
// any vote the locale's decimal separator is used, and the column is
// ambiguous if one of its values was.
func detectNumberFormat(values []string, locale string) (NumberFormat, bool, bool) {
	votes := map[rune]int{}
	groups := map[rune]bool{}
	currencies := map[string]bool{}
	ambiguous := false
	for _, v := range values {
		parts, ok := splitNumber(v)
		if !ok {
			return NumberFormat{}, false, false
		}
		if parts.currency != "" {
			currencies[parts.currency] = true
		}

		decimal, group, unsure := classifySeparators(parts.core)
		if decimal != 0 {
			votes[decimal]++
		}
		if group != 0 {
			groups[group] = true
		}
		ambiguous = ambiguous || unsure
	}

	f := NumberFormat{Decimal: localeDecimal(locale)}
	switch {
	case votes['.'] > votes[',']:
		f.Decimal, ambiguous = '.', false
	case votes[','] > votes['.']:
		f.Decimal, ambiguous = ',', false
	}

	f.Thousands = thousandsOf(groups, f.Decimal)
	if len(currencies) == 1 {
		for code := range currencies {
			f.Currency = code
		}
	}

	for _, v := range values {
		if _, err := ParseNumber(v, f); err != nil {
			return NumberFormat{}, false, false
		}
	}

	return f, ambiguous, true
}

// classifySeparators returns the decimal separator a number's digits vote
// for, the group separator they show, and whether their one separator
// could be either. An ambiguous separator is returned as the group
// separator, and thousandsOf drops it when the locale makes it decimal.
func classifySeparators(core string) (decimal, group rune, ambiguous bool) {
	dots, commas := strings.Count(core, "."), strings.Count(core, ",")
	for _, r := range core {
		if r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\'' || r == '’' {
			group = r
		}
	}

	switch {
	case dots > 0 && commas > 0:
		if strings.LastIndex(core, ".") > strings.LastIndex(core, ",") {
			return '.', ',', false
		}

		return ',', '.', false
	case dots > 1:
		return ',', '.', false
	case commas > 1:
		return '.', ',', false
	case dots == 1:
		return classifyOne(core, '.', group)
	case commas == 1:
		return classifyOne(core, ',', group)
	}

	return 0, group, false
}

// classifyOne decides a number with one '.' or ','.
func classifyOne(core string, separator, group rune) (rune, rune, bool) {
	before, after, _ := strings.Cut(core, string(separator))
	digitsBefore := strings.TrimLeft(before, "0123456789")
	if len(after) != 3 || group != 0 || before == "" || before == "0" || before == "-0" ||
		(digitsBefore == "" && len(before) > 3) || strings.HasPrefix(before, "0") {
		return separator, group, false
	}

	return 0, separator, true
}

// thousandsOf returns the one group separator the values showed, or 0 to
// accept any.
func thousandsOf(groups map[rune]bool, decimal rune) rune {
	if len(groups) != 1 {
		return 0
	}

	for g := range groups {
		if g == decimal {
			return 0
		}
		if g == '\u00a0' || g == '\u202f' {
			return ' '
		}

		return g
	}

	return 0
}

// localeDecimal returns the decimal separator a locale writes: ',' for the
// languages of continental Europe except in Switzerland and Liechtenstein,
// '.' for the others.
func localeDecimal(locale string) rune {
	language, region := splitLocale(locale)
	if region == "CH" || region == "LI" {
		return '.'
	}

	switch language {
	case "de", "fr", "es", "it", "nl", "pt", "da", "sv", "nb", "nn", "no", "fi", "pl", "cs", "sk",
		"ru", "tr", "hu", "ro", "el", "hr", "sl", "bg", "uk", "et", "lv", "lt", "is":
		return ','
	}

	return '.'
}
