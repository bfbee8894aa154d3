package data

import (
	"context"
	"testing"

	"leadwerk/app"
)

func TestIndexHintWithoutFilters(t *testing.T) {
	s := openLeadStore(t)
	ctx := context.Background()

	cases := []struct {
		name string
		q    app.LeadQuery
		want string
	}{
		{"open worklist", app.LeadQuery{Sort: app.SortLeadsByWorklist, OpenOnly: true}, " INDEXED BY leads_worklist"},
		{"worklist", app.LeadQuery{Sort: app.SortLeadsByWorklist}, " INDEXED BY leads_worklist_all"},
		{"newest first", app.LeadQuery{}, " INDEXED BY leads_created"},
		{"owner filter", app.LeadQuery{Sort: app.SortLeadsByWorklist, OpenOnly: true, Owner: "Agent 01"}, ""},
		{"short search", app.LeadQuery{Sort: app.SortLeadsByWorklist, Search: "ab"}, ""},
	}
	for _, c := range cases {
		got, err := s.indexHint(ctx, c.q)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got != c.want {
			t.Errorf("%s: hint %q, want %q", c.name, got, c.want)
		}
	}
}

// TestListLeadsWithEveryIndexHint lists the leads in every order with and
// without OpenOnly, so that SQLite can use each index that indexHint
// names: it rejects a query whose INDEXED BY index does not fit.
func TestListLeadsWithEveryIndexHint(t *testing.T) {
	s := openLeadStore(t)
	mustCreate(t, s, person("Anna", "Weber", "Weber GmbH", "anna@weber.example"))
	mustCreate(t, s, person("Ben", "Koch", "Koch KG", "ben@koch.example"))

	sorts := []app.LeadSort{"", app.SortLeadsByWorklist, app.SortLeadsByWorklistLearned,
		app.SortLeadsByWorklistValue, app.SortLeadsByScore, app.SortLeadsByLearned, app.SortLeadsByValue,
		app.SortLeadsByCreated, app.SortLeadsByLastActivity, app.SortLeadsByName}
	for _, sort := range sorts {
		for _, open := range []bool{false, true} {
			leads, err := s.ListLeads(context.Background(), app.LeadQuery{Sort: sort, OpenOnly: open, Limit: 50})
			if err != nil {
				t.Errorf("sort %q, open only %v: %v", sort, open, err)
				continue
			}
			if len(leads) != 2 {
				t.Errorf("sort %q, open only %v: listed %d leads, want 2", sort, open, len(leads))
			}
		}
	}
}
