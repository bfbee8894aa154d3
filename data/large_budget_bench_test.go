package data_test

import (
	"context"
	"fmt"
	"os/exec"
	"testing"
	"time"

	"leadwerk/app"
	"leadwerk/data"
	"leadwerk/data/benchdata"
)

// openLarge opens a private copy of the cached large demo dataset
// (100,000 leads, 30,000 companies, 20,000 deals, 200,000 activities).
func openLarge(b *testing.B) *data.Store {
	b.Helper()

	s, err := data.Open(benchdata.Large(b))
	if err != nil {
		b.Fatalf("Open: %v", err)
	}
	b.Cleanup(func() { _ = s.Close() })

	return s
}

// BenchmarkLargeLeadSearch measures one keystroke in the Leads tab on the
// large dataset: the count and the first page of 50 leads, for searches
// of three to five letters in turn.
func BenchmarkLargeLeadSearch(b *testing.B) {
	s := openLarge(b)
	ctx := context.Background()
	searches := []string{"mül", "schm", "köln", "gmbh", "neum", "druck"}

	for name, base := range map[string]app.LeadQuery{
		"created":  {},
		"worklist": {Sort: app.SortLeadsByWorklist},
		"open":     {Sort: app.SortLeadsByWorklist, OpenOnly: true},
	} {
		b.Run(name, func(b *testing.B) {
			i := 0
			data.LoopWithCPUTime(b, func() {
				q := base
				q.Search, q.Limit = searches[i%len(searches)], 50
				i++

				if _, err := s.CountLeads(ctx, q); err != nil {
					b.Fatal(err)
				}
				if _, err := s.ListLeads(ctx, q); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

// BenchmarkLargeLeadPages measures one page of 200 leads, the Leads tab's
// page size, at the first page, the middle and the last, for every sort.
func BenchmarkLargeLeadPages(b *testing.B) {
	s := openLarge(b)
	ctx := context.Background()

	sorts := []app.LeadQuery{
		{}, {Sort: app.SortLeadsByName}, {Sort: app.SortLeadsByScore, Descending: true},
		{Sort: app.SortLeadsByLastActivity}, {Sort: app.SortLeadsByLearned, Descending: true},
		{Sort: app.SortLeadsByValue, Descending: true}, {Sort: app.SortLeadsByWorklist},
		{Sort: app.SortLeadsByWorklist, OpenOnly: true}, {Sort: app.SortLeadsByWorklistValue},
	}
	for _, base := range sorts {
		n, err := s.CountLeads(ctx, base)
		if err != nil {
			b.Fatal(err)
		}

		for _, offset := range []int{0, n / 2, n - 200} {
			b.Run(fmt.Sprintf("%s/open=%v/offset=%d", base.Sort, base.OpenOnly, offset), func(b *testing.B) {
				q := base
				q.Offset, q.Limit = offset, 200
				data.LoopWithCPUTime(b, func() {
					if _, err := s.ListLeads(ctx, q); err != nil {
						b.Fatal(err)
					}
				})
			})
		}
	}
}

// BenchmarkLargeOpportunityPages measures one page of 200 deals, the
// Opportunities tab's page size, at the first page, the middle and the
// last, for every sort in descending order.
func BenchmarkLargeOpportunityPages(b *testing.B) {
	s := openLarge(b)
	ctx := context.Background()
	n, err := s.CountOpportunities(ctx, app.OpportunityQuery{})
	if err != nil {
		b.Fatal(err)
	}

	sorts := []app.OpportunitySort{app.SortByWeighted, app.SortByAmount, app.SortByTitle, app.SortByCompany,
		app.SortByStage, app.SortByCloseDate, app.SortByOwner}
	for _, sort := range sorts {
		for _, offset := range []int{0, n / 2, n - 200} {
			b.Run(fmt.Sprintf("%s/offset=%d", sort, offset), func(b *testing.B) {
				q := app.OpportunityQuery{Sort: sort, Descending: true, Offset: offset, Limit: 200}
				data.LoopWithCPUTime(b, func() {
					if _, err := s.ListOpportunities(ctx, q); err != nil {
						b.Fatal(err)
					}
				})
			})
		}
	}
}

// BenchmarkLargeAggregationAgainstShell runs the pipeline aggregation, the
// deal facts and the sums behind the forecast by month on the large dataset,
// through the data layer and as the same SQL in the sqlite3 shell (see
// BenchmarkAggregationAgainstShell).
func BenchmarkLargeAggregationAgainstShell(b *testing.B) {
	shell, err := exec.LookPath("sqlite3")
	if err != nil {
		b.Skip("the sqlite3 shell is not installed (Debian: apt-get install sqlite3), so there is nothing to compare with")
	}

	s := openLarge(b)
	ctx := context.Background()
	cases := []struct {
		name    string
		queries []string
		run     func() error
	}{
		{"pipeline", []string{data.PipelineSummarySQL}, func() error {
			_, err := s.PipelineSummary(ctx)
			return err
		}},
		{"deal_facts", data.DealFactQueries, func() error {
			_, err := s.DealFacts(ctx, app.ReportFilter{})
			return err
		}},
		{"forecast", []string{data.ForecastMonthSumsSQL}, func() error {
			_, err := s.ForecastMonthSums(ctx, app.ReportFilter{})
			return err
		}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			shellTime := data.ShellTimePerRun(b, shell, s.Path(), c.queries)

			ourCPU := data.LoopWithCPUTime(b, func() {
				if err := c.run(); err != nil {
					b.Fatal(err)
				}
			})

			data.ReportAgainstShell(b, shellTime, ourCPU)
		})
	}
}

// BenchmarkLargeBackgroundJobs measures the three jobs that run off the UI
// thread with a progress bar or a loading line: the data-quality view,
// "Find duplicates…" and "Learn again" (the learned lead scores).
func BenchmarkLargeBackgroundJobs(b *testing.B) {
	s := openLarge(b)
	ctx := context.Background()

	b.Run("data_quality", func(b *testing.B) {
		idleSince := time.Now().AddDate(0, 0, -30)
		data.LoopWithCPUTime(b, func() {
			if _, err := s.DataQuality(ctx, idleSince); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("duplicates", func(b *testing.B) {
		data.LoopWithCPUTime(b, func() {
			if _, err := s.FindDuplicateGroups(ctx, nil); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("predictions", func(b *testing.B) {
		data.LoopWithCPUTime(b, func() {
			if _, err := s.RefreshLeadPredictions(ctx, nil); err != nil {
				b.Fatal(err)
			}
		})
	})
}
