package data

import (
	"context"
	"os/user"
	"path/filepath"
	"testing"
	"time"

	"leadwerk/app"
)

// fieldChangeStamps returns the user names stamped on the recorded
// changes of one field of deal id, oldest first.
func fieldChangeStamps(t *testing.T, s *Store, id int64, field string) []string {
	t.Helper()

	changes, err := s.FieldChanges(context.Background(), id)
	if err != nil {
		t.Fatalf("FieldChanges(%d): %v", id, err)
	}

	var stamps []string
	for _, c := range changes {
		if c.Field == field {
			stamps = append(stamps, c.By)
		}
	}

	return stamps
}

// lastStageChangeStamp returns the user name stamped on the newest stage
// change of deal id.
func lastStageChangeStamp(t *testing.T, s *Store, id int64) string {
	t.Helper()

	history := mustDeal(t, s, id).History
	if len(history) == 0 {
		t.Fatalf("deal %d has no stage changes", id)
	}

	return history[len(history)-1].By
}

func mustSaveUserName(t *testing.T, s *Store, name string) {
	t.Helper()

	if err := s.SaveUserName(context.Background(), name); err != nil {
		t.Fatalf("SaveUserName(%q): %v", name, err)
	}
}

func TestDealWritesRecordUserName(t *testing.T) {
	cases := []struct {
		name string
		// write changes a deal of sampleBatch and returns its id.
		write func(t *testing.T, s *Store) int64
		// field is the field change the write records, "" for none.
		field string
		// movesStage is true when the write records a stage change.
		movesStage bool
	}{
		{"single edit", func(t *testing.T, s *Store) int64 {
			d := mustDeal(t, s, idByRef(t, s, "opp:1")).Opportunity
			d.Title = "Cancity GTX Pro, 20 units"
			if _, err := s.UpdateOpportunity(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			return d.ID
		}, "title", false},
		{"move", func(t *testing.T, s *Store) int64 {
			id := idByRef(t, s, "opp:3")
			if err := s.MoveOpportunity(context.Background(), id, stageIDOf(t, s, "Hardware", "Engaging")); err != nil {
				t.Fatal(err)
			}
			return id
		}, "stage", true},
		{"probability set by hand", func(t *testing.T, s *Store) int64 {
			id := idByRef(t, s, "opp:1")
			if err := s.SetOpportunityProbability(context.Background(), id, 65); err != nil {
				t.Fatal(err)
			}
			return id
		}, "probability", false},
		{"bulk edit", func(t *testing.T, s *Store) int64 {
			ids := []int64{idByRef(t, s, "opp:1"), idByRef(t, s, "opp:3")}
			owner := "Ben Weber"
			if _, err := s.BulkUpdate(context.Background(), ids, app.BulkChange{Owner: &owner}); err != nil {
				t.Fatal(err)
			}
			return ids[1]
		}, "owner", false},
		{"close", func(t *testing.T, s *Store) int64 {
			id := idByRef(t, s, "opp:1")
			if err := s.CloseOpportunity(context.Background(), id, app.CloseRequest{Won: true}); err != nil {
				t.Fatal(err)
			}
			return id
		}, "stage", true},
		{"reopen", func(t *testing.T, s *Store) int64 {
			id := idByRef(t, s, "opp:2")
			err := s.ReopenOpportunity(context.Background(), id, stageIDOf(t, s, "Hardware", "Engaging"))
			if err != nil {
				t.Fatal(err)
			}
			return id
		}, "stage", true},
		{"stage deletion", func(t *testing.T, s *Store) int64 {
			engaging, prospecting := stageIDOf(t, s, "Hardware", "Engaging"), stageIDOf(t, s, "Hardware", "Prospecting")
			if err := s.DeleteStage(context.Background(), engaging, prospecting); err != nil {
				t.Fatal(err)
			}
			return idByRef(t, s, "opp:1")
		}, "", true},
		{"primary contact", func(t *testing.T, s *Store) int64 {
			id := idByRef(t, s, "opp:1")
			contact := addPartiesContact(t, s, id, "Anna", "Schmidt", "")
			mustSaveDealContact(t, s, app.DealContact{OpportunityID: id, ContactID: contact,
				Role: app.DealRoleDecisionMaker, Primary: true})
			return id
		}, "contact", false},
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := openEditStore(t)
			// The stage deletion stamps its moves with the clock, which must
			// come after the import's wall-clock history to be the newest.
			s.now = func() time.Time { return time.Now().UTC().Add(time.Hour) }
			mustSaveUserName(t, s, "Jürgen Müller")

			id := c.write(t, s)

			if c.field != "" {
				stamps := fieldChangeStamps(t, s, id, c.field)
				if len(stamps) != 1 || stamps[0] != "Jürgen Müller" {
					t.Errorf("%s changes stamped %q, want one by Jürgen Müller", c.field, stamps)
				}
			}
			if c.movesStage {
				if by := lastStageChangeStamp(t, s, id); by != "Jürgen Müller" {
					t.Errorf("stage change stamped %q, want Jürgen Müller", by)
				}
			}
		})
	}
}

func TestDealEditStampsSystemUserByDefault(t *testing.T) {
	s := openEditStore(t)
	d := mustDeal(t, s, idByRef(t, s, "opp:1")).Opportunity
	d.Notes = "asked for a second quote"

	if _, err := s.UpdateOpportunity(context.Background(), d); err != nil {
		t.Fatal(err)
	}

	want := systemUserName(user.Current())
	if stamps := fieldChangeStamps(t, s, d.ID, "notes"); len(stamps) != 1 || stamps[0] != want {
		t.Errorf("notes change stamped %q without a saved name, want the system user %q", stamps, want)
	}
}

func TestDealEditStampsNameSavedSince(t *testing.T) {
	s := openEditStore(t)
	id := idByRef(t, s, "opp:1")

	for _, name := range []string{"Anna Schmidt", "Ben Weber"} {
		mustSaveUserName(t, s, name)
		if err := s.SetOpportunityProbability(context.Background(), id, len(name)); err != nil {
			t.Fatal(err)
		}
	}

	stamps := fieldChangeStamps(t, s, id, "probability")
	if len(stamps) != 2 || stamps[0] != "Anna Schmidt" || stamps[1] != "Ben Weber" {
		t.Errorf("probability changes stamped %q, want Anna Schmidt then Ben Weber", stamps)
	}
}

func TestConversionStampsFirstStageChange(t *testing.T) {
	s := openLeadStore(t)
	ctx := context.Background()
	l := convertibleLead(t, s)
	mustSaveUserName(t, s, "Tom Berger")

	res, err := s.ConvertLead(ctx, l.ID, app.ConversionRequest{PipelineID: defaultPipelineID(t, s).ID})
	if err != nil {
		t.Fatal(err)
	}

	history := mustDeal(t, s, res.OpportunityID).History
	if len(history) != 1 {
		t.Fatalf("%d stage changes after conversion, want 1", len(history))
	}
	if history[0].By != "Tom Berger" {
		t.Errorf("first stage change stamped %q, want Tom Berger", history[0].By)
	}
}

func TestImportStampsStageChangesAsImport(t *testing.T) {
	s := openTestStore(t)
	mustSaveUserName(t, s, "Anna Schmidt")
	batch := sampleBatch()
	batch.Opportunities[0].History = []app.StageChangeImport{
		{To: "Prospecting", At: time.Date(2024, 1, 5, 0, 0, 0, 0, time.UTC), Amount: usd(105400), Probability: 10},
		{From: "Prospecting", To: "Engaging", At: time.Date(2024, 2, 5, 0, 0, 0, 0, time.UTC), Amount: usd(105400),
			Probability: 50},
	}
	mustImport(t, s, batch)

	for _, ref := range []string{"opp:1", "opp:2", "opp:3"} {
		for _, h := range mustDeal(t, s, idByRef(t, s, ref)).History {
			if h.By != app.ChangedByImport {
				t.Errorf("%s: change to %s stamped %q, want %q", ref, h.To, h.By, app.ChangedByImport)
			}
		}
	}

	batch.Opportunities[2].Stage = "Engaging"
	mustImport(t, s, batch)

	if by := lastStageChangeStamp(t, s, idByRef(t, s, "opp:3")); by != app.ChangedByImport {
		t.Errorf("stage change of the second import stamped %q, want %q", by, app.ChangedByImport)
	}
}

func TestMigration10KeepsVersion9History(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leadwerk.db")
	db, err := openGorm(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := migrateTo(context.Background(), db, migrations[:9]); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)
	stmts := []string{
		`INSERT INTO opportunities (id, title, pipeline_id, stage_id, amount_minor, amount_currency,
			probability, created_at, updated_at)
			SELECT 5, 'Old deal', pipeline_id, id, 12300, 'EUR', probability, ?, ? FROM stages WHERE name = 'Proposal'`,
		`INSERT INTO stage_changes (opportunity_id, from_stage_id, to_stage_id, at, amount_minor, amount_currency,
			probability)
			SELECT 5, NULL, id, ?, 12300, 'EUR', probability FROM stages WHERE name = 'Proposal'`,
		`INSERT INTO opportunity_field_changes (opportunity_id, field, old_value, new_value, at)
			VALUES (5, 'owner', 'Anna', 'Ben', ?)`,
	}
	for i, stmt := range stmts {
		args := []any{at, at}
		if i > 0 {
			args = args[:1]
		}
		if err := db.Exec(stmt, args...).Error; err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	if sqlDB, err := db.DB(); err == nil {
		sqlDB.Close()
	}

	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open on a version 9 database: %v", err)
	}
	defer s.Close()

	if v, err := s.SchemaVersion(context.Background()); err != nil || v < 10 {
		t.Fatalf("SchemaVersion = %d, %v; want 10 or later", v, err)
	}

	history := mustDeal(t, s, 5).History
	if len(history) != 1 {
		t.Fatalf("%d stage changes after migration, want the 1 of version 9", len(history))
	}
	if !history[0].At.Equal(at) || history[0].Probability != 60 || history[0].To != "Proposal" {
		t.Errorf("stage change %+v, want the version 9 values", history[0])
	}
	if history[0].By != "" {
		t.Errorf("version 9 stage change stamped %q, want no name", history[0].By)
	}

	changes, err := s.FieldChanges(context.Background(), 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(changes) != 1 {
		t.Fatalf("%d field changes after migration, want the 1 of version 9", len(changes))
	}
	if changes[0].Old != "Anna" || changes[0].New != "Ben" || !changes[0].At.Equal(at) {
		t.Errorf("field change %+v, want the version 9 owner change", changes[0])
	}
	if changes[0].By != "" {
		t.Errorf("version 9 field change stamped %q, want no name", changes[0].By)
	}
}
