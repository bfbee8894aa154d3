package data

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"leadwerk/app"
)

// indexScanOfLeads matches a line of PostgreSQL's plan that reads the
// leads along an index.
var indexScanOfLeads = regexp.MustCompile(`Index (Only )?Scan (Backward )?using \w+ on leads l\b`)

// everyLeadSort lists each order of the lead list, "" being the default.
var everyLeadSort = []app.LeadSort{"", app.SortLeadsByName, app.SortLeadsByScore, app.SortLeadsByLastActivity,
	app.SortLeadsByLearned, app.SortLeadsByValue, app.SortLeadsByCreated, app.SortLeadsByWorklist,
	app.SortLeadsByWorklistLearned, app.SortLeadsByWorklistValue}

// TestLeadPagesWalkOneIndex checks that the query for the ids of a lead
// page without a search or owner filter reads the leads in the order of
// an index, forwards and backwards, instead of sorting them. On SQLite
// the query carries the INDEXED BY hint that ListLeads adds.
func TestLeadPagesWalkOneIndex(t *testing.T) {
	s := pagedLeadsFixture(t)
	ctx := context.Background()

	for _, sort := range everyLeadSort {
		for _, desc := range []bool{false, true} {
			for _, open := range []bool{false, true} {
				q := app.LeadQuery{Sort: sort, Descending: desc, OpenOnly: open}
				t.Run(fmt.Sprintf("%s/desc=%v/open=%v", sortName(sort), desc, open), func(t *testing.T) {
					for _, query := range leadPageIDQueries(t, s, ctx, q) {
						if s.backend.isPostgres() {
							checkPostgresWalk(t, s, query, indexScanOfLeads)
						} else {
							checkSQLiteWalk(t, s, query)
						}
					}
				})
			}
		}
	}
}

// leadPageIDQueries returns the query that ListLeads runs for the ids of
// q's first page and the one it runs for a deep page walked from the
// end, both without LIMIT and OFFSET.
func leadPageIDQueries(t *testing.T, s *Store, ctx context.Context, q app.LeadQuery) []string {
	t.Helper()

	order, err := leadOrder(q)
	if err != nil {
		t.Fatal(err)
	}
	if s.backend.isPostgres() {
		order = nullsAsInSQLite(order)
	}

	plan, err := s.planLeadPage(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	where, args := leadWhereFor(s.backend, q, plan)
	if len(args) > 0 {
		t.Fatalf("query %+v has arguments %v, which EXPLAIN here cannot bind", q, args)
	}

	from := "SELECT l.id FROM leads l" + plan.hint + where + " ORDER BY "

	return []string{from + strings.Join(order, ", "), from + strings.Join(reverseOrder(order), ", ")}
}
