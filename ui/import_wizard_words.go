package ui

import (
	"strconv"

	"fyne.io/fyne/v2/lang"

	"leadwerk/app/mapping"
	"leadwerk/app/tabular"
)

// wizardChoice is one option of a select: the value it stands for and
// its translated label.
type wizardChoice[T comparable] struct {
	value T
	label string
}

func optionLabels[T comparable](choices []wizardChoice[T]) []string {
	labels := make([]string, len(choices))
	for i, c := range choices {
		labels[i] = c.label
	}

	return labels
}

// choiceLabel returns the label of value, or "" when no choice has it.
func choiceLabel[T comparable](choices []wizardChoice[T], value T) string {
	for _, c := range choices {
		if c.value == value {
			return c.label
		}
	}

	return ""
}

// choiceValue returns the value of label, or the zero value.
func choiceValue[T comparable](choices []wizardChoice[T], label string) T {
	for _, c := range choices {
		if c.label == label {
			return c.value
		}
	}

	var zero T

	return zero
}

func delimiterChoices() []wizardChoice[rune] {
	return []wizardChoice[rune]{
		{',', lang.X("importwizard.delimiter.comma", "Comma ( , )")},
		{';', lang.X("importwizard.delimiter.semicolon", "Semicolon ( ; )")},
		{'\t', lang.X("importwizard.delimiter.tab", "Tab")},
		{'|', lang.X("importwizard.delimiter.bar", "Vertical bar ( | )")},
	}
}

func decimalChoices() []wizardChoice[rune] {
	return []wizardChoice[rune]{
		{',', lang.X("importwizard.decimal.comma", "Comma (1234,56)")},
		{'.', lang.X("importwizard.decimal.point", "Point (1234.56)")},
	}
}

// thousandsChoices offers the group separators. The zero rune accepts
// any separator that is not the decimal one.
func thousandsChoices() []wizardChoice[rune] {
	return []wizardChoice[rune]{
		{0, lang.X("importwizard.thousands.any", "Any")},
		{'.', lang.X("importwizard.thousands.point", "Point (1.234)")},
		{',', lang.X("importwizard.thousands.comma", "Comma (1,234)")},
		{' ', lang.X("importwizard.thousands.space", "Space (1 234)")},
		{'\'', lang.X("importwizard.thousands.apostrophe", "Apostrophe (1'234)")},
	}
}

func kindChoices() []wizardChoice[mapping.Kind] {
	return []wizardChoice[mapping.Kind]{
		{mapping.KindLeads, lang.X("importwizard.kind.leads", "Leads")},
		{mapping.KindContacts, lang.X("importwizard.kind.contacts", "Contacts")},
		{mapping.KindCompanies, lang.X("importwizard.kind.companies", "Companies")},
		{mapping.KindOpportunities, lang.X("importwizard.kind.opportunities", "Opportunities")},
	}
}

func encodingOptions() []string {
	var options []string
	for _, e := range tabular.Encodings() {
		options = append(options, string(e))
	}

	return options
}

func dateOptions() []string {
	var options []string
	for _, f := range tabular.DateFormats() {
		options = append(options, string(f))
	}

	return options
}

// headerOptions returns "No header row" and "Line 1" up to line 10 or the
// detected line, whichever is later. The index of an option is its line.
func headerOptions(detected int) []string {
	options := []string{headerLabel(tabular.NoHeader)}
	for line := 1; line <= max(maxHeaderChoice, detected); line++ {
		options = append(options, headerLabel(line))
	}

	return options
}

func headerLabel(line int) string {
	if line == tabular.NoHeader {
		return lang.X("importwizard.header.none", "No header row")
	}

	return lang.X("importwizard.header.line", "Line {{.Line}}", map[string]any{"Line": strconv.Itoa(line)})
}

// fieldChoices returns "Ignore" and the translated fields of kind.
func fieldChoices(kind mapping.Kind) []wizardChoice[mapping.Field] {
	choices := []wizardChoice[mapping.Field]{{mapping.FieldIgnore, lang.X("importwizard.field.ignore", "Ignore")}}
	for _, f := range mapping.FieldsOf(kind) {
		choices = append(choices, wizardChoice[mapping.Field]{f, importFieldLabel(f)})
	}

	return choices
}

// importFieldLabel returns the translated name of an import field.
func importFieldLabel(f mapping.Field) string {
	switch f {
	case mapping.FieldSourceID:
		return lang.X("importwizard.field.source_id", "ID in the other program")
	case mapping.FieldSalutation:
		return lang.X("importwizard.field.salutation", "Salutation")
	case mapping.FieldFirstName:
		return lang.X("importwizard.field.first_name", "First name")
	case mapping.FieldLastName:
		return lang.X("importwizard.field.last_name", "Last name")
	case mapping.FieldFullName:
		return lang.X("importwizard.field.full_name", "Full name")
	case mapping.FieldCompany:
		return lang.X("importwizard.field.company", "Company")
	case mapping.FieldCompanyID:
		return lang.X("importwizard.field.company_id", "Company ID in the other program")
	case mapping.FieldRole:
		return lang.X("importwizard.field.role", "Role")
	case mapping.FieldEmail:
		return lang.X("importwizard.field.email", "E-mail")
	case mapping.FieldPhone:
		return lang.X("importwizard.field.phone", "Phone")
	case mapping.FieldMobile:
		return lang.X("importwizard.field.mobile", "Mobile")
	case mapping.FieldWebsite:
		return lang.X("importwizard.field.website", "Website")
	}

	return importFieldLabelMore(f)
}

func importFieldLabelMore(f mapping.Field) string {
	switch f {
	case mapping.FieldStreet:
		return lang.X("importwizard.field.street", "Street")
	case mapping.FieldPostalCode:
		return lang.X("importwizard.field.postal_code", "Postal code")
	case mapping.FieldCity:
		return lang.X("importwizard.field.city", "City")
	case mapping.FieldCountry:
		return lang.X("importwizard.field.country", "Country")
	case mapping.FieldSource:
		return lang.X("importwizard.field.source", "Source")
	case mapping.FieldCampaign:
		return lang.X("importwizard.field.campaign", "Campaign")
	case mapping.FieldStatus:
		return lang.X("importwizard.field.status", "Status")
	case mapping.FieldIndustry:
		return lang.X("importwizard.field.industry", "Industry")
	case mapping.FieldEmployees:
		return lang.X("importwizard.field.employees", "Employees")
	case mapping.FieldRevenue:
		return lang.X("importwizard.field.revenue", "Annual revenue")
	case mapping.FieldFounded:
		return lang.X("importwizard.field.year_founded", "Year founded")
	case mapping.FieldOwner:
		return lang.X("importwizard.field.owner", "Owner")
	}

	return importFieldLabelDeal(f)
}

func importFieldLabelDeal(f mapping.Field) string {
	switch f {
	case mapping.FieldNotes:
		return lang.X("importwizard.field.notes", "Notes")
	case mapping.FieldTitle:
		return lang.X("importwizard.field.title", "Title")
	case mapping.FieldAmount:
		return lang.X("importwizard.field.amount", "Amount")
	case mapping.FieldCurrency:
		return lang.X("importwizard.field.currency", "Currency")
	case mapping.FieldStage:
		return lang.X("importwizard.field.stage", "Stage")
	case mapping.FieldProbability:
		return lang.X("importwizard.field.probability", "Probability")
	case mapping.FieldCloseDate:
		return lang.X("importwizard.field.close_date", "Close date")
	case mapping.FieldProduct:
		return lang.X("importwizard.field.product", "Product")
	case mapping.FieldNextStep:
		return lang.X("importwizard.field.next_step", "Next step")
	case mapping.FieldContactEmail:
		return lang.X("importwizard.field.contact_email", "Contact's e-mail")
	}

	return importFieldLabelOther(f)
}

func importFieldLabelOther(f mapping.Field) string {
	switch f {
	case mapping.FieldDealStatus:
		return lang.X("importwizard.field.deal_status", "Deal status (open, won, lost)")
	case mapping.FieldWon:
		return lang.X("importwizard.field.won", "Won (yes/no)")
	case mapping.FieldClosed:
		return lang.X("importwizard.field.closed", "Closed (yes/no)")
	case mapping.FieldCreated:
		return lang.X("importwizard.field.created", "Created on")
	case mapping.FieldOptOut:
		return lang.X("importwizard.field.marketing_opt_out", "Marketing opt-out (yes/no)")
	}

	return string(f)
}
