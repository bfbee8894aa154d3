package data

import (
	"context"
	"errors"
	"testing"
	"time"

	"leadwerk/app"
)

// testNow is the fixed clock of the lead tests.
var testNow = time.Date(2025, time.March, 10, 9, 0, 0, 0, time.UTC)

// openLeadStore opens a fresh database whose clock is fixed at testNow.
func openLeadStore(t testing.TB) *Store {
	t.Helper()

	s := openTestStore(t)
	s.now = func() time.Time { return testNow }

	return s
}

// person returns a lead with a name, a company and an e-mail address.
func person(first, last, company, email string) app.Lead {
	return app.Lead{FirstName: first, LastName: last, CompanyName: company, Email: email}
}

func mustCreate(t testing.TB, s *Store, l app.Lead) app.Lead {
	t.Helper()

	created, err := s.CreateLead(context.Background(), l)
	if err != nil {
		t.Fatalf("CreateLead %s: %v", l.Name(), err)
	}

	return created
}

func mustDetail(t testing.TB, s *Store, id int64) app.LeadDetail {
	t.Helper()

	d, err := s.Lead(context.Background(), id)
	if err != nil {
		t.Fatalf("Lead %d: %v", id, err)
	}

	return d
}

// qualify moves a new lead to Qualified through Contacted.
func qualify(t testing.TB, s *Store, id int64) {
	t.Helper()

	for _, to := range []app.LeadStatus{app.LeadContacted, app.LeadQualified} {
		if err := s.ChangeLeadStatus(context.Background(), id, to, ""); err != nil {
			t.Fatalf("ChangeLeadStatus %d to %s: %v", id, to, err)
		}
	}
}

// addLeadActivity stores a call on the lead, created at the given time.
func addLeadActivity(t testing.TB, s *Store, leadID int64, subject string, at time.Time) int64 {
	t.Helper()

	row := activityToRow(app.Activity{LeadID: leadID, Kind: app.ActivityCall, Subject: subject, CreatedAt: at})
	if err := s.db.Create(&row).Error; err != nil {
		t.Fatalf("create activity: %v", err)
	}

	return row.ID
}

func wantErrorIs(t testing.TB, err, target error) {
	t.Helper()

	if !errors.Is(err, target) {
		t.Errorf("error = %v, want one wrapping %v", err, target)
	}
}

func leadNames(leads []app.Lead) []string {
	var names []string
	for _, l := range leads {
		names = append(names, l.Name())
	}

	return names
}

func reasonCodes(reasons []app.ScoreReason) []string {
	var codes []string
	for _, r := range reasons {
		codes = append(codes, r.Code)
	}

	return codes
}
