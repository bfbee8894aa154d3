package app

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// MilestoneCheck is one exit criterion of a deal's current stage and
// whether the deal meets it.
type MilestoneCheck struct {
	StageID   int64
	Milestone string
	Done      bool
	// DoneAt is when the milestone was ticked, in UTC, and zero while
	// Done is false.
	DoneAt time.Time
}

// MilestoneService stores the ticked milestones of each deal. A tick
// belongs to the deal, the stage and the milestone text, so a milestone
// that is renamed or removed in the stage settings drops out of the list.
type MilestoneService interface {
	// Milestones returns the milestones of the deal's current stage in
	// the stage's order, each with its done state. A stage without
	// milestones returns an empty list, and an unknown deal wraps
	// [ErrNotFound].
	Milestones(ctx context.Context, opportunityID int64) ([]MilestoneCheck, error)

	// SetMilestone ticks or unticks one milestone of the deal's current
	// stage. Ticking a done milestone keeps its first done time. A text
	// that is not a milestone of that stage wraps [ErrInvalid], and an
	// unknown deal wraps [ErrNotFound].
	SetMilestone(ctx context.Context, opportunityID int64, milestone string, done bool) error
}

// StageMilestoneChecks returns one check per milestone of stage, in the
// stage's order. doneAt maps the text of each ticked milestone to the
// time it was ticked, and texts that are not milestones of stage are
// ignored.
func StageMilestoneChecks(stage Stage, doneAt map[string]time.Time) []MilestoneCheck {
	checks := make([]MilestoneCheck, 0, len(stage.Milestones))
	for _, m := range stage.Milestones {
		check := MilestoneCheck{StageID: stage.ID, Milestone: m}
		if at, ok := doneAt[m]; ok {
			check.Done = true
			check.DoneAt = at.UTC()
		}
		checks = append(checks, check)
	}

	return checks
}

// StageMilestone returns milestone trimmed when it is one of the
// milestones of stage. Otherwise it wraps [ErrInvalid] naming the stage.
func StageMilestone(stage Stage, milestone string) (string, error) {
	trimmed := strings.TrimSpace(milestone)
	for _, m := range stage.Milestones {
		if m == trimmed {
			return trimmed, nil
		}
	}

	return "", fmt.Errorf("milestone %q is not a milestone of stage %q, so reload the deal: %w",
		trimmed, stage.Name, ErrInvalid)
}
