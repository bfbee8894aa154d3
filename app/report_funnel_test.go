package app

import (
	"reflect"
	"testing"
)

func TestStageFunnelFigures(t *testing.T) {
	got := StageFunnel(salesPipeline(), reportDeals(t))

	// The furthest stage each deal of pipeline 1 entered is Lead for deals
	// 1, 5 and 10, Offer for deals 2, 3 and 8, Negotiation for deal 4, and
	// the won stage, past all open stages, for deals 6, 7 and 9. Deal 12 has no history and a stage outside the pipeline, so it
	// reached none. Deal 7 skipped Offer and deal 9 skipped Offer and
	// Negotiation, but both count as having reached them.
	//
	// Days in each stage, from visits that a later visit ended:
	// Lead: 2 (4), 4 (3), 4 (8), 10 (2), 10 (6), 19 (10), 20 (7), 31 (9);
	// median of eight values (10 + 10) ÷ 2 = 10. Offer: 15 (8), 30 (6),
	// 38 (4); median 30. Negotiation: 15 (7), 36 (6); median 25.5.
	want := []FunnelStep{
		{Reached: 10, ReachedNext: 7, Won: 3, MedianDays: 10, TimedDeals: 8},
		{Reached: 7, ReachedNext: 4, Won: 3, MedianDays: 30, TimedDeals: 3},
		{Reached: 4, ReachedNext: 3, Won: 3, MedianDays: 25.5, TimedDeals: 2},
	}
	names := []string{"Lead", "Offer", "Negotiation"}

	if len(got) != len(want) {
		t.Fatalf("got %d steps %+v, want %d", len(got), got, len(want))
	}
	for i := range want {
		want[i].Stage = got[i].Stage
		if got[i].Stage.Name != names[i] {
			t.Errorf("step %d: stage %q, want %q", i, got[i].Stage.Name, names[i])
		}
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("step %s:\n got %+v\nwant %+v", names[i], got[i], want[i])
		}
	}
}

func TestStageFunnelRates(t *testing.T) {
	got := StageFunnel(salesPipeline(), reportDeals(t))

	// Offer: 4 of 7 reached Negotiation and 3 of 7 were won.
	if r := got[1].NextRate(); r != 4.0/7 {
		t.Errorf("Offer next rate %v, want 4/7", r)
	}
	if r := got[1].WinRate(); r != 3.0/7 {
		t.Errorf("Offer win rate %v, want 3/7", r)
	}
	if r := (FunnelStep{}).NextRate(); r != 0 {
		t.Errorf("empty step next rate %v, want 0", r)
	}
}

func TestStageFunnelNoDeals(t *testing.T) {
	got := StageFunnel(salesPipeline(), nil)

	if len(got) != 3 {
		t.Fatalf("got %d steps, want 3", len(got))
	}
	for _, s := range got {
		if s.Reached != 0 || s.TimedDeals != 0 || s.MedianDays != 0 {
			t.Errorf("step %s: %+v, want all zero", s.Stage.Name, s)
		}
	}
}
