package app

import (
	"slices"
	"strings"
	"testing"
)

func TestPartiesTextLengths(t *testing.T) {
	long := strings.Repeat("x", maxShortText+1)
	longNote := strings.Repeat("x", maxLongText+1)
	cases := []struct {
		name  string
		errs  []FieldError
		field string
	}{
		{"contact name", ValidateDealContact(DealContact{OpportunityID: 1, Name: long, Role: DealRoleUser}), FieldName},
		{"contact e-mail", ValidateDealContact(DealContact{OpportunityID: 1, Name: "Anna",
			Email: strings.Repeat("a", 250) + "@example.de", Role: DealRoleUser}), FieldEmail},
		{"competitor name", ValidateCompetitor(Competitor{OpportunityID: 1, Name: long,
			Status: CompetitorActive}), FieldName},
		{"strengths", ValidateCompetitor(Competitor{OpportunityID: 1, Name: "Rival AG", Strengths: longNote,
			Status: CompetitorActive}), FieldStrengths},
		{"weaknesses", ValidateCompetitor(Competitor{OpportunityID: 1, Name: "Rival AG", Weaknesses: longNote,
			Status: CompetitorActive}), FieldWeaknesses},
	}

	for _, c := range cases {
		if !slices.Contains(c.errs, FieldError{c.field, CodeTooLong}) {
			t.Errorf("%s: problems %+v, want %s too long", c.name, c.errs, c.field)
		}
	}

	ok := ValidateCompetitor(Competitor{OpportunityID: 1, Name: strings.Repeat("x", maxShortText),
		Strengths: strings.Repeat("x", maxLongText), Status: CompetitorActive})
	if len(ok) != 0 {
		t.Errorf("competitor at the limits: problems %+v, want none", ok)
	}
}
