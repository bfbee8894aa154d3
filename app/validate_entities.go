package app

import "strings"

// ValidateOpportunity returns the problems of a deal, or nil when it can
// be saved. A deal needs a title, an amount and an optional customer
// budget that pass [ValidateMoney], a probability of 0 to 100, a calendar
// close date and texts within their maxima. A close date before createdOn
// is a confirmable problem. The zero createdOn skips that check, for a
// deal that is not saved yet.
func ValidateOpportunity(o Opportunity, createdOn Date) []FieldError {
	var errs []FieldError
	if strings.TrimSpace(o.Title) == "" {
		errs = append(errs, FieldError{FieldTitle, CodeRequired})
	}

	errs = append(errs, ValidateMoney(FieldAmount, o.Amount)...)
	if o.CustomerBudget != (Money{}) {
		errs = append(errs, ValidateMoney(FieldCustomerBudget, o.CustomerBudget)...)
	}

	errs = append(errs, checkProbability(o.Probability)...)
	errs = append(errs, validateCloseDate(o.CloseDate, createdOn)...)

	errs = append(errs, checkLengths(
		textField{FieldTitle, o.Title}, textField{FieldOwner, o.Owner}, textField{FieldProduct, o.Product},
		textField{FieldNotes, o.Notes}, textField{FieldNextStep, o.NextStep},
		textField{FieldTalksStatus, o.TalksStatus}, textField{FieldExpectations, o.Expectations},
		textField{FieldSource, o.Source})...)

	return errs
}

func validateCloseDate(close, createdOn Date) []FieldError {
	if !ValidDate(close) {
		return []FieldError{{FieldCloseDate, CodeInvalidDate}}
	}

	if !close.IsZero() && !createdOn.IsZero() && close.Before(createdOn) {
		return []FieldError{{FieldCloseDate, CodeCloseBeforeCreated}}
	}

	return nil
}

// ValidateCompany returns the problems of a company: it needs a name, a
// revenue that is not negative and has a currency code when set, and
// texts within their maxima. Revenue has no upper limit, because a large
// customer earns more than [MaxAmountMinor].
func ValidateCompany(c Company) []FieldError {
	var errs []FieldError
	if strings.TrimSpace(c.Name) == "" {
		errs = append(errs, FieldError{FieldName, CodeRequired})
	}

	if c.Revenue != (Money{}) {
		errs = append(errs, validateRevenue(c.Revenue)...)
	}

	return append(errs, checkLengths(textField{FieldName, c.Name}, textField{FieldSector, c.Sector},
		textField{FieldCountry, c.Country})...)
}

func validateRevenue(m Money) []FieldError {
	if !ValidCurrency(m.Currency) {
		return []FieldError{{FieldRevenue, CodeInvalidCurrency}}
	}

	if m.Minor < 0 {
		return []FieldError{{FieldRevenue, CodeNegative}}
	}

	return nil
}

// ValidateContact returns the problems of a contact: it needs a first or
// last name, a well-formed e-mail address and phone number when given,
// and texts within their maxima.
func ValidateContact(c Contact) []FieldError {
	var errs []FieldError
	if strings.TrimSpace(c.FirstName+c.LastName) == "" {
		errs = append(errs, FieldError{FieldName, CodeRequired})
	}

	errs = append(errs, checkContactWays(c.Email, c.Phone)...)

	return append(errs, checkLengths(textField{FieldFirstName, c.FirstName}, textField{FieldLastName, c.LastName},
		textField{FieldRole, c.Role})...)
}

// checkContactWays checks an e-mail address and a phone number, each
// only when given.
func checkContactWays(email, phone string) []FieldError {
	var errs []FieldError
	if email = strings.TrimSpace(email); email != "" && !validEmail(email) {
		errs = append(errs, FieldError{FieldEmail, CodeInvalidEmail})
	}

	if phone = strings.TrimSpace(phone); phone != "" && !validPhone(phone) {
		errs = append(errs, FieldError{FieldPhone, CodeInvalidPhone})
	}

	return append(errs, checkLengths(textField{FieldEmail, email}, textField{FieldPhone, phone})...)
}

// ValidateQualification returns the problems of a BANT assessment: a
// budget amount and upper end that pass [ValidateMoney] when given, and
// notes within their maxima.
func ValidateQualification(q Qualification) []FieldError {
	var errs []FieldError
	if q.BudgetAmount.Minor != 0 {
		errs = append(errs, ValidateMoney(FieldBudgetAmount, q.BudgetAmount)...)
	}

	if q.BudgetUpTo.Minor != 0 {
		errs = append(errs, ValidateMoney(FieldBudgetUpTo, q.BudgetUpTo)...)
	}

	return append(errs, checkLengths(textField{FieldBudgetNote, q.BudgetNote}, textField{FieldDecidedBy, q.DecidedBy},
		textField{FieldAuthorityNote, q.AuthorityNote}, textField{FieldNeed, q.Need},
		textField{FieldNeedNote, q.NeedNote}, textField{FieldTimeNote, q.TimeNote})...)
}
