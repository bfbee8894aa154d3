package data

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"leadwerk/app"
)

// openTeam opens two stores on one database file, signed in as anna and
// ben, as two people share one database in team mode. It releases the
// single-instance file lock after each open, because that lock exists to
// keep a second Leadwerk off a file that this test shares on purpose.
func openTeam(t *testing.T) (anna, ben *Store) {
	t.Helper()

	path := filepath.Join(t.TempDir(), "team.db")
	open := func(login string) *Store {
		s, err := Open(path)
		if err != nil {
			t.Fatalf("Open as %s: %v", login, err)
		}
		t.Cleanup(func() { _ = s.Close() })
		s.lock.release()

		if _, err := s.SignIn(context.Background(), login); err != nil {
			t.Fatalf("SignIn %s: %v", login, err)
		}

		return s
	}

	anna = open("anna")
	ben = open("ben")

	return anna, ben
}

// conflictOf returns the *app.ConflictError inside err, failing the test
// when err holds none.
func conflictOf(t *testing.T, err error) *app.ConflictError {
	t.Helper()

	var conflict *app.ConflictError
	if !errors.As(err, &conflict) {
		t.Fatalf("error = %v, want a *app.ConflictError", err)
	}
	if !errors.Is(err, app.ErrConflict) {
		t.Errorf("error %v does not wrap app.ErrConflict", err)
	}

	return conflict
}

func leadOf(t *testing.T, s *Store, id int64) app.Lead {
	t.Helper()

	detail, err := s.Lead(context.Background(), id)
	if err != nil {
		t.Fatalf("Lead %d: %v", id, err)
	}

	return detail.Lead
}

func TestLeadSaveConflictShowsBothValues(t *testing.T) {
	ctx := context.Background()
	anna, ben := openTeam(t)
	created := mustCreate(t, anna, person("Jürgen", "Weber", "Weber GmbH", "jw@weber.example"))

	annasForm, bensForm := leadOf(t, anna, created.ID), leadOf(t, ben, created.ID)
	annasForm.City, bensForm.City = "Köln", "Bonn"
	saved, err := anna.UpdateLead(ctx, annasForm)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Version != created.Version+1 {
		t.Errorf("version after anna's save = %d, want %d", saved.Version, created.Version+1)
	}

	_, err = ben.UpdateLead(ctx, bensForm)
	conflict := conflictOf(t, err)
	theirs, ok := conflict.Stored.(app.Lead)
	if !ok {
		t.Fatalf("Stored = %T, want app.Lead", conflict.Stored)
	}
	if theirs.City != "Köln" || theirs.Version != saved.Version {
		t.Errorf("stored lead = city %q version %d, want Köln version %d", theirs.City, theirs.Version, saved.Version)
	}
	if conflict.Version != bensForm.Version {
		t.Errorf("conflict version = %d, want ben's %d", conflict.Version, bensForm.Version)
	}
	if got := leadOf(t, anna, created.ID).City; got != "Köln" {
		t.Errorf("city after the rejected save = %q, want anna's Köln", got)
	}

	differing := app.DifferingFields(app.LeadConflictFields(), bensForm, theirs)
	if len(differing) != 1 || differing[0].Key != "city" {
		t.Errorf("differing fields = %v, want only city", fieldKeys(differing))
	}

	merged := app.MergeLeads(bensForm, theirs, nil)
	if _, err := ben.UpdateLead(ctx, merged); err != nil {
		t.Fatalf("save after keeping mine: %v", err)
	}
	if got := leadOf(t, anna, created.ID); got.City != "Bonn" || got.Version != saved.Version+1 {
		t.Errorf("lead after ben keeps his = city %q version %d, want Bonn version %d", got.City, got.Version,
			saved.Version+1)
	}
}

func fieldKeys[T any](fields []app.ConflictField[T]) []string {
	keys := make([]string, len(fields))
	for i, f := range fields {
		keys[i] = f.Key
	}

	return keys
}

func TestLeadSaveWithoutVersionSkipsCheck(t *testing.T) {
	ctx := context.Background()
	s := openLeadStore(t)
	created := mustCreate(t, s, person("Mary", "Adams", "Adams Ltd", "mary@adams.example"))

	first := created
	first.City = "Leeds"
	if _, err := s.UpdateLead(ctx, first); err != nil {
		t.Fatal(err)
	}

	unversioned := created
	unversioned.Version, unversioned.City = 0, "York"
	saved, err := s.UpdateLead(ctx, unversioned)
	if err != nil {
		t.Fatalf("save without a version: %v", err)
	}
	if saved.City != "York" || saved.Version != 3 {
		t.Errorf("saved = city %q version %d, want York version 3", saved.City, saved.Version)
	}
}

// teamDeal imports one deal in stage Prospecting through anna and
// returns its id.
func teamDeal(t *testing.T, anna *Store) int64 {
	t.Helper()

	batch := app.ImportBatch{Source: "test", Pipeline: hardwarePipeline(),
		Opportunities: []app.OpportunityImport{deal("opp:1", "Cancity GTX Pro", "", "Prospecting", 105400)}}
	mustImport(t, anna, batch)

	return idByRef(t, anna, "opp:1")
}

func TestDealSaveConflictShowsBothValues(t *testing.T) {
	ctx := context.Background()
	anna, ben := openTeam(t)
	id := teamDeal(t, anna)

	annasForm, bensForm := mustDeal(t, anna, id).Opportunity, mustDeal(t, ben, id).Opportunity
	annasForm.Amount, bensForm.NextStep = usd(200000), "Call the buyer"
	if _, err := anna.UpdateOpportunity(ctx, annasForm); err != nil {
		t.Fatal(err)
	}

	_, err := ben.UpdateOpportunity(ctx, bensForm)
	theirs, ok := conflictOf(t, err).Stored.(app.Opportunity)
	if !ok {
		t.Fatalf("Stored is not an app.Opportunity")
	}
	if theirs.Amount != usd(200000) {
		t.Errorf("stored amount = %v, want anna's 2000.00 USD", theirs.Amount)
	}

	differing := fieldKeys(app.DifferingFields(app.OpportunityConflictFields(), bensForm, theirs))
	if len(differing) != 2 || differing[0] != "amount" || differing[1] != "next_step" {
		t.Errorf("differing fields = %v, want amount and next_step", differing)
	}

	merged := app.MergeOpportunities(bensForm, theirs, map[string]bool{"amount": true})
	if _, err := ben.UpdateOpportunity(ctx, merged); err != nil {
		t.Fatalf("save with anna's amount and ben's next step: %v", err)
	}
	got := mustDeal(t, anna, id)
	if got.Amount != usd(200000) {
		t.Errorf("amount = %v, want anna's 2000.00 USD", got.Amount)
	}
	if got.NextStep != "Call the buyer" {
		t.Errorf("next step = %q, want ben's", got.NextStep)
	}
}

func TestStageMovesOfTwoPeopleKeepHistory(t *testing.T) {
	ctx := context.Background()
	anna, ben := openTeam(t)
	id := teamDeal(t, anna)
	stages := stageIDs(t, anna)
	engaging, won := stages["Hardware/Engaging"], stages["Hardware/Won"]

	// Both see the deal in Prospecting. Anna moves it to Engaging, then
	// Ben, whose screen still shows Prospecting, moves it to Won.
	bensForm := mustDeal(t, ben, id).Opportunity
	if err := anna.MoveOpportunity(ctx, id, engaging); err != nil {
		t.Fatal(err)
	}
	if err := ben.MoveOpportunity(ctx, id, won); err != nil {
		t.Fatal(err)
	}

	history := mustDeal(t, anna, id).History
	if len(history) < 2 {
		t.Fatalf("history has %d moves, want the import's and two more", len(history))
	}
	moves := history[len(history)-2:]
	if moves[0].From != "Prospecting" || moves[0].To != "Engaging" || moves[0].By != "anna" {
		t.Errorf("first move = %s→%s by %q, want Prospecting→Engaging by anna", moves[0].From, moves[0].To, moves[0].By)
	}
	if moves[1].From != "Engaging" || moves[1].To != "Won" || moves[1].By != "ben" {
		t.Errorf("second move = %s→%s by %q, want Engaging→Won by ben", moves[1].From, moves[1].To, moves[1].By)
	}

	// A stage move changes no form field, so ben's open form still saves.
	bensForm.NextStep = "Send the contract"
	if _, err := ben.UpdateOpportunity(ctx, bensForm); err != nil {
		t.Fatalf("form save after two stage moves: %v", err)
	}
	if got := mustDeal(t, anna, id); got.Stage.Name != "Won" {
		t.Errorf("stage after the form save = %s, want Won", got.Stage.Name)
	}
}
