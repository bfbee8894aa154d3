package app_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"leadwerk/app"
	"leadwerk/app/maven"
	"leadwerk/app/testenv"
)

// TestBacktestMaven runs the backtest of docs/FORECAST.md on the Maven
// export and prints its table with -v.
func TestBacktestMaven(t *testing.T) {
	batch, err := maven.Load(testenv.SharedData(t, "maven-crm"))
	if err != nil {
		t.Fatal(err)
	}

	rows := app.Backtest(batch, app.QuartersOf(2017), app.DefaultLookBackMonths)
	if len(rows) != 4 {
		t.Fatalf("got %d rows, want one per quarter: %+v", len(rows), rows)
	}

	// Counted from sales_pipeline.csv and products.csv outside Leadwerk.
	// The open deals are those engaged before the quarter and not closed
	// before it, valued at their list prices at 40 % and at the share won
	// of the deals closed in the year before. The actual figures add up
	// the close values of the deals won in the quarter.
	want := []struct {
		open                                     int
		defaults, historical, actual, actualOpen int64
	}{
		{358, 31_867_360, 31_867_360, 113_467_200, 52_353_100},
		{1330, 131_207_400, 269_208_423, 308_611_100, 155_930_500},
		{1686, 168_672_280, 280_963_075, 298_225_500, 144_145_000},
		{2409, 230_539_600, 370_980_498, 280_249_600, 125_192_800},
	}
	for i, w := range want {
		r := rows[i]
		if r.Currency != maven.Currency {
			t.Errorf("Q%d currency = %s, want %s", i+1, r.Currency, maven.Currency)
		}
		if r.OpenDeals != w.open {
			t.Errorf("Q%d open deals = %d, want %d", i+1, r.OpenDeals, w.open)
		}
		if r.Defaults.Minor != w.defaults {
			t.Errorf("Q%d defaults = %v, want %d minor", i+1, r.Defaults, w.defaults)
		}
		if r.Historical.Minor != w.historical {
			t.Errorf("Q%d historical = %v, want %d minor", i+1, r.Historical, w.historical)
		}
		if r.Actual.Minor != w.actual {
			t.Errorf("Q%d actual = %v, want %d minor", i+1, r.Actual, w.actual)
		}
		if r.ActualFromOpen.Minor != w.actualOpen {
			t.Errorf("Q%d actual from open deals = %v, want %d minor", i+1, r.ActualFromOpen, w.actualOpen)
		}
	}

	t.Log("\n" + backtestTable(rows))
}

// backtestTable returns rows as the two Markdown tables of
// docs/FORECAST.md: the forecasts against all revenue won in the quarter,
// then against the part won by the deals open at its start. An error is
// the forecast minus the actual revenue, in percent of the actual revenue.
func backtestTable(rows []app.BacktestRow) string {
	var b strings.Builder
	b.WriteString("| quarter | open deals | stage defaults | error | historical rates | error | P10–P90 (defaults) | actual won | Engaging rate |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %d | %s | %s | %s | %s | %s–%s | %s | %s |\n",
			r.Period, r.OpenDeals, dollars(r.Defaults), percentError(r.Defaults, r.Actual),
			dollars(r.Historical), percentError(r.Historical, r.Actual),
			dollars(r.Range.P10), dollars(r.Range.P90), dollars(r.Actual), engagingRate(r.Rates))
	}

	b.WriteString("\n| quarter | won by open deals | error of stage defaults | error of historical rates |\n")
	b.WriteString("|---|---:|---:|---:|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", r.Period, dollars(r.ActualFromOpen),
			percentError(r.Defaults, r.ActualFromOpen), percentError(r.Historical, r.ActualFromOpen))
	}

	return b.String()
}

func dollars(m app.Money) string {
	return app.FormatMoney(m, "en-US")
}

func percentError(forecast, actual app.Money) string {
	if actual.Minor == 0 {
		return "–"
	}

	return fmt.Sprintf("%+.0f %%", 100*float64(forecast.Minor-actual.Minor)/float64(actual.Minor))
}

// engagingRate returns the Engaging stage's rate with its count, or
// "too few deals".
func engagingRate(rates app.PipelineRates) string {
	for _, s := range rates.Stages {
		if s.Stage.Name != maven.StageEngaging {
			continue
		}
		if !s.Enough() {
			return fmt.Sprintf("too few deals (%d)", s.Reached)
		}

		return fmt.Sprintf("%.0f %% of %d", math.Round(100*s.Rate()), s.Reached)
	}

	return "–"
}
