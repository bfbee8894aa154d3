package data

import (
	"context"
	"reflect"
	"testing"

	"leadwerk/app"
)

// addCompetitor stores a competitor of deal oppID and returns its id.
func addCompetitor(t *testing.T, s *Store, oppID int64, name string, status app.CompetitorStatus) int64 {
	t.Helper()

	saved, err := s.SaveCompetitor(context.Background(), app.Competitor{OpportunityID: oppID, Name: name,
		Strengths: "strong in " + name, Status: status})
	if err != nil {
		t.Fatalf("SaveCompetitor(%s): %v", name, err)
	}

	return saved.ID
}

// competitorStatuses returns the status of each competitor of deal oppID
// by name.
func competitorStatuses(t *testing.T, s *Store, oppID int64) map[string]app.CompetitorStatus {
	t.Helper()

	list, err := s.Competitors(context.Background(), oppID)
	if err != nil {
		t.Fatalf("Competitors(%d): %v", oppID, err)
	}

	statuses := map[string]app.CompetitorStatus{}
	for _, c := range list {
		statuses[c.Name] = c.Status
	}

	return statuses
}

func wantCompetitorStatuses(t *testing.T, s *Store, oppID int64, want map[string]app.CompetitorStatus) {
	t.Helper()

	if got := competitorStatuses(t, s, oppID); !reflect.DeepEqual(got, want) {
		t.Errorf("competitor statuses = %v, want %v", got, want)
	}
}

// openCompetingDeal returns a store whose deal opp:1 lists the active
// competitors Initech and Globex and the eliminated Umbrella, and the
// deal's id.
func openCompetingDeal(t *testing.T) (*Store, int64, map[string]int64) {
	t.Helper()

	s := openEditStore(t)
	id := idByRef(t, s, "opp:1")
	ids := map[string]int64{
		"Initech":  addCompetitor(t, s, id, "Initech", app.CompetitorActive),
		"Globex":   addCompetitor(t, s, id, "Globex", app.CompetitorActive),
		"Umbrella": addCompetitor(t, s, id, "Umbrella", app.CompetitorEliminated),
	}

	return s, id, ids
}

func TestCloseLostMarksListedWinner(t *testing.T) {
	s, id, ids := openCompetingDeal(t)

	err := s.CloseOpportunity(context.Background(), id, app.CloseRequest{Reason: "Price too high",
		CompetitorID: ids["Initech"]})
	if err != nil {
		t.Fatal(err)
	}

	wantCompetitorStatuses(t, s, id, map[string]app.CompetitorStatus{
		"Initech": app.CompetitorWonDeal, "Globex": app.CompetitorActive, "Umbrella": app.CompetitorEliminated,
	})
	if d := mustDeal(t, s, id); d.CloseCompetitor != "Initech" {
		t.Errorf("close competitor = %q, want Initech", d.CloseCompetitor)
	}
	wantChanges(t, s, id, "close_competitor", " -> Initech")

	list, err := s.Competitors(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range list {
		if c.Strengths != "strong in "+c.Name {
			t.Errorf("competitor %s has strengths %q after the close, want them kept", c.Name, c.Strengths)
		}
	}
}

func TestCloseLostByNameFindsListedCompetitor(t *testing.T) {
	s, id, _ := openCompetingDeal(t)
	addCompetitor(t, s, id, "Müller GmbH", app.CompetitorActive)

	err := s.CloseOpportunity(context.Background(), id, app.CloseRequest{Reason: "Price too high",
		Competitor: " mueller "})
	if err != nil {
		t.Fatal(err)
	}

	wantCompetitorStatuses(t, s, id, map[string]app.CompetitorStatus{
		"Initech": app.CompetitorActive, "Globex": app.CompetitorActive, "Umbrella": app.CompetitorEliminated,
		"Müller GmbH": app.CompetitorWonDeal,
	})
	if d := mustDeal(t, s, id); d.CloseCompetitor != "Müller GmbH" {
		t.Errorf("close competitor = %q, want the listed name Müller GmbH", d.CloseCompetitor)
	}
}

func TestCloseLostNamingNewCompetitorAddsIt(t *testing.T) {
	s, id, _ := openCompetingDeal(t)

	err := s.CloseOpportunity(context.Background(), id, app.CloseRequest{Reason: "Chose a competitor",
		Competitor: "  Hooli  "})
	if err != nil {
		t.Fatal(err)
	}

	wantCompetitorStatuses(t, s, id, map[string]app.CompetitorStatus{
		"Initech": app.CompetitorActive, "Globex": app.CompetitorActive, "Umbrella": app.CompetitorEliminated,
		"Hooli": app.CompetitorWonDeal,
	})
	if d := mustDeal(t, s, id); d.CloseCompetitor != "Hooli" {
		t.Errorf("close competitor = %q, want Hooli", d.CloseCompetitor)
	}
}

func TestCloseWonEliminatesBeatenCompetitor(t *testing.T) {
	s, id, ids := openCompetingDeal(t)

	err := s.CloseOpportunity(context.Background(), id, app.CloseRequest{Won: true, CompetitorID: ids["Globex"]})
	if err != nil {
		t.Fatal(err)
	}

	wantCompetitorStatuses(t, s, id, map[string]app.CompetitorStatus{
		"Initech": app.CompetitorActive, "Globex": app.CompetitorEliminated, "Umbrella": app.CompetitorEliminated,
	})
	wantProbability(t, mustDeal(t, s, id), "Won", 100, false)
}

func TestCloseWithoutCompetitorKeepsList(t *testing.T) {
	s, id, _ := openCompetingDeal(t)

	if err := s.CloseOpportunity(context.Background(), id, app.CloseRequest{Reason: "No budget"}); err != nil {
		t.Fatal(err)
	}

	wantCompetitorStatuses(t, s, id, map[string]app.CompetitorStatus{
		"Initech": app.CompetitorActive, "Globex": app.CompetitorActive, "Umbrella": app.CompetitorEliminated,
	})
	if d := mustDeal(t, s, id); d.CloseCompetitor != "" {
		t.Errorf("close competitor = %q, want none", d.CloseCompetitor)
	}
}

func TestCloseWithOtherDealsCompetitorRejected(t *testing.T) {
	s, id, _ := openCompetingDeal(t)
	other := addCompetitor(t, s, idByRef(t, s, "opp:3"), "Initech", app.CompetitorActive)

	err := s.CloseOpportunity(context.Background(), id, app.CloseRequest{Reason: "Price too high",
		CompetitorID: other})
	wantErrorIs(t, err, app.ErrNotFound)

	wantProbability(t, mustDeal(t, s, id), "Engaging", 50, false)
	wantCompetitorStatuses(t, s, idByRef(t, s, "opp:3"), map[string]app.CompetitorStatus{
		"Initech": app.CompetitorActive,
	})
}

func TestReopenReactivatesWinner(t *testing.T) {
	s, id, ids := openCompetingDeal(t)
	ctx := context.Background()
	if err := s.CloseOpportunity(ctx, id, app.CloseRequest{Reason: "Price too high", CompetitorID: ids["Initech"]}); err != nil {
		t.Fatal(err)
	}

	if err := s.ReopenOpportunity(ctx, id, stageIDOf(t, s, "Hardware", "Engaging")); err != nil {
		t.Fatal(err)
	}

	wantCompetitorStatuses(t, s, id, map[string]app.CompetitorStatus{
		"Initech": app.CompetitorActive, "Globex": app.CompetitorActive, "Umbrella": app.CompetitorEliminated,
	})
	wantChanges(t, s, id, "close_competitor", " -> Initech", "Initech -> ")
}

func TestReopenWonKeepsBeatenEliminated(t *testing.T) {
	s, id, ids := openCompetingDeal(t)
	ctx := context.Background()
	if err := s.CloseOpportunity(ctx, id, app.CloseRequest{Won: true, CompetitorID: ids["Globex"]}); err != nil {
		t.Fatal(err)
	}

	if err := s.ReopenOpportunity(ctx, id, stageIDOf(t, s, "Hardware", "Engaging")); err != nil {
		t.Fatal(err)
	}

	wantCompetitorStatuses(t, s, id, map[string]app.CompetitorStatus{
		"Initech": app.CompetitorActive, "Globex": app.CompetitorEliminated, "Umbrella": app.CompetitorEliminated,
	})
}
