package data

import (
	"context"
	"testing"

	"leadwerk/app"
)

func TestImportQualificationsAndProfile(t *testing.T) {
	s := openTestStore(t)
	b := sampleBatch()
	b.Profile = &app.IdealCustomerProfile{Regions: []app.ProfileCriterion{{Value: "Köln", Weight: 5}}}
	b.Leads[0].Region = "Köln"
	b.Qualifications = []app.QualificationImport{{
		LeadRef:       "lead:1",
		Qualification: app.Qualification{Budget: app.BudgetConfirmed, Authority: app.DecisionMaker, Timeframe: app.Time1To3Months},
	}}
	mustImport(t, s, b)
	mustImport(t, s, b)

	id := leadIDByRef(t, s, "lead:1")
	detail, err := s.Lead(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}

	if len(detail.Qualifications) != 1 {
		t.Errorf("lead has %d qualifications after two imports, want 1", len(detail.Qualifications))
	}
	// 20 fit + 25 budget + 20 decision maker + 10 timeframe.
	if detail.Score != 75 || detail.Temperature != app.Hot {
		t.Errorf("score %d (%s), want 75 (hot): %+v", detail.Score, detail.Temperature, detail.ScoreReasons)
	}

	profile, err := s.IdealCustomerProfile(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(profile.Regions) != 1 || profile.Regions[0].Value != "Köln" {
		t.Errorf("stored profile = %+v, want the batch's", profile)
	}
}

func TestImportQualificationOfUnknownLead(t *testing.T) {
	s := openTestStore(t)
	b := sampleBatch()
	b.Qualifications = []app.QualificationImport{{LeadRef: "lead:404"}}

	if _, err := s.Import(context.Background(), b, nil); err == nil {
		t.Fatal("import with a qualification of an unknown lead succeeded")
	}

	n, err := s.CountLeads(context.Background(), app.LeadQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("the failed import left %d leads, want 0", n)
	}
}

func leadIDByRef(t testing.TB, s *Store, ref string) int64 {
	t.Helper()

	var id int64
	if err := s.db.Raw("SELECT id FROM leads WHERE source_ref = ?", ref).Scan(&id).Error; err != nil || id == 0 {
		t.Fatalf("lead %s not found (err %v)", ref, err)
	}

	return id
}
