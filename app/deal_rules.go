package app

import (
	"fmt"
	"strings"
	"time"
)

// MoveToStage returns o moved into stage s by the probability rules: the
// deal takes the stage's default probability and loses a hand-set one,
// and a won or lost stage gives 100 or 0. A closed deal does not move;
// it wraps ErrInvalid and must be reopened first.
func MoveToStage(o Opportunity, from, to Stage, today Date) (Opportunity, error) {
	if from.Kind != StageOpen && from.ID != to.ID {
		return o, fmt.Errorf("deal %q is %s: reopen it before moving it to %s: %w", o.Title, from.Kind, to.Name, ErrInvalid)
	}

	if from.ID == to.ID {
		return o, nil
	}

	o.StageID = to.ID
	o.ProbabilityManual = false
	o.Probability = EffectiveProbability(to, false, 0)
	o.StageEnteredOn = today

	return o, nil
}

// SetProbabilityByHand returns o with a probability the person typed,
// marked as an override that the next stage change clears. On a closed
// deal it wraps ErrInvalid, because won stays 100 % and lost 0 %.
func SetProbabilityByHand(o Opportunity, stage Stage, percent int) (Opportunity, error) {
	if err := ValidateProbability(percent); err != nil {
		return o, err
	}

	if stage.Kind != StageOpen {
		return o, fmt.Errorf("deal %q is %s, so its probability stays %d %%: %w",
			o.Title, stage.Kind, EffectiveProbability(stage, false, 0), ErrInvalid)
	}

	o.Probability, o.ProbabilityManual = percent, true

	return o, nil
}

// ResetProbability returns o at its stage's default probability.
func ResetProbability(o Opportunity, stage Stage) Opportunity {
	o.ProbabilityManual = false
	o.Probability = EffectiveProbability(stage, false, 0)

	return o
}

// CloseRequest holds the outcome, reason and note of closing a deal.
type CloseRequest struct {
	Won bool
	// Reason comes from the configurable list; required when lost.
	Reason string
	// CompetitorID is one of the deal's competitors: the one who won a
	// lost deal, or the one beaten to a won deal. 0 leaves the choice to
	// Competitor.
	CompetitorID int64
	// Competitor names that competitor when CompetitorID is 0. A name
	// that [FindCompetitor] does not find among the deal's competitors
	// adds a new one. Empty means no competitor.
	Competitor string
	Note       string
}

// CheckClose returns an error wrapping ErrInvalid when a lost deal has no
// reason.
func CheckClose(r CloseRequest) error {
	if !r.Won && strings.TrimSpace(r.Reason) == "" {
		return fmt.Errorf("closing a deal as lost needs a reason: %w", ErrInvalid)
	}

	return nil
}

// StageDuration is how long a deal has spent in one stage in total,
// adding up every visit.
type StageDuration struct {
	StageID  int64
	Stage    string
	Duration time.Duration
}

// StageDurations adds up the time between a deal's stage changes, oldest
// first, in the order the stages were first entered. The current stage
// counts until now.
func StageDurations(history []StageChangeView, now time.Time) []StageDuration {
	var out []StageDuration
	index := map[int64]int{}
	for i, h := range history {
		end := now
		if i+1 < len(history) {
			end = history[i+1].At
		}

		k, ok := index[h.ToStageID]
		if !ok {
			k = len(out)
			index[h.ToStageID] = k
			out = append(out, StageDuration{StageID: h.ToStageID, Stage: h.To})
		}
		if end.After(h.At) {
			out[k].Duration += end.Sub(h.At)
		}
	}

	return out
}

// IsIdle reports whether a deal has sat in its open stage for more than
// the stage's idle threshold. A threshold of 0 days turns the check off.
func IsIdle(o Opportunity, stage Stage, today Date) bool {
	if stage.Kind != StageOpen || stage.IdleDays <= 0 || o.StageEnteredOn.IsZero() {
		return false
	}

	return addDays(o.StageEnteredOn, stage.IdleDays).Before(today)
}

// IsOverdue reports whether an open deal's expected close date has passed.
func IsOverdue(o Opportunity, stage Stage, today Date) bool {
	return stage.Kind == StageOpen && !o.CloseDate.IsZero() && o.CloseDate.Before(today)
}

func addDays(d Date, n int) Date {
	return DateOf(time.Date(d.Year, d.Month, d.Day+n, 0, 0, 0, 0, time.UTC))
}
