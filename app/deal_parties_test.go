package app

import (
	"reflect"
	"testing"
)

func TestValidateDealPartiesContact(t *testing.T) {
	tests := []struct {
		name    string
		contact DealContact
		want    []FieldError
	}{
		{"existing contact", DealContact{OpportunityID: 1, ContactID: 4, Role: DealRoleChampion}, nil},
		{"new contact", DealContact{OpportunityID: 1, Name: "Anna Schmidt", Email: "anna@example.de",
			Role: DealRoleUser}, nil},
		{"new contact without e-mail", DealContact{OpportunityID: 1, Name: "Anna", Role: DealRoleGatekeeper}, nil},
		{"missing deal", DealContact{ContactID: 4, Role: DealRoleUser}, []FieldError{{FieldDeal, CodeRequired}}},
		{"unknown role", DealContact{OpportunityID: 1, ContactID: 4, Role: "boss"},
			[]FieldError{{FieldRole, CodeUnknownChoice}}},
		{"empty role", DealContact{OpportunityID: 1, ContactID: 4},
			[]FieldError{{FieldRole, CodeUnknownChoice}}},
		{"new contact without name", DealContact{OpportunityID: 1, Name: "  ", Role: DealRoleUser},
			[]FieldError{{FieldName, CodeRequired}}},
		{"new contact with bad e-mail", DealContact{OpportunityID: 1, Name: "Anna", Email: "anna@", Role: DealRoleUser},
			[]FieldError{{FieldEmail, CodeInvalidEmail}}},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ValidateDealContact(tt.contact); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ValidateDealContact = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestValidateDealPartiesCompetitor(t *testing.T) {
	tests := []struct {
		name       string
		competitor Competitor
		want       []FieldError
	}{
		{"full", Competitor{OpportunityID: 1, Name: "Rival AG", Strengths: "price", Weaknesses: "support",
			Status: CompetitorActive}, nil},
		{"empty texts", Competitor{OpportunityID: 1, Name: "Rival AG", Status: CompetitorWonDeal}, nil},
		{"missing deal", Competitor{Name: "Rival AG", Status: CompetitorEliminated},
			[]FieldError{{FieldDeal, CodeRequired}}},
		{"missing name", Competitor{OpportunityID: 1, Name: " ", Status: CompetitorActive},
			[]FieldError{{FieldName, CodeRequired}}},
		{"unknown status", Competitor{OpportunityID: 1, Name: "Rival AG", Status: "sleeping"},
			[]FieldError{{FieldStatus, CodeUnknownChoice}}},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ValidateCompetitor(tt.competitor); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ValidateCompetitor = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSplitContactNameParts(t *testing.T) {
	tests := []struct{ name, first, last string }{
		{"Anna Maria  Schmidt", "Anna Maria", "Schmidt"},
		{"Schmidt", "", "Schmidt"},
		{"  ", "", ""},
	}

	for _, tt := range tests {
		first, last := SplitContactName(tt.name)
		if first != tt.first || last != tt.last {
			t.Errorf("SplitContactName(%q) = %q, %q; want %q, %q", tt.name, first, last, tt.first, tt.last)
		}
	}
}
