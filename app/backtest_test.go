package app

import (
	"testing"
	"time"
)

// backtestPipeline is the Maven sales process: Prospecting 10 %, Engaging
// 40 %, Won and Lost, without IDs as in an import batch.
func backtestPipeline() Pipeline {
	return Pipeline{Name: "Maven CRM", Currency: "USD", Stages: []Stage{
		{Name: "Prospecting", Position: 0, Probability: 10, Kind: StageOpen},
		{Name: "Engaging", Position: 1, Probability: 40, Kind: StageOpen},
		{Name: "Won", Position: 2, Probability: 100, Kind: StageWon},
		{Name: "Lost", Position: 3, Probability: 0, Kind: StageLost},
	}}
}

// importedDeal returns a deal that entered Engaging on engaged at
// listPrice dollars and, unless closed is zero, entered the stage final on
// closed at closeValue dollars.
func importedDeal(engaged Date, listPrice int64, final string, closed Date, closeValue int64) OpportunityImport {
	at := func(d Date) time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }
	deal := OpportunityImport{Stage: "Engaging", History: []StageChangeImport{
		{To: "Engaging", At: at(engaged), Amount: Major(listPrice, "USD"), Probability: 40},
	}}
	if closed.IsZero() {
		return deal
	}

	deal.Stage = final
	deal.History = append(deal.History, StageChangeImport{From: "Engaging", To: final, At: at(closed),
		Amount: Major(closeValue, "USD")})

	return deal
}

// backtestBatch returns the hand-made deals of the backtest tests.
func backtestBatch() ImportBatch {
	day := func(month time.Month, d int) Date { return Date{2017, month, d} }
	deals := []OpportunityImport{
		importedDeal(day(1, 10), 1000, "Won", day(2, 1), 900),
		importedDeal(day(1, 5), 1000, "Lost", day(3, 1), 0),
		// Open on 1 April at its list price, won in the quarter for more.
		importedDeal(day(3, 15), 2000, "Won", day(4, 20), 2500),
		importedDeal(day(3, 20), 1000, "", Date{}, 0),
		// Entered during the second quarter and won in it.
		importedDeal(day(4, 2), 500, "Won", day(5, 1), 600),
		// Entered on the quarter's first day, so not open at its start.
		importedDeal(day(4, 1), 700, "Won", day(7, 2), 800),
		// Prospecting without a date: left out.
		{Stage: "Prospecting", History: []StageChangeImport{{To: "Prospecting", Amount: Major(9999, "USD")}}},
	}

	// Twenty deals engaged in December 2016; half won for $100 each and
	// half lost in February, before the second quarter.
	for i := range 20 {
		if i%2 == 0 {
			deals = append(deals, importedDeal(Date{2016, time.December, 1}, 100, "Won", day(2, 10), 100))
		} else {
			deals = append(deals, importedDeal(Date{2016, time.December, 1}, 100, "Lost", day(2, 10), 0))
		}
	}

	return ImportBatch{Pipeline: backtestPipeline(), Opportunities: deals}
}

func TestBacktestHandMade(t *testing.T) {
	usd := func(minor int64) Money { return Money{Minor: minor, Currency: "USD"} }
	quarters := QuartersOf(2017)
	rows := Backtest(backtestBatch(), quarters[:2], 12)
	if len(rows) != 2 {
		t.Fatalf("got %d rows, want 2: %+v", len(rows), rows)
	}

	// 1 January: the twenty December deals are open at $100 and 40 %:
	// $800. Nothing has closed, so the rates fall back to 40 %. Won in
	// the quarter: ten times $100 from the open deals, $900 from a deal
	// engaged in January.
	first := rows[0]
	if first.OpenDeals != 20 {
		t.Errorf("Q1 open deals = %d, want 20", first.OpenDeals)
	}
	if first.Defaults != usd(80_000) {
		t.Errorf("Q1 defaults = %v, want 800.00 USD", first.Defaults)
	}
	if first.Historical != usd(80_000) {
		t.Errorf("Q1 historical = %v, want 800.00 USD", first.Historical)
	}
	if first.Actual != usd(190_000) {
		t.Errorf("Q1 actual = %v, want 1900.00 USD", first.Actual)
	}
	if first.ActualFromOpen != usd(100_000) {
		t.Errorf("Q1 actual from open deals = %v, want 1000.00 USD", first.ActualFromOpen)
	}

	// 1 April: open are the $2000 and $1000 deals, 40 % each: $1200. Of
	// the 22 deals closed before, 11 were won, so the rate is 1/2:
	// $1500. Won in the quarter: $2500 by an open deal, $600 by a new
	// one.
	second := rows[1]
	if second.Period != quarters[1] {
		t.Errorf("second row is %v, want %v", second.Period, quarters[1])
	}
	if second.OpenDeals != 2 {
		t.Errorf("Q2 open deals = %d, want 2", second.OpenDeals)
	}
	if second.Defaults != usd(120_000) {
		t.Errorf("Q2 defaults = %v, want 1200.00 USD", second.Defaults)
	}
	if second.Historical != usd(150_000) {
		t.Errorf("Q2 historical = %v, want 1500.00 USD", second.Historical)
	}
	if second.Actual != usd(310_000) {
		t.Errorf("Q2 actual = %v, want 3100.00 USD", second.Actual)
	}
	if second.ActualFromOpen != usd(250_000) {
		t.Errorf("Q2 actual from open deals = %v, want 2500.00 USD", second.ActualFromOpen)
	}

	engaging := second.Rates.Stages[1]
	if engaging.Stage.Name != "Engaging" || engaging.Reached != 22 || engaging.Won != 11 {
		t.Errorf("Q2 Engaging rate = %s %d of %d, want Engaging 11 of 22",
			engaging.Stage.Name, engaging.Won, engaging.Reached)
	}
}

func TestQuartersOf(t *testing.T) {
	got := QuartersOf(2024)
	want := []Period{
		{Date{2024, time.January, 1}, Date{2024, time.March, 31}},
		{Date{2024, time.April, 1}, Date{2024, time.June, 30}},
		{Date{2024, time.July, 1}, Date{2024, time.September, 30}},
		{Date{2024, time.October, 1}, Date{2024, time.December, 31}},
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("quarter %d = %v, want %v", i+1, got[i], want[i])
		}
	}
}
