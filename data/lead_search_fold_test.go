package data

import (
	"context"
	"reflect"
	"testing"

	"leadwerk/app"
)

func TestSearchSpellings(t *testing.T) {
	cases := map[string][]string{
		"Müller":        {"muller", "mueller"},
		"Mu\u0308ller":  {"muller", "mueller"},
		"ÖZTÜRK":        {"ozturk", "oeztuerk"},
		"José García":   {"jose garcia"},
		"Straße":        {"strasse"},
		"Łódź":          {"lodz"},
		"Søren Ærø":     {"soren aero"},
		"mueller":       {"mueller"},
		"jm@example.de": {"jm@example.de"},
		"":              {""},
	}
	for text, want := range cases {
		if got := searchSpellings(text); !reflect.DeepEqual(got, want) {
			t.Errorf("searchSpellings(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestSearchTextJoinsSpellings(t *testing.T) {
	if got, want := searchText("Jürgen Müller"), "jurgen muller\njuergen mueller"; got != want {
		t.Errorf("searchText = %q, want %q", got, want)
	}
}

func TestLeadSearchFoldsAccents(t *testing.T) {
	s := openLeadStore(t)
	mustCreate(t, s, person("Jürgen", "Müller", "Kühn GmbH", "jm@kuehn.example"))
	mustCreate(t, s, person("Anna", "Mueller", "Nord AG", "anna@nord.example"))
	mustCreate(t, s, person("José", "Ruiz", "Café Olé", "jose@cafe.example"))
	mustCreate(t, s, person("Hans", "Großmann", "Süd KG", "hans@sued.example"))

	cases := map[string]int{
		"muller":  1,
		"mueller": 2,
		"müller":  2,
		"MÜLLER":  2,
		"jürg":    1,
		"juerg":   1,
		"kuhn":    1,
		"kuehn":   1,
		"jose":    1,
		"josé":    1,
		"cafe ol": 1,
		"grossm":  1,
		"großm":   1,
		"grosm":   0,
		"sued":    1,
		"süd":     1,
	}
	checkSearchCounts(t, s, cases)
}

// checkSearchCounts checks how many leads each search of cases finds.
func checkSearchCounts(t *testing.T, s *Store, cases map[string]int) {
	t.Helper()

	for search, want := range cases {
		n, err := s.CountLeads(context.Background(), app.LeadQuery{Search: search})
		if err != nil {
			t.Fatalf("search %q: %v", search, err)
		}
		if n != want {
			t.Errorf("search %q found %d leads, want %d", search, n, want)
		}
	}
}

// TestLeadSearchMatchesEveryWord searches words that are in different
// fields or in another order than stored.
func TestLeadSearchMatchesEveryWord(t *testing.T) {
	s := openLeadStore(t)
	mustCreate(t, s, person("Jürgen", "Müller", "Kühn GmbH", "jm@kuehn.example"))
	mustCreate(t, s, person("Anna", "Mueller", "Nord AG", "anna@nord.example"))
	mustCreate(t, s, person("Hans", "Großmann", "Müller Bau GmbH", "hans@bau.example"))

	cases := map[string]int{
		"müller gmbh":     2,
		"gmbh müller":     2,
		"  müller   nord": 1,
		"kühn jürgen":     1,
		"mueller bau":     1,
		"müller süd":      0,
	}
	checkSearchCounts(t, s, cases)
}

func TestLeadSearchFoldsAfterEdit(t *testing.T) {
	s := openLeadStore(t)
	l := mustCreate(t, s, person("Anna", "Schmidt", "Nord AG", "anna@nord.example"))

	l.LastName = "Schäfer"
	if _, err := s.UpdateLead(context.Background(), l); err != nil {
		t.Fatal(err)
	}

	for search, want := range map[string]int{"schmidt": 0, "schafer": 1, "schaefer": 1} {
		n, err := s.CountLeads(context.Background(), app.LeadQuery{Search: search})
		if err != nil {
			t.Fatalf("search %q: %v", search, err)
		}
		if n != want {
			t.Errorf("after the edit, search %q found %d leads, want %d", search, n, want)
		}
	}
}

// TestMigration18FoldsStoredLeads stores a lead at schema version 17,
// whose index holds the text as typed, and searches it after migrating.
func TestMigration18FoldsStoredLeads(t *testing.T) {
	db := openAtVersion(t, 17)
	err := db.Exec(`INSERT INTO leads (first_name, last_name, company_name, email, city, created_at, updated_at)
		VALUES ('Jürgen', 'Müller', 'Kühn GmbH', '', 'Köln', '2026-01-01', '2026-01-01')`).Error
	if err != nil {
		t.Fatal(err)
	}

	if err := migrateTo(context.Background(), db, migrations); err != nil {
		t.Fatalf("migrate from version 17: %v", err)
	}

	for _, search := range []string{"muller", "mueller", "koln", "koeln", "kühn"} {
		phrase, _ := trigramPhrase(search)
		var n int
		if err := db.Raw(`SELECT COUNT(*) FROM leads_fts WHERE leads_fts MATCH ?`, phrase).Scan(&n).Error; err != nil {
			t.Fatalf("search %q: %v", search, err)
		}
		if n != 1 {
			t.Errorf("search %q found %d leads after the migration, want 1", search, n)
		}
	}
}
