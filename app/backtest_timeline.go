package app

import "time"

// dealTimeline is one deal of an import batch as a list of dated stage
// changes, oldest first, from which its state on any day follows.
type dealTimeline struct {
	id     int64
	visits []timelineVisit
}

// timelineVisit is one stage change: the stage entered, the day it was
// entered (in UTC) and the deal's amount from then on.
type timelineVisit struct {
	stage  Stage
	on     Date
	amount Money
}

// dealTimelines returns the timelines of deals in p, numbered from 1 in
// batch order. Stage changes without a time or to a stage that p lacks
// are dropped, and so is a deal left without any change.
func dealTimelines(p Pipeline, deals []OpportunityImport) []dealTimeline {
	stages := map[string]Stage{}
	for _, s := range p.Stages {
		stages[s.Name] = s
	}

	var timelines []dealTimeline
	for i, d := range deals {
		t := dealTimeline{id: int64(i + 1)}
		for _, change := range d.History {
			stage, ok := stages[change.To]
			if !ok || change.At.IsZero() {
				continue
			}

			t.visits = append(t.visits, timelineVisit{stage: stage, on: DateOf(change.At.UTC()), amount: change.Amount})
		}

		if len(t.visits) > 0 {
			timelines = append(timelines, t)
		}
	}

	return timelines
}

// asOf returns the deal as it stood at the start of day, and false when
// it had not entered the pipeline yet. An open deal gets day as its close
// date, so a forecast of a period starting on day counts it.
func (t dealTimeline) asOf(day Date) (DealFact, bool) {
	count := 0
	for count < len(t.visits) && t.visits[count].on.Before(day) {
		count++
	}

	if count == 0 {
		return DealFact{}, false
	}

	last := t.visits[count-1]
	d := DealFact{
		ID:          t.id,
		PipelineID:  last.stage.PipelineID,
		StageID:     last.stage.ID,
		StageKind:   last.stage.Kind,
		Amount:      last.amount,
		Probability: EffectiveProbability(last.stage, false, 0),
		CreatedOn:   t.visits[0].on,
	}

	for _, v := range t.visits[:count] {
		d.History = append(d.History, StageVisit{StageID: v.stage.ID, At: time.Date(v.on.Year, v.on.Month, v.on.Day, 0, 0, 0, 0, time.UTC)})
	}

	if d.Open() {
		d.CloseDate = day
	} else {
		d.CloseDate = last.on
		d.ClosedOn = last.on
	}

	return d, true
}

// wonIn returns the amount the deal was won for, when it entered a won
// stage within period.
func (t dealTimeline) wonIn(period Period) (Money, bool) {
	for _, v := range t.visits {
		if v.stage.Kind == StageWon && period.Contains(v.on) {
			return v.amount, true
		}
	}

	return Money{}, false
}
