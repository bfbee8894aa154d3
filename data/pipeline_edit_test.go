package data

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"leadwerk/app"
)

// pipelineNamed returns the stored pipeline with the given name.
func pipelineNamed(t testing.TB, s *Store, name string) app.Pipeline {
	t.Helper()

	pipelines, err := s.Pipelines(context.Background())
	if err != nil {
		t.Fatalf("Pipelines: %v", err)
	}
	for _, p := range pipelines {
		if p.Name == name {
			return p
		}
	}
	t.Fatalf("pipeline %q not found among %d", name, len(pipelines))

	return app.Pipeline{}
}

func stageNamed(t testing.TB, p app.Pipeline, name string) app.Stage {
	t.Helper()

	for _, st := range p.Stages {
		if st.Name == name {
			return st
		}
	}
	t.Fatalf("stage %q not found in pipeline %q", name, p.Name)

	return app.Stage{}
}

func stageNames(p app.Pipeline) []string {
	var names []string
	for _, st := range p.Stages {
		names = append(names, st.Name)
	}

	return names
}

// dealState returns a deal's stored stage, probability and manual flag.
func dealState(t testing.TB, s *Store, id int64) (stageID int64, probability int, manual bool) {
	t.Helper()

	var row opportunityRow
	if err := s.db.Where("id = ?", id).Take(&row).Error; err != nil {
		t.Fatalf("read deal %d: %v", id, err)
	}

	return row.StageID, row.Probability, row.ProbabilityManual
}

func TestCreatePipelineRoundTrip(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()

	created, err := s.CreatePipeline(ctx, app.Pipeline{Name: " Services ", Currency: "EUR", Stages: []app.Stage{
		{Name: "Lost", Position: 9, Kind: app.StageLost},
		{Name: "Scoping", Position: 1, Probability: 0, IdleDays: 14,
			Milestones: []string{"Budget confirmed", " ", "Decision maker met"}},
		{Name: "Won", Position: 8, Probability: 100, Kind: app.StageWon},
		{Name: "Offer", Position: 2, Probability: 60, Kind: app.StageOpen},
	}})
	if err != nil {
		t.Fatalf("CreatePipeline: %v", err)
	}

	got := pipelineNamed(t, s, "Services")
	if !reflect.DeepEqual(created, got) {
		t.Errorf("CreatePipeline returned %+v, Pipelines returns %+v", created, got)
	}
	if want := []string{"Scoping", "Offer", "Won", "Lost"}; !slices.Equal(stageNames(got), want) {
		t.Errorf("stages = %v, want %v", stageNames(got), want)
	}
	for i, st := range got.Stages {
		if st.Position != i {
			t.Errorf("stage %q at position %d, want %d", st.Name, st.Position, i)
		}
	}

	scoping := got.Stages[0]
	if scoping.Kind != app.StageOpen || scoping.Probability != 0 || scoping.IdleDays != 14 {
		t.Errorf("Scoping = %+v, want open at 0 %% with 14 idle days", scoping)
	}
	if want := []string{"Budget confirmed", "Decision maker met"}; !slices.Equal(scoping.Milestones, want) {
		t.Errorf("Scoping milestones = %q, want %q", scoping.Milestones, want)
	}
	if m := got.Stages[1].Milestones; m == nil || len(m) != 0 {
		t.Errorf("Offer milestones = %#v, want an empty list", m)
	}
}

func TestCreatePipelineRejectsInvalid(t *testing.T) {
	open := app.Stage{Name: "Open", Probability: 10}
	cases := []struct {
		name string
		p    app.Pipeline
	}{
		{"name taken ignoring case", app.Pipeline{Name: "sales", Currency: "EUR", Stages: []app.Stage{open}}},
		{"empty name", app.Pipeline{Name: " ", Currency: "EUR", Stages: []app.Stage{open}}},
		{"bad currency", app.Pipeline{Name: "P", Currency: "euro", Stages: []app.Stage{open}}},
		{"no stages", app.Pipeline{Name: "P", Currency: "EUR"}},
		{"no open stage", app.Pipeline{Name: "P", Currency: "EUR", Stages: []app.Stage{
			{Name: "Won", Probability: 100, Kind: app.StageWon}}}},
		{"probability over 100", app.Pipeline{Name: "P", Currency: "EUR", Stages: []app.Stage{
			{Name: "Open", Probability: 101}}}},
		{"won below 100", app.Pipeline{Name: "P", Currency: "EUR", Stages: []app.Stage{
			open, {Name: "Won", Probability: 90, Kind: app.StageWon}}}},
		{"lost above 0", app.Pipeline{Name: "P", Currency: "EUR", Stages: []app.Stage{
			open, {Name: "Lost", Probability: 5, Kind: app.StageLost}}}},
		{"unknown kind", app.Pipeline{Name: "P", Currency: "EUR", Stages: []app.Stage{
			open, {Name: "Odd", Kind: "paused"}}}},
		{"negative idle days", app.Pipeline{Name: "P", Currency: "EUR", Stages: []app.Stage{
			{Name: "Open", IdleDays: -1}}}},
		{"repeated stage name", app.Pipeline{Name: "P", Currency: "EUR", Stages: []app.Stage{
			open, {Name: "open", Position: 1}}}},
		{"empty stage name", app.Pipeline{Name: "P", Currency: "EUR", Stages: []app.Stage{
			open, {Name: "", Position: 1}}}},
	}

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := openTestStore(t)

			_, err := s.CreatePipeline(context.Background(), tc.p)
			wantErrorIs(t, err, app.ErrInvalid)
			if n := countRows(t, s, "pipelines"); n != 1 {
				t.Errorf("pipelines = %d after a rejected create, want 1", n)
			}
		})
	}
}

func TestUpdatePipelineRenameReorderAdd(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	p := pipelineNamed(t, s, "Sales")
	stagesBefore := countRows(t, s, "stages")

	// Swap the names of the first two stages, which UNIQUE (pipeline_id,
	// name) rejects unless the update steps around it.
	p.Name = "Sales DACH"
	p.Currency = "CHF"
	p.Stages[0].Name, p.Stages[1].Name = p.Stages[1].Name, p.Stages[0].Name
	// Move Proposal to the front and add a stage after Negotiation.
	p.Stages[3].Position = -1
	p.Stages = append(p.Stages, app.Stage{Name: "Contract", Position: 4, Probability: 90, IdleDays: 5,
		Milestones: []string{"Signed by legal"}})
	p.Stages[1].IdleDays = 30
	p.Stages[1].Milestones = []string{"Needs written down"}

	updated, err := s.UpdatePipeline(ctx, p)
	if err != nil {
		t.Fatalf("UpdatePipeline: %v", err)
	}

	got := pipelineNamed(t, s, "Sales DACH")
	if !reflect.DeepEqual(updated, got) {
		t.Errorf("UpdatePipeline returned %+v, Pipelines returns %+v", updated, got)
	}
	if got.Currency != "CHF" {
		t.Errorf("currency = %s, want CHF", got.Currency)
	}
	want := []string{"Proposal", "Qualification", "Prospecting", "Needs analysis", "Negotiation", "Contract", "Won", "Lost"}
	if !slices.Equal(stageNames(got), want) {
		t.Errorf("stages = %v, want %v", stageNames(got), want)
	}
	if n := countRows(t, s, "stages"); n != stagesBefore+1 {
		t.Errorf("stage rows = %d, want %d", n, stagesBefore+1)
	}

	qualification := stageNamed(t, got, "Qualification")
	if qualification.ID != p.Stages[0].ID || qualification.Probability != 10 {
		t.Errorf("Qualification = %+v, want the renamed first stage (id %d) at 10 %%", qualification, p.Stages[0].ID)
	}

	prospecting := stageNamed(t, got, "Prospecting")
	if prospecting.IdleDays != 30 || !slices.Equal(prospecting.Milestones, []string{"Needs written down"}) {
		t.Errorf("Prospecting = %+v, want 30 idle days and one milestone", prospecting)
	}

	contract := stageNamed(t, got, "Contract")
	if contract.ID == 0 || contract.IdleDays != 5 || !slices.Equal(contract.Milestones, []string{"Signed by legal"}) {
		t.Errorf("Contract = %+v, want a new stage with 5 idle days and one milestone", contract)
	}
}

func TestUpdatePipelineProbabilityFollowsDeals(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	mustImport(t, s, sampleBatch())
	engaging, prospecting := idByRef(t, s, "opp:1"), idByRef(t, s, "opp:3")
	if err := s.db.Exec("UPDATE opportunities SET probability = 33, probability_manual = 1 WHERE id = ?",
		prospecting).Error; err != nil {
		t.Fatal(err)
	}
	changesBefore := countRows(t, s, "stage_changes")

	p := pipelineNamed(t, s, "Hardware")
	for i := range p.Stages {
		switch p.Stages[i].Name {
		case "Engaging":
			p.Stages[i].Probability = 70
		case "Prospecting":
			p.Stages[i].Probability = 15
		}
	}
	if _, err := s.UpdatePipeline(ctx, p); err != nil {
		t.Fatalf("UpdatePipeline: %v", err)
	}

	stage, probability, manual := dealState(t, s, engaging)
	if probability != 70 || manual {
		t.Errorf("deal in Engaging at %d %% (manual %v), want 70 %% from the stage", probability, manual)
	}
	if stage != stageNamed(t, p, "Engaging").ID {
		t.Errorf("deal moved to stage %d", stage)
	}

	if _, probability, manual := dealState(t, s, prospecting); probability != 33 || !manual {
		t.Errorf("hand-set deal at %d %% (manual %v), want 33 %% kept", probability, manual)
	}

	if _, probability, _ := dealState(t, s, idByRef(t, s, "opp:2")); probability != 100 {
		t.Errorf("won deal at %d %%, want 100 %%", probability)
	}

	if n := countRows(t, s, "stage_changes"); n != changesBefore {
		t.Errorf("stage changes = %d, want %d: a probability change is no stage change", n, changesBefore)
	}
}

func TestUpdatePipelineRejectsInvalid(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	mustImport(t, s, sampleBatch())
	stored := pipelineNamed(t, s, "Hardware")

	kindChange := stored
	kindChange.Stages = slices.Clone(stored.Stages)
	kindChange.Stages[1].Kind = app.StageWon
	kindChange.Stages[1].Probability = 100
	_, err := s.UpdatePipeline(ctx, kindChange)
	wantErrorIs(t, err, app.ErrInvalid)

	missing := stored
	missing.Stages = stored.Stages[:len(stored.Stages)-1]
	_, err = s.UpdatePipeline(ctx, missing)
	wantErrorIs(t, err, app.ErrInvalid)

	foreign := stored
	foreign.Stages = append(slices.Clone(stored.Stages), pipelineNamed(t, s, "Sales").Stages[0])
	foreign.Stages[len(foreign.Stages)-1].Position = 99
	_, err = s.UpdatePipeline(ctx, foreign)
	wantErrorIs(t, err, app.ErrInvalid)

	taken := stored
	taken.Name = "Sales"
	_, err = s.UpdatePipeline(ctx, taken)
	wantErrorIs(t, err, app.ErrInvalid)

	_, err = s.UpdatePipeline(ctx, app.Pipeline{ID: 999, Name: "Gone", Currency: "EUR",
		Stages: []app.Stage{{Name: "Open"}}})
	wantErrorIs(t, err, app.ErrNotFound)

	if got := pipelineNamed(t, s, "Hardware"); !reflect.DeepEqual(got, stored) {
		t.Errorf("pipeline changed by rejected updates:\n got %+v\nwant %+v", got, stored)
	}
}

func TestDeleteStageEmpty(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	p := pipelineNamed(t, s, "Sales")
	p.Stages = append(p.Stages, app.Stage{Name: "Trial", Position: 5, Probability: 70})
	p, err := s.UpdatePipeline(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	trial := stageNamed(t, p, "Trial")

	if err := s.DeleteStage(ctx, trial.ID, 0); err != nil {
		t.Fatalf("DeleteStage: %v", err)
	}

	got := pipelineNamed(t, s, "Sales")
	if slices.Contains(stageNames(got), "Trial") {
		t.Errorf("stages after delete = %v, still with Trial", stageNames(got))
	}
	wantErrorIs(t, s.DeleteStage(ctx, trial.ID, 0), app.ErrNotFound)

	// The name of a deleted stage can be used again.
	got.Stages = append(got.Stages, app.Stage{Name: "Trial", Position: 5, Probability: 75})
	again, err := s.UpdatePipeline(ctx, got)
	if err != nil {
		t.Fatalf("UpdatePipeline adding Trial again: %v", err)
	}
	if st := stageNamed(t, again, "Trial"); st.Probability != 75 {
		t.Errorf("Trial again = %+v, want 75 %%", st)
	}
}

func TestDeleteStageWithDealsNeedsTarget(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	batch := sampleBatch()
	batch.Opportunities = append(batch.Opportunities, deal("opp:4", "Second engaging", "", "Engaging", 100))
	// A second won stage keeps Won from being the last one, which
	// DeleteStage rejects before it counts deals.
	batch.Pipeline.Stages = append(batch.Pipeline.Stages,
		app.Stage{Name: "Won later", Probability: 100, Kind: app.StageWon})
	mustImport(t, s, batch)
	p := pipelineNamed(t, s, "Hardware")

	cases := []struct {
		stage           string
		open, won, lost int
	}{
		{"Engaging", 2, 0, 0},
		{"Won", 0, 1, 0},
	}
	for _, tc := range cases {
		err := s.DeleteStage(ctx, stageNamed(t, p, tc.stage).ID, 0)

		var notEmpty *app.StageNotEmptyError
		if !errors.As(err, &notEmpty) {
			t.Fatalf("DeleteStage(%s) = %v, want a *StageNotEmptyError", tc.stage, err)
		}
		if notEmpty.Stage != tc.stage || notEmpty.Open != tc.open || notEmpty.Won != tc.won || notEmpty.Lost != tc.lost {
			t.Errorf("DeleteStage(%s) counts = %+v, want %d open, %d won, %d lost",
				tc.stage, *notEmpty, tc.open, tc.won, tc.lost)
		}
		wantErrorIs(t, err, app.ErrInvalid)
	}

	if got := pipelineNamed(t, s, "Hardware"); !reflect.DeepEqual(got, p) {
		t.Errorf("pipeline changed by rejected deletes: %v", stageNames(got))
	}
}

func TestDeleteStageMovesDeals(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	batch := sampleBatch()
	batch.Opportunities = append(batch.Opportunities, deal("opp:4", "Second engaging", "", "Engaging", 7700))
	// With a second won stage, deleting Won reaches the check of where its
	// deals may go.
	batch.Pipeline.Stages = append(batch.Pipeline.Stages,
		app.Stage{Name: "Won later", Probability: 100, Kind: app.StageWon})
	mustImport(t, s, batch)
	// The import stamps history with the wall clock, so the move comes later.
	movedAt := time.Now().UTC().Add(time.Hour).Truncate(time.Second)
	s.now = func() time.Time { return movedAt }
	p := pipelineNamed(t, s, "Hardware")
	engaging, won := stageNamed(t, p, "Engaging"), stageNamed(t, p, "Won")
	prospecting, lost := stageNamed(t, p, "Prospecting"), stageNamed(t, p, "Lost")
	moved := []int64{idByRef(t, s, "opp:1"), idByRef(t, s, "opp:4")}
	if err := s.db.Exec("UPDATE opportunities SET probability = 42, probability_manual = 1 WHERE id = ?",
		moved[0]).Error; err != nil {
		t.Fatal(err)
	}
	dealsBefore, changesBefore := countRows(t, s, "opportunities"), countRows(t, s, "stage_changes")

	wantErrorIs(t, s.DeleteStage(ctx, engaging.ID, engaging.ID), app.ErrInvalid)
	wantErrorIs(t, s.DeleteStage(ctx, engaging.ID, pipelineNamed(t, s, "Sales").Stages[0].ID), app.ErrInvalid)
	wantErrorIs(t, s.DeleteStage(ctx, won.ID, stageNamed(t, p, "Prospecting").ID), app.ErrInvalid)
	wantErrorIs(t, s.DeleteStage(ctx, engaging.ID, 999), app.ErrNotFound)
	// Open deals are closed only with a reason, never by a stage delete.
	wantErrorIs(t, s.DeleteStage(ctx, engaging.ID, won.ID), app.ErrInvalid)
	wantErrorIs(t, s.DeleteStage(ctx, engaging.ID, lost.ID), app.ErrInvalid)

	if err := s.DeleteStage(ctx, engaging.ID, prospecting.ID); err != nil {
		t.Fatalf("DeleteStage: %v", err)
	}

	if n := countRows(t, s, "opportunities"); n != dealsBefore {
		t.Errorf("deals = %d after delete, want %d", n, dealsBefore)
	}
	if n := countRows(t, s, "stage_changes"); n != changesBefore+len(moved) {
		t.Errorf("stage changes = %d, want %d", n, changesBefore+len(moved))
	}
	if slices.Contains(stageNames(pipelineNamed(t, s, "Hardware")), "Engaging") {
		t.Error("Engaging still listed after delete")
	}

	for _, id := range moved {
		stage, probability, manual := dealState(t, s, id)
		if stage != prospecting.ID || probability != 10 || manual {
			t.Errorf("deal %d in stage %d at %d %% (manual %v), want Prospecting (%d) at its default 10 %%",
				id, stage, probability, manual, prospecting.ID)
		}

		var change stageChangeRow
		if err := s.db.Where("opportunity_id = ?", id).Order("id DESC").Take(&change).Error; err != nil {
			t.Fatalf("read last stage change of deal %d: %v", id, err)
		}
		var amount int64
		s.db.Raw("SELECT amount_minor FROM opportunities WHERE id = ?", id).Scan(&amount)
		if idOf(change.FromStageID) != engaging.ID || change.ToStageID != prospecting.ID {
			t.Errorf("deal %d change from %d to %d, want %d to %d",
				id, idOf(change.FromStageID), change.ToStageID, engaging.ID, prospecting.ID)
		}
		if change.AmountMinor != amount || change.AmountCurrency != "USD" || change.Probability != 10 {
			t.Errorf("deal %d change records %d %s at %d %%, want %d USD at 10 %%",
				id, change.AmountMinor, change.AmountCurrency, change.Probability, amount)
		}
		if !change.At.Equal(movedAt) {
			t.Errorf("deal %d change at %v, want %v", id, change.At, movedAt)
		}
	}

	detail, err := s.Opportunity(ctx, moved[0])
	if err != nil {
		t.Fatalf("Opportunity after delete: %v", err)
	}
	if last := detail.History[len(detail.History)-1]; last.From != "Engaging" || last.To != "Prospecting" {
		t.Errorf("history ends with %s → %s, want Engaging → Prospecting", last.From, last.To)
	}
}

func TestDeleteStageKeepsLastOpenStage(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	p, err := s.CreatePipeline(ctx, app.Pipeline{Name: "Tiny", Currency: "EUR", Stages: []app.Stage{
		{Name: "Only", Probability: 50},
		{Name: "Won", Position: 1, Probability: 100, Kind: app.StageWon},
	}})
	if err != nil {
		t.Fatal(err)
	}

	wantErrorIs(t, s.DeleteStage(ctx, p.Stages[0].ID, 0), app.ErrInvalid)
}

func TestDeleteStageKeepsLastClosingStages(t *testing.T) {
	s := openTestStore(t)
	mustImport(t, s, sampleBatch())
	ctx := context.Background()
	p := pipelineNamed(t, s, "Hardware")

	for _, name := range []string{"Won", "Lost"} {
		err := s.DeleteStage(ctx, stageNamed(t, p, name).ID, 0)

		wantErrorIs(t, err, app.ErrInvalid)
		want := "last " + strings.ToLower(name) + " stage"
		if err != nil && !strings.Contains(err.Error(), want) {
			t.Errorf("DeleteStage(%s) error %q does not say %q", name, err, want)
		}
	}
	if got := pipelineNamed(t, s, "Hardware"); !reflect.DeepEqual(got, p) {
		t.Errorf("pipeline changed by rejected deletes: %v", stageNames(got))
	}

	// With a second lost stage, the empty first one can go.
	p.Stages = append(p.Stages, app.Stage{Name: "Lost to rival", Position: 4, Kind: app.StageLost})
	if _, err := s.UpdatePipeline(ctx, p); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteStage(ctx, stageNamed(t, p, "Lost").ID, 0); err != nil {
		t.Errorf("DeleteStage(Lost) beside a second lost stage: %v", err)
	}
}

func TestMigration6KeepsVersion4Deals(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leadwerk.db")
	db, err := openGorm(path)
	if err != nil {
		t.Fatal(err)
	}
	var upTo4 []migration
	for _, m := range migrations {
		if m.version <= 4 {
			upTo4 = append(upTo4, m)
		}
	}
	if err := migrateTo(context.Background(), db, upTo4); err != nil {
		t.Fatal(err)
	}
	created := time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)
	err = db.Exec(`INSERT INTO opportunities (id, title, pipeline_id, stage_id, amount_minor, amount_currency,
		probability, created_at, updated_at)
		SELECT 5, 'Old deal', pipeline_id, id, 12300, 'EUR', probability, ?, ? FROM stages WHERE name = 'Proposal'`,
		created, created).Error
	if err != nil {
		t.Fatal(err)
	}
	if sqlDB, err := db.DB(); err == nil {
		sqlDB.Close()
	}

	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open on a version 4 database: %v", err)
	}
	defer s.Close()

	if v, err := s.SchemaVersion(context.Background()); err != nil || v < 6 {
		t.Fatalf("SchemaVersion = %d, %v; want 6 or later", v, err)
	}

	p := pipelineNamed(t, s, "Sales")
	if len(p.Stages) != len(app.DefaultPipeline().Stages) {
		t.Fatalf("stages = %v after migration", stageNames(p))
	}
	for _, st := range p.Stages {
		if st.IdleDays != 0 || st.Milestones == nil || len(st.Milestones) != 0 {
			t.Errorf("stage %q = %d idle days, milestones %#v; want 0 and an empty list", st.Name, st.IdleDays, st.Milestones)
		}
	}

	stage, probability, _ := dealState(t, s, 5)
	if stage != stageNamed(t, p, "Proposal").ID || probability != 60 {
		t.Errorf("old deal in stage %d at %d %%, want Proposal at 60 %%", stage, probability)
	}

	if err := s.db.Exec("UPDATE stages SET idle_days = -1 WHERE id = ?", p.Stages[0].ID).Error; err == nil {
		t.Error("idle_days -1 accepted, want the CHECK to reject it")
	}
	if err := s.db.Exec(`UPDATE stages SET milestones = '{"a": 1}' WHERE id = ?`, p.Stages[0].ID).Error; err == nil {
		t.Error("milestones that are no JSON array accepted, want the CHECK to reject them")
	}
}
