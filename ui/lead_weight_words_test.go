package ui

import (
	"testing"

	"leadwerk/app"
	"leadwerk/ui/words"
)

// TestLeadWeightTextGerman checks that a learned weight names the BANT
// and source values in German, not as their stored keys.
func TestLeadWeightTextGerman(t *testing.T) {
	useGerman(t)

	cases := []struct {
		weight app.LeadWeight
		want   string
	}{
		{app.LeadWeight{Attribute: app.AttrBudget, Value: string(app.BudgetConfirmed), Weight: 2, Leads: 70},
			"Budget ist bestätigt: erhöht die Chance (+2.0, 70 Leads)"},
		{app.LeadWeight{Attribute: app.AttrAuthority, Value: string(app.DecisionMaker), Weight: 1.7, Leads: 82},
			"Entscheidungsbefugnis ist Entscheider: erhöht die Chance (+1.7, 82 Leads)"},
		{app.LeadWeight{Attribute: app.AttrTimeframe, Value: string(app.TimeUnder1Month), Weight: -0.8, Leads: 45},
			"Zeitrahmen ist unter 1 Monat: senkt die Chance (-0.8, 45 Leads)"},
		{app.LeadWeight{Attribute: app.AttrSource, Value: app.SourceReferral, Weight: 1, Leads: 3},
			"Quelle ist Empfehlung: erhöht die Chance (+1.0, 3 Leads)"},
	}
	for _, c := range cases {
		if got := words.LeadWeightText(c.weight); got != c.want {
			t.Errorf("LeadWeightText(%s) = %q, want %q", c.weight.Attribute, got, c.want)
		}
	}
}
