package app

import (
	"testing"
	"time"
)

// forecastPipeline is a sales process with three open stages, a won and
// a lost stage, given out of position order on purpose.
func forecastPipeline() Pipeline {
	return Pipeline{ID: 7, Name: "Sales", Currency: "EUR", Stages: []Stage{
		{ID: 3, PipelineID: 7, Name: "Proposal", Position: 2, Probability: 60, Kind: StageOpen},
		{ID: 1, PipelineID: 7, Name: "Prospecting", Position: 0, Probability: 10, Kind: StageOpen},
		{ID: 2, PipelineID: 7, Name: "Qualification", Position: 1, Probability: 20, Kind: StageOpen},
		{ID: 4, PipelineID: 7, Name: "Won", Position: 3, Probability: 100, Kind: StageWon},
		{ID: 5, PipelineID: 7, Name: "Lost", Position: 4, Probability: 0, Kind: StageLost},
	}}
}

var forecastWindow = Period{From: Date{2026, time.January, 1}, To: Date{2026, time.June, 30}}

// closedDeals returns count deals of pipeline 7 that closed in kind on
// closedOn after visiting the stages with the given IDs.
func closedDeals(count int, kind StageKind, closedOn Date, stageIDs ...int64) []DealFact {
	final := map[StageKind]int64{StageWon: 4, StageLost: 5}[kind]
	var history []StageVisit
	for _, id := range append(stageIDs, final) {
		history = append(history, StageVisit{StageID: id})
	}

	deals := make([]DealFact, count)
	for i := range deals {
		deals[i] = DealFact{PipelineID: 7, StageID: final, StageKind: kind, ClosedOn: closedOn, History: history}
	}

	return deals
}

// rateHistory returns the closed deals behind the hand-made rates:
//
//	Prospecting:   reached 6+2+4+3+1 = 16, won 6+2 = 8, rate 1/2
//	Qualification: reached 6+2+3+1 = 12,   won 8,       rate 2/3
//	Proposal:      reached 6+2+1 = 9,      won 8,       too few deals
func rateHistory() []DealFact {
	inWindow := Date{2026, time.March, 15}
	var deals []DealFact
	deals = append(deals, closedDeals(6, StageWon, inWindow, 1, 2, 3)...)
	// Won straight from Prospecting: winning passes every open stage.
	deals = append(deals, closedDeals(2, StageWon, inWindow, 1)...)
	deals = append(deals, closedDeals(4, StageLost, inWindow, 1)...)
	deals = append(deals, closedDeals(3, StageLost, inWindow, 1, 2)...)
	// Entered at Proposal: it reached the stages before it too.
	deals = append(deals, closedDeals(1, StageLost, inWindow, 3)...)
	// No open stage in its history: it reached none.
	deals = append(deals, closedDeals(1, StageLost, inWindow)...)
	// Closed outside the window.
	deals = append(deals, closedDeals(5, StageWon, Date{2025, time.December, 31}, 1, 2, 3)...)
	// Another pipeline.
	other := closedDeals(2, StageWon, inWindow, 1)
	for i := range other {
		other[i].PipelineID = 8
	}

	return append(deals, other...)
}

func TestHistoricalRatesByStage(t *testing.T) {
	rates := HistoricalRates(forecastPipeline(), rateHistory(), forecastWindow)

	want := []struct {
		stage        string
		reached, won int
		enough       bool
		rate         float64
	}{
		{"Prospecting", 16, 8, true, 0.5},
		{"Qualification", 12, 8, true, 8.0 / 12},
		{"Proposal", 9, 8, false, 8.0 / 9},
	}
	if len(rates.Stages) != len(want) {
		t.Fatalf("got %d stage rates, want %d", len(rates.Stages), len(want))
	}

	for i, w := range want {
		got := rates.Stages[i]
		if got.Stage.Name != w.stage {
			t.Errorf("stage %d = %q, want %q", i, got.Stage.Name, w.stage)
		}
		if got.Reached != w.reached {
			t.Errorf("%s: reached = %d, want %d", w.stage, got.Reached, w.reached)
		}
		if got.Won != w.won {
			t.Errorf("%s: won = %d, want %d", w.stage, got.Won, w.won)
		}
		if got.Enough() != w.enough {
			t.Errorf("%s: enough = %v, want %v", w.stage, got.Enough(), w.enough)
		}
		if got.Rate() != w.rate {
			t.Errorf("%s: rate = %v, want %v", w.stage, got.Rate(), w.rate)
		}
	}
}

func TestHistoricalRatesNoDeals(t *testing.T) {
	rates := HistoricalRates(forecastPipeline(), nil, forecastWindow)
	for _, r := range rates.Stages {
		if r.Enough() {
			t.Errorf("%s: enough without deals", r.Stage.Name)
		}
		if r.Rate() != 0 {
			t.Errorf("%s: rate = %v without deals, want 0", r.Stage.Name, r.Rate())
		}
	}
}

// openDeal returns an open deal of pipeline 7.
func openDeal(id, stageID int64, amount Money, probability int, closeDate Date) DealFact {
	return DealFact{ID: id, PipelineID: 7, StageID: stageID, StageKind: StageOpen,
		Amount: amount, Probability: probability, CloseDate: closeDate}
}

func TestForecastPeriodHandMade(t *testing.T) {
	eur := func(minor int64) Money { return Money{Minor: minor, Currency: "EUR"} }
	usd := func(minor int64) Money { return Money{Minor: minor, Currency: "USD"} }
	inPeriod := Date{2026, time.August, 10}
	deals := append(rateHistory(),
		// weighted 10 % of 100000 = 10000; historical 1/2 = 50000
		openDeal(1, 1, eur(100_000), 10, inPeriod),
		// weighted 20 % of 33333 = 6666.6 → 6667; historical 8/12 = 22222
		openDeal(2, 2, eur(33_333), 20, inPeriod),
		// 75 % set by hand; Proposal has too few deals, so historical
		// takes its default 60 %: 30000
		openDeal(3, 3, eur(50_000), 75, inPeriod),
		// overdue, counted because the period contains today:
		// weighted 1000, historical 5000
		openDeal(4, 1, eur(10_000), 10, Date{2026, time.May, 2}),
		// a 0 % deal in another currency: weighted 0,
		// historical 20000 × 8/12 = 13333.3 → 13333
		openDeal(5, 2, usd(20_000), 0, Date{2026, time.September, 30}),
		// after the period, without a close date, or already won
		openDeal(6, 1, eur(999_999), 10, Date{2026, time.October, 1}),
		openDeal(7, 1, eur(999_999), 10, Date{}),
		DealFact{ID: 8, PipelineID: 7, StageID: 4, StageKind: StageWon, Amount: eur(999_999), Probability: 100,
			CloseDate: inPeriod, ClosedOn: inPeriod},
	)

	got := ForecastPeriod([]Pipeline{forecastPipeline()}, deals, ForecastOptions{
		Period: Period{From: Date{2026, time.July, 1}, To: Date{2026, time.September, 30}},
		Today:  Date{2026, time.July, 14},
		Window: forecastWindow,
	})

	want := []CurrencyForecast{
		{Currency: "EUR", Deals: 4, Weighted: eur(55_167), Historical: eur(107_222)},
		{Currency: "USD", Deals: 1, Weighted: usd(0), Historical: usd(13_333)},
	}
	if len(got.Currencies) != len(want) {
		t.Fatalf("got %d currencies, want %d: %+v", len(got.Currencies), len(want), got.Currencies)
	}

	for i, w := range want {
		g := got.Currencies[i]
		if g.Currency != w.Currency || g.Deals != w.Deals {
			t.Errorf("row %d = %s with %d deals, want %s with %d", i, g.Currency, g.Deals, w.Currency, w.Deals)
		}
		if g.Weighted != w.Weighted {
			t.Errorf("%s weighted = %v, want %v", w.Currency, g.Weighted, w.Weighted)
		}
		if g.Historical != w.Historical {
			t.Errorf("%s historical = %v, want %v", w.Currency, g.Historical, w.Historical)
		}
		if g.Range.Currency != w.Currency {
			t.Errorf("%s range is in %s", w.Currency, g.Range.Currency)
		}
	}

	if len(got.Rates) != 1 || got.Rates[0].Stages[0].Reached != 16 {
		t.Errorf("rates = %+v, want Prospecting reached by 16 deals", got.Rates)
	}
}

func TestForecastOverdueOnlyInTodaysPeriod(t *testing.T) {
	overdue := openDeal(1, 1, Money{Minor: 100, Currency: "EUR"}, 10, Date{2026, time.May, 2})
	today := Date{2026, time.July, 14}
	if ExpectedToClose(overdue, Period{From: Date{2026, time.October, 1}, To: Date{2026, time.December, 31}}, today) {
		t.Error("an overdue deal counts in a later period")
	}
	if !ExpectedToClose(overdue, Period{From: Date{2026, time.July, 1}, To: Date{2026, time.September, 30}}, today) {
		t.Error("an overdue deal does not count in the period containing today")
	}
}

func TestMulDivRoundHalfAwayFromZero(t *testing.T) {
	cases := []struct {
		amount, numerator, denominator, want int64
	}{
		{5, 1, 2, 3},
		{-5, 1, 2, -3},
		{4, 1, 3, 1},
		{5, 1, 3, 2},
		{0, 1, 3, 0},
		{7, 0, 3, 0},
		{9_000_000_000_000_000_000, 2, 3, 6_000_000_000_000_000_000},
	}

	for _, c := range cases {
		if got := mulDivRound(c.amount, c.numerator, c.denominator); got != c.want {
			t.Errorf("%d × %d ÷ %d = %d, want %d", c.amount, c.numerator, c.denominator, got, c.want)
		}
	}
}
