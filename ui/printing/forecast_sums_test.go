package printing

import (
	"context"
	"fmt"
	"testing"

	"leadwerk/app"
	"leadwerk/report"
)

// TestForecastSectionsMatchFacts checks that the forecast sections, which
// the report computes from the store's sums of one pipeline, equal the
// sections that [app.ForecastByMonth] gives over that pipeline's deal
// facts, for every pipeline of the demo data.
func TestForecastSectionsMatchFacts(t *testing.T) {
	store := demoStore(t)
	ctx := context.Background()
	pipelines, err := store.Pipelines(ctx)
	if err != nil {
		t.Fatal(err)
	}

	f := formatter{language: "de-DE"}
	day := app.DateOf(today)
	all := mustDeals(t, store)
	for _, p := range pipelines {
		sums, err := store.ForecastMonthSums(ctx, app.ReportFilter{PipelineID: p.ID})
		if err != nil {
			t.Fatal(err)
		}

		facts := reportFacts{pipeline: p, pipelines: pipelines, deals: dealsOf(p, all), forecastSums: sums}
		got := forecastSections(facts, day, f)

		months := app.ForecastByMonth(facts.deals, day, forecastPastMonths, forecastFutureMonths, CommitPercent)
		var codes []string
		for _, m := range months {
			codes = append(codes, m.Currency)
		}
		var want []string
		for _, currency := range currenciesOf(p.Currency, codes) {
			want = append(want, sectionText(forecastSection(months, currency, f)))
		}

		if len(got) != len(want) {
			t.Fatalf("pipeline %q: %d forecast sections, want %d", p.Name, len(got), len(want))
		}
		for i := range got {
			if text := sectionText(got[i]); text != want[i] {
				t.Errorf("pipeline %q, section %d:\ngot  %s\nwant %s", p.Name, i, text, want[i])
			}
		}
	}
}

// sectionText returns what a section prints: its title, its table and
// the categories and values of its chart.
func sectionText(s report.Section) string {
	text := fmt.Sprintf("%s\n%v\n%v", s.Title, s.Table.Rows, s.Table.Total)
	if s.Chart != nil {
		text += fmt.Sprintf("\n%v\n%v", s.Chart.Categories, s.Chart.Series)
	}

	return text
}
