package app

import (
	"net/mail"
	"net/url"
	"strings"
)

// FieldError is one invalid field of a form. Code names the rule for
// translation, such as "required" or "invalid_email".
type FieldError struct {
	Field string
	Code  string
}

// Lead form fields that validation reports on.
const (
	FieldName        = "name"
	FieldEmail       = "email"
	FieldPhone       = "phone"
	FieldWebsite     = "website"
	FieldConsentDate = "consent_date"
)

// Validation codes.
const (
	CodeRequired     = "required"
	CodeInvalidEmail = "invalid_email"
	CodeInvalidPhone = "invalid_phone"
	CodeInvalidURL   = "invalid_url"
	CodeFutureDate   = "future_date"
)

// ValidateLead returns the invalid fields of a lead, or nil when it can
// be saved: it needs a person's name or a company, and e-mail, phone,
// website and consent date must be well formed when given. A consent date
// may not lie after today.
func ValidateLead(l Lead, today Date) []FieldError {
	var errs []FieldError
	if strings.TrimSpace(l.FirstName+l.LastName+l.CompanyName) == "" {
		errs = append(errs, FieldError{FieldName, CodeRequired})
	}

	if email := strings.TrimSpace(l.Email); email != "" && !validEmail(email) {
		errs = append(errs, FieldError{FieldEmail, CodeInvalidEmail})
	}

	if phone := strings.TrimSpace(l.Phone); phone != "" && !validPhone(phone) {
		errs = append(errs, FieldError{FieldPhone, CodeInvalidPhone})
	}

	if site := strings.TrimSpace(l.Website); site != "" && !validWebsite(site) {
		errs = append(errs, FieldError{FieldWebsite, CodeInvalidURL})
	}

	if l.Consent.Basis != "" && l.Consent.Date.IsZero() {
		errs = append(errs, FieldError{FieldConsentDate, CodeRequired})
	} else if !today.IsZero() && today.Before(l.Consent.Date) {
		errs = append(errs, FieldError{FieldConsentDate, CodeFutureDate})
	}

	return errs
}

// validEmail accepts a bare address with a dot in its domain, such as
// "anna@example.de", and rejects display names and local-only addresses.
func validEmail(s string) bool {
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Address != s {
		return false
	}

	_, domain, _ := strings.Cut(s, "@")

	return strings.Contains(domain, ".") && !strings.HasSuffix(domain, ".")
}

// validPhone accepts digits with the separators people write, such as
// "+49 (0)30 1234-567", and needs at least five digits.
func validPhone(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(" +-/().", r):
		default:
			return false
		}
	}

	return digits >= 5
}

// validWebsite accepts "example.de" and "https://example.de/path".
func validWebsite(s string) bool {
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}

	u, err := url.Parse(s)

	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && strings.Contains(u.Host, ".")
}
