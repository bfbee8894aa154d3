package data

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"leadwerk/app"
)

// listFixture stores six leads with known scores, statuses, sources,
// owners, creation and activity times:
//
//	name        status       source     owner score created last activity
//	Ada Alt     new          website    Tom   80    day 1   -
//	Bea Brandt  contacted    trade fair Tom   80    day 2   day 0.5
//	Cem Cakir   qualified    website    Ina   50    day 3   -
//	Dora Dahl   nurturing    referral   Ina   20    day 4   day 5
//	Emil Engel  disqualified website    Tom   95    day 5   -
//	Frida Funk  converted    trade fair Ina   60    day 6   -
func listFixture(t *testing.T) *Store {
	t.Helper()

	s := openLeadStore(t)
	day := func(d float64) time.Time { return testNow.Add(time.Duration(d*24) * time.Hour) }
	rows := []struct {
		first, last string
		status      app.LeadStatus
		source      string
		owner       string
		score       int
		created     float64
		activity    float64
	}{
		{"Ada", "Alt", app.LeadNew, app.SourceWebsite, "Tom", 80, 1, 0},
		{"Bea", "Brandt", app.LeadContacted, app.SourceTradeFair, "Tom", 80, 2, 0.5},
		{"Cem", "Cakir", app.LeadQualified, app.SourceWebsite, "Ina", 50, 3, 0},
		{"Dora", "Dahl", app.LeadNurturing, app.SourceReferral, "Ina", 20, 4, 5},
		{"Emil", "Engel", app.LeadDisqualified, app.SourceWebsite, "Tom", 95, 5, 0},
		{"Frida", "Funk", app.LeadConverted, app.SourceTradeFair, "Ina", 60, 6, 0},
	}

	b := app.ImportBatch{Source: "test", Pipeline: hardwarePipeline()}
	for i, r := range rows {
		l := app.Lead{FirstName: r.first, LastName: r.last, CompanyName: r.last + " GmbH",
			Email: fmt.Sprintf("%s@%s.example", r.first, r.last), City: "Köln",
			Status: r.status, Source: r.source, Owner: r.owner, CreatedAt: day(r.created),
			SourceRef: fmt.Sprintf("lead:%d", i)}
		if r.activity != 0 {
			l.LastActivityAt = day(r.activity)
		}
		b.Leads = append(b.Leads, l)
	}
	mustImport(t, s, b)

	for _, r := range rows {
		err := s.db.Exec("UPDATE leads SET score = ?, temperature = ? WHERE first_name = ?",
			r.score, app.TemperatureFor(r.score, app.DefaultScoreThresholds()), r.first).Error
		if err != nil {
			t.Fatal(err)
		}
	}

	return s
}

func TestListLeadsFilters(t *testing.T) {
	s := listFixture(t)
	fifty, zero := 50, 0

	cases := map[string]struct {
		q    app.LeadQuery
		want []string
	}{
		"no filter, newest first": {app.LeadQuery{},
			[]string{"Frida Funk", "Emil Engel", "Dora Dahl", "Cem Cakir", "Bea Brandt", "Ada Alt"}},
		"statuses":      {app.LeadQuery{Statuses: []app.LeadStatus{app.LeadNew, app.LeadConverted}}, []string{"Frida Funk", "Ada Alt"}},
		"source":        {app.LeadQuery{Sources: []string{app.SourceTradeFair}}, []string{"Frida Funk", "Bea Brandt"}},
		"temperature":   {app.LeadQuery{Temperatures: []app.Temperature{app.Warm}}, []string{"Frida Funk", "Cem Cakir"}},
		"owner":         {app.LeadQuery{Owner: "Ina"}, []string{"Frida Funk", "Dora Dahl", "Cem Cakir"}},
		"score range":   {app.LeadQuery{MinScore: 50, MaxScore: &fifty}, []string{"Cem Cakir"}},
		"max score 0":   {app.LeadQuery{MaxScore: &zero}, nil},
		"open only":     {app.LeadQuery{OpenOnly: true}, []string{"Dora Dahl", "Cem Cakir", "Bea Brandt", "Ada Alt"}},
		"combined":      {app.LeadQuery{OpenOnly: true, Owner: "Tom", MinScore: 80}, []string{"Bea Brandt", "Ada Alt"}},
		"search and":    {app.LeadQuery{Search: "gmbh", Sources: []string{app.SourceWebsite}}, []string{"Emil Engel", "Cem Cakir", "Ada Alt"}},
		"short search":  {app.LeadQuery{Search: "fu"}, []string{"Frida Funk"}},
		"paged":         {app.LeadQuery{Offset: 1, Limit: 2}, []string{"Emil Engel", "Dora Dahl"}},
		"unknown owner": {app.LeadQuery{Owner: "Nobody"}, nil},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			leads, err := s.ListLeads(context.Background(), tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := leadNames(leads); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("leads = %q, want %q", got, tc.want)
			}

			n, err := s.CountLeads(context.Background(), tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if tc.q.Limit == 0 && n != len(tc.want) {
				t.Errorf("count = %d, want %d", n, len(tc.want))
			}
		})
	}
}

func TestListLeadsSorts(t *testing.T) {
	s := listFixture(t)

	cases := map[string]struct {
		q    app.LeadQuery
		want []string
	}{
		"score descending, id breaks ties": {app.LeadQuery{Sort: app.SortLeadsByScore, Descending: true},
			[]string{"Emil Engel", "Bea Brandt", "Ada Alt", "Frida Funk", "Cem Cakir", "Dora Dahl"}},
		"score ascending": {app.LeadQuery{Sort: app.SortLeadsByScore},
			[]string{"Dora Dahl", "Cem Cakir", "Frida Funk", "Ada Alt", "Bea Brandt", "Emil Engel"}},
		"created ascending": {app.LeadQuery{Sort: app.SortLeadsByCreated},
			[]string{"Ada Alt", "Bea Brandt", "Cem Cakir", "Dora Dahl", "Emil Engel", "Frida Funk"}},
		"last activity, newest first, none last": {app.LeadQuery{Sort: app.SortLeadsByLastActivity, Descending: true},
			[]string{"Dora Dahl", "Bea Brandt", "Frida Funk", "Emil Engel", "Cem Cakir", "Ada Alt"}},
		"name": {app.LeadQuery{Sort: app.SortLeadsByName},
			[]string{"Ada Alt", "Bea Brandt", "Cem Cakir", "Dora Dahl", "Emil Engel", "Frida Funk"}},
		// Ada and Bea tie at 80; Bea's activity half a day after creation
		// is older than Ada's creation, so Bea has waited longer.
		"worklist, open first": {app.LeadQuery{Sort: app.SortLeadsByWorklist},
			[]string{"Bea Brandt", "Ada Alt", "Cem Cakir", "Dora Dahl", "Emil Engel", "Frida Funk"}},
		"worklist open only ignores descending": {app.LeadQuery{Sort: app.SortLeadsByWorklist, OpenOnly: true, Descending: true},
			[]string{"Bea Brandt", "Ada Alt", "Cem Cakir", "Dora Dahl"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			leads, err := s.ListLeads(context.Background(), tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := leadNames(leads); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("leads = %q, want %q", got, tc.want)
			}
		})
	}

	_, err := s.ListLeads(context.Background(), app.LeadQuery{Sort: "colour"})
	wantErrorIs(t, err, app.ErrInvalid)
	_, err = s.ListLeads(context.Background(), app.LeadQuery{Limit: -1})
	wantErrorIs(t, err, app.ErrInvalid)
}

func TestWorklistWaitingBreaksScoreTie(t *testing.T) {
	s := openLeadStore(t)
	early := mustCreate(t, s, person("Early", "Bird", "", ""))
	mustCreate(t, s, person("Late", "Comer", "", ""))
	s.db.Exec("UPDATE leads SET created_at = ? WHERE id = ?", testNow.Add(-48*time.Hour), early.ID)

	// A fresh activity on the early lead makes the later one wait longer.
	addLeadActivity(t, s, early.ID, "call", testNow.Add(time.Hour))

	leads, err := s.ListLeads(context.Background(), app.LeadQuery{Sort: app.SortLeadsByWorklist})
	if err != nil {
		t.Fatal(err)
	}
	if got := leadNames(leads); !slices.Equal(got, []string{"Late Comer", "Early Bird"}) {
		t.Errorf("worklist = %q, want the lead without recent activity first", got)
	}
}

func TestOpenStatusSQLMatchesIsOpenLead(t *testing.T) {
	s := openLeadStore(t)
	for _, status := range app.LeadStatuses() {
		var open bool
		s.db.Raw("SELECT "+openStatusSQL+" FROM (SELECT ? AS status) l", string(status)).Scan(&open)
		if open != app.IsOpenLead(status) {
			t.Errorf("status %s: SQL says open %v, IsOpenLead says %v", status, open, app.IsOpenLead(status))
		}
	}
}

func TestLeadSearchUsesTrigramIndex(t *testing.T) {
	s := openLeadStore(t)
	l := mustCreate(t, s, app.Lead{FirstName: "Jürgen", LastName: "Müller", CompanyName: `Say "Hi" GmbH`,
		Email: "jm@example.de", City: "Düsseldorf"})
	mustCreate(t, s, person("Mary", "Adams", "Adams Ltd", "mary@adams.example"))

	cases := map[string]int{
		"MÜLLER":        1,
		"gen mül":       1,
		"düsseld":       1,
		"DÜSSELD":       1,
		`"hi"`:          1,
		"example":       2,
		"mü":            1,
		"ad":            1,
		"example.de":    1,
		"Müller Jürgen": 1,
		"zzz":           0,
		"%%%":           0,
	}
	if s.backend.isPostgres() {
		// PostgreSQL matches the beginnings of words, where SQLite's
		// trigram index matches each word anywhere in a text.
		cases["gen mül"] = 0
	}
	for search, want := range cases {
		n, err := s.CountLeads(context.Background(), app.LeadQuery{Search: search})
		if err != nil {
			t.Fatalf("search %q: %v", search, err)
		}
		if n != want {
			t.Errorf("search %q found %d leads, want %d", search, n, want)
		}
	}

	// The index follows an edit and a delete.
	l.LastName = "Schmidt"
	if _, err := s.UpdateLead(context.Background(), l); err != nil {
		t.Fatal(err)
	}
	for search, want := range map[string]int{"müller": 0, "schmidt": 1} {
		if n, _ := s.CountLeads(context.Background(), app.LeadQuery{Search: search}); n != want {
			t.Errorf("after edit, search %q found %d leads, want %d", search, n, want)
		}
	}

	s.db.Exec("DELETE FROM leads WHERE id = ?", l.ID)
	if n, _ := s.CountLeads(context.Background(), app.LeadQuery{Search: "schmidt"}); n != 0 {
		t.Errorf("after delete, search found %d leads, want 0", n)
	}

	if s.backend.isPostgres() {
		return
	}

	var plan []struct{ Detail string }
	where, args := leadWhere(sqliteBackend{}, app.LeadQuery{Search: "müller"})
	s.db.Raw("EXPLAIN QUERY PLAN SELECT COUNT(*) FROM leads l"+where, args...).Scan(&plan)
	usesIndex := false
	for _, p := range plan {
		usesIndex = usesIndex || strings.HasPrefix(p.Detail, "SCAN leads_fts VIRTUAL TABLE")
	}
	if !usesIndex {
		t.Errorf("query plan %+v does not use the full-text index", plan)
	}
}

func TestLeadNotFound(t *testing.T) {
	s := openLeadStore(t)

	_, err := s.Lead(context.Background(), 404)
	wantErrorIs(t, err, app.ErrNotFound)
}
