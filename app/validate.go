package app

import (
	"net/mail"
	"net/url"
	"strings"
	"unicode"
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
// may not lie after today, and every text stays within [MaxLength].
func ValidateLead(l Lead, today Date) []FieldError {
	var errs []FieldError
	if strings.TrimSpace(l.FirstName+l.LastName+l.CompanyName) == "" {
		errs = append(errs, FieldError{FieldName, CodeRequired})
	}

	errs = append(errs, checkContactWays(l.Email, l.Phone)...)

	if site := strings.TrimSpace(l.Website); site != "" && !validWebsite(site) {
		errs = append(errs, FieldError{FieldWebsite, CodeInvalidURL})
	}

	if l.Consent.Basis != "" && l.Consent.Date.IsZero() {
		errs = append(errs, FieldError{FieldConsentDate, CodeRequired})
	} else if !today.IsZero() && today.Before(l.Consent.Date) {
		errs = append(errs, FieldError{FieldConsentDate, CodeFutureDate})
	}

	return append(errs, leadLengths(l)...)
}

func leadLengths(l Lead) []FieldError {
	return checkLengths(
		textField{FieldSalutation, l.Salutation}, textField{FieldFirstName, l.FirstName},
		textField{FieldLastName, l.LastName}, textField{FieldCompanyName, l.CompanyName},
		textField{FieldRole, l.Role}, textField{FieldWebsite, l.Website}, textField{FieldStreet, l.Street},
		textField{FieldPostalCode, l.PostalCode}, textField{FieldCity, l.City},
		textField{FieldCountry, l.Country}, textField{FieldSource, l.Source},
		textField{FieldSourceDetail, l.SourceDetail}, textField{FieldCampaign, l.Campaign},
		textField{FieldIndustry, l.Industry}, textField{FieldRegion, l.Region},
		textField{FieldPersona, l.Persona}, textField{FieldOwner, l.Owner}, textField{FieldNotes, l.Notes},
		textField{FieldConsentSource, l.Consent.Obtained})
}

// validEmail accepts a bare address with a dot in its domain, such as
// "anna@example.de", and rejects display names and local-only addresses.
func validEmail(s string) bool {
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Address != s {
		return false
	}

	_, domain, _ := strings.Cut(s, "@")

	return validDomain(domain)
}

// validDomain accepts a host name of at least two labels, such as
// "example.de" or "mail.müller.de": each label 1 to 63 letters, digits or
// hyphens, not starting or ending with a hyphen, and a top-level label
// without digits. It rejects IP literals such as "[10.0.0.1]", which
// net/mail accepts but no business contact uses.
func validDomain(domain string) bool {
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return false
	}

	for _, label := range labels {
		if !validLabel(label) {
			return false
		}
	}

	return !strings.ContainsAny(labels[len(labels)-1], "0123456789")
}

func validLabel(label string) bool {
	if label == "" || len(label) > 63 || strings.HasPrefix(label, "-") || strings.HasSuffix(label, "-") {
		return false
	}

	for _, r := range label {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' {
			return false
		}
	}

	return true
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
