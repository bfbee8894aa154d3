package app

import "sort"

// FunnelStep is one open stage of the conversion funnel.
type FunnelStep struct {
	Stage Stage
	// Reached counts the deals that entered the stage, a later open stage
	// or the won stage, by their history or their current stage.
	Reached int
	// ReachedNext counts the deals of Reached that also entered the next
	// open stage or a later one. The next stage of the last open stage is
	// the won stage.
	ReachedNext int
	// Won counts the deals of Reached that are won.
	Won int
	// MedianDays is the median time in days that the deals which left the
	// stage spent in it, adding up every visit of a deal. TimedDeals
	// counts those deals, and MedianDays is 0 when TimedDeals is 0.
	MedianDays float64
	TimedDeals int
}

// NextRate returns ReachedNext ÷ Reached, or 0 when no deal reached the
// stage.
func (s FunnelStep) NextRate() float64 { return rate(s.ReachedNext, s.Reached) }

// WinRate returns Won ÷ Reached, or 0 when no deal reached the stage.
func (s FunnelStep) WinRate() float64 { return rate(s.Won, s.Reached) }

// StageFunnel returns one step per open stage of pipeline p, in stage
// order, counted from the history and current stage of p's deals. A deal
// reached a stage when it entered that stage or any later one, so a deal
// that skipped a stage still counts there. A lost deal reached only the
// open stages it entered, because the lost stage is not a step forward.
// Visits to stages that are no longer open stages of p are ignored.
func StageFunnel(p Pipeline, deals []DealFact) []FunnelStep {
	stages := openStages(p)
	index := make(map[int64]int, len(stages))
	for i, s := range stages {
		index[s.ID] = i
	}

	steps := make([]FunnelStep, len(stages))
	days := make([][]float64, len(stages))
	for _, d := range deals {
		if d.PipelineID != p.ID {
			continue
		}

		furthest := furthestStage(d, index, len(stages))
		for i := 0; i <= furthest && i < len(stages); i++ {
			steps[i].Reached++
			if furthest > i {
				steps[i].ReachedNext++
			}
			if d.Won() {
				steps[i].Won++
			}
		}

		for stageID, spent := range daysInLeftStages(d) {
			if i, ok := index[stageID]; ok {
				days[i] = append(days[i], spent)
			}
		}
	}

	for i := range steps {
		steps[i].Stage = stages[i]
		steps[i].TimedDeals = len(days[i])
		steps[i].MedianDays = median(days[i])
	}

	return steps
}

// furthestStage returns the index of the furthest open stage the deal
// entered, count for a won deal, and −1 when it entered none.
func furthestStage(d DealFact, index map[int64]int, count int) int {
	if d.Won() {
		return count
	}

	furthest := -1
	if i, ok := index[d.StageID]; ok {
		furthest = i
	}
	for _, v := range d.History {
		if i, ok := index[v.StageID]; ok && i > furthest {
			furthest = i
		}
	}

	return furthest
}

// daysInLeftStages returns the days a deal spent in each stage it left,
// adding up every visit that a later visit ended. The current visit is
// still running and does not count.
func daysInLeftStages(d DealFact) map[int64]float64 {
	out := map[int64]float64{}
	for i := 0; i+1 < len(d.History); i++ {
		spent := d.History[i+1].At.Sub(d.History[i].At)
		out[d.History[i].StageID] += max(spent, 0).Hours() / 24
	}

	return out
}

// median returns the middle of values, the mean of the two middle ones
// for an even count, or 0 for none. It sorts values in place.
func median(values []float64) float64 {
	if len(values) == 0 {
		return 0
	}

	sort.Float64s(values)
	mid := len(values) / 2
	if len(values)%2 == 1 {
		return values[mid]
	}

	return (values[mid-1] + values[mid]) / 2
}
