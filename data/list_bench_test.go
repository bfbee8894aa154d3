package data

import (
	"context"
	"fmt"
	"testing"

	"leadwerk/app"
)

// BenchmarkLeadPages measures one page of 200 leads, the Leads tab's page
// size, over 100,000 generated leads without a search, for every sort
// order at the first page, the middle and the last.
func BenchmarkLeadPages(b *testing.B) {
	const total, pageSize = 100_000, 200
	s := openTestStore(b)
	mustImport(b, s, generatedLeads(total))
	// Spread the scores and learned values, which a fresh import leaves
	// equal, so each order has work to do.
	err := s.db.Exec(`UPDATE leads SET score = (id * 37) % 101, predicted = ((id * 13) % 1000) / 1000.0,
		lead_value_minor = (id * 7919) % 100000, lead_value_currency = 'EUR'`).Error
	if err != nil {
		b.Fatal(err)
	}
	if err := s.db.Exec("ANALYZE").Error; err != nil {
		b.Fatal(err)
	}

	sorts := []app.LeadQuery{
		{}, {Sort: app.SortLeadsByName}, {Sort: app.SortLeadsByScore, Descending: true},
		{Sort: app.SortLeadsByLastActivity}, {Sort: app.SortLeadsByLearned, Descending: true},
		{Sort: app.SortLeadsByValue, Descending: true}, {Sort: app.SortLeadsByWorklist},
		{Sort: app.SortLeadsByWorklist, OpenOnly: true}, {Sort: app.SortLeadsByWorklistValue},
	}
	for _, base := range sorts {
		n, err := s.CountLeads(context.Background(), base)
		if err != nil {
			b.Fatal(err)
		}

		for _, offset := range []int{0, n / 2, n - pageSize} {
			name := fmt.Sprintf("%s/open=%v/offset=%d", sortName(base.Sort), base.OpenOnly, offset)
			b.Run(name, func(b *testing.B) {
				q := base
				q.Offset, q.Limit = offset, pageSize
				loopWithCPUTime(b, func() {
					page, err := s.ListLeads(context.Background(), q)
					if err != nil {
						b.Fatal(err)
					}
					if len(page) != pageSize {
						b.Fatalf("page at %d has %d leads, want %d", offset, len(page), pageSize)
					}
				})
			})
		}
	}
}

func sortName[T ~string](sort T) string {
	if sort == "" {
		return "default"
	}

	return string(sort)
}

// BenchmarkOpportunityPages measures one page of 200 deals, the
// Opportunities tab's page size, over 20,000 deals without a search, for
// every sort order at the first page, the middle and the last.
func BenchmarkOpportunityPages(b *testing.B) {
	const total, pageSize = 20_000, 200
	s := openTestStore(b)
	mustImport(b, s, generatedBatch(total))
	if err := s.db.Exec("ANALYZE").Error; err != nil {
		b.Fatal(err)
	}

	sorts := []app.OpportunitySort{app.SortByWeighted, app.SortByAmount, app.SortByTitle, app.SortByCompany,
		app.SortByStage, app.SortByCloseDate, app.SortByOwner}
	for _, sort := range sorts {
		for _, offset := range []int{0, total / 2, total - pageSize} {
			b.Run(fmt.Sprintf("%s/offset=%d", sort, offset), func(b *testing.B) {
				q := app.OpportunityQuery{Sort: sort, Descending: true, Offset: offset, Limit: pageSize}
				loopWithCPUTime(b, func() {
					rows, err := s.ListOpportunities(context.Background(), q)
					if err != nil {
						b.Fatal(err)
					}
					if len(rows) != pageSize {
						b.Fatalf("page at %d has %d deals, want %d", offset, len(rows), pageSize)
					}
				})
			})
		}
	}
}
