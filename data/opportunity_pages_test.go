package data

import (
	"context"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gorm.io/gorm"

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

// plainOpportunityIDs reads the ids of q's page with one plain query
// that joins every table and orders by the company's own name, as the
// list did before the deals kept a copy of it. On PostgreSQL the order
// puts NULL where SQLite does, as the list does there.
func plainOpportunityIDs(t *testing.T, s *Store, q app.OpportunityQuery) []int64 {
	t.Helper()

	terms := map[app.OpportunitySort][]string{
		app.SortByTitle:     {"o.title COLLATE NOCASE"},
		app.SortByCompany:   {"c.name COLLATE NOCASE", "c.id"},
		app.SortByStage:     {"p.position", "p.id", "st.position", "st.id"},
		app.SortByAmount:    {"o.amount_minor"},
		app.SortByWeighted:  {weightedSQL},
		app.SortByCloseDate: {"o.close_date"},
		app.SortByOwner:     {"o.owner COLLATE NOCASE"},
	}[q.Sort]
	direction := " ASC"
	if q.Descending {
		direction = " DESC"
	}
	var order []string
	for _, term := range append(terms, "o.id") {
		order = append(order, term+direction)
	}
	if s.backend.isPostgres() {
		order = nullsAsInSQLite(order)
	}

	where, args := opportunityWhere(s.backend, q)
	query := "SELECT o.id" + opportunityFrom + where + " ORDER BY " + strings.Join(order, ", ") + " LIMIT ? OFFSET ?"
	var ids []int64
	if err := s.db.Raw(query, append(args, s.limitArg(q.Limit), q.Offset)...).Scan(&ids).Error; err != nil {
		t.Fatal(err)
	}

	return ids
}

func TestOpportunityPagesMatchPlainQuery(t *testing.T) {
	s := pagesFixture(t)
	lowerReverseWalkMin(t)
	ctx := context.Background()

	// Tie the amounts, close dates and owners in groups, and give two
	// companies names that differ only in case.
	updates := []string{
		"UPDATE opportunities SET amount_minor = (id % 4) * 1000, close_date = '2025-0' || (id % 3 + 1) || '-15'",
		"UPDATE opportunities SET owner = CASE WHEN id % 2 = 0 THEN 'anna' ELSE 'Anna' END",
		`UPDATE companies SET name = upper((SELECT c.name FROM companies c
			WHERE c.id = (SELECT MIN(company_id) FROM opportunities))) WHERE id = (SELECT MAX(company_id) FROM opportunities)`,
	}
	for _, u := range updates {
		if err := s.db.Exec(u).Error; err != nil {
			t.Fatalf("%s: %v", u, err)
		}
	}

	ownerID := giveOwnerToHalf(t, s, "opportunities")
	for sort := range opportunityOrder {
		for _, desc := range []bool{false, true} {
			for _, owner := range []int64{0, ownerID} {
				for _, offset := range []int{0, 1, 25, 33, 45, 53, 60} {
					t.Run(fmt.Sprintf("%s/desc=%v/owner=%d/offset=%d", sort, desc, owner, offset), func(t *testing.T) {
						q := app.OpportunityQuery{Sort: sort, Descending: desc, Offset: offset, Limit: 7, OwnerID: owner}
						rows, err := s.ListOpportunities(ctx, q)
						if err != nil {
							t.Fatal(err)
						}
						want := plainOpportunityIDs(t, s, q)
						if owner != 0 && offset == 0 && len(want) == 0 {
							t.Fatal("the plain query lists no deals of the owner, so the comparison proves nothing")
						}
						if got := ids(rows); !slices.Equal(got, want) {
							t.Errorf("ids %v, want %v", got, want)
						}
					})
				}
			}
		}
	}
}

func TestDealCompanyNameFollowsCompany(t *testing.T) {
	s := pagesFixture(t)

	steps := []string{
		"UPDATE companies SET name = 'Renamed Ltd' WHERE id = (SELECT MIN(company_id) FROM opportunities)",
		"UPDATE opportunities SET company_id = (SELECT MAX(id) FROM companies) WHERE id % 5 = 0",
		"UPDATE opportunities SET company_id = NULL WHERE id % 9 = 0",
		"UPDATE opportunities SET company_name = 'written by hand' WHERE id % 4 = 0",
		"DELETE FROM companies WHERE id = (SELECT MAX(company_id) FROM opportunities)",
		`INSERT INTO opportunities (title, company_id, pipeline_id, stage_id, amount_currency, probability,
			company_name, created_at, updated_at)
			SELECT 'new deal', (SELECT MIN(id) FROM companies), o.pipeline_id, o.stage_id, 'USD', 10, 'stale',
				o.created_at, o.updated_at
			FROM opportunities o WHERE o.id = (SELECT MIN(id) FROM opportunities)`,
	}
	for _, step := range steps {
		if err := s.db.Exec(step).Error; err != nil {
			t.Fatalf("%s: %v", step, err)
		}

		var stale []int64
		err := s.db.Raw(`SELECT o.id FROM opportunities o LEFT JOIN companies c ON c.id = o.company_id
			WHERE o.company_name IS DISTINCT FROM c.name`).Scan(&stale).Error
		if err != nil {
			t.Fatal(err)
		}
		if len(stale) > 0 {
			t.Errorf("after %.60q…, deals %v keep another company name than their company's", step, stale)
		}
	}
}

// TestOpportunityPagesWalkOneIndex checks that the query for a page's
// ids reads the deals in the order of an index, forwards and backwards,
// instead of sorting them.
func TestOpportunityPagesWalkOneIndex(t *testing.T) {
	s := pagesFixture(t)

	for sort := range opportunityOrder {
		// NOTE: PostgreSQL 15 passes only the outer table's order through a
		// nested loop. So even with an index per table it sorts each
		// pipeline's deals by stage and id, and the stage order is not
		// checked there.
		if sort == app.SortByStage && s.backend.isPostgres() {
			continue
		}

		for _, desc := range []bool{false, true} {
			page := opportunityPage(s.backend, app.OpportunityQuery{Sort: sort, Descending: desc})
			for _, order := range [][]string{page.order, reverseOrder(page.order)} {
				query := "SELECT o.id" + page.from + " ORDER BY " + strings.Join(order, ", ")
				if s.backend.isPostgres() {
					checkPostgresWalk(t, s, query, indexScanOfDeals)
				} else {
					checkSQLiteWalk(t, s, query)
				}
			}
		}
	}
}

// checkSQLiteWalk fails t when SQLite's plan of query sorts in a
// temporary b-tree.
func checkSQLiteWalk(t *testing.T, s *Store, query string) {
	t.Helper()

	var plan []struct{ Detail string }
	if err := s.db.Raw("EXPLAIN QUERY PLAN " + query).Scan(&plan).Error; err != nil {
		t.Fatal(err)
	}
	for _, p := range plan {
		if strings.Contains(p.Detail, "TEMP B-TREE") {
			t.Errorf("%s sorts: %+v", query, plan)
		}
	}
}

// indexScanOfDeals matches a line of PostgreSQL's plan that reads the
// deals along an index.
var indexScanOfDeals = regexp.MustCompile(`Index (Only )?Scan (Backward )?using \w+ on opportunities o\b`)

// checkPostgresWalk fails t when PostgreSQL's plan of query has a Sort
// or Incremental Sort node, or has no line that indexScan matches. The plan
// is made with sequential scans, sorts and incremental sorts disabled, so
// that the planner picks an index that gives the order even for the
// fixture's few rows, and sorts only when no index gives it.
func checkPostgresWalk(t *testing.T, s *Store, query string, indexScan *regexp.Regexp) {
	t.Helper()

	var plan []string
	err := s.db.Transaction(func(tx *gorm.DB) error {
		settings := []string{"SET LOCAL enable_seqscan = off", "SET LOCAL enable_sort = off",
			"SET LOCAL enable_incremental_sort = off"}
		for _, setting := range settings {
			if err := tx.Exec(setting).Error; err != nil {
				return err
			}
		}

		return tx.Raw("EXPLAIN " + query).Scan(&plan).Error
	})
	if err != nil {
		t.Fatal(err)
	}

	text := strings.Join(plan, "\n")
	if strings.Contains(text, "Sort") {
		t.Errorf("%s sorts:\n%s", query, text)
	}
	if !indexScan.MatchString(text) {
		t.Errorf("%s reads the table along no index:\n%s", query, text)
	}
}
