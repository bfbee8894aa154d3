package app

import (
	"errors"
	"slices"
	"testing"
)

func goalWonDeal(source string, amount Money) DealFact {
	return DealFact{Source: source, StageKind: StageWon, Amount: amount}
}

func goalLostDeal(source string) DealFact {
	return DealFact{Source: source, StageKind: StageLost, Amount: Major(1000, "EUR")}
}

func goalOpenDeal(source string) DealFact {
	return DealFact{Source: source, StageKind: StageOpen, Amount: Major(5000, "EUR")}
}

func goalLeads(source string, statuses ...LeadStatus) []LeadFact {
	var leads []LeadFact
	for _, s := range statuses {
		leads = append(leads, LeadFact{Source: source, Status: s})
	}

	return leads
}

// goalFacts are 3 won EUR deals (one from each of two sources and one
// without source), 1 won USD deal, 2 lost and 1 open deal, and leads in
// every status.
func goalFacts() ([]DealFact, []LeadFact) {
	deals := []DealFact{
		goalWonDeal(SourceTradeFair, Major(10000, "EUR")),
		goalWonDeal(SourceReferral, Major(20001, "EUR")),
		goalWonDeal("", Major(3000, "EUR")),
		goalWonDeal(SourceTradeFair, Major(9000, "USD")),
		goalLostDeal(SourceTradeFair),
		goalLostDeal(SourceReferral),
		goalOpenDeal(SourceTradeFair),
	}

	leads := goalLeads(SourceTradeFair, LeadNew, LeadContacted, LeadNurturing, LeadQualified,
		LeadHandedOver, LeadConverted, LeadConverted, LeadDisqualified)
	leads = append(leads, goalLeads(SourceReferral, LeadConverted, LeadDisqualified, LeadDisqualified)...)
	leads = append(leads, goalLeads("", LeadQualified)...)

	return deals, leads
}

func TestLeadGoalHistoryCounts(t *testing.T) {
	deals, leads := goalFacts()
	h := LeadGoalHistoryOf(deals, leads, "EUR")

	if h.WonAmount != Major(33001, "EUR") {
		t.Errorf("won amount %v, want 33001.00 EUR", h.WonAmount)
	}
	if h.WonDeals != 3 {
		t.Errorf("won deals in EUR %d, want 3", h.WonDeals)
	}
	if h.Won != 4 {
		t.Errorf("won deals %d, want 4 in every currency", h.Won)
	}
	if h.Closed != 6 {
		t.Errorf("closed deals %d, want 6 (the open deal left out)", h.Closed)
	}
	if h.Converted != 3 {
		t.Errorf("converted leads %d, want 3", h.Converted)
	}
	if h.Qualified != 6 {
		t.Errorf("qualified-or-later leads %d, want 6", h.Qualified)
	}
	if h.Decided != 9 {
		t.Errorf("decided leads %d, want 9 (new, contacted and nurturing left out)", h.Decided)
	}
}

func TestLeadGoalHistoryRates(t *testing.T) {
	deals, leads := goalFacts()
	h := LeadGoalHistoryOf(deals, leads, "EUR")

	// 33001.00 EUR over 3 deals is 11000.333…, rounded to the cent.
	if avg, ok := h.AverageDeal(); !ok || avg != (Money{Minor: 1100033, Currency: "EUR"}) {
		t.Errorf("average deal %v %v, want 11000.33 EUR", avg, ok)
	}
	if r, ok := h.WinRate(); !ok || r != 6667 {
		t.Errorf("win rate %d %v, want 6667 (4 of 6)", r, ok)
	}
	if r, ok := h.LeadToOpportunityRate(); !ok || r != 5000 {
		t.Errorf("lead-to-opportunity rate %d %v, want 5000 (3 of 6)", r, ok)
	}
	if r, ok := h.QualificationRate(); !ok || r != 6667 {
		t.Errorf("qualification rate %d %v, want 6667 (6 of 9)", r, ok)
	}
}

func TestLeadGoalHistoryEmpty(t *testing.T) {
	h := LeadGoalHistoryOf([]DealFact{goalOpenDeal("")}, goalLeads("", LeadNew), "EUR")

	if _, ok := h.AverageDeal(); ok {
		t.Error("average deal without won deals is reported as known")
	}
	if _, ok := h.WinRate(); ok {
		t.Error("win rate without closed deals is reported as known")
	}
	if _, ok := h.LeadToOpportunityRate(); ok {
		t.Error("lead-to-opportunity rate without qualified leads is reported as known")
	}
	if _, ok := h.QualificationRate(); ok {
		t.Error("qualification rate without decided leads is reported as known")
	}
}

func TestLeadGoalHistoryOtherCurrency(t *testing.T) {
	deals, leads := goalFacts()
	h := LeadGoalHistoryOf(deals, leads, "USD")

	if avg, ok := h.AverageDeal(); !ok || avg != Major(9000, "USD") {
		t.Errorf("average deal %v %v, want 9000.00 USD from the one USD deal", avg, ok)
	}
}

func TestLeadGoalHistoryBySource(t *testing.T) {
	deals, leads := goalFacts()
	list := LeadGoalHistoryBySource(deals, leads, "EUR")

	var sources []string
	for _, h := range list {
		sources = append(sources, h.Source)
	}

	want := []string{SourceReferral, SourceTradeFair}
	if !slices.Equal(sources, want) {
		t.Fatalf("sources %q, want %q: largest won amount first, none without a source", sources, want)
	}

	fair := list[1]
	if fair.WonDeals != 1 || fair.Won != 2 || fair.Closed != 3 {
		t.Errorf("trade fair deals: %d won in EUR, %d won, %d closed; want 1, 2, 3", fair.WonDeals, fair.Won, fair.Closed)
	}
	if fair.Converted != 2 || fair.Qualified != 4 || fair.Decided != 5 {
		t.Errorf("trade fair leads: %d converted, %d qualified, %d decided; want 2, 4, 5",
			fair.Converted, fair.Qualified, fair.Decided)
	}
}

func TestTargetSharesAddUp(t *testing.T) {
	histories := []LeadGoalHistory{
		{WonAmount: Major(100, "EUR")},
		{WonAmount: Major(100, "EUR")},
		{WonAmount: Major(100, "EUR")},
	}

	shares := TargetShares(histories)
	if !slices.Equal(shares, []Rate{3334, 3333, 3333}) {
		t.Errorf("shares %v, want [3334 3333 3333]", shares)
	}
}

func TestTargetSharesLargestRemainder(t *testing.T) {
	histories := []LeadGoalHistory{
		{WonAmount: Money{Minor: 1, Currency: "EUR"}},
		{WonAmount: Money{Minor: 2, Currency: "EUR"}},
		{WonAmount: Money{Minor: 4, Currency: "EUR"}},
	}

	// The exact shares are 1428.57, 2857.14 and 5714.29 basis points.
	shares := TargetShares(histories)
	if !slices.Equal(shares, []Rate{1429, 2857, 5714}) {
		t.Errorf("shares %v, want [1429 2857 5714]", shares)
	}
}

func TestTargetSharesByConvertedLeads(t *testing.T) {
	histories := []LeadGoalHistory{{Converted: 1}, {Converted: 3}, {}}

	shares := TargetShares(histories)
	if !slices.Equal(shares, []Rate{2500, 7500, 0}) {
		t.Errorf("shares %v, want [2500 7500 0] by converted leads when no deal names a source", shares)
	}
}

func TestTargetSharesNothingWon(t *testing.T) {
	shares := TargetShares([]LeadGoalHistory{{}, {}})
	if !slices.Equal(shares, []Rate{0, 0}) {
		t.Errorf("shares %v, want all 0", shares)
	}
}

func TestWonCurrenciesOrder(t *testing.T) {
	deals := []DealFact{
		goalWonDeal("", Major(1, "USD")),
		goalWonDeal("", Major(1, "EUR")),
		goalWonDeal("", Major(1, "EUR")),
		goalWonDeal("", Major(1, "CHF")),
		goalLostDeal(""),
		goalLostDeal(""),
		{StageKind: StageLost, Amount: Major(1, "GBP")},
	}

	got := WonCurrencies(deals)
	if !slices.Equal(got, []string{"EUR", "CHF", "USD"}) {
		t.Errorf("currencies %q, want EUR first, then CHF and USD by code, no GBP", got)
	}
}

func TestRateOf(t *testing.T) {
	cases := []struct {
		part, whole int
		want        Rate
	}{
		{1, 3, 3333},
		{2, 3, 6667},
		{1, 8, 1250},
		{0, 5, 0},
		{5, 5, 10000},
	}

	for _, c := range cases {
		got, ok := RateOf(c.part, c.whole)
		if !ok || got != c.want {
			t.Errorf("RateOf(%d, %d) = %d %v, want %d", c.part, c.whole, got, ok, c.want)
		}
	}

	if _, ok := RateOf(0, 0); ok {
		t.Error("RateOf(0, 0) is reported as known")
	}
}

func TestParseRate(t *testing.T) {
	cases := []struct {
		text string
		want Rate
	}{
		{"23.5", 2350},
		{"23.53", 2353},
		{"100", 10000},
		{" 7 % ", 700},
		{"0", 0},
		{"0.01", 1},
	}

	for _, c := range cases {
		got, err := ParseRate(c.text)
		if err != nil || got != c.want {
			t.Errorf("ParseRate(%q) = %d, %v; want %d", c.text, got, err, c.want)
		}
	}
}

func TestParseRateRejects(t *testing.T) {
	for _, text := range []string{"", "%", "abc", "12.345", "12.", ".5", "-3", "+3", "1e2", "12,5"} {
		if _, err := ParseRate(text); !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseRate(%q) error %v, want ErrInvalid", text, err)
		}
	}
}

func TestRateDecimalRoundTrip(t *testing.T) {
	for _, r := range []Rate{0, 1, 99, 2353, 10000} {
		back, err := ParseRate(r.Decimal())
		if err != nil || back != r {
			t.Errorf("rate %d wrote %q, read back %d, %v", r, r.Decimal(), back, err)
		}
	}
}

func goalInputs() LeadGoalInputs {
	return LeadGoalInputs{
		Target:            Major(300000, "EUR"),
		Months:            3,
		Share:             FullRate,
		AverageDeal:       Major(25000, "EUR"),
		WinRate:           2500,
		LeadToOpportunity: 4000,
		Qualification:     3000,
	}
}

func TestPlanLeadGoalChain(t *testing.T) {
	plan, err := PlanLeadGoal(goalInputs())
	if err != nil {
		t.Fatal(err)
	}

	// 300,000 ÷ 25,000 = 12 won; ÷ 25 % = 48; ÷ 40 % = 120; ÷ 30 % = 400;
	// ÷ 3 months = 133.3, so 134 a month.
	want := LeadGoalPlan{Target: Major(300000, "EUR"), WonDeals: 12, Opportunities: 48,
		QualifiedLeads: 120, Leads: 400, LeadsPerMonth: 134}
	if plan != want {
		t.Errorf("plan %+v, want %+v", plan, want)
	}
}

func TestPlanLeadGoalRoundsEachStepUp(t *testing.T) {
	in := goalInputs()
	in.Target = Major(100000, "EUR")
	in.AverageDeal = Major(30000, "EUR")
	in.WinRate = 3000
	in.LeadToOpportunity = 10000
	in.Qualification = 10000

	plan, err := PlanLeadGoal(in)
	if err != nil {
		t.Fatal(err)
	}

	// 3.33 won deals round up to 4, and 4 ÷ 30 % = 13.33 rounds up to 14;
	// without rounding the first step it would be 11.1, so 12.
	if plan.WonDeals != 4 {
		t.Errorf("won deals %d, want 4", plan.WonDeals)
	}
	if plan.Opportunities != 14 {
		t.Errorf("opportunities %d, want 14 from the 4 rounded won deals", plan.Opportunities)
	}
}

// A float division makes 1390 ÷ 0.3475 a hair more than 4000, which a
// ceiling turns into 4001; basis points keep it at 4000.
func TestPlanLeadGoalExactQuotient(t *testing.T) {
	in := goalInputs()
	in.Target = Major(1390, "EUR")
	in.AverageDeal = Major(1, "EUR")
	in.WinRate = 3475
	in.LeadToOpportunity = FullRate
	in.Qualification = FullRate

	plan, err := PlanLeadGoal(in)
	if err != nil {
		t.Fatal(err)
	}

	if plan.Opportunities != 4000 {
		t.Errorf("opportunities %d, want exactly 4000", plan.Opportunities)
	}
}

func TestPlanLeadGoalShare(t *testing.T) {
	in := goalInputs()
	in.Share = 3333

	plan, err := PlanLeadGoal(in)
	if err != nil {
		t.Fatal(err)
	}

	// 33.33 % of 300,000.00 is 99,990.00; ÷ 25,000 = 3.9996, so 4 won.
	if plan.Target != Major(99990, "EUR") {
		t.Errorf("target share %v, want 99990.00 EUR", plan.Target)
	}
	if plan.WonDeals != 4 {
		t.Errorf("won deals %d, want 4", plan.WonDeals)
	}
}

func TestPlanLeadGoalZeroShareNeedsNothing(t *testing.T) {
	in := goalInputs()
	in.Share = 0
	in.AverageDeal = Money{}
	in.WinRate = 0

	plan, err := PlanLeadGoal(in)
	if err != nil {
		t.Fatalf("a share of 0 with no rates: %v", err)
	}

	if plan != (LeadGoalPlan{Target: Money{Currency: "EUR"}}) {
		t.Errorf("plan %+v, want nothing needed", plan)
	}
}

func TestPlanLeadGoalWithoutMonths(t *testing.T) {
	in := goalInputs()
	in.Months = 0

	plan, err := PlanLeadGoal(in)
	if err != nil {
		t.Fatal(err)
	}

	if plan.LeadsPerMonth != 0 || plan.Leads != 400 {
		t.Errorf("leads %d, a month %d; want 400 and 0", plan.Leads, plan.LeadsPerMonth)
	}
}

func TestPlanLeadGoalRejects(t *testing.T) {
	cases := []struct {
		name    string
		change  func(*LeadGoalInputs)
		field   LeadGoalField
		problem LeadGoalProblem
	}{
		{"zero target", func(in *LeadGoalInputs) { in.Target.Minor = 0 }, GoalTarget, GoalNotPositive},
		{"negative months", func(in *LeadGoalInputs) { in.Months = -1 }, GoalMonths, GoalNotPositive},
		{"share over 100", func(in *LeadGoalInputs) { in.Share = 10001 }, GoalShare, GoalOutOfRange},
		{"missing average deal", func(in *LeadGoalInputs) { in.AverageDeal = Money{} }, GoalAverageDeal, GoalNotPositive},
		{"average in USD", func(in *LeadGoalInputs) { in.AverageDeal.Currency = "USD" }, GoalAverageDeal, GoalOtherCurrency},
		{"zero win rate", func(in *LeadGoalInputs) { in.WinRate = 0 }, GoalWinRate, GoalNotPositive},
		{"win rate over 100", func(in *LeadGoalInputs) { in.WinRate = 10001 }, GoalWinRate, GoalOutOfRange},
		{"zero conversion", func(in *LeadGoalInputs) { in.LeadToOpportunity = 0 }, GoalLeadToOpportunity, GoalNotPositive},
		{"zero qualification", func(in *LeadGoalInputs) { in.Qualification = 0 }, GoalQualification, GoalNotPositive},
		{"too many leads", func(in *LeadGoalInputs) {
			in.Target = Money{Minor: 1 << 62, Currency: "EUR"}
			in.AverageDeal = Money{Minor: 1, Currency: "EUR"}
			in.WinRate, in.LeadToOpportunity, in.Qualification = 1, 1, 1
		}, GoalTarget, GoalTooLarge},
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := goalInputs()
			c.change(&in)
			_, err := PlanLeadGoal(in)

			var goalErr *LeadGoalError
			if !errors.As(err, &goalErr) {
				t.Fatalf("error %v, want a *LeadGoalError", err)
			}
			if goalErr.Field != c.field {
				t.Errorf("field %q, want %q", goalErr.Field, c.field)
			}
			if goalErr.Problem != c.problem {
				t.Errorf("problem %q, want %q", goalErr.Problem, c.problem)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("error %v does not wrap ErrInvalid", err)
			}
		})
	}
}

func TestLeadGoalPlanAdd(t *testing.T) {
	a := LeadGoalPlan{Target: Major(10, "EUR"), WonDeals: 1, Opportunities: 2, QualifiedLeads: 3, Leads: 4, LeadsPerMonth: 5}
	b := LeadGoalPlan{Target: Major(20, "EUR"), WonDeals: 10, Opportunities: 20, QualifiedLeads: 30, Leads: 40, LeadsPerMonth: 50}

	want := LeadGoalPlan{Target: Major(30, "EUR"), WonDeals: 11, Opportunities: 22, QualifiedLeads: 33, Leads: 44, LeadsPerMonth: 55}
	if got := a.Add(b); got != want {
		t.Errorf("sum %+v, want %+v", got, want)
	}
}
