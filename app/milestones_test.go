package app

import (
	"errors"
	"testing"
	"time"
)

func TestStageMilestoneChecks(t *testing.T) {
	stage := Stage{ID: 7, Name: "Scoping", Milestones: []string{"Budget confirmed", "Decision maker met"}}
	ticked := time.Date(2026, time.March, 4, 13, 0, 0, 0, time.FixedZone("CET", 3600))
	doneAt := map[string]time.Time{"Decision maker met": ticked, "Old milestone": ticked}

	checks := StageMilestoneChecks(stage, doneAt)

	if len(checks) != 2 {
		t.Fatalf("got %d checks, want 2: %+v", len(checks), checks)
	}
	if checks[0].Milestone != "Budget confirmed" || checks[0].Done || !checks[0].DoneAt.IsZero() {
		t.Errorf("first check = %+v, want Budget confirmed not done", checks[0])
	}
	if checks[1].Milestone != "Decision maker met" || !checks[1].Done {
		t.Errorf("second check = %+v, want Decision maker met done", checks[1])
	}
	if !checks[1].DoneAt.Equal(ticked) || checks[1].DoneAt.Location() != time.UTC {
		t.Errorf("done at = %v, want %v in UTC", checks[1].DoneAt, ticked)
	}
	for i, c := range checks {
		if c.StageID != 7 {
			t.Errorf("check %d has stage %d, want 7", i, c.StageID)
		}
	}
}

func TestStageMilestoneChecksEmptyStage(t *testing.T) {
	checks := StageMilestoneChecks(Stage{ID: 1}, nil)
	if checks == nil || len(checks) != 0 {
		t.Errorf("checks = %#v, want an empty list", checks)
	}
}

func TestStageMilestone(t *testing.T) {
	stage := Stage{Name: "Scoping", Milestones: []string{"Budget confirmed"}}
	cases := []struct {
		name      string
		milestone string
		want      string
		wantErr   bool
	}{
		{"exact", "Budget confirmed", "Budget confirmed", false},
		{"padded", "  Budget confirmed ", "Budget confirmed", false},
		{"other case", "budget confirmed", "", true},
		{"unknown", "Legal approved", "", true},
		{"blank", " ", "", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := StageMilestone(stage, c.milestone)
			if c.wantErr && !errors.Is(err, ErrInvalid) {
				t.Errorf("error = %v, want ErrInvalid", err)
			}
			if !c.wantErr && err != nil {
				t.Errorf("error = %v, want none", err)
			}
			if got != c.want {
				t.Errorf("milestone = %q, want %q", got, c.want)
			}
		})
	}
}
