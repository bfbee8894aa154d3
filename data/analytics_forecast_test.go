package data

import (
	"context"
	"reflect"
	"testing"
	"time"

	"leadwerk/app"
	"leadwerk/app/demo"
)

// compareForecasts checks that the forecast by month from the SQL sums
// equals the one from the deal facts, for several filters, days, windows
// and commit thresholds.
func compareForecasts(t *testing.T, s *Store, filters []app.ReportFilter, days []app.Date) {
	t.Helper()

	ctx := context.Background()
	for _, f := range filters {
		facts, err := s.DealFacts(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		sums, err := s.ForecastMonthSums(ctx, f)
		if err != nil {
			t.Fatal(err)
		}

		for _, today := range days {
			for _, window := range [][2]int{{0, 1}, {6, 6}, {120, 120}} {
				for _, commitAt := range []int{0, 50, 75, 101} {
					want := app.ForecastByMonth(facts, today, window[0], window[1], commitAt)
					got := app.ForecastByMonthOfSums(sums, today, window[0], window[1], commitAt)
					if !reflect.DeepEqual(got, want) {
						t.Fatalf("filter %+v, today %v, window %v, commit at %d:\nsums give  %+v\nfacts give %+v",
							f, today, window, commitAt, got, want)
					}
				}
			}
		}
	}
}

// forecastHasDeals fails the test when the widest window lacks open or
// won deals, so that a comparison of empty forecasts cannot pass.
func forecastHasDeals(t *testing.T, s *Store, today app.Date) {
	t.Helper()

	facts, err := s.DealFacts(context.Background(), app.ReportFilter{})
	if err != nil {
		t.Fatal(err)
	}

	open, won := 0, 0
	for _, m := range app.ForecastByMonth(facts, today, 120, 120, 50) {
		open += m.OpenDeals
		won += m.WonDeals
	}
	if open == 0 {
		t.Fatal("the forecast has no open deals")
	}
	if won == 0 {
		t.Fatal("the forecast has no won deals")
	}
}

func TestForecastMonthSumsDemo(t *testing.T) {
	s := openTestStore(t)
	today := app.Date{Year: 2026, Month: time.March, Day: 31}
	mustImport(t, s, demo.Generate(demo.DefaultSeed, today))
	forecastHasDeals(t, s, today)

	filters := []app.ReportFilter{{}, {PipelineID: 1}, {Source: demo.Source}}
	days := []app.Date{today, {Year: 2025, Month: time.November, Day: 15}}
	compareForecasts(t, s, filters, days)
}

// TestForecastMonthSumsGenerated also clears the stage entry day of some
// won deals, whose month then comes from their last stage change, and
// moves one such change to another stage, which leaves the month unknown.
func TestForecastMonthSumsGenerated(t *testing.T) {
	s := openTestStore(t)
	mustImport(t, s, analyticsBenchBatch(3000))
	err := s.db.Exec(`UPDATE opportunities SET stage_entered_on = ''
		WHERE id % 5 = 0 AND stage_id IN (SELECT id FROM stages WHERE kind = 'won')`).Error
	if err != nil {
		t.Fatal(err)
	}
	err = s.db.Exec(`UPDATE stage_changes SET to_stage_id = (SELECT id FROM stages WHERE kind = 'lost' LIMIT 1)
		WHERE id = (SELECT MAX(sc.id) FROM stage_changes sc JOIN opportunities o ON o.id = sc.opportunity_id
			WHERE o.id % 5 = 0 AND o.stage_entered_on = '')`).Error
	if err != nil {
		t.Fatal(err)
	}

	today := app.Date{Year: 2016, Month: time.June, Day: 30}
	forecastHasDeals(t, s, today)

	filters := []app.ReportFilter{{}, {Owner: "Anna"}}
	days := []app.Date{today, {Year: 2016, Month: time.December, Day: 31}, {Year: 2030, Month: time.January, Day: 1}}
	compareForecasts(t, s, filters, days)
}

// TestForecastMonthSumsCurrencies spreads the deals over three currencies
// and gives the open ones probabilities typed by hand, away from their
// stage's default. Odd amounts at 50 % and 33 % put weighted amounts on
// the half cent, where rounding per deal and rounding the sum differ.
func TestForecastMonthSumsCurrencies(t *testing.T) {
	s := openTestStore(t)
	mustImport(t, s, analyticsBenchBatch(3000))
	err := s.db.Exec(`UPDATE opportunities SET
		amount_currency = CASE id % 3 WHEN 0 THEN 'EUR' WHEN 1 THEN 'USD' ELSE 'CHF' END,
		amount_minor = amount_minor + id % 2`).Error
	if err != nil {
		t.Fatal(err)
	}
	err = s.db.Exec(`UPDATE opportunities SET probability = CASE id % 4 WHEN 0 THEN 50 WHEN 1 THEN 33
			ELSE (id * 7) % 101 END, probability_manual = 1
		WHERE stage_id IN (SELECT id FROM stages WHERE kind = 'open')`).Error
	if err != nil {
		t.Fatal(err)
	}

	today := app.Date{Year: 2016, Month: time.June, Day: 30}
	forecastHasDeals(t, s, today)
	currencies := map[string]bool{}
	sums, err := s.ForecastMonthSums(context.Background(), app.ReportFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, sum := range sums {
		currencies[sum.Currency] = true
	}
	if len(currencies) != 3 {
		t.Fatalf("the sums have the currencies %v, want EUR, USD and CHF", currencies)
	}

	filters := []app.ReportFilter{{}, {Owner: "Agent 07"}, {PipelineID: 1}}
	days := []app.Date{today, {Year: 2017, Month: time.March, Day: 15}}
	compareForecasts(t, s, filters, days)
}
