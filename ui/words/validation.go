package words

import (
	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
)

// Problem describes a broken validation rule as a message shown under
// its field: what is wrong and what to enter. Currency and language
// format the largest amount for an amount field. Codes that
// [FieldProblem] already describes are passed on to it.
func Problem(e app.FieldError, currency, language string) string {
	switch e.Code {
	case app.CodeTooLong:
		return lang.X("validation.too_long", "Too long: shorten it to at most {{.Max}} characters.",
			map[string]any{"Max": app.FormatCount(app.MaxLength(e.Field), language)})
	case app.CodeNegative:
		return lang.X("validation.negative", "The amount is negative: enter 0 or more.")
	case app.CodeTooLarge:
		largest := app.Money{Minor: app.MaxAmountMinor, Currency: currency}
		return lang.X("validation.too_large", "The amount is too large: enter at most {{.Max}}.",
			map[string]any{"Max": app.FormatMoney(largest, language)})
	case app.CodeTooManyDecimals:
		return lang.X("validation.too_many_decimals", "{{.Currency}} has {{.Digits}} decimals: round the amount.",
			map[string]any{"Currency": currency, "Digits": app.CurrencyDigits(currency)})
	case app.CodeInvalidCurrency:
		return lang.X("validation.invalid_currency", "Enter an ISO currency code such as EUR, USD or CHF.")
	case app.CodeOutOfRange:
		return lang.X("validation.out_of_range", "Enter a percentage from 0 to 100.")
	case app.CodeInvalidDate:
		return lang.X("validation.invalid_date", "This day does not exist: check day and month.")
	case app.CodeCloseBeforeCreated:
		return lang.X("validation.close_before_created",
			"The close date lies before the day the deal was created. Save anyway only if the deal is backdated.")
	default:
		return FieldProblem(e.Code)
	}
}

// ConfirmProblems returns the question that asks the person to save
// despite confirmable problems, such as a close date before creation.
func ConfirmProblems() (title, message string) {
	return lang.X("validation.confirm.title", "Save anyway?"),
		lang.X("validation.confirm.close_before_created",
			"The close date lies before the day this deal was created. Save it anyway?")
}

// FieldLabel returns the name of a field that validation reports on, for
// a message that lists problems away from their field. An unknown field
// is returned as it is.
func FieldLabel(field string) string {
	labels := map[string]string{
		app.FieldSalutation:    lang.X("validation.field.salutation", "Salutation"),
		app.FieldFirstName:     lang.X("validation.field.first_name", "First name"),
		app.FieldLastName:      lang.X("validation.field.last_name", "Last name"),
		app.FieldCompanyName:   lang.X("validation.field.company_name", "Company"),
		app.FieldRole:          lang.X("validation.field.role", "Role"),
		app.FieldStreet:        lang.X("validation.field.street", "Street"),
		app.FieldPostalCode:    lang.X("validation.field.postal_code", "Postal code"),
		app.FieldCity:          lang.X("validation.field.city", "City"),
		app.FieldCountry:       lang.X("validation.field.country", "Country"),
		app.FieldSource:        lang.X("validation.field.source", "Source"),
		app.FieldSourceDetail:  lang.X("validation.field.source_detail", "Source detail"),
		app.FieldCampaign:      lang.X("validation.field.campaign", "Campaign"),
		app.FieldIndustry:      lang.X("validation.field.industry", "Industry"),
		app.FieldRegion:        lang.X("validation.field.region", "Region"),
		app.FieldPersona:       lang.X("validation.field.persona", "Persona"),
		app.FieldOwner:         lang.X("validation.field.owner", "Owner"),
		app.FieldNotes:         lang.X("validation.field.notes", "Notes"),
		app.FieldConsentSource: lang.X("validation.field.consent_obtained", "How consent was given"),
		app.FieldEmail:         lang.X("validation.field.email", "E-mail"),
		app.FieldPhone:         lang.X("validation.field.phone", "Phone"),
		app.FieldWebsite:       lang.X("validation.field.website", "Website"),
		app.FieldBudgetAmount:  lang.X("validation.field.budget_amount", "Budget"),
		app.FieldBudgetUpTo:    lang.X("validation.field.budget_up_to", "Budget up to"),
		app.FieldBudgetNote:    lang.X("validation.field.budget_note", "Budget note"),
		app.FieldDecidedBy:     lang.X("validation.field.decided_by", "Decided by"),
		app.FieldAuthorityNote: lang.X("validation.field.authority_note", "Authority note"),
		app.FieldNeed:          lang.X("validation.field.need", "Need"),
		app.FieldNeedNote:      lang.X("validation.field.need_note", "Need note"),
		app.FieldTimeNote:      lang.X("validation.field.time_note", "Timing note"),
	}

	if label, ok := labels[field]; ok {
		return label
	}

	return field
}
