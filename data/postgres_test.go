package data

import (
	"context"
	"errors"
	"strings"
	"testing"

	"leadwerk/app"
)

// requirePostgres skips a test of the PostgreSQL backend itself when the
// tests run on SQLite files.
func requirePostgres(t testing.TB) {
	t.Helper()

	if testPostgresURL() == "" {
		t.Skipf("PostgreSQL only: set %s to the URL of a server whose role may create databases", testPostgresEnv)
	}
}

func TestPostgresFindsLeadWithoutAccents(t *testing.T) {
	requirePostgres(t)
	s := openTestStore(t)
	ctx := context.Background()

	if !s.backend.isPostgres() {
		t.Fatalf("store on %s uses SQLite", s.Path())
	}

	created, err := s.CreateLead(ctx, app.Lead{FirstName: "Jürgen", LastName: "Müller", CompanyName: "Müller GmbH",
		Email: "jm@mueller.example", City: "Köln", Status: app.LeadNew})
	if err != nil {
		t.Fatalf("CreateLead: %v", err)
	}

	if _, err := s.CreateLead(ctx, app.Lead{FirstName: "Mary", LastName: "Adams", Status: app.LeadNew}); err != nil {
		t.Fatalf("CreateLead Adams: %v", err)
	}

	for _, search := range []string{"muller", "Mueller", "müll", "jurgen m", "koln"} {
		leads, err := s.ListLeads(ctx, app.LeadQuery{Search: search, Limit: 10})
		if err != nil {
			t.Fatalf("ListLeads %q: %v", search, err)
		}

		if len(leads) != 1 || leads[0].ID != created.ID {
			t.Errorf("search %q found %v, want only lead %d", search, leads, created.ID)
		}

		n, err := s.CountLeads(ctx, app.LeadQuery{Search: search})
		if err != nil {
			t.Fatalf("CountLeads %q: %v", search, err)
		}

		if n != 1 {
			t.Errorf("search %q counted %d leads, want 1", search, n)
		}
	}
}

func TestPostgresRejectsPasswordInURL(t *testing.T) {
	_, err := Open("postgres://anna:secret@127.0.0.1:1/leadwerk")
	if err == nil {
		t.Fatal("Open accepted a URL with a password")
	}

	if !errors.Is(err, app.ErrInvalid) {
		t.Errorf("error %v does not wrap app.ErrInvalid", err)
	}

	if strings.Contains(err.Error(), "secret") {
		t.Errorf("error %q shows the password", err)
	}
}
