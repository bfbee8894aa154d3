package ui

import (
	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
	"leadwerk/ui/words"
)

// auditFieldLabel returns the translated label of a column of leads,
// contacts, companies or opportunities, or of an audit event such as
// "qualification". An unknown field shows its column name.
func auditFieldLabel(field string) string {
	if label, ok := auditPersonLabel(field); ok {
		return label
	}
	if label, ok := auditRecordLabel(field); ok {
		return label
	}

	return field
}

// auditPersonLabel covers the columns of leads and contacts.
func auditPersonLabel(field string) (string, bool) {
	labels := map[string]string{
		"first_name":           lang.L("First name"),
		"last_name":            lang.L("Last name"),
		"salutation":           lang.L("Salutation"),
		"company_name":         lang.L("Company"),
		"role":                 lang.L("Role"),
		"email":                lang.L("E-mail"),
		"phone":                lang.L("Phone"),
		"website":              lang.L("Website"),
		"street":               lang.L("Street"),
		"postal_code":          lang.L("Postal code"),
		"city":                 lang.L("City"),
		"country":              lang.L("Country"),
		"industry":             lang.L("Industry"),
		"source":               lang.L("Source"),
		"source_detail":        lang.L("Source detail"),
		"origin":               lang.L("Origin"),
		"campaign":             lang.L("Campaign"),
		"size_band":            lang.L("Company size"),
		"region":               lang.L("Region"),
		"persona":              lang.L("Persona"),
		"status":               lang.L("Status"),
		"disqualify_reason":    lang.L("Reason"),
		"temperature":          lang.L("Temperature"),
		"temperature_manual":   lang.X("trash.field.temperature_manual", "Temperature set by hand"),
		"owner":                lang.L("Owner"),
		"notes":                lang.L("Notes"),
		"consent_basis":        lang.L("Legal basis"),
		"consent_date":         lang.L("Consent date"),
		"consent_obtained":     lang.X("trash.field.consent_obtained", "How consent was given"),
		"consent_withdrawn_on": lang.X("trash.field.consent_withdrawn_on", "Consent withdrawn on"),
		"marketing_opt_out":    lang.X("trash.field.marketing_opt_out", "Marketing opt-out"),
		"handed_over_by":       lang.L("Handed over by"),
		"handed_over_at":       lang.L("Handed over"),
		"buying_role":          lang.X("trash.field.buying_role", "Buying role"),
		"qualification":        lang.L("Qualification"),
	}
	label, ok := labels[field]

	return label, ok
}

// auditRecordLabel covers the columns of companies and opportunities, the
// links of a converted lead and the columns every table has.
func auditRecordLabel(field string) (string, bool) {
	labels := map[string]string{
		"name":                     lang.L("Name"),
		"sector":                   lang.L("Sector"),
		"employees":                lang.X("trash.field.employees", "Employees"),
		"revenue_minor":            lang.X("trash.field.revenue", "Revenue (minor units)"),
		"revenue_currency":         lang.L("Currency"),
		"year_founded":             lang.X("trash.field.year_founded", "Year founded"),
		"parent_id":                lang.X("trash.field.parent", "Parent company"),
		"company_id":               lang.L("Company"),
		"contact_id":               lang.L("Contact"),
		"title":                    lang.L("Title"),
		"pipeline_id":              lang.L("Pipeline"),
		"stage_id":                 lang.L("Stage"),
		"amount_minor":             lang.X("trash.field.amount", "Amount (minor units)"),
		"amount_currency":          lang.L("Currency"),
		"probability":              lang.L("Probability"),
		"probability_manual":       lang.L("Probability set by hand"),
		"close_date":               lang.L("Close date"),
		"stage_entered_on":         lang.L("In stage since"),
		"product":                  lang.L("Product"),
		"next_step":                lang.L("Next step"),
		"talks_status":             lang.L("Status of talks"),
		"customer_budget_minor":    lang.X("trash.field.customer_budget", "Customer budget (minor units)"),
		"customer_budget_currency": lang.L("Currency"),
		"expectations":             lang.L("Expectations"),
		"close_reason":             lang.L("Close reason"),
		"close_competitor":         lang.L("Competitor"),
		"close_note":               lang.L("Close note"),
		"contact_link":             lang.L("Decision makers"),
		"competitor":               lang.L("Competitor"),
		"converted_company_id":     lang.X("trash.field.converted_company", "Converted to company"),
		"converted_contact_id":     lang.X("trash.field.converted_contact", "Converted to contact"),
		"converted_opportunity_id": lang.X("trash.field.converted_opportunity", "Converted to opportunity"),
		"source_ref":               lang.L("Imported from"),
		"created_at":               lang.L("Created"),
	}
	label, ok := labels[field]

	return label, ok
}

// auditValueText returns a stored value as the person reads it: a dash
// for NULL or empty text, lead statuses, temperatures and sources in
// words, anything else as stored.
func auditValueText(field string, value *string) string {
	if value == nil || *value == "" {
		return "–"
	}

	v := *value
	switch field {
	case "status":
		return words.LeadStatus(app.LeadStatus(v))
	case "temperature":
		return words.Temperature(app.Temperature(v))
	case "source":
		return words.LeadSource(v)
	}

	return v
}
