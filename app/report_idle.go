package app

import "sort"

// IdleDeals returns the open deals that [IsIdle] marks on today: longer
// in their stage than the stage's idle threshold. The stages come from
// pipelines, and a deal whose stage none of them has is left out. The
// deals come in the order they entered their stage, longest waiting
// first, then by ID.
func IdleDeals(pipelines []Pipeline, deals []DealFact, today Date) []DealFact {
	stages := map[int64]Stage{}
	for _, p := range pipelines {
		for _, s := range p.Stages {
			stages[s.ID] = s
		}
	}

	var out []DealFact
	for _, d := range deals {
		stage, ok := stages[d.StageID]
		if ok && d.Open() && IsIdle(Opportunity{StageEnteredOn: d.StageEnteredOn}, stage, today) {
			out = append(out, d)
		}
	}

	sort.Slice(out, func(i, j int) bool {
		if out[i].StageEnteredOn != out[j].StageEnteredOn {
			return dateBefore(out[i].StageEnteredOn, out[j].StageEnteredOn)
		}

		return out[i].ID < out[j].ID
	})

	return out
}
