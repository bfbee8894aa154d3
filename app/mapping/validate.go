package mapping

import (
	"unicode/utf8"

	"leadwerk/app"
	"leadwerk/app/tabular"
)

// The reasons of rows that break a validation rule of the forms, beyond
// the reasons above and those of tabular.
const (
	// ReasonInvalidPhone means the phone cell has characters other than
	// digits and the separators people write, or fewer than five digits.
	ReasonInvalidPhone tabular.Reason = "invalid_phone"
	// ReasonInvalidURL means the website cell is not a web address.
	ReasonInvalidURL tabular.Reason = "invalid_url"
	// ReasonTooLong means a text is longer than its field's maximum, which
	// [app.MaxLength] of [Rejection.Field] returns.
	ReasonTooLong tabular.Reason = "too_long"
	// ReasonNegative means an amount is below zero.
	ReasonNegative tabular.Reason = "negative"
)

// ruleReasons maps the codes of app's validation rules to import reasons.
// Codes that name the same problem as a parser's reason share it, so a
// probability of 150 % reads the same whether the parser or the rule
// rejected it.
var ruleReasons = map[string]tabular.Reason{
	app.CodeInvalidEmail:    ReasonInvalidEmail,
	app.CodeInvalidPhone:    ReasonInvalidPhone,
	app.CodeInvalidURL:      ReasonInvalidURL,
	app.CodeTooLong:         ReasonTooLong,
	app.CodeNegative:        ReasonNegative,
	app.CodeTooLarge:        tabular.ReasonTooLarge,
	app.CodeTooManyDecimals: tabular.ReasonTooManyDecimals,
	app.CodeInvalidCurrency: ReasonInvalidCurrency,
	app.CodeOutOfRange:      tabular.ReasonInvalidProbability,
	app.CodeInvalidDate:     tabular.ReasonImpossibleDate,
}

// ruleFields lists, for each field of app's rules whose import field has
// another name, the import fields its value comes from, in the order
// [rowReader.names] and [rowReader.phone] read them. Any other rule field
// is the import field of the same name.
var ruleFields = map[string][]Field{
	app.FieldName:        {FieldLastName, FieldFirstName, FieldFullName, FieldCompany},
	app.FieldFirstName:   {FieldFirstName, FieldFullName},
	app.FieldLastName:    {FieldLastName, FieldFullName},
	app.FieldCompanyName: {FieldCompany},
	app.FieldTitle:       {FieldTitle, FieldCompany, FieldProduct},
	app.FieldPhone:       {FieldPhone, FieldMobile},
	app.FieldSector:      {FieldIndustry},
}

// maxRejectedText is how many characters of a text that is too long a
// rejection shows, enough to find the cell in the file.
const maxRejectedText = 40

// check applies the rules that the forms apply to a record of the plan's
// kind and records the first problem that no confirmation overrides. It
// allocates nothing for a valid record beyond what the rules themselves
// allocate.
func (r *rowReader) check(rec *Record) {
	var problems []app.FieldError
	switch r.c.plan.Mapping.Kind {
	case KindLeads:
		// The file has no consent date, so the zero today skips its check.
		problems = app.ValidateLead(rec.Lead, app.Date{})
	case KindContacts:
		problems = app.ValidateContact(rec.Contact)
	case KindCompanies:
		problems = app.ValidateCompany(rec.Company)
	default:
		// History is imported as it happened, so a deal may close before
		// its creation day, and the zero creation day skips that check.
		problems = app.ValidateOpportunity(rec.Deal.Opportunity, app.Date{})
	}

	for _, p := range problems {
		if !p.Confirmable() {
			r.failRule(p)
			return
		}
	}
}

// failRule records a broken rule on the column its value came from.
func (r *rowReader) failRule(p app.FieldError) {
	f := r.ruleField(p.Field)
	value := r.text(f)

	reason, ok := ruleReasons[p.Code]
	switch {
	case p.Code == app.CodeRequired && p.Field == app.FieldTitle:
		reason = ReasonMissingTitle
	case p.Code == app.CodeRequired:
		reason = ReasonMissingName
	case p.Code == app.CodeTooLong:
		value = clip(value, maxRejectedText)
	case !ok:
		reason = tabular.Reason(p.Code)
	}

	r.fail(f, reason, value)
	r.reject.Field = p.Field
}

// ruleField returns the import field of a rule's field: the first of its
// import fields with a cell, else the first one mapped, else
// FieldIgnore, which names no column.
func (r *rowReader) ruleField(field string) Field {
	candidates, ok := ruleFields[field]
	if !ok {
		candidates = []Field{Field(field)}
	}

	mapped := FieldIgnore
	for _, f := range candidates {
		if _, ok := r.c.index[f]; !ok {
			continue
		}
		if r.text(f) != "" {
			return f
		}
		if mapped == FieldIgnore {
			mapped = f
		}
	}

	return mapped
}

// clip returns the first n characters of s followed by "…", or s when it
// is not longer.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}

	i := 0
	for count := 0; count < n; count++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}

	return s[:i] + "…"
}
