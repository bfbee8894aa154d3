package data

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"leadwerk/app"
)

// closedLeadsBatch returns n referral and n website leads, all decided:
// referrals converted in 8 of 10 cases, website leads in 2 of 10.
func closedLeadsBatch(n int) app.ImportBatch {
	b := app.ImportBatch{Source: "test"}
	for i := range n {
		for _, source := range []string{"referral", "website"} {
			status := app.LeadDisqualified
			if (source == "referral" && i%10 < 8) || (source == "website" && i%10 < 2) {
				status = app.LeadConverted
			}
			b.Leads = append(b.Leads, app.Lead{
				LastName:  fmt.Sprintf("%s %d", source, i),
				Source:    source,
				Status:    status,
				SourceRef: fmt.Sprintf("test:%s:%d", source, i),
			})
		}
	}
	return b
}

func TestLeadModelLearnsFromClosedLeads(t *testing.T) {
	s := openLeadStore(t)
	ctx := context.Background()
	mustImport(t, s, closedLeadsBatch(150))

	referral := mustCreate(t, s, app.Lead{LastName: "Open referral", Source: "referral"})
	website := mustCreate(t, s, app.Lead{LastName: "Open website", Source: "website"})

	got, err := s.PredictLeads(ctx, []int64{referral.ID, website.ID})
	if err != nil {
		t.Fatal(err)
	}

	if got[referral.ID].Probability < 0.7 || got[website.ID].Probability > 0.3 {
		t.Errorf("referral %.2f, website %.2f, want about 0.8 and 0.2",
			got[referral.ID].Probability, got[website.ID].Probability)
	}

	// The two open leads are not part of the history.
	m, err := s.LeadModel(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if m.Trained != 300 {
		t.Errorf("learned from %d leads, want the 300 closed ones", m.Trained)
	}
}

func TestLeadModelLearnsAgainWhenHistoryChanges(t *testing.T) {
	s := openLeadStore(t)
	ctx := context.Background()
	mustImport(t, s, closedLeadsBatch(150))

	first, err := s.LeadModel(ctx)
	if err != nil {
		t.Fatal(err)
	}
	again, err := s.LeadModel(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if again != first {
		t.Error("an unchanged history was learned again")
	}

	l := mustCreate(t, s, app.Lead{LastName: "Late loss", Source: "website"})
	if err := s.ChangeLeadStatus(ctx, l.ID, app.LeadDisqualified, "no budget"); err != nil {
		t.Fatal(err)
	}

	changed, err := s.LeadModel(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if changed == first || changed.Trained != 301 {
		t.Errorf("after one more loss: learned again %v, from %d leads; want a new model from 301", changed != first, changed.Trained)
	}
}

func TestLeadModelSaysWhenHistoryIsTooShort(t *testing.T) {
	s := openLeadStore(t)
	mustImport(t, s, closedLeadsBatch(20))

	_, err := s.PredictLeads(context.Background(), []int64{1})
	if !errors.Is(err, app.ErrTooFewClosedLeads) {
		t.Fatalf("err = %v, want ErrTooFewClosedLeads", err)
	}
}
