package app

import (
	"strings"
	"testing"
)

func TestScoreLeadBANT(t *testing.T) {
	q := &Qualification{Budget: BudgetConfirmed, Authority: DecisionMaker, Timeframe: TimeframeUnknown}
	score, reasons := ScoreLead(ScoreInput{Qualification: q})

	if score != 35 {
		t.Errorf("score = %d, want 25 + 20 − 10 = 35", score)
	}

	want := []ScoreReason{
		{Points: 25, Code: ReasonBudgetConfirmed},
		{Points: 20, Code: ReasonDecisionMaker},
		{Points: -10, Code: ReasonNoTimeframe},
	}
	if len(reasons) != len(want) {
		t.Fatalf("reasons = %+v, want %+v", reasons, want)
	}
	for i := range want {
		if reasons[i] != want[i] {
			t.Errorf("reason %d = %+v, want %+v", i, reasons[i], want[i])
		}
	}
}

func TestScoreLeadPartialQualification(t *testing.T) {
	// Only the need is answered: no points for budget or authority, and an
	// unanswered timeframe counts as none.
	q := &Qualification{Need: "manual quoting takes days", NeedPriority: 4}
	score, reasons := ScoreLead(ScoreInput{Qualification: q})

	if score != 0 {
		t.Errorf("score = %d, want 8 − 10 clamped to 0", score)
	}
	if len(reasons) != 2 || reasons[0].Code != ReasonNeedPriority || reasons[0].Points != 8 {
		t.Errorf("reasons = %+v, want need priority +8 and no timeframe −10", reasons)
	}
}

func TestScoreLeadClampsTo100(t *testing.T) {
	profile := IdealCustomerProfile{Industries: []ProfileCriterion{{"Maschinenbau", 10}}}
	q := &Qualification{Budget: BudgetConfirmed, Authority: DecisionMaker, NeedPriority: 5, Timeframe: TimeUnder1Month}
	in := ScoreInput{Lead: Lead{Industry: "maschinenbau"}, Qualification: q, Profile: profile, RecentActivities: 9}

	score, reasons := ScoreLead(in)
	if score != 100 {
		t.Errorf("score = %d, want 100", score)
	}

	total := 0
	for _, r := range reasons {
		total += r.Points
	}
	if total != 100 {
		t.Errorf("reasons add up to %d, want exactly 100 at the maximum: %+v", total, reasons)
	}
}

func TestScoreLeadFit(t *testing.T) {
	profile := IdealCustomerProfile{
		Industries: []ProfileCriterion{{"Mechanical engineering", 10}, {"Retail", 2}},
		SizeBands:  []ProfileCriterion{{string(Size50to249), 5}},
		Regions:    []ProfileCriterion{{"DACH", 5}},
	}

	cases := []struct {
		name string
		lead Lead
		want int
	}{
		{"all best", Lead{Industry: "Mechanical engineering", SizeBand: Size50to249, Region: "DACH"}, 20},
		{"industry only", Lead{Industry: "mechanical engineering"}, 10},
		{"weak industry", Lead{Industry: "Retail", Region: "DACH"}, 7},
		{"nothing matches", Lead{Industry: "Banking"}, 0},
	}

	for _, c := range cases {
		score, reasons := ScoreLead(ScoreInput{Lead: c.lead, Profile: profile})
		if score != c.want {
			t.Errorf("%s: score = %d, want %d (%+v)", c.name, score, c.want, reasons)
		}
	}
}

func TestScoreLeadEngagementCapped(t *testing.T) {
	for n, want := range map[int]int{0: 0, 1: 2, 5: 10, 40: 10} {
		score, _ := ScoreLead(ScoreInput{RecentActivities: n})
		if score != want {
			t.Errorf("%d recent activities score %d, want %d", n, score, want)
		}
	}
}

func TestTemperatureFor(t *testing.T) {
	th := ScoreThresholds{Hot: 70, Warm: 40}
	cases := map[int]Temperature{100: Hot, 70: Hot, 69: Warm, 40: Warm, 39: Cold, 0: Cold}

	for score, want := range cases {
		if got := TemperatureFor(score, th); got != want {
			t.Errorf("TemperatureFor(%d) = %s, want %s", score, got, want)
		}
	}
}

func TestValidateThresholds(t *testing.T) {
	if err := ValidateThresholds(DefaultScoreThresholds()); err != nil {
		t.Errorf("default thresholds rejected: %v", err)
	}

	for _, th := range []ScoreThresholds{{Hot: 40, Warm: 40}, {Hot: 101, Warm: 10}, {Hot: 50, Warm: -1}} {
		if err := ValidateThresholds(th); err == nil {
			t.Errorf("thresholds %+v accepted", th)
		}
	}
}

func TestFormatPoints(t *testing.T) {
	got := []string{FormatPoints(25), FormatPoints(-10), FormatPoints(0)}
	if strings.Join(got, " ") != "+25 −10 +0" {
		t.Errorf("FormatPoints = %q", got)
	}
}
