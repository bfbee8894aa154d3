package data

import (
	"context"
	"testing"

	"leadwerk/app"
)

func TestSearchFoldsUmlautCase(t *testing.T) {
	s := openTestStore(t)
	b := sampleBatch()
	b.Opportunities = append(b.Opportunities, deal("opp:4", "Prüfstand für Ärztehaus Öztürk", "", "Engaging", 100))
	mustImport(t, s, b)

	for _, search := range []string{"öztürk", "ÖZTÜRK", "ärztehaus", "PRÜFSTAND"} {
		rows, err := s.ListOpportunities(context.Background(), app.OpportunityQuery{Search: search})
		if err != nil {
			t.Fatal(err)
		}

		if len(rows) != 1 || rows[0].Title != "Prüfstand für Ärztehaus Öztürk" {
			t.Errorf("search %q found %d deals, want the Ärztehaus deal alone", search, len(rows))
		}
	}
}

func TestLeadSearchFoldsUmlautCase(t *testing.T) {
	s := openTestStore(t)
	mustImport(t, s, sampleBatch())

	for _, search := range []string{"jürgen", "JÜRGEN WEBER", "köln"} {
		n, err := s.CountLeads(context.Background(), app.LeadQuery{Search: search})
		if err != nil {
			t.Fatal(err)
		}

		if n != 1 {
			t.Errorf("lead search %q found %d leads, want 1", search, n)
		}
	}
}

func TestSearchKeepsWildcardsLiteral(t *testing.T) {
	s := openTestStore(t)
	mustImport(t, s, sampleBatch())

	for _, search := range []string{"%", "_", `\`} {
		n, err := s.CountOpportunities(context.Background(), app.OpportunityQuery{Search: search})
		if err != nil {
			t.Fatal(err)
		}

		if n != 0 {
			t.Errorf("search %q found %d deals, want 0 because no title contains it", search, n)
		}
	}
}
