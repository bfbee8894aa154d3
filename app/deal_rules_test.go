package app

import (
	"errors"
	"testing"
	"time"
)

var (
	prospecting = Stage{ID: 1, Name: "Prospecting", Probability: 10, Kind: StageOpen, IdleDays: 14}
	proposal    = Stage{ID: 4, Name: "Proposal", Probability: 60, Kind: StageOpen}
	wonStage    = Stage{ID: 6, Name: "Won", Probability: 100, Kind: StageWon}
	lostStage   = Stage{ID: 7, Name: "Lost", Probability: 0, Kind: StageLost}
)

func TestMoveToStageTakesDefault(t *testing.T) {
	o := Opportunity{Title: "Press line", StageID: 1, Probability: 35, ProbabilityManual: true}
	today := Date{2026, time.December, 4}

	moved, err := MoveToStage(o, prospecting, proposal, today)
	if err != nil {
		t.Fatal(err)
	}
	if moved.StageID != 4 || moved.Probability != 60 || moved.ProbabilityManual {
		t.Errorf("moved deal in stage %d at %d %% (manual %v), want stage 4 at the default 60 %%",
			moved.StageID, moved.Probability, moved.ProbabilityManual)
	}
	if moved.StageEnteredOn != today {
		t.Errorf("stage entered on %v, want %v", moved.StageEnteredOn, today)
	}
}

func TestMoveToStageClosing(t *testing.T) {
	o := Opportunity{StageID: 4, Probability: 90, ProbabilityManual: true}

	won, err := MoveToStage(o, proposal, wonStage, Date{})
	if err != nil || won.Probability != 100 {
		t.Errorf("won deal at %d %% (%v), want 100 %%", won.Probability, err)
	}

	lost, err := MoveToStage(o, proposal, lostStage, Date{})
	if err != nil || lost.Probability != 0 {
		t.Errorf("lost deal at %d %% (%v), want 0 %%", lost.Probability, err)
	}
}

func TestMoveToStageRejectsClosedDeal(t *testing.T) {
	o := Opportunity{Title: "Press line", StageID: 6, Probability: 100}

	if _, err := MoveToStage(o, wonStage, proposal, Date{}); !errors.Is(err, ErrInvalid) {
		t.Errorf("moving a won deal: error = %v, want ErrInvalid", err)
	}

	same, err := MoveToStage(o, wonStage, wonStage, Date{})
	if err != nil || same.Probability != 100 {
		t.Errorf("staying in Won: %+v, %v", same, err)
	}
}

func TestSetProbabilityByHand(t *testing.T) {
	o, err := SetProbabilityByHand(Opportunity{StageID: 1, Probability: 10}, prospecting, 0)
	if err != nil || o.Probability != 0 || !o.ProbabilityManual {
		t.Errorf("typed 0 %%: %+v, %v; want 0 %% marked as set by hand", o, err)
	}

	if _, err := SetProbabilityByHand(o, prospecting, 101); !errors.Is(err, ErrInvalid) {
		t.Errorf("101 %%: error = %v, want ErrInvalid", err)
	}

	if _, err := SetProbabilityByHand(Opportunity{Probability: 100}, wonStage, 50); !errors.Is(err, ErrInvalid) {
		t.Errorf("won deal set to 50 %%: error = %v, want ErrInvalid", err)
	}

	reset := ResetProbability(o, prospecting)
	if reset.Probability != 10 || reset.ProbabilityManual {
		t.Errorf("reset: %d %% (manual %v), want the default 10 %%", reset.Probability, reset.ProbabilityManual)
	}
}

func TestCheckClose(t *testing.T) {
	if err := CheckClose(CloseRequest{Won: false, Reason: " "}); !errors.Is(err, ErrInvalid) {
		t.Errorf("lost without reason: error = %v, want ErrInvalid", err)
	}
	if err := CheckClose(CloseRequest{Won: true}); err != nil {
		t.Errorf("won without reason: %v", err)
	}
	if err := CheckClose(CloseRequest{Reason: "price"}); err != nil {
		t.Errorf("lost with reason: %v", err)
	}
}

func TestStageDurations(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, time.March, d, 9, 0, 0, 0, time.UTC) }
	history := []StageChangeView{
		{StageChange: StageChange{ToStageID: 1, At: day(1)}, To: "Prospecting"},
		{StageChange: StageChange{ToStageID: 4, At: day(4)}, To: "Proposal"},
		{StageChange: StageChange{ToStageID: 1, At: day(6)}, To: "Prospecting"},
	}

	got := StageDurations(history, day(10))
	if len(got) != 2 {
		t.Fatalf("durations = %+v, want two stages", got)
	}
	if got[0].Stage != "Prospecting" || got[0].Duration != 7*24*time.Hour {
		t.Errorf("prospecting = %+v, want 3 + 4 days", got[0])
	}
	if got[1].Stage != "Proposal" || got[1].Duration != 2*24*time.Hour {
		t.Errorf("proposal = %+v, want 2 days", got[1])
	}
}

func TestIsIdleAndOverdue(t *testing.T) {
	today := Date{2026, time.March, 20}
	o := Opportunity{StageEnteredOn: Date{2026, time.March, 5}, CloseDate: Date{2026, time.March, 19}}

	if !IsIdle(o, prospecting, today) {
		t.Error("15 days in a stage with a 14-day threshold is not idle")
	}
	if IsIdle(o, proposal, today) {
		t.Error("a stage without threshold marks the deal idle")
	}
	if !IsOverdue(o, prospecting, today) {
		t.Error("an open deal past its close date is not overdue")
	}
	if IsOverdue(o, wonStage, today) {
		t.Error("a won deal is marked overdue")
	}
}
