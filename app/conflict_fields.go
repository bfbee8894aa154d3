package app

import "strconv"

// LeadConflictFields lists the fields of the lead form, keyed by their
// columns in the leads table, in the order of the form.
func LeadConflictFields() []ConflictField[Lead] {
	return []ConflictField[Lead]{
		conflictText("salutation", func(l *Lead) *string { return &l.Salutation }),
		conflictText("first_name", func(l *Lead) *string { return &l.FirstName }),
		conflictText("last_name", func(l *Lead) *string { return &l.LastName }),
		conflictText("company_name", func(l *Lead) *string { return &l.CompanyName }),
		conflictText("role", func(l *Lead) *string { return &l.Role }),
		conflictText("email", func(l *Lead) *string { return &l.Email }),
		conflictText("phone", func(l *Lead) *string { return &l.Phone }),
		conflictText("website", func(l *Lead) *string { return &l.Website }),
		conflictText("street", func(l *Lead) *string { return &l.Street }),
		conflictText("postal_code", func(l *Lead) *string { return &l.PostalCode }),
		conflictText("city", func(l *Lead) *string { return &l.City }),
		conflictText("country", func(l *Lead) *string { return &l.Country }),
		conflictText("source", func(l *Lead) *string { return &l.Source }),
		conflictText("source_detail", func(l *Lead) *string { return &l.SourceDetail }),
		conflictText("origin", func(l *Lead) *string { return &l.Origin }),
		conflictText("campaign", func(l *Lead) *string { return &l.Campaign }),
		conflictText("industry", func(l *Lead) *string { return &l.Industry }),
		conflictValue("size_band", func(l *Lead) *SizeBand { return &l.SizeBand },
			func(b SizeBand) string { return string(b) }),
		conflictText("region", func(l *Lead) *string { return &l.Region }),
		conflictText("persona", func(l *Lead) *string { return &l.Persona }),
		conflictText("owner", func(l *Lead) *string { return &l.Owner }),
		conflictText("notes", func(l *Lead) *string { return &l.Notes }),
		conflictValue("consent_basis", func(l *Lead) *LegalBasis { return &l.Consent.Basis },
			func(b LegalBasis) string { return string(b) }),
		conflictValue("consent_date", func(l *Lead) *Date { return &l.Consent.Date }, Date.String),
		conflictText("consent_obtained", func(l *Lead) *string { return &l.Consent.Obtained }),
	}
}

// OpportunityConflictFields lists the fields of the deal form, keyed as
// the deal's field history names them. Company and contact read as ids,
// which a screen replaces with names.
func OpportunityConflictFields() []ConflictField[Opportunity] {
	return []ConflictField[Opportunity]{
		conflictText("title", func(o *Opportunity) *string { return &o.Title }),
		conflictValue("company", func(o *Opportunity) *int64 { return &o.CompanyID }, idText),
		conflictValue("contact", func(o *Opportunity) *int64 { return &o.ContactID }, idText),
		conflictValue("amount", func(o *Opportunity) *Money { return &o.Amount }, moneyText),
		conflictValue("close_date", func(o *Opportunity) *Date { return &o.CloseDate }, Date.String),
		conflictText("owner", func(o *Opportunity) *string { return &o.Owner }),
		conflictText("product", func(o *Opportunity) *string { return &o.Product }),
		conflictText("next_step", func(o *Opportunity) *string { return &o.NextStep }),
		conflictText("talks_status", func(o *Opportunity) *string { return &o.TalksStatus }),
		conflictValue("customer_budget", func(o *Opportunity) *Money { return &o.CustomerBudget }, moneyText),
		conflictText("expectations", func(o *Opportunity) *string { return &o.Expectations }),
		conflictText("source", func(o *Opportunity) *string { return &o.Source }),
		conflictText("notes", func(o *Opportunity) *string { return &o.Notes }),
	}
}

// idText returns a record id as text, or "" for 0, which means none.
func idText(id int64) string {
	if id == 0 {
		return ""
	}

	return strconv.FormatInt(id, 10)
}

// moneyText returns m as "1054.00 USD", or "" for an unset amount.
func moneyText(m Money) string {
	if m == (Money{}) {
		return ""
	}

	return m.String()
}
