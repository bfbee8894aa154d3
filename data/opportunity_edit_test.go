package data

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"leadwerk/app"
)

func TestMoveTakesStageDefault(t *testing.T) {
	s := openEditStore(t)
	ctx := context.Background()
	id := idByRef(t, s, "opp:3")

	if err := s.MoveOpportunity(ctx, id, stageIDOf(t, s, "Hardware", "Engaging")); err != nil {
		t.Fatal(err)
	}

	d := mustDeal(t, s, id)
	wantProbability(t, d, "Engaging", 50, false)
	if want := (app.Date{Year: 2024, Month: time.June, Day: 3}); d.StageEnteredOn != want {
		t.Errorf("stage entered on %s, want %s", d.StageEnteredOn, want)
	}
	if got, want := stageMovesNow(t, s, id), []string{"Prospecting -> Engaging at 50 % of 26000.00 USD"}; !reflect.DeepEqual(got, want) {
		t.Errorf("stage moves = %q, want %q", got, want)
	}
	wantChanges(t, s, id, "stage", "Prospecting -> Engaging")
	wantChanges(t, s, id, "probability", "10 % -> 50 %")
}

func TestMoveToSameStageChangesNothing(t *testing.T) {
	s := openEditStore(t)
	ctx := context.Background()
	id := idByRef(t, s, "opp:1")
	if err := s.SetOpportunityProbability(ctx, id, 70); err != nil {
		t.Fatal(err)
	}

	if err := s.MoveOpportunity(ctx, id, stageIDOf(t, s, "Hardware", "Engaging")); err != nil {
		t.Fatal(err)
	}

	wantProbability(t, mustDeal(t, s, id), "Engaging", 70, true)
	if moves := stageMovesNow(t, s, id); len(moves) != 0 {
		t.Errorf("stage moves = %q, want none", moves)
	}
}

func TestTypedProbabilityKeptUntilStageChanges(t *testing.T) {
	s := openEditStore(t)
	ctx := context.Background()
	id := idByRef(t, s, "opp:3")

	if err := s.SetOpportunityProbability(ctx, id, 35); err != nil {
		t.Fatal(err)
	}
	wantProbability(t, mustDeal(t, s, id), "Prospecting", 35, true)

	o := mustDeal(t, s, id).Opportunity
	o.Title = "Walk-in GTK 500, second site"
	if _, err := s.UpdateOpportunity(ctx, o); err != nil {
		t.Fatal(err)
	}
	wantProbability(t, mustDeal(t, s, id), "Prospecting", 35, true)

	if err := s.MoveOpportunity(ctx, id, stageIDOf(t, s, "Hardware", "Engaging")); err != nil {
		t.Fatal(err)
	}
	wantProbability(t, mustDeal(t, s, id), "Engaging", 50, false)
	wantChanges(t, s, id, "probability", "10 % -> 35 %", "35 % -> 50 %")
	wantChanges(t, s, id, "probability_set_by_hand", "no -> yes", "yes -> no")
}

func TestResetProbabilityTakesStageDefault(t *testing.T) {
	s := openEditStore(t)
	ctx := context.Background()
	id := idByRef(t, s, "opp:1")
	if err := s.SetOpportunityProbability(ctx, id, 35); err != nil {
		t.Fatal(err)
	}

	if err := s.ResetOpportunityProbability(ctx, id); err != nil {
		t.Fatal(err)
	}

	wantProbability(t, mustDeal(t, s, id), "Engaging", 50, false)
	wantChanges(t, s, id, "probability", "50 % -> 35 %", "35 % -> 50 %")
}

func TestSetProbabilityZeroIsSaved(t *testing.T) {
	s := openEditStore(t)
	ctx := context.Background()
	id := idByRef(t, s, "opp:1")

	if err := s.SetOpportunityProbability(ctx, id, 0); err != nil {
		t.Fatal(err)
	}

	d := mustDeal(t, s, id)
	wantProbability(t, d, "Engaging", 0, true)
	if d.Weighted.Minor != 0 {
		t.Errorf("weighted amount %s, want 0", d.Weighted)
	}
	wantChanges(t, s, id, "probability", "50 % -> 0 %")
}

func TestSetProbabilityRejectsOutOfRange(t *testing.T) {
	s := openEditStore(t)
	id := idByRef(t, s, "opp:1")

	for _, percent := range []int{-1, 101} {
		wantErrorIs(t, s.SetOpportunityProbability(context.Background(), id, percent), app.ErrInvalid)
	}
	wantProbability(t, mustDeal(t, s, id), "Engaging", 50, false)
}

func TestCloseSetsWonAndLostProbability(t *testing.T) {
	tests := []struct {
		name    string
		request app.CloseRequest
		stage   string
		percent int
	}{
		{"won without reason", app.CloseRequest{Won: true}, "Won", 100},
		{"won with reason", app.CloseRequest{Won: true, Reason: "price", Note: "signed"}, "Won", 100},
		{"lost with reason", app.CloseRequest{Reason: "price", Competitor: "Initech", Note: "too late"}, "Lost", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := openEditStore(t)
			id := idByRef(t, s, "opp:1")
			if err := s.SetOpportunityProbability(context.Background(), id, 70); err != nil {
				t.Fatal(err)
			}

			if err := s.CloseOpportunity(context.Background(), id, tc.request); err != nil {
				t.Fatal(err)
			}

			d := mustDeal(t, s, id)
			wantProbability(t, d, tc.stage, tc.percent, false)
			if d.CloseReason != tc.request.Reason || d.CloseCompetitor != tc.request.Competitor ||
				d.CloseNote != tc.request.Note {
				t.Errorf("close fields %q, %q, %q, want %q, %q, %q", d.CloseReason, d.CloseCompetitor, d.CloseNote,
					tc.request.Reason, tc.request.Competitor, tc.request.Note)
			}
			wantChanges(t, s, id, "stage", "Engaging -> "+tc.stage)
			if moves := stageMovesNow(t, s, id); len(moves) != 1 {
				t.Errorf("stage moves = %q, want one", moves)
			}
		})
	}
}

func TestCloseLostWithoutReasonRejected(t *testing.T) {
	s := openEditStore(t)
	id := idByRef(t, s, "opp:1")

	wantErrorIs(t, s.CloseOpportunity(context.Background(), id, app.CloseRequest{Reason: "  "}), app.ErrInvalid)
	wantProbability(t, mustDeal(t, s, id), "Engaging", 50, false)
}

func TestCloseTakesFirstClosingStageByPosition(t *testing.T) {
	s := openEditStore(t)
	id := idByRef(t, s, "opp:1")
	pipelineID := mustDeal(t, s, id).PipelineID
	// A second won stage placed before the first one must win the choice.
	err := s.db.Exec(`INSERT INTO stages (pipeline_id, name, position, probability, kind)
		VALUES (?, 'Won early', -1, 100, 'won')`, pipelineID).Error
	if err != nil {
		t.Fatal(err)
	}

	if err := s.CloseOpportunity(context.Background(), id, app.CloseRequest{Won: true}); err != nil {
		t.Fatal(err)
	}

	wantProbability(t, mustDeal(t, s, id), "Won early", 100, false)
}

// TestClosedDealNeverRecomputed edits a won and a lost deal every way a
// person can and checks that stage and probability stay.
func TestClosedDealNeverRecomputed(t *testing.T) {
	tests := []struct {
		name    string
		close   app.CloseRequest
		stage   string
		percent int
	}{
		{"won", app.CloseRequest{Won: true}, "Won", 100},
		{"lost", app.CloseRequest{Reason: "budget cut"}, "Lost", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := openEditStore(t)
			ctx := context.Background()
			id := idByRef(t, s, "opp:1")
			if err := s.CloseOpportunity(ctx, id, tc.close); err != nil {
				t.Fatal(err)
			}

			o := mustDeal(t, s, id).Opportunity
			o.Title, o.Amount, o.Notes = "Renamed", usd(999900), "after closing"
			o.Probability, o.ProbabilityManual, o.StageID = 42, true, stageIDOf(t, s, "Hardware", "Prospecting")
			if _, err := s.UpdateOpportunity(ctx, o); err != nil {
				t.Fatalf("UpdateOpportunity: %v", err)
			}
			wantProbability(t, mustDeal(t, s, id), tc.stage, tc.percent, false)

			wantErrorIs(t, s.MoveOpportunity(ctx, id, stageIDOf(t, s, "Hardware", "Engaging")), app.ErrInvalid)
			wantErrorIs(t, s.SetOpportunityProbability(ctx, id, 30), app.ErrInvalid)
			wantErrorIs(t, s.CloseOpportunity(ctx, id, app.CloseRequest{Won: true}), app.ErrInvalid)
			if err := s.ResetOpportunityProbability(ctx, id); err != nil {
				t.Fatalf("ResetOpportunityProbability: %v", err)
			}

			d := mustDeal(t, s, id)
			wantProbability(t, d, tc.stage, tc.percent, false)
			if d.Title != "Renamed" || d.Notes != "after closing" {
				t.Errorf("title %q and notes %q, want the update kept", d.Title, d.Notes)
			}
		})
	}
}

func TestReopenTakesStageDefault(t *testing.T) {
	s := openEditStore(t)
	ctx := context.Background()
	id := idByRef(t, s, "opp:1")
	if err := s.CloseOpportunity(ctx, id, app.CloseRequest{Reason: "price", Competitor: "Initech"}); err != nil {
		t.Fatal(err)
	}

	if err := s.ReopenOpportunity(ctx, id, stageIDOf(t, s, "Hardware", "Prospecting")); err != nil {
		t.Fatal(err)
	}

	d := mustDeal(t, s, id)
	wantProbability(t, d, "Prospecting", 10, false)
	if d.CloseReason != "" || d.CloseCompetitor != "" || d.CloseNote != "" {
		t.Errorf("close fields %q, %q, %q, want cleared", d.CloseReason, d.CloseCompetitor, d.CloseNote)
	}
	wantChanges(t, s, id, "stage", "Engaging -> Lost", "Lost -> Prospecting")
	wantChanges(t, s, id, "close_reason", " -> price", "price -> ")

	if err := s.SetOpportunityProbability(ctx, id, 15); err != nil {
		t.Errorf("SetOpportunityProbability after reopening: %v", err)
	}
}

func TestReopenRejects(t *testing.T) {
	s := openEditStore(t)
	ctx := context.Background()
	open, won := idByRef(t, s, "opp:1"), idByRef(t, s, "opp:2")

	wantErrorIs(t, s.ReopenOpportunity(ctx, open, stageIDOf(t, s, "Hardware", "Prospecting")), app.ErrInvalid)
	wantErrorIs(t, s.ReopenOpportunity(ctx, won, stageIDOf(t, s, "Hardware", "Lost")), app.ErrInvalid)
	wantErrorIs(t, s.ReopenOpportunity(ctx, won, stageIDOf(t, s, "Sales", "Prospecting")), app.ErrInvalid)
	wantErrorIs(t, s.ReopenOpportunity(ctx, won, 9999), app.ErrNotFound)
	wantProbability(t, mustDeal(t, s, won), "Won", 100, false)
}

func TestMoveRejects(t *testing.T) {
	s := openEditStore(t)
	ctx := context.Background()
	id := idByRef(t, s, "opp:1")

	wantErrorIs(t, s.MoveOpportunity(ctx, id, stageIDOf(t, s, "Sales", "Proposal")), app.ErrInvalid)
	wantErrorIs(t, s.MoveOpportunity(ctx, id, stageIDOf(t, s, "Hardware", "Lost")), app.ErrInvalid)
	wantErrorIs(t, s.MoveOpportunity(ctx, id, 9999), app.ErrNotFound)
	wantProbability(t, mustDeal(t, s, id), "Engaging", 50, false)
}

func TestMoveToWonGivesHundred(t *testing.T) {
	s := openEditStore(t)
	id := idByRef(t, s, "opp:3")

	if err := s.MoveOpportunity(context.Background(), id, stageIDOf(t, s, "Hardware", "Won")); err != nil {
		t.Fatal(err)
	}

	wantProbability(t, mustDeal(t, s, id), "Won", 100, false)
}

func TestUnknownDealNotFound(t *testing.T) {
	s := openEditStore(t)
	ctx := context.Background()
	stage := stageIDOf(t, s, "Hardware", "Engaging")
	const id = 9999

	_, err := s.UpdateOpportunity(ctx, app.Opportunity{ID: id, Title: "x"})
	wantErrorIs(t, err, app.ErrNotFound)
	wantErrorIs(t, s.MoveOpportunity(ctx, id, stage), app.ErrNotFound)
	wantErrorIs(t, s.SetOpportunityProbability(ctx, id, 20), app.ErrNotFound)
	wantErrorIs(t, s.ResetOpportunityProbability(ctx, id), app.ErrNotFound)
	wantErrorIs(t, s.CloseOpportunity(ctx, id, app.CloseRequest{Won: true}), app.ErrNotFound)
	wantErrorIs(t, s.ReopenOpportunity(ctx, id, stage), app.ErrNotFound)
	_, err = s.FieldChanges(ctx, id)
	wantErrorIs(t, err, app.ErrNotFound)
}

// deletedTrialStage adds the open stage Trial to the Hardware pipeline,
// deletes it while it is empty and returns its id.
func deletedTrialStage(t *testing.T, s *Store) int64 {
	t.Helper()

	ctx := context.Background()
	p := pipelineNamed(t, s, "Hardware")
	p.Stages = append(p.Stages, app.Stage{Name: "Trial", Position: 2, Probability: 70})
	p, err := s.UpdatePipeline(ctx, p)
	if err != nil {
		t.Fatalf("UpdatePipeline adding Trial: %v", err)
	}

	trial := stageNamed(t, p, "Trial")
	if err := s.DeleteStage(ctx, trial.ID, 0); err != nil {
		t.Fatalf("DeleteStage(Trial): %v", err)
	}

	return trial.ID
}

func TestMoveToDeletedStageNotFound(t *testing.T) {
	s := openEditStore(t)
	ctx := context.Background()
	trial := deletedTrialStage(t, s)
	open, won := idByRef(t, s, "opp:1"), idByRef(t, s, "opp:2")

	err := s.MoveOpportunity(ctx, open, trial)
	wantErrorIs(t, err, app.ErrNotFound)
	if err != nil && !strings.Contains(err.Error(), "deleted") {
		t.Errorf("move error %q does not say that the stage is deleted", err)
	}
	wantErrorIs(t, s.ReopenOpportunity(ctx, won, trial), app.ErrNotFound)

	wantProbability(t, mustDeal(t, s, open), "Engaging", 50, false)
	wantProbability(t, mustDeal(t, s, won), "Won", 100, false)
}

// markStageDeleted marks a stage deleted the way DeleteStage does, also
// where DeleteStage rejects the delete, to reach the state that an older
// version could leave.
func markStageDeleted(t *testing.T, s *Store, id int64) {
	t.Helper()

	if err := s.db.Exec("UPDATE stages SET deleted_at = ? WHERE id = ?", editNow, id).Error; err != nil {
		t.Fatalf("mark stage %d deleted: %v", id, err)
	}
}

func TestCloseIgnoresDeletedStages(t *testing.T) {
	tests := []struct {
		name string
		won  bool
	}{
		{"won", true},
		{"lost", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := openEditStore(t)
			id := idByRef(t, s, "opp:1")
			stage := map[bool]string{true: "Won", false: "Lost"}[tc.won]
			markStageDeleted(t, s, stageIDOf(t, s, "Hardware", stage))

			err := s.CloseOpportunity(context.Background(), id, app.CloseRequest{Won: tc.won, Reason: "budget"})

			wantErrorIs(t, err, app.ErrInvalid)
			if err != nil && !strings.Contains(err.Error(), "has no "+strings.ToLower(stage)+" stage") {
				t.Errorf("error %q does not say that the pipeline has no %s stage", err, stage)
			}
			wantProbability(t, mustDeal(t, s, id), "Engaging", 50, false)
		})
	}
}

func TestCloseSkipsDeletedFirstStage(t *testing.T) {
	s := openEditStore(t)
	id := idByRef(t, s, "opp:1")
	pipelineID := mustDeal(t, s, id).PipelineID
	err := s.db.Exec(`INSERT INTO stages (pipeline_id, name, position, probability, kind, deleted_at)
		VALUES (?, 'Lost early', -1, 0, 'lost', ?)`, pipelineID, editNow).Error
	if err != nil {
		t.Fatal(err)
	}

	if err := s.CloseOpportunity(context.Background(), id, app.CloseRequest{Reason: "budget"}); err != nil {
		t.Fatal(err)
	}

	wantProbability(t, mustDeal(t, s, id), "Lost", 0, false)
}
