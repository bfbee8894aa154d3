package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
)

func kindLabel(kind app.DuplicateKind) string {
	switch kind {
	case app.DuplicateCompanies:
		return lang.X("duplicates.kind.company", "Company")
	case app.DuplicateContacts:
		return lang.X("duplicates.kind.contact", "Contact")
	default:
		return lang.X("duplicates.kind.lead", "Lead")
	}
}

// matchesText explains in words why a group's records match.
func matchesText(matches []app.DuplicateMatch) string {
	parts := make([]string, len(matches))
	for i, m := range matches {
		parts[i] = matchText(m)
	}

	return strings.Join(parts, "; ")
}

func matchText(m app.DuplicateMatch) string {
	data := map[string]any{"Value": m.Value, "Score": fmt.Sprintf("%.0f", m.Score*100)}
	switch m.Reason {
	case app.MatchSameEmail:
		return lang.X("duplicates.reason.same_email", "same e-mail {{.Value}}", data)
	case app.MatchSharedEmail:
		return lang.X("duplicates.reason.shared_email",
			"shared e-mail {{.Value}}, different names: probably different people", data)
	case app.MatchSameName:
		return lang.X("duplicates.reason.same_name", "same name \"{{.Value}}\"", data)
	default:
		return lang.X("duplicates.reason.similar_name", "similar names {{.Value}} ({{.Score}} %)", data)
	}
}

// fieldLabel names a merge field of any kind.
func fieldLabel(field string) string {
	labels := map[string]string{
		"name":         lang.X("duplicates.field.name", "Name"),
		"sector":       lang.X("duplicates.field.sector", "Sector"),
		"employees":    lang.X("duplicates.field.employees", "Employees"),
		"revenue":      lang.X("duplicates.field.revenue", "Revenue"),
		"country":      lang.X("duplicates.field.country", "Country"),
		"year_founded": lang.X("duplicates.field.year_founded", "Founded"),
		"salutation":   lang.X("duplicates.field.salutation", "Salutation"),
		"first_name":   lang.X("duplicates.field.first_name", "First name"),
		"last_name":    lang.X("duplicates.field.last_name", "Last name"),
		"company":      lang.X("duplicates.field.company", "Company"),
		"company_name": lang.X("duplicates.field.company_name", "Company"),
		"role":         lang.X("duplicates.field.role", "Role"),
		"buying_role":  lang.X("duplicates.field.buying_role", "Buying role"),
		"email":        lang.X("duplicates.field.email", "E-mail"),
		"phone":        lang.X("duplicates.field.phone", "Phone"),
		"website":      lang.X("duplicates.field.website", "Website"),
		"street":       lang.X("duplicates.field.street", "Street"),
		"postal_code":  lang.X("duplicates.field.postal_code", "Postal code"),
		"city":         lang.X("duplicates.field.city", "City"),
		"industry":     lang.X("duplicates.field.industry", "Industry"),
		"source":       lang.X("duplicates.field.source", "Source"),
		"owner":        lang.X("duplicates.field.owner", "Owner"),
		"notes":        lang.X("duplicates.field.notes", "Notes"),
	}

	if label, ok := labels[field]; ok {
		return label
	}

	return field
}
