package cli

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"leadwerk/app"
)

// forecastStore adds canned deal facts to a fakeStore and records the
// filters it is asked for.
type forecastStore struct {
	*fakeStore
	deals   []app.DealFact
	filters []app.ReportFilter
}

func (s *forecastStore) DealFacts(_ context.Context, f app.ReportFilter) ([]app.DealFact, error) {
	s.filters = append(s.filters, f)

	var out []app.DealFact
	for _, d := range s.deals {
		if f.PipelineID == 0 || d.PipelineID == f.PipelineID {
			out = append(out, d)
		}
	}

	return out, nil
}

// forecastDeals returns the deals of the Sales pipeline of salesStore,
// whose stages are 1 Prospecting (10 %), 2 Engaging (40 %), 3 Won and
// 4 Lost. Fourteen deals closed on 1 December 2024: six won and six lost
// after Engaging, two lost from Prospecting. So Prospecting has a rate of
// 6/14 and Engaging 6/12.
func forecastDeals() []app.DealFact {
	closedOn := app.Date{Year: 2024, Month: time.December, Day: 1}
	closed := func(kind app.StageKind, stageIDs ...int64) app.DealFact {
		d := app.DealFact{PipelineID: 1, StageKind: kind, ClosedOn: closedOn, CloseDate: closedOn}
		for _, id := range stageIDs {
			d.History = append(d.History, app.StageVisit{StageID: id})
			d.StageID = id
		}

		return d
	}

	var deals []app.DealFact
	for range 6 {
		deals = append(deals, closed(app.StageWon, 1, 2, 3), closed(app.StageLost, 1, 2, 4))
	}
	deals = append(deals, closed(app.StageLost, 1, 4), closed(app.StageLost, 1, 4))

	open := func(stageID, minor int64, currency string, probability int, closeDate app.Date) app.DealFact {
		return app.DealFact{PipelineID: 1, StageID: stageID, StageKind: app.StageOpen,
			Amount: app.Money{Minor: minor, Currency: currency}, Probability: probability, CloseDate: closeDate}
	}

	return append(deals,
		// weighted 40 % = 40000, historical 1/2 = 50000
		open(2, 100_000, "USD", 40, app.Date{Year: 2025, Month: time.February, Day: 1}),
		// 30 % set by hand: weighted 9000, historical 6/14 = 12857.1
		open(1, 30_000, "EUR", 30, app.Date{Year: 2025, Month: time.March, Day: 31}),
		// closes after the first quarter
		open(2, 555_555, "USD", 40, app.Date{Year: 2025, Month: time.April, Day: 1}),
	)
}

// runForecastCommand runs the command line on a forecastStore with the
// deals of forecastDeals, on 14 March 2025.
func runForecastCommand(args ...string) (*harness, *forecastStore, int) {
	h := newHarness(salesStore())
	store := &forecastStore{fakeStore: h.store, deals: forecastDeals()}
	env := h.env()
	env.Open = func(string) (app.Store, error) {
		h.opens++

		return store, nil
	}

	return h, store, Run(context.Background(), args, env)
}

func TestForecastJSONCurrentQuarter(t *testing.T) {
	h, store, code := runForecastCommand("forecast", "-json")
	if code != ExitOK {
		t.Fatalf("exit code = %d, want 0; stderr: %s", code, h.stderr.String())
	}

	// One deal per currency, so P10 and P50 are the runs it was lost and
	// P90 the runs it was won.
	want := `{"from":"2025-01-01","to":"2025-03-31","lookback_from":"2024-03-14","lookback_to":"2025-03-13",` +
		`"currencies":[` +
		`{"currency":"EUR","deals":1,"weighted":9000,"historical":12857,"p10":0,"p50":0,"p90":30000},` +
		`{"currency":"USD","deals":1,"weighted":40000,"historical":50000,"p10":0,"p50":0,"p90":100000}],` +
		`"stages":[` +
		`{"pipeline":"Sales","stage":"Prospecting","default_probability":10,"closed_deals":14,"won":6,"rate":0.42857142857142855},` +
		`{"pipeline":"Sales","stage":"Engaging","default_probability":40,"closed_deals":12,"won":6,"rate":0.5}]}` + "\n"
	if got := h.stdout.String(); got != want {
		t.Errorf("output:\n%s\nwant:\n%s", got, want)
	}

	if !slices.Equal(store.filters, []app.ReportFilter{{}}) {
		t.Errorf("filters = %+v, want one empty filter", store.filters)
	}
}

func TestForecastJSONPeriodAndPipeline(t *testing.T) {
	h, store, code := runForecastCommand("forecast", "-json", "-from", "2025-04-01", "-to", "2025-06-30",
		"-pipeline", "Sales", "-lookback", "1")
	if code != ExitOK {
		t.Fatalf("exit code = %d, want 0; stderr: %s", code, h.stderr.String())
	}

	out := h.stdout.String()
	for _, part := range []string{
		`"from":"2025-04-01","to":"2025-06-30","lookback_from":"2025-02-14"`,
		`{"currency":"USD","deals":1,"weighted":222222,"historical":222222,`,
		`"closed_deals":0,"won":0,"rate":null}`,
	} {
		if !strings.Contains(out, part) {
			t.Errorf("output %s does not contain %s", out, part)
		}
	}

	if !slices.Equal(store.filters, []app.ReportFilter{{PipelineID: 1}}) {
		t.Errorf("filters = %+v, want pipeline 1", store.filters)
	}
}

func TestForecastTable(t *testing.T) {
	// Without closed deals in the last month, historical falls back to
	// the stage defaults: EUR 10 % of 300.00, USD 40 % of 1,000.00.
	h, _, code := runForecastCommand("forecast", "-lookback", "1")
	if code != ExitOK {
		t.Fatalf("exit code = %d, want 0; stderr: %s", code, h.stderr.String())
	}

	want := "" +
		"Forecast for 2025-01-01 to 2025-03-31, with rates from the deals closed 2025-02-14 to 2025-03-13\n" +
		"\n" +
		"  CURRENCY  DEALS  WEIGHTED  HISTORICAL    P10    P50        P90\n" +
		"       EUR      1    €90.00      €30.00  €0.00  €0.00    €300.00\n" +
		"       USD      1   $400.00     $400.00  $0.00  $0.00  $1,000.00\n" +
		"\n" +
		"PIPELINE  STAGE        DEFAULT  HISTORICAL     CLOSED DEALS\n" +
		"Sales     Prospecting  10%      too few deals  0\n" +
		"Sales     Engaging     40%      too few deals  0\n"
	if got := h.stdout.String(); got != want {
		t.Errorf("table:\n%s\nwant:\n%s", got, want)
	}
}

func TestForecastTableGerman(t *testing.T) {
	useLocale(t, "de_DE.UTF-8")
	h, _, code := runForecastCommand("forecast")
	if code != ExitOK {
		t.Fatalf("exit code = %d, want 0; stderr: %s", code, h.stderr.String())
	}

	out := h.stdout.String()
	for _, part := range []string{"Prognose für 01.01.2025 bis 31.03.2025", "WÄHRUNG", "HISTORISCH", "43 %", "50 %"} {
		if !strings.Contains(out, part) {
			t.Errorf("output does not contain %q:\n%s", part, out)
		}
	}
}

func TestForecastUsageErrors(t *testing.T) {
	cases := map[string]struct {
		args    []string
		message string
	}{
		"from without to": {[]string{"forecast", "-from", "2025-01-01"}, "give both -from and -to"},
		"bad date":        {[]string{"forecast", "-from", "1.1.2025", "-to", "2025-03-31"}, `-from "1.1.2025" is not a date`},
		"to before from": {[]string{"forecast", "-from", "2025-03-31", "-to", "2025-01-01"},
			"-to 2025-01-01 is before -from 2025-03-31"},
		"no lookback":    {[]string{"forecast", "-lookback", "0"}, "-lookback 0 is invalid"},
		"extra argument": {[]string{"forecast", "Q1"}, `unexpected argument "Q1"`},
	}

	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			h, _, code := runForecastCommand(c.args...)
			if code != ExitUsage {
				t.Errorf("exit code = %d, want %d", code, ExitUsage)
			}
			if !strings.Contains(h.stderr.String(), c.message) {
				t.Errorf("stderr %q does not contain %q", h.stderr.String(), c.message)
			}
			if h.opens != 0 {
				t.Error("database was opened despite the usage error")
			}
		})
	}
}

func TestForecastUnknownPipeline(t *testing.T) {
	h, _, code := runForecastCommand("forecast", "-pipeline", "Service")
	if code != ExitFailure {
		t.Errorf("exit code = %d, want %d", code, ExitFailure)
	}

	if want := `pipeline "Service" not found; choose one of "Sales"`; !strings.Contains(h.stderr.String(), want) {
		t.Errorf("stderr %q does not contain %q", h.stderr.String(), want)
	}
}

func TestForecastTableNoDeals(t *testing.T) {
	h, _, code := runForecastCommand("forecast", "-from", "2030-01-01", "-to", "2030-03-31")
	if code != ExitOK {
		t.Fatalf("exit code = %d, want 0; stderr: %s", code, h.stderr.String())
	}

	out := h.stdout.String()
	if !strings.Contains(out, "\nNo open deal is expected to close in this period.\n") {
		t.Errorf("output does not say that no deal is expected:\n%s", out)
	}
	if strings.Contains(out, "CURRENCY") {
		t.Errorf("output has a currency table without currencies:\n%s", out)
	}
}
