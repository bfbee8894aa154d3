package data

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"leadwerk/app"
)

// pagesFixture stores 60 deals: four without a company, and two
// companies of the same name, so the company order's parts and ties
// matter.
func pagesFixture(t *testing.T) *Store {
	t.Helper()

	s := openTestStore(t)
	b := generatedBatch(60)
	b.Companies[2].Name = b.Companies[1].Name
	for _, i := range []int{3, 7, 40, 59} {
		b.Opportunities[i].CompanyRef = ""
	}
	mustImport(t, s, b)

	return s
}

func TestOpportunityPagesJoinToList(t *testing.T) {
	s := pagesFixture(t)
	ctx := context.Background()

	for sort := range opportunityOrder {
		for _, search := range []string{"", "gtx"} {
			for _, desc := range []bool{false, true} {
				t.Run(fmt.Sprintf("%s search=%q desc=%v", sort, search, desc), func(t *testing.T) {
					q := app.OpportunityQuery{Sort: sort, Search: search, Descending: desc}
					all, err := s.ListOpportunities(ctx, q)
					if err != nil {
						t.Fatal(err)
					}

					var paged []app.OpportunityRow
					for q.Offset, q.Limit = 0, 7; q.Offset < len(all)+7; q.Offset += 7 {
						page, err := s.ListOpportunities(ctx, q)
						if err != nil {
							t.Fatal(err)
						}
						paged = append(paged, page...)
					}
					if !reflect.DeepEqual(ids(paged), ids(all)) {
						t.Errorf("pages joined = %v, want %v", ids(paged), ids(all))
					}
				})
			}
		}
	}
}

func TestOpportunityCompanyOrder(t *testing.T) {
	s := pagesFixture(t)

	for _, desc := range []bool{false, true} {
		rows, err := s.ListOpportunities(context.Background(),
			app.OpportunityQuery{Sort: app.SortByCompany, Descending: desc})
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 60 {
			t.Fatalf("desc=%v: listed %d deals, want 60", desc, len(rows))
		}

		for i := 1; i < len(rows); i++ {
			a, b := strings.ToLower(rows[i-1].Company), strings.ToLower(rows[i].Company)
			if desc {
				a, b = b, a
			}
			if a > b {
				t.Errorf("desc=%v: %q (deal %d) before %q (deal %d)", desc, rows[i-1].Company, rows[i-1].ID,
					rows[i].Company, rows[i].ID)
			}
		}

		// The deals without a company come first, or last when descending,
		// by id.
		edge := rows[:4]
		if desc {
			edge = rows[56:]
		}
		for _, r := range edge {
			if r.Company != "" {
				t.Errorf("desc=%v: deal %d of company %q among the deals without one", desc, r.ID, r.Company)
			}
		}
	}
}
