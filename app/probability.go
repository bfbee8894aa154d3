package app

import "fmt"

// EffectiveProbability returns the win probability a deal has in the
// given stage. A won stage gives 100 and a lost stage 0. In an open stage
// a probability the person set by hand wins over the stage's default.
func EffectiveProbability(stage Stage, manual bool, setByHand int) int {
	switch stage.Kind {
	case StageWon:
		return 100
	case StageLost:
		return 0
	}

	if manual {
		return setByHand
	}

	return stage.Probability
}

// ValidateProbability checks that p is a percentage from 0 to 100.
func ValidateProbability(p int) error {
	if p < 0 || p > 100 {
		return fmt.Errorf("probability %d %% is outside 0 to 100: %w", p, ErrInvalid)
	}

	return nil
}

// DefaultPipeline returns the sales process a fresh database starts with.
// Its stages have no IDs yet.
func DefaultPipeline() Pipeline {
	stages := []struct {
		name        string
		probability int
		kind        StageKind
	}{
		{"Prospecting", 10, StageOpen},
		{"Qualification", 20, StageOpen},
		{"Needs analysis", 40, StageOpen},
		{"Proposal", 60, StageOpen},
		{"Negotiation", 80, StageOpen},
		{"Won", 100, StageWon},
		{"Lost", 0, StageLost},
	}

	p := Pipeline{Name: "Sales", Currency: "EUR"}
	for i, s := range stages {
		p.Stages = append(p.Stages, Stage{Name: s.name, Position: i, Probability: s.probability, Kind: s.kind})
	}

	return p
}
