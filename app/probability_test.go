package app

import (
	"errors"
	"testing"
)

func TestEffectiveProbability(t *testing.T) {
	open := Stage{Probability: 40, Kind: StageOpen}
	won := Stage{Probability: 55, Kind: StageWon}
	lost := Stage{Probability: 55, Kind: StageLost}

	cases := []struct {
		name      string
		stage     Stage
		manual    bool
		setByHand int
		want      int
	}{
		{"open follows stage", open, false, 90, 40},
		{"open set by hand", open, true, 90, 90},
		{"open set by hand to zero", open, true, 0, 0},
		{"won is always 100", won, true, 30, 100},
		{"lost is always 0", lost, true, 30, 0},
	}

	for _, c := range cases {
		if got := EffectiveProbability(c.stage, c.manual, c.setByHand); got != c.want {
			t.Errorf("%s: got %d, want %d", c.name, got, c.want)
		}
	}
}

func TestValidateProbability(t *testing.T) {
	for _, p := range []int{0, 50, 100} {
		if err := ValidateProbability(p); err != nil {
			t.Errorf("ValidateProbability(%d) = %v", p, err)
		}
	}

	for _, p := range []int{-1, 101} {
		if err := ValidateProbability(p); !errors.Is(err, ErrInvalid) {
			t.Errorf("ValidateProbability(%d) = %v, want ErrInvalid", p, err)
		}
	}
}

func TestDefaultPipeline(t *testing.T) {
	p := DefaultPipeline()
	want := []struct {
		name        string
		probability int
		kind        StageKind
	}{
		{"Prospecting", 10, StageOpen}, {"Qualification", 20, StageOpen},
		{"Needs analysis", 40, StageOpen}, {"Proposal", 60, StageOpen},
		{"Negotiation", 80, StageOpen}, {"Won", 100, StageWon}, {"Lost", 0, StageLost},
	}

	if len(p.Stages) != len(want) {
		t.Fatalf("default pipeline has %d stages, want %d", len(p.Stages), len(want))
	}

	for i, w := range want {
		s := p.Stages[i]
		if s.Name != w.name || s.Probability != w.probability || s.Kind != w.kind || s.Position != i {
			t.Errorf("stage %d = %+v, want %+v at position %d", i, s, w, i)
		}
	}
}
