package ui

import (
	"errors"
	"strings"

	"leadwerk/app"
	"leadwerk/ui/words"
)

// partyTextProblem returns the message of a text of the deal contact or
// competitor form that is longer than its field allows, with the words
// the other forms use, or nil. The forms trim what they save, so the
// check does as well.
func partyTextProblem(field, text string) error {
	probe := app.Competitor{OpportunityID: 1, Name: "-", Status: app.CompetitorStatuses[0]}
	text = strings.TrimSpace(text)
	switch field {
	case app.FieldStrengths:
		probe.Strengths = text
	case app.FieldWeaknesses:
		probe.Weaknesses = text
	case app.FieldEmail:
		return contactTextProblem(app.DealContact{OpportunityID: 1, Name: "-", Email: text,
			Role: app.DealRoleUser}, field)
	default:
		probe.Name = text
	}

	return firstProblem(app.ValidateCompetitor(probe), field)
}

// contactTextProblem returns the too-long problem of field in a deal
// contact, or nil.
func contactTextProblem(c app.DealContact, field string) error {
	return firstProblem(app.ValidateDealContact(c), field)
}

// firstProblem returns the first too-long problem of field among errs as
// an error with its message, or nil.
func firstProblem(errs []app.FieldError, field string) error {
	for _, e := range errs {
		if e.Field == field && e.Code == app.CodeTooLong {
			return errors.New(words.Problem(e, "", currentLanguage()))
		}
	}

	return nil
}
