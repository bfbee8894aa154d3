package app

import (
	"time"
	"unicode/utf8"
)

// MaxAmountMinor is the largest amount Leadwerk stores, in minor units:
// one trillion, such as 10 billion euros in cents. The database triggers
// of the amount columns enforce the same limit.
const MaxAmountMinor int64 = 1_000_000_000_000

// Fields that validation reports on besides the lead form's fields. Each
// names the entity field it checks, in snake case as in the database.
const (
	FieldTitle          = "title"
	FieldCompany        = "company"
	FieldFirstName      = "first_name"
	FieldLastName       = "last_name"
	FieldCompanyName    = "company_name"
	FieldSalutation     = "salutation"
	FieldStreet         = "street"
	FieldPostalCode     = "postal_code"
	FieldCity           = "city"
	FieldCountry        = "country"
	FieldSource         = "source"
	FieldSourceDetail   = "source_detail"
	FieldCampaign       = "campaign"
	FieldIndustry       = "industry"
	FieldRegion         = "region"
	FieldPersona        = "persona"
	FieldOwner          = "owner"
	FieldNotes          = "notes"
	FieldConsentSource  = "consent_obtained"
	FieldAmount         = "amount"
	FieldCurrency       = "currency"
	FieldCustomerBudget = "customer_budget"
	FieldProbability    = "probability"
	FieldCloseDate      = "close_date"
	FieldProduct        = "product"
	FieldNextStep       = "next_step"
	FieldTalksStatus    = "talks_status"
	FieldExpectations   = "expectations"
	FieldSector         = "sector"
	FieldRevenue        = "revenue"
	FieldBudgetAmount   = "budget_amount"
	FieldBudgetUpTo     = "budget_up_to"
	FieldBudgetNote     = "budget_note"
	FieldDecidedBy      = "decided_by"
	FieldAuthorityNote  = "authority_note"
	FieldNeed           = "need"
	FieldNeedNote       = "need_note"
	FieldTimeNote       = "time_note"
	FieldStrengths      = "strengths"
	FieldWeaknesses     = "weaknesses"
)

// Validation codes of the rules in this file. [FieldError.Confirmable]
// reports which of them the person may override.
const (
	CodeTooLong            = "too_long"
	CodeNegative           = "negative"
	CodeTooLarge           = "too_large"
	CodeTooManyDecimals    = "too_many_decimals"
	CodeInvalidCurrency    = "invalid_currency"
	CodeOutOfRange         = "out_of_range"
	CodeInvalidDate        = "invalid_date"
	CodeCloseBeforeCreated = "close_before_created"
)

// Default text maxima in characters (runes, not bytes). A name fits on
// a label or a printed offer; a note may hold a pasted e-mail.
const (
	maxShortText = 200
	maxLongText  = 10_000
)

// maxLengths lists the maximum length in characters of each text field.
// An e-mail address is at most 254 characters, the longest path RFC 5321
// allows. A phone number gets 40, enough for an extension. A field that
// is not listed gets maxShortText.
var maxLengths = map[string]int{
	FieldEmail:         254,
	FieldPhone:         40,
	FieldWebsite:       2048,
	FieldPostalCode:    20,
	FieldSalutation:    50,
	FieldNotes:         maxLongText,
	FieldExpectations:  maxLongText,
	FieldNextStep:      1000,
	FieldTalksStatus:   1000,
	FieldBudgetNote:    maxLongText,
	FieldAuthorityNote: maxLongText,
	FieldNeed:          maxLongText,
	FieldNeedNote:      maxLongText,
	FieldTimeNote:      maxLongText,
	FieldStrengths:     maxLongText,
	FieldWeaknesses:    maxLongText,
}

// MaxLength returns the maximum length in characters of a text field.
func MaxLength(field string) int {
	if n, ok := maxLengths[field]; ok {
		return n
	}

	return maxShortText
}

// Confirmable reports whether the person may save despite the problem
// after confirming it, such as a close date before the creation date of
// a backdated deal. Imports accept confirmable problems.
func (e FieldError) Confirmable() bool {
	return e.Code == CodeCloseBeforeCreated
}

// Blocking returns the problems that no confirmation overrides.
func Blocking(errs []FieldError) []FieldError {
	var blocking []FieldError
	for _, e := range errs {
		if !e.Confirmable() {
			blocking = append(blocking, e)
		}
	}

	return blocking
}

// textField pairs a field name with its value for the length check.
type textField struct {
	field string
	value string
}

// checkLengths returns a CodeTooLong problem for every value longer than
// its field's maximum.
func checkLengths(fields ...textField) []FieldError {
	var errs []FieldError
	for _, f := range fields {
		if utf8.RuneCountInString(f.value) > MaxLength(f.field) {
			errs = append(errs, FieldError{f.field, CodeTooLong})
		}
	}

	return errs
}

// ValidateMoney checks an amount of field: a currency of three capital
// letters, not negative and at most [MaxAmountMinor]. Money counts whole
// minor units of its currency, so the decimals rule applies to the text
// before conversion, which [ValidateAmountText] checks.
func ValidateMoney(field string, m Money) []FieldError {
	if !ValidCurrency(m.Currency) {
		return []FieldError{{field, CodeInvalidCurrency}}
	}

	if m.Minor < 0 {
		return []FieldError{{field, CodeNegative}}
	}

	if m.Minor > MaxAmountMinor {
		return []FieldError{{field, CodeTooLarge}}
	}

	return nil
}

// ValidateAmountText checks that text, a decimal amount with a dot such
// as "12500.50", has at most the decimals of currency. Forms and imports
// call it before converting, because the conversion cannot tell a
// dropped digit.
func ValidateAmountText(field, text, currency string) []FieldError {
	_, frac, found := cutLast(text, '.')
	if found && len(frac) > CurrencyDigits(currency) {
		return []FieldError{{field, CodeTooManyDecimals}}
	}

	return nil
}

func cutLast(s string, sep byte) (before, after string, found bool) {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == sep {
			return s[:i], s[i+1:], true
		}
	}

	return s, "", false
}

// checkProbability reports a win probability outside 0 to 100 percent,
// the rule that [ValidateProbability] returns as an error.
func checkProbability(percent int) []FieldError {
	if ValidateProbability(percent) != nil {
		return []FieldError{{FieldProbability, CodeOutOfRange}}
	}

	return nil
}

// ValidDate reports whether d is a day of the calendar, such as
// 2024-02-29, and not 2023-02-29 or month 13. The zero Date is valid and
// means no date. Years run from 1 to 9999, the range of the stored
// YYYY-MM-DD text.
func ValidDate(d Date) bool {
	if d.IsZero() {
		return true
	}

	if d.Year < 1 || d.Year > 9999 || d.Month < time.January || d.Month > time.December {
		return false
	}

	return d.Day >= 1 && d.Day <= daysIn(d.Year, int(d.Month))
}
