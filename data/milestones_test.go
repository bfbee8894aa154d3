package data

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"leadwerk/app"
)

// setStageMilestones stores milestones on stage stageName of the Hardware
// pipeline through UpdatePipeline, as the settings screen does.
func setStageMilestones(t *testing.T, s *Store, stageName string, milestones ...string) {
	t.Helper()

	ctx := context.Background()
	pipelines, err := s.Pipelines(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pipelines {
		if p.Name != "Hardware" {
			continue
		}
		for i := range p.Stages {
			if p.Stages[i].Name == stageName {
				p.Stages[i].Milestones = milestones
			}
		}
		if _, err := s.UpdatePipeline(ctx, p); err != nil {
			t.Fatalf("UpdatePipeline: %v", err)
		}
		return
	}
	t.Fatal("pipeline Hardware not found")
}

// milestoneTexts returns the checks as "text" or "text ✓" in order.
func milestoneTexts(checks []app.MilestoneCheck) []string {
	texts := make([]string, 0, len(checks))
	for _, c := range checks {
		text := c.Milestone
		if c.Done {
			text += " ✓"
		}
		texts = append(texts, text)
	}

	return texts
}

func mustMilestones(t *testing.T, s *Store, id int64) []app.MilestoneCheck {
	t.Helper()

	checks, err := s.Milestones(context.Background(), id)
	if err != nil {
		t.Fatalf("Milestones(%d): %v", id, err)
	}

	return checks
}

func TestMilestonesDoneRoundTrip(t *testing.T) {
	s := openEditStore(t)
	ctx := context.Background()
	id := dealIDByTitle(t, s, "Cancity GTX Pro")
	setStageMilestones(t, s, "Engaging", "Budget confirmed", "Decision maker met")

	if got := milestoneTexts(mustMilestones(t, s, id)); !slices.Equal(got, []string{"Budget confirmed", "Decision maker met"}) {
		t.Fatalf("milestones before ticking = %q", got)
	}

	if err := s.SetMilestone(ctx, id, "Decision maker met", true); err != nil {
		t.Fatal(err)
	}
	s.now = func() time.Time { return editNow.Add(time.Hour) }
	if err := s.SetMilestone(ctx, id, "Decision maker met", true); err != nil {
		t.Fatalf("second tick: %v", err)
	}

	checks := mustMilestones(t, s, id)
	if got := milestoneTexts(checks); !slices.Equal(got, []string{"Budget confirmed", "Decision maker met ✓"}) {
		t.Errorf("milestones after ticking = %q", got)
	}
	if !checks[1].DoneAt.Equal(editNow) {
		t.Errorf("done at = %v, want the first tick at %v", checks[1].DoneAt, editNow)
	}
	if checks[1].StageID != stageIDOf(t, s, "Hardware", "Engaging") {
		t.Errorf("stage id = %d, want the Engaging stage", checks[1].StageID)
	}

	if err := s.SetMilestone(ctx, id, "Decision maker met", false); err != nil {
		t.Fatal(err)
	}
	if got := milestoneTexts(mustMilestones(t, s, id)); !slices.Equal(got, []string{"Budget confirmed", "Decision maker met"}) {
		t.Errorf("milestones after unticking = %q", got)
	}
	if n := countRows(t, s, "opportunity_milestones"); n != 0 {
		t.Errorf("opportunity_milestones has %d rows after unticking, want 0", n)
	}
}

func TestMilestonesFollowStageSettings(t *testing.T) {
	s := openEditStore(t)
	ctx := context.Background()
	id := dealIDByTitle(t, s, "Cancity GTX Pro")
	setStageMilestones(t, s, "Engaging", "Budget confirmed", "Decision maker met", "Demo given")
	for _, m := range []string{"Budget confirmed", "Decision maker met", "Demo given"} {
		if err := s.SetMilestone(ctx, id, m, true); err != nil {
			t.Fatal(err)
		}
	}

	setStageMilestones(t, s, "Engaging", "Budget approved", "Demo given")

	want := []string{"Budget approved", "Demo given ✓"}
	if got := milestoneTexts(mustMilestones(t, s, id)); !slices.Equal(got, want) {
		t.Errorf("milestones after rename and removal = %q, want %q", got, want)
	}
}

func TestMilestonesOfCurrentStage(t *testing.T) {
	s := openEditStore(t)
	ctx := context.Background()
	id := dealIDByTitle(t, s, "Cancity GTX Pro")
	setStageMilestones(t, s, "Engaging", "Budget confirmed")
	setStageMilestones(t, s, "Prospecting", "Needs written down")
	if err := s.SetMilestone(ctx, id, "Budget confirmed", true); err != nil {
		t.Fatal(err)
	}

	if err := s.MoveOpportunity(ctx, id, stageIDOf(t, s, "Hardware", "Prospecting")); err != nil {
		t.Fatal(err)
	}
	if got := milestoneTexts(mustMilestones(t, s, id)); !slices.Equal(got, []string{"Needs written down"}) {
		t.Errorf("milestones in Prospecting = %q", got)
	}

	if err := s.MoveOpportunity(ctx, id, stageIDOf(t, s, "Hardware", "Engaging")); err != nil {
		t.Fatal(err)
	}
	if got := milestoneTexts(mustMilestones(t, s, id)); !slices.Equal(got, []string{"Budget confirmed ✓"}) {
		t.Errorf("milestones back in Engaging = %q", got)
	}
}

func TestMilestonesEmptyStage(t *testing.T) {
	s := openEditStore(t)
	checks := mustMilestones(t, s, dealIDByTitle(t, s, "Walk-in GTK 500"))
	if len(checks) != 0 {
		t.Errorf("milestones = %+v, want none", checks)
	}
}

func TestSetMilestoneRejects(t *testing.T) {
	s := openEditStore(t)
	ctx := context.Background()
	id := dealIDByTitle(t, s, "Cancity GTX Pro")
	setStageMilestones(t, s, "Engaging", "Budget confirmed")
	setStageMilestones(t, s, "Prospecting", "Needs written down")

	cases := []struct {
		name      string
		id        int64
		milestone string
		want      error
	}{
		{"unknown milestone", id, "Legal approved", app.ErrInvalid},
		{"milestone of another stage", id, "Needs written down", app.ErrInvalid},
		{"blank milestone", id, "", app.ErrInvalid},
		{"unknown deal", 99999, "Budget confirmed", app.ErrNotFound},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := s.SetMilestone(ctx, c.id, c.milestone, true); !errors.Is(err, c.want) {
				t.Errorf("SetMilestone = %v, want %v", err, c.want)
			}
		})
	}

	if _, err := s.Milestones(ctx, 99999); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("Milestones of an unknown deal = %v, want ErrNotFound", err)
	}
	if n := countRows(t, s, "opportunity_milestones"); n != 0 {
		t.Errorf("opportunity_milestones has %d rows, want 0", n)
	}
}

func TestMilestonesDeletedWithDeal(t *testing.T) {
	s := openEditStore(t)
	id := dealIDByTitle(t, s, "Cancity GTX Pro")
	setStageMilestones(t, s, "Engaging", "Budget confirmed")
	if err := s.SetMilestone(context.Background(), id, "Budget confirmed", true); err != nil {
		t.Fatal(err)
	}

	if err := s.db.Exec(`DELETE FROM opportunities WHERE id = ?`, id).Error; err != nil {
		t.Fatal(err)
	}
	if n := countRows(t, s, "opportunity_milestones"); n != 0 {
		t.Errorf("opportunity_milestones has %d rows after the deal was deleted, want 0", n)
	}
}

func TestMigration9OnVersion8Database(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leadwerk.db")
	db, err := openGorm(path)
	if err != nil {
		t.Fatal(err)
	}
	var upTo8 []migration
	for _, m := range migrations {
		if m.version <= 8 {
			upTo8 = append(upTo8, m)
		}
	}
	if err := migrateTo(context.Background(), db, upTo8); err != nil {
		t.Fatal(err)
	}
	if sqlDB, err := db.DB(); err == nil {
		sqlDB.Close()
	}

	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open on a version 8 database: %v", err)
	}
	defer s.Close()

	if v, err := s.SchemaVersion(context.Background()); err != nil || v < 9 {
		t.Fatalf("SchemaVersion = %d, %v; want 9 or later", v, err)
	}
	if n := countRows(t, s, "opportunity_milestones"); n != 0 {
		t.Errorf("opportunity_milestones has %d rows after the migration, want 0", n)
	}

	mustImport(t, s, sampleBatch())
	id := dealIDByTitle(t, s, "Cancity GTX Pro")
	setStageMilestones(t, s, "Engaging", "Budget confirmed")
	if err := s.SetMilestone(context.Background(), id, "Budget confirmed", true); err != nil {
		t.Fatalf("SetMilestone after the migration: %v", err)
	}
	if got := milestoneTexts(mustMilestones(t, s, id)); !slices.Equal(got, []string{"Budget confirmed ✓"}) {
		t.Errorf("milestones after the migration = %q", got)
	}
}
