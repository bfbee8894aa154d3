package app

import (
	"errors"
	"math"
	"testing"
)

// syntheticOutcomes returns n leads per source: referrals convert in 8 of
// 10 cases, website leads in 2 of 10, whatever their country.
func syntheticOutcomes(n int) []LeadOutcome {
	var outcomes []LeadOutcome
	for i := range n {
		country := []string{"Germany", "Austria"}[i%2]
		outcomes = append(outcomes,
			LeadOutcome{Input: ScoreInput{Lead: Lead{Source: "Referral", Country: country}}, Converted: i%10 < 8},
			LeadOutcome{Input: ScoreInput{Lead: Lead{Source: "website", Country: country}}, Converted: i%10 < 2},
		)
	}
	return outcomes
}

func TestLeadModelLearnsWhichSourceConverts(t *testing.T) {
	m, err := TrainLeadModel(syntheticOutcomes(150))
	if err != nil {
		t.Fatal(err)
	}

	referral := m.Predict(ScoreInput{Lead: Lead{Source: "referral", Country: "Germany"}})
	website := m.Predict(ScoreInput{Lead: Lead{Source: "Website", Country: "Germany"}})

	// The training rates are 0.8 and 0.2; the penalty pulls a little
	// towards the middle.
	if math.Abs(referral.Probability-0.8) > 0.05 || math.Abs(website.Probability-0.2) > 0.05 {
		t.Errorf("referral %.3f, website %.3f, want about 0.8 and 0.2", referral.Probability, website.Probability)
	}

	top := referral.Reasons[0]
	if top.Attribute != AttrSource || top.Value != "referral" || top.Weight <= 0 {
		t.Errorf("strongest reason = %+v, want the referral source raising the chance", top)
	}
	if m.Trained != 300 || m.Converted != 150 {
		t.Errorf("trained %d with %d converted, want 300 and 150", m.Trained, m.Converted)
	}
}

func TestLeadModelSharesOneWeightForRareValues(t *testing.T) {
	outcomes := syntheticOutcomes(150)
	for i := range 5 {
		outcomes = append(outcomes, LeadOutcome{Input: ScoreInput{Lead: Lead{Source: "fax", Country: "Germany"}}, Converted: i < 4})
	}

	m, err := TrainLeadModel(outcomes)
	if err != nil {
		t.Fatal(err)
	}

	for _, w := range m.Weights {
		if w.Value == "fax" {
			t.Fatalf("a value seen 5 times got its own weight: %+v", w)
		}
	}
	found := false
	for _, r := range m.Predict(ScoreInput{Lead: Lead{Source: "fax"}}).Reasons {
		found = found || (r.Attribute == AttrSource && r.Rare && r.Leads == 5)
	}
	if !found {
		t.Error("a rare source does not use the shared rare weight of its attribute")
	}
}

func TestLeadModelNeedsEnoughHistory(t *testing.T) {
	few := syntheticOutcomes(99) // 198 closed leads
	if _, err := TrainLeadModel(few); !errors.Is(err, ErrTooFewClosedLeads) {
		t.Errorf("198 leads: err = %v, want ErrTooFewClosedLeads", err)
	}

	oneSided := syntheticOutcomes(150)
	for i := range oneSided {
		oneSided[i].Converted = i < 20
	}
	if _, err := TrainLeadModel(oneSided); !errors.Is(err, ErrTooFewClosedLeads) {
		t.Errorf("20 converted leads: err = %v, want ErrTooFewClosedLeads", err)
	}
}

func TestClosedLeadOutcome(t *testing.T) {
	cases := []struct {
		lead    Lead
		ok, won bool
	}{
		{Lead{Status: LeadConverted}, true, true},
		{Lead{Status: LeadHandedOver, ConvertedOpportunityID: 4}, true, true},
		{Lead{Status: LeadDisqualified}, true, false},
		{Lead{Status: LeadQualified}, false, false},
		{Lead{Status: LeadNew}, false, false},
	}
	for _, c := range cases {
		o, ok := ClosedLeadOutcome(ScoreInput{Lead: c.lead})
		if ok != c.ok || o.Converted != c.won {
			t.Errorf("%+v: ok %v converted %v, want %v %v", c.lead.Status, ok, o.Converted, c.ok, c.won)
		}
	}
}

func TestROCAUC(t *testing.T) {
	cases := []struct {
		scores []float64
		won    []bool
		want   float64
	}{
		{[]float64{0.9, 0.8, 0.2, 0.1}, []bool{true, true, false, false}, 1},
		{[]float64{0.1, 0.2, 0.8, 0.9}, []bool{true, true, false, false}, 0},
		// Of the four won-lost pairs, (0.9,0.5) (0.9,0.2) (0.3,0.2) are
		// ordered right and (0.3,0.5) wrong: 3/4.
		{[]float64{0.9, 0.3, 0.5, 0.2}, []bool{true, true, false, false}, 0.75},
		// A tie counts half: 0.5.
		{[]float64{0.5, 0.5}, []bool{true, false}, 0.5},
	}
	for _, c := range cases {
		if got := ROCAUC(c.scores, c.won); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("ROCAUC(%v, %v) = %v, want %v", c.scores, c.won, got, c.want)
		}
	}

	if got := ROCAUC([]float64{1, 2}, []bool{true, true}); !math.IsNaN(got) {
		t.Errorf("one outcome only: %v, want NaN", got)
	}
}
