package app_test

import (
	"math/rand/v2"
	"path/filepath"
	"testing"

	"leadwerk/app"
	"leadwerk/app/testenv"
	"leadwerk/app/xeducation"
)

// evaluationSeed fixes the 70/30 split that docs/SCORING.md reports.
const evaluationSeed = 20240601

// TestLearnedScoreOnXEducation learns from a seeded random 70 % of the X
// Education leads and measures the ROC AUC on the other 30 %. Every lead
// in that file is decided: Converted 1 became a customer, 0 did not.
//
// Run it with -v to print the figures that docs/SCORING.md reports.
func TestLearnedScoreOnXEducation(t *testing.T) {
	path := filepath.Join(testenv.SharedData(t, "xeducation-leads"), "Leads.csv")
	batch, err := xeducation.Load(path)
	if err != nil {
		t.Fatal(err)
	}

	train, test := splitOutcomes(batch.Leads, evaluationSeed)
	m, err := app.TrainLeadModel(train)
	if err != nil {
		t.Fatal(err)
	}

	scores := make([]float64, len(test))
	won := make([]bool, len(test))
	for i, o := range test {
		scores[i] = m.Predict(o.Input).Probability
		won[i] = o.Converted
	}
	auc := app.ROCAUC(scores, won)

	t.Logf("learned from %d leads (%d converted), tested on %d: ROC AUC %.3f", m.Trained, m.Converted, len(test), auc)
	for _, w := range m.StrongestWeights(8) {
		t.Logf("  %-12s %-32q %+.2f  (%d leads)", w.Attribute, w.Value, w.Weight, w.Leads)
	}

	// Source, origin, course and occupation alone separate the outcomes
	// well in this file; below 0.75 the model or the split is broken.
	if auc < 0.75 {
		t.Errorf("ROC AUC %.3f on the held-out leads, want at least 0.75", auc)
	}
}

// splitOutcomes shuffles the leads with a fixed seed and returns the first
// 70 % for learning and the rest for testing.
func splitOutcomes(leads []app.Lead, seed uint64) (train, test []app.LeadOutcome) {
	outcomes := make([]app.LeadOutcome, len(leads))
	for i, l := range leads {
		outcomes[i] = app.LeadOutcome{Input: app.ScoreInput{Lead: l}, Converted: l.Status == app.LeadConverted}
	}

	r := rand.New(rand.NewPCG(seed, seed))
	r.Shuffle(len(outcomes), func(i, j int) { outcomes[i], outcomes[j] = outcomes[j], outcomes[i] })

	cut := len(outcomes) * 7 / 10

	return outcomes[:cut], outcomes[cut:]
}
