package app

import (
	"testing"
	"time"
)

func TestValidateLead(t *testing.T) {
	today := Date{2026, time.December, 4}
	valid := Lead{FirstName: "Anna", Email: "anna@example.de", Phone: "+49 (0)30 1234-567", Website: "example.de"}

	if errs := ValidateLead(valid, today); errs != nil {
		t.Errorf("valid lead rejected: %+v", errs)
	}

	cases := []struct {
		name  string
		edit  func(*Lead)
		field string
		code  string
	}{
		{"no name or company", func(l *Lead) { l.FirstName = " " }, FieldName, CodeRequired},
		{"e-mail without domain dot", func(l *Lead) { l.Email = "anna@localhost" }, FieldEmail, CodeInvalidEmail},
		{"e-mail with display name", func(l *Lead) { l.Email = "Anna <anna@example.de>" }, FieldEmail, CodeInvalidEmail},
		{"phone with letters", func(l *Lead) { l.Phone = "call me" }, FieldPhone, CodeInvalidPhone},
		{"phone too short", func(l *Lead) { l.Phone = "123" }, FieldPhone, CodeInvalidPhone},
		{"website without host", func(l *Lead) { l.Website = "ftp://x" }, FieldWebsite, CodeInvalidURL},
		{"consent without date", func(l *Lead) { l.Consent.Basis = BasisConsent }, FieldConsentDate, CodeRequired},
		{"consent in the future", func(l *Lead) {
			l.Consent = Consent{Basis: BasisConsent, Date: Date{2027, time.January, 1}}
		}, FieldConsentDate, CodeFutureDate},
	}

	for _, c := range cases {
		l := valid
		c.edit(&l)
		errs := ValidateLead(l, today)
		if len(errs) != 1 || errs[0].Field != c.field || errs[0].Code != c.code {
			t.Errorf("%s: errors = %+v, want one %s %s", c.name, errs, c.field, c.code)
		}
	}
}

func TestValidateLeadCompanyOnly(t *testing.T) {
	if errs := ValidateLead(Lead{CompanyName: "Berg Logistik GmbH"}, Date{}); errs != nil {
		t.Errorf("a lead with only a company was rejected: %+v", errs)
	}
}
