package app

import (
	"testing"
	"time"
)

func TestSharePercent(t *testing.T) {
	cases := map[string]struct {
		count, total int
		want         float64
	}{
		"no leads":              {0, 0, 0},
		"count without total":   {5, 0, 0},
		"negative total":        {1, -4, 0},
		"negative count":        {-1, 4, 0},
		"none missing":          {0, 250, 0},
		"all missing":           {250, 250, 100},
		"one third":             {1, 3, 33.3},
		"two thirds":            {2, 3, 66.7},
		"half of a tenth up":    {1, 2000, 0.1},
		"below half of a tenth": {1, 2001, 0},
		"one in eight":          {1, 8, 12.5},
		"large counts":          {33_333, 100_000, 33.3},
		"exact half up":         {1235, 10_000, 12.4},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if got := SharePercent(tc.count, tc.total); got != tc.want {
				t.Errorf("SharePercent(%d, %d) = %v, want %v", tc.count, tc.total, got, tc.want)
			}
		})
	}
}

func TestQualityFigureShare(t *testing.T) {
	f := QualityFigure{Gap: GapMissingEmail, Count: 7, Total: 9}
	if got := f.Share(); got != 77.8 {
		t.Errorf("Share of 7 in 9 = %v, want 77.8", got)
	}
}

func TestLeadFiguresUseOpenLeadsForIdle(t *testing.T) {
	d := DataQuality{
		Leads: 10, OpenLeads: 4, Contacts: 5,
		Counts: map[QualityGap]int{GapMissingEmail: 3, GapNoActivity: 1, GapContactMissingPhone: 2},
	}

	figures := d.LeadFigures()
	if len(figures) != len(LeadGaps()) {
		t.Fatalf("got %d lead figures, want %d", len(figures), len(LeadGaps()))
	}
	for _, f := range figures {
		want := QualityFigure{Gap: f.Gap, Count: d.Counts[f.Gap], Total: 10}
		if f.Gap == GapNoActivity {
			want.Total = 4
		}
		if f != want {
			t.Errorf("figure of %s = %+v, want %+v", f.Gap, f, want)
		}
	}

	contacts := d.ContactFigures()
	want := []QualityFigure{
		{Gap: GapContactMissingEmail, Count: 0, Total: 5},
		{Gap: GapContactMissingPhone, Count: 2, Total: 5},
	}
	if len(contacts) != len(want) {
		t.Fatalf("got %d contact figures, want %d", len(contacts), len(want))
	}
	for i := range want {
		if contacts[i] != want[i] {
			t.Errorf("contact figure %d = %+v, want %+v", i, contacts[i], want[i])
		}
	}
}

func TestLeadFiguresWithoutLeads(t *testing.T) {
	for _, f := range (DataQuality{}).LeadFigures() {
		if f.Count != 0 || f.Total != 0 || f.Share() != 0 {
			t.Errorf("figure of %s in an empty database = %+v, share %v, want all zero", f.Gap, f, f.Share())
		}
	}
}

func TestIsLeadGap(t *testing.T) {
	for _, g := range LeadGaps() {
		if !g.IsLeadGap() {
			t.Errorf("%s.IsLeadGap() = false, want true", g)
		}
	}

	for _, g := range []QualityGap{GapContactMissingEmail, GapContactMissingPhone, "", "unknown"} {
		if g.IsLeadGap() {
			t.Errorf("%q.IsLeadGap() = true, want false", g)
		}
	}
}

func TestFilterCarriesIdleCutoff(t *testing.T) {
	cutoff := time.Date(2025, time.February, 8, 9, 0, 0, 0, time.UTC)
	d := DataQuality{IdleSince: cutoff}

	if got := d.Filter(GapNoActivity); got.Gap != GapNoActivity || !got.IdleSince.Equal(cutoff) {
		t.Errorf("Filter(no activity) = %+v, want the gap with cut-off %v", got, cutoff)
	}
	if got := d.Filter(GapMissingPhone); !got.IdleSince.IsZero() {
		t.Errorf("Filter(missing phone).IdleSince = %v, want the zero time", got.IdleSince)
	}
	if (LeadQualityFilter{}).IsSet() {
		t.Error("the zero filter reports that it is set")
	}
}

func TestIdleCutoff(t *testing.T) {
	now := time.Date(2025, time.March, 10, 9, 0, 0, 0, time.UTC)
	want := time.Date(2025, time.February, 8, 9, 0, 0, 0, time.UTC)
	if got := IdleCutoff(now, 30); !got.Equal(want) {
		t.Errorf("IdleCutoff(%v, 30) = %v, want %v", now, got, want)
	}
}

func TestBANTAnswers(t *testing.T) {
	cases := map[string]struct {
		q    Qualification
		want int
	}{
		"empty":                   {Qualification{}, 0},
		"need of spaces only":     {Qualification{Need: "  "}, 0},
		"budget only":             {Qualification{Budget: BudgetConfirmed}, 1},
		"need by priority":        {Qualification{NeedPriority: 3}, 1},
		"need by text":            {Qualification{Need: "Slow quotes"}, 1},
		"unknown counts":          {Qualification{Budget: BudgetUnknown, Timeframe: TimeframeUnknown}, 2},
		"three of four":           {Qualification{Budget: BudgetNone, Authority: Influencer, NeedPriority: 1}, 3},
		"all four":                {Qualification{Budget: BudgetIndicated, Authority: DecisionMaker, Need: "x", Timeframe: Time1To3Months}, 4},
		"notes are no answers":    {Qualification{BudgetNote: "n", AuthorityNote: "n", NeedNote: "n", TimeNote: "n"}, 0},
		"decided by is no answer": {Qualification{DecidedBy: "CFO"}, 0},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if got := BANTAnswers(tc.q); got != tc.want {
				t.Errorf("BANTAnswers(%+v) = %d, want %d", tc.q, got, tc.want)
			}
		})
	}
}
