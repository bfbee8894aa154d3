package data

import (
	"context"
	"slices"
	"testing"

	"leadwerk/app"
)

func TestPlanHintWithoutFilters(t *testing.T) {
	requireSQLite(t, "INDEXED BY plans")
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
		{"owner id filter", app.LeadQuery{Sort: app.SortLeadsByWorklist, OpenOnly: true, OwnerID: 1}, ""},
		{"short search", app.LeadQuery{Sort: app.SortLeadsByWorklist, Search: "ab"}, ""},
	}
	for _, c := range cases {
		plan, err := s.planLeadPage(ctx, c.q)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := plan.hint; got != c.want {
			t.Errorf("%s: hint %q, want %q", c.name, got, c.want)
		}
	}
}

// TestListLeadsWithEveryIndexHint lists the leads in every order with and
// without OpenOnly, so that SQLite can use each index that planLeadPage
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

// TestCheckEachListsSameLeads lists a page of a search that matches every
// lead, which planLeadPage tests lead by lead, and compares it with the
// unpaged list, which reads all matches first.
func TestCheckEachListsSameLeads(t *testing.T) {
	requireSQLite(t, "INDEXED BY plans")
	s := openTestStore(t)
	mustImport(t, s, generatedLeads(4000))
	ctx := context.Background()

	for _, base := range []app.LeadQuery{{Sort: app.SortLeadsByWorklist}, {}} {
		base.Search = "example"
		all, err := s.ListLeads(ctx, base)
		if err != nil {
			t.Fatal(err)
		}

		q := base
		q.Offset, q.Limit = 50, 50
		plan, err := s.planLeadPage(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if !plan.checkEach {
			t.Errorf("sort %q: plan %+v does not test lead by lead", q.Sort, plan)
		}

		page, err := s.ListLeads(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := idsOfLeads(page), idsOfLeads(all[50:100]); !slices.Equal(got, want) {
			t.Errorf("sort %q: page %v, want %v", q.Sort, got, want)
		}
	}
}

func idsOfLeads(leads []app.Lead) []int64 {
	ids := make([]int64, len(leads))
	for i, l := range leads {
		ids[i] = l.ID
	}

	return ids
}

func TestCheckEachOnlyWithoutFilters(t *testing.T) {
	requireSQLite(t, "INDEXED BY plans")
	s := openTestStore(t)
	mustImport(t, s, generatedLeads(4000))

	q := app.LeadQuery{Search: "example", Owner: "Agent 01", Limit: 50}
	plan, err := s.planLeadPage(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if plan.checkEach {
		t.Errorf("plan %+v tests lead by lead despite the owner filter", plan)
	}

	q = app.LeadQuery{Search: "example", OwnerID: 1, Limit: 50}
	plan, err = s.planLeadPage(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if plan.checkEach {
		t.Errorf("plan %+v tests lead by lead despite the owner id filter", plan)
	}
}

// TestOpenSearchCountMatchesStatuses compares the count of open leads
// from the full-text index alone with a count that filters the leads by
// their open statuses in SQL. "donau" and "don" match companies whose
// folded name contains the trigram that marks a done lead's state.
func TestOpenSearchCountMatchesStatuses(t *testing.T) {
	s := openTestStore(t)
	mustImport(t, s, generatedLeads(3000))
	ctx := context.Background()

	var open []app.LeadStatus
	for _, status := range app.LeadStatuses() {
		if app.IsOpenLead(status) {
			open = append(open, status)
		}
	}

	for _, search := range []string{"donau", "don", "mül", "weber", "köln"} {
		fromIndex, err := s.CountLeads(ctx, app.LeadQuery{Search: search, OpenOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		bySQL, err := s.CountLeads(ctx, app.LeadQuery{Search: search, Statuses: open})
		if err != nil {
			t.Fatal(err)
		}
		all, err := s.CountLeads(ctx, app.LeadQuery{Search: search})
		if err != nil {
			t.Fatal(err)
		}

		if fromIndex != bySQL {
			t.Errorf("search %q: the index counts %d open leads, the statuses %d", search, fromIndex, bySQL)
		}
		if bySQL == 0 || bySQL == all {
			t.Errorf("search %q: %d of %d matches are open, want some open and some done", search, bySQL, all)
		}
	}
}
