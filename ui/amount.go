package ui

import (
	"fmt"
	"strings"

	"leadwerk/app"
)

// parseAmount reads an amount as a person types it in their language:
// "12.500,00" or "12500,5" in German, "12,500.00" or "12500.5" in
// English. Group separators must split the whole part into groups of
// three digits, so a German "12.5" is rejected and not read as 125.
// Spaces, also no-break and thin spaces, are taken as group separators.
// Errors wrap app.ErrInvalid.
func parseAmount(text, currency, language string) (app.Money, error) {
	style := amountStyleFor(language)
	s := strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "").Replace(strings.TrimSpace(text))

	whole, frac, hasFrac := strings.Cut(s, style.decimal)
	if strings.Contains(frac, style.decimal) || strings.Contains(frac, style.group) {
		return app.Money{}, fmt.Errorf("amount %q has a misplaced separator: %w", text, app.ErrInvalid)
	}

	whole, err := ungroup(whole, style.group)
	if err != nil {
		return app.Money{}, fmt.Errorf("amount %q: %w", text, err)
	}

	plain := whole
	if hasFrac {
		plain += "." + frac
	}

	return app.ParseMoney(plain, currency)
}

// formatAmount writes m as parseAmount reads it back, without symbol or
// grouping: "12500,00" in German, "12500.00" in English. Zero is "".
func formatAmount(m app.Money, language string) string {
	if m.Minor == 0 {
		return ""
	}

	return strings.Replace(m.Decimal(), ".", amountStyleFor(language).decimal, 1)
}

type amountStyle struct {
	decimal string
	group   string
}

func amountStyleFor(language string) amountStyle {
	if isGerman(language) {
		return amountStyle{decimal: ",", group: "."}
	}

	return amountStyle{decimal: ".", group: ","}
}

func isGerman(language string) bool {
	return strings.HasPrefix(strings.ToLower(language), "de")
}

// ungroup removes group separators from the whole part of an amount
// after checking that every group after the first has three digits.
func ungroup(whole, group string) (string, error) {
	if !strings.Contains(whole, group) {
		return whole, nil
	}

	sign := ""
	if strings.HasPrefix(whole, "-") {
		sign, whole = "-", whole[1:]
	}

	groups := strings.Split(whole, group)
	for i, g := range groups {
		if g == "" || len(g) > 3 || (i > 0 && len(g) != 3) {
			return "", fmt.Errorf("digit groups must have three digits: %w", app.ErrInvalid)
		}
	}

	return sign + strings.Join(groups, ""), nil
}
