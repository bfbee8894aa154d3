package data

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"leadwerk/app"
)

func TestBulkAppliesProbabilityRules(t *testing.T) {
	s := openEditStore(t)
	ctx := context.Background()
	engaging, won, moving := idByRef(t, s, "opp:1"), idByRef(t, s, "opp:2"), idByRef(t, s, "opp:3")
	if err := s.SetOpportunityProbability(ctx, engaging, 70); err != nil {
		t.Fatal(err)
	}
	if err := s.SetOpportunityProbability(ctx, moving, 25); err != nil {
		t.Fatal(err)
	}

	stage, owner := stageIDOf(t, s, "Hardware", "Engaging"), "Ben Vogel"
	closeDate := app.Date{Year: 2024, Month: time.December, Day: 1}
	n, err := s.BulkUpdate(ctx, []int64{engaging, won, moving, moving},
		app.BulkChange{StageID: &stage, Owner: &owner, CloseDate: &closeDate})
	if err != nil {
		t.Fatal(err)
	}

	if n != 3 {
		t.Errorf("BulkUpdate changed %d deals, want 3", n)
	}
	wantProbability(t, mustDeal(t, s, engaging), "Engaging", 70, true)
	wantProbability(t, mustDeal(t, s, won), "Won", 100, false)
	wantProbability(t, mustDeal(t, s, moving), "Engaging", 50, false)
	for _, id := range []int64{engaging, won, moving} {
		d := mustDeal(t, s, id)
		if d.Owner != owner || d.CloseDate != closeDate {
			t.Errorf("deal %q owner %q, close date %s; want %q, %s", d.Title, d.Owner, d.CloseDate, owner, closeDate)
		}
		wantChanges(t, s, id, "owner", "Anna Schmidt -> Ben Vogel")
		wantChanges(t, s, id, "close_date", "2024-03-01 -> 2024-12-01")
	}

	want := []string{"Prospecting -> Engaging at 50 % of 26000.00 USD"}
	if got := stageMovesNow(t, s, moving); !reflect.DeepEqual(got, want) {
		t.Errorf("stage moves of the moved deal = %q, want %q", got, want)
	}
	for _, id := range []int64{engaging, won} {
		if got := stageMovesNow(t, s, id); len(got) != 0 {
			t.Errorf("stage moves of deal %d = %q, want none", id, got)
		}
	}
	wantChanges(t, s, moving, "probability", "10 % -> 25 %", "25 % -> 50 %")
}

func TestBulkOwnerOnlyKeepsProbability(t *testing.T) {
	s := openEditStore(t)
	ctx := context.Background()
	id := idByRef(t, s, "opp:1")
	if err := s.SetOpportunityProbability(ctx, id, 0); err != nil {
		t.Fatal(err)
	}

	owner := ""
	n, err := s.BulkUpdate(ctx, []int64{id}, app.BulkChange{Owner: &owner})
	if err != nil {
		t.Fatal(err)
	}

	if n != 1 {
		t.Errorf("BulkUpdate changed %d deals, want 1", n)
	}
	d := mustDeal(t, s, id)
	wantProbability(t, d, "Engaging", 0, true)
	if d.Owner != "" {
		t.Errorf("owner %q, want empty", d.Owner)
	}
}

func TestBulkRollsBackOnError(t *testing.T) {
	tests := []struct {
		name   string
		ids    func(s *Store) []int64
		change func(t *testing.T, s *Store) app.BulkChange
		want   error
	}{
		{"unknown deal", func(s *Store) []int64 { return []int64{idByRef(t, s, "opp:3"), 9999} },
			func(t *testing.T, s *Store) app.BulkChange {
				stage := stageIDOf(t, s, "Hardware", "Engaging")
				return app.BulkChange{StageID: &stage}
			}, app.ErrNotFound},
		{"lost stage", func(s *Store) []int64 { return []int64{idByRef(t, s, "opp:3")} },
			func(t *testing.T, s *Store) app.BulkChange {
				stage := stageIDOf(t, s, "Hardware", "Lost")
				return app.BulkChange{StageID: &stage}
			}, app.ErrInvalid},
		{"won stage", func(s *Store) []int64 { return []int64{idByRef(t, s, "opp:3")} },
			func(t *testing.T, s *Store) app.BulkChange {
				stage := stageIDOf(t, s, "Hardware", "Won")
				return app.BulkChange{StageID: &stage}
			}, app.ErrInvalid},
		{"deleted stage", func(s *Store) []int64 { return []int64{idByRef(t, s, "opp:3")} },
			func(t *testing.T, s *Store) app.BulkChange {
				stage := deletedTrialStage(t, s)
				return app.BulkChange{StageID: &stage}
			}, app.ErrNotFound},
		{"other pipeline", func(s *Store) []int64 { return []int64{idByRef(t, s, "opp:3")} },
			func(t *testing.T, s *Store) app.BulkChange {
				stage := stageIDOf(t, s, "Sales", "Proposal")
				return app.BulkChange{StageID: &stage}
			}, app.ErrInvalid},
		{"impossible date", func(s *Store) []int64 { return []int64{idByRef(t, s, "opp:3")} },
			func(t *testing.T, s *Store) app.BulkChange {
				return app.BulkChange{CloseDate: &app.Date{Year: 2023, Month: 2, Day: 29}}
			}, app.ErrInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := openEditStore(t)
			id := idByRef(t, s, "opp:3")

			n, err := s.BulkUpdate(context.Background(), tc.ids(s), tc.change(t, s))

			wantErrorIs(t, err, tc.want)
			if n != 0 {
				t.Errorf("BulkUpdate changed %d deals, want 0", n)
			}
			wantProbability(t, mustDeal(t, s, id), "Prospecting", 10, false)
			if got := countRows(t, s, "opportunity_field_changes"); got != 0 {
				t.Errorf("%d field changes stored, want none", got)
			}
		})
	}
}

func TestBulkClosedDealsKeepStage(t *testing.T) {
	s := openEditStore(t)
	ctx := context.Background()
	won, lost := idByRef(t, s, "opp:2"), idByRef(t, s, "opp:1")
	if err := s.CloseOpportunity(ctx, lost, app.CloseRequest{Reason: "price"}); err != nil {
		t.Fatal(err)
	}

	stage := stageIDOf(t, s, "Hardware", "Prospecting")
	n, err := s.BulkUpdate(ctx, []int64{won, lost}, app.BulkChange{StageID: &stage})
	if err != nil {
		t.Fatal(err)
	}

	if n != 0 {
		t.Errorf("BulkUpdate changed %d deals, want 0", n)
	}
	wantProbability(t, mustDeal(t, s, won), "Won", 100, false)
	wantProbability(t, mustDeal(t, s, lost), "Lost", 0, false)
}

// TestMigration5KeepsVersion4Deals builds a database with migrations 1 to
// 4, stores a deal with SQL, and opens it with every migration.
func TestMigration5KeepsVersion4Deals(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leadwerk.db")
	db, err := openGorm(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := migrateTo(context.Background(), db, migrations[:4]); err != nil {
		t.Fatal(err)
	}
	created := time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)
	err = db.Exec(`INSERT INTO opportunities (id, title, pipeline_id, stage_id, amount_minor, amount_currency,
		probability, probability_manual, close_date, owner, notes, created_at, updated_at)
		SELECT 7, 'Müller retrofit', p.id, st.id, 120000, 'EUR', 35, 1, '2024-07-31', 'Tom', 'v4 note', ?, ?
		FROM pipelines p JOIN stages st ON st.pipeline_id = p.id AND st.name = 'Needs analysis'`,
		created, created).Error
	if err != nil {
		t.Fatal(err)
	}
	if sqlDB, err := db.DB(); err == nil {
		sqlDB.Close()
	}

	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open after version 4: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })

	d := mustDeal(t, s, 7)
	wantProbability(t, d, "Needs analysis", 35, true)
	if d.Title != "Müller retrofit" || d.Notes != "v4 note" || d.Amount != (app.Money{Minor: 120000, Currency: "EUR"}) {
		t.Errorf("deal %q, notes %q, amount %s; want the version 4 values", d.Title, d.Notes, d.Amount)
	}
	if d.NextStep != "" || d.CustomerBudget != (app.Money{}) || d.CloseReason != "" {
		t.Errorf("new fields %q, %s, %q; want empty", d.NextStep, d.CustomerBudget, d.CloseReason)
	}

	d.NextStep = "site visit"
	if _, err := s.UpdateOpportunity(context.Background(), d.Opportunity); err != nil {
		t.Fatal(err)
	}
	wantChanges(t, s, 7, "next_step", " -> site visit")

	if err := s.db.Exec("DELETE FROM opportunities WHERE id = 7").Error; err != nil {
		t.Fatal(err)
	}
	if n := countRows(t, s, "opportunity_field_changes"); n != 0 {
		t.Errorf("%d field changes left after deleting their deal, want 0", n)
	}
}
