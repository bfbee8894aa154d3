package ui

import (
	"context"
	"testing"
	"time"

	"leadwerk/app"
	"leadwerk/charts"
)

// TestReportsForecastMatchesFacts checks that the forecast chart, which
// the tab computes from the store's sums, shows what
// [app.ForecastByMonth] computes from the deal facts of the same filter,
// for all owners and for one owner.
func TestReportsForecastMatchesFacts(t *testing.T) {
	_, s, queue, store := openReportsTab(t)
	owners := s.filters.owner.Options
	if len(owners) < 2 {
		t.Fatalf("owner picker offers %q, want all owners and at least one owner", owners)
	}

	for _, owner := range []string{"", owners[1]} {
		if owner != "" {
			selectOption(t, owners, s.filters.owner.SetSelected, owner)
			waitForReports(t, s, queue)
		}

		series, ok := s.last.charts[sectionForecast].chart.(charts.ForecastSeries)
		if !ok {
			t.Fatalf("forecast chart is a %T", s.last.charts[sectionForecast].chart)
		}

		filter := app.ReportFilter{PipelineID: s.settings.pipelineID, Owner: owner}
		facts, err := store.DealFacts(context.Background(), filter)
		if err != nil {
			t.Fatal(err)
		}

		today := app.DateOf(time.Now())
		months := app.ForecastByMonth(facts, today, forecastPastMonths, s.settings.futureMonths, s.settings.commitAt)
		want := map[string]charts.ForecastMonth{}
		for _, m := range months {
			if m.Currency == series.Currency {
				want[monthKey(m.Month)] = charts.ForecastMonth{
					Won: m.Won.Minor, Committed: m.Committed.Minor, Weighted: m.Weighted.Minor, BestCase: m.BestCase.Minor,
				}
			}
		}

		got := map[string]charts.ForecastMonth{}
		for _, m := range series.Months {
			got[m.Label] = charts.ForecastMonth{Won: m.Won, Committed: m.Committed, Weighted: m.Weighted, BestCase: m.BestCase}
		}
		if (series.Undated != charts.ForecastMonth{}) {
			u := series.Undated
			got[""] = charts.ForecastMonth{Won: u.Won, Committed: u.Committed, Weighted: u.Weighted, BestCase: u.BestCase}
		}

		compareForecastMonths(t, owner, got, want)
	}
}

// monthKey returns the chart label of m, or "" for the deals without a
// close date.
func monthKey(m app.Month) string {
	if m.IsZero() {
		return ""
	}

	return monthLabel(m)
}

func compareForecastMonths(t *testing.T, owner string, got, want map[string]charts.ForecastMonth) {
	t.Helper()

	monthsWithAmounts := 0
	for label, w := range want {
		if w.BestCase+w.Won > 0 {
			monthsWithAmounts++
		}
		if got[label] != w {
			t.Errorf("owner %q, month %q: chart shows %+v, facts give %+v", owner, label, got[label], w)
		}
	}
	for label := range got {
		if _, ok := want[label]; !ok {
			t.Errorf("owner %q: chart shows month %q, which the facts do not have", owner, label)
		}
	}

	if monthsWithAmounts == 0 {
		t.Errorf("owner %q: the facts give no month with an amount, so the test checks nothing", owner)
	}
}
