package app

import (
	"cmp"
	"slices"
)

// MinRateDeals is the number of closed deals a stage needs before its
// historical win rate is used. With fewer deals, turning one lost deal
// into a won one moves the rate by more than 10 percentage points, the
// smallest step between the default probabilities of [DefaultPipeline],
// so the rate is less reliable than the stage's default.
const MinRateDeals = 10

// StageRate is the historical win rate of one open stage: of the closed
// deals that reached the stage, how many were won.
type StageRate struct {
	Stage Stage
	// Reached counts the closed deals that entered the stage or a later
	// open stage, or were won.
	Reached int
	Won     int
}

// Enough reports whether the rate rests on at least [MinRateDeals] deals.
// A stage without enough deals shows "too few deals" in place of a rate.
func (r StageRate) Enough() bool {
	return r.Reached >= MinRateDeals
}

// Rate returns the share of Reached that was won, from 0 to 1, or 0 when
// no deal reached the stage.
func (r StageRate) Rate() float64 {
	if r.Reached == 0 {
		return 0
	}

	return float64(r.Won) / float64(r.Reached)
}

// PipelineRates are the historical rates of one pipeline's open stages,
// in stage order.
type PipelineRates struct {
	Pipeline Pipeline
	Stages   []StageRate
}

// HistoricalRates returns the win rate of each open stage of p, in stage
// order, learned from the deals of p that closed within window.
//
// A closed deal reached a stage when its history enters that stage or a
// later open stage. A won deal reached every open stage, because winning
// passes them all, even when the deal skipped some. A lost deal without
// any open stage in its history reached none.
func HistoricalRates(p Pipeline, deals []DealFact, window Period) PipelineRates {
	open := rateStages(p)
	rates := PipelineRates{Pipeline: p, Stages: make([]StageRate, len(open))}
	index := map[int64]int{}
	for i, s := range open {
		rates.Stages[i].Stage = s
		index[s.ID] = i
	}

	for _, d := range deals {
		if d.PipelineID != p.ID || d.Open() || !window.Contains(d.ClosedOn) {
			continue
		}

		reached := furthestOpenStage(index, len(open), d)
		for i := 0; i <= reached; i++ {
			rates.Stages[i].Reached++
			if d.Won() {
				rates.Stages[i].Won++
			}
		}
	}

	return rates
}

// rateStages returns the open stages of p in position order. A stage
// without a kind counts as open.
func rateStages(p Pipeline) []Stage {
	var open []Stage
	for _, s := range p.Stages {
		if s.Kind == StageOpen || s.Kind == "" {
			open = append(open, s)
		}
	}

	slices.SortStableFunc(open, func(a, b Stage) int { return cmp.Compare(a.Position, b.Position) })

	return open
}

// furthestOpenStage returns the position among the open stages of the
// last one that the closed deal d reached, or -1 for none. index maps an
// open stage's ID to its position among the count open stages.
func furthestOpenStage(index map[int64]int, count int, d DealFact) int {
	if d.Won() {
		return count - 1
	}

	furthest := -1
	for _, visit := range d.History {
		if i, ok := index[visit.StageID]; ok {
			furthest = max(furthest, i)
		}
	}

	return furthest
}

// rateFor returns the stage rate of stageID, if it is an open stage of
// the pipeline.
func (r PipelineRates) rateFor(stageID int64) (StageRate, bool) {
	for _, s := range r.Stages {
		if s.Stage.ID == stageID {
			return s, true
		}
	}

	return StageRate{}, false
}
