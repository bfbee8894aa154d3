package data

import (
	"context"
	"errors"
	"testing"

	"leadwerk/app"
)

func TestAddLeadActivityScoresEngagement(t *testing.T) {
	s := openTestStore(t)
	mustImport(t, s, sampleBatch())
	id := leadIDByRef(t, s, "lead:1")

	lead, err := s.AddLeadActivity(context.Background(), app.Activity{LeadID: id, Kind: app.ActivityCall, Subject: "First call"})
	if err != nil {
		t.Fatal(err)
	}

	if lead.Score != 2 || len(lead.ScoreReasons) == 0 || lead.ScoreReasons[0].Code != app.ReasonEngagement {
		t.Errorf("after one activity the score is %d with %+v, want 2 for engagement", lead.Score, lead.ScoreReasons)
	}
	if lead.LastActivityAt.IsZero() {
		t.Error("last activity time was not set")
	}

	detail, err := s.Lead(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if len(detail.Activities) != 1 || detail.Activities[0].Subject != "First call" {
		t.Errorf("lead activities = %+v, want the call", detail.Activities)
	}
}

func TestAddLeadActivityRejectsMissingSubject(t *testing.T) {
	s := openTestStore(t)
	mustImport(t, s, sampleBatch())

	_, err := s.AddLeadActivity(context.Background(), app.Activity{LeadID: leadIDByRef(t, s, "lead:1"), Kind: app.ActivityCall})
	if !errors.Is(err, app.ErrInvalid) {
		t.Errorf("error = %v, want ErrInvalid", err)
	}

	_, err = s.AddLeadActivity(context.Background(), app.Activity{LeadID: 9999, Kind: app.ActivityCall, Subject: "x"})
	if !errors.Is(err, app.ErrNotFound) {
		t.Errorf("unknown lead: error = %v, want ErrNotFound", err)
	}
}

func TestImportLeadActivitiesAndCounts(t *testing.T) {
	s := openTestStore(t)
	b := sampleBatch()
	b.LeadActivities = []app.LeadActivityImport{{LeadRef: "lead:2", Activity: app.Activity{Kind: app.ActivityMeeting, Subject: "Demo"}}}

	first := mustImport(t, s, b)
	second := mustImport(t, s, b)

	if first.LeadsCreated != 2 || first.LeadsUpdated != 0 {
		t.Errorf("first import created %d and updated %d leads, want 2 and 0", first.LeadsCreated, first.LeadsUpdated)
	}
	if second.LeadsCreated != 0 || second.LeadsUpdated != 2 {
		t.Errorf("second import created %d and updated %d leads, want 0 and 2", second.LeadsCreated, second.LeadsUpdated)
	}

	detail, err := s.Lead(context.Background(), leadIDByRef(t, s, "lead:2"))
	if err != nil {
		t.Fatal(err)
	}
	if len(detail.Activities) != 1 {
		t.Errorf("lead has %d activities after two imports, want 1", len(detail.Activities))
	}
}

func TestLeadSourceFilterIgnoresCase(t *testing.T) {
	s := openTestStore(t)
	b := sampleBatch()
	b.Leads[0].Source = app.SourceTradeFair
	mustImport(t, s, b)

	n, err := s.CountLeads(context.Background(), app.LeadQuery{Sources: []string{"Trade Fair"}})
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("source filter \"Trade Fair\" found %d leads, want the trade fair lead", n)
	}
}
