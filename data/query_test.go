package data

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"leadwerk/app"
)

func TestListOpportunitiesSearch(t *testing.T) {
	s := openTestStore(t)
	mustImport(t, s, sampleBatch())

	cases := map[string]struct {
		search string
		want   []string
	}{
		"title ignoring case": {"walk-IN", []string{"Walk-in GTK 500"}},
		"company":             {"cancity", []string{"Cancity GTX Pro"}},
		"owner":               {"anna schmidt", []string{"Acme MG Special", "Cancity GTX Pro", "Walk-in GTK 500"}},
		"product":             {"gtx pro", []string{"Acme MG Special", "Cancity GTX Pro", "Walk-in GTK 500"}},
		"percent is literal":  {"%", nil},
		"underscore literal":  {"_", nil},
		"no match":            {"Zebra", nil},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			q := app.OpportunityQuery{Search: tc.search, Sort: app.SortByTitle}
			rows, err := s.ListOpportunities(context.Background(), q)
			if err != nil {
				t.Fatal(err)
			}
			var titles []string
			for _, r := range rows {
				titles = append(titles, r.Title)
			}
			if !reflect.DeepEqual(titles, tc.want) {
				t.Errorf("titles = %q, want %q", titles, tc.want)
			}

			n, err := s.CountOpportunities(context.Background(), q)
			if err != nil {
				t.Fatal(err)
			}
			if n != len(tc.want) {
				t.Errorf("count = %d, want %d", n, len(tc.want))
			}
		})
	}
}

func TestListOpportunitiesSort(t *testing.T) {
	s := openTestStore(t)
	b := generatedBatch(60)
	// Equal titles and empty companies make the id tie-breaker matter.
	b.Opportunities[5].Title = b.Opportunities[4].Title
	b.Opportunities[7].CompanyRef = ""
	mustImport(t, s, b)

	all, err := s.ListOpportunities(context.Background(), app.OpportunityQuery{})
	if err != nil {
		t.Fatal(err)
	}
	stagePos := map[string]int{"Prospecting": 0, "Engaging": 1, "Won": 2, "Lost": 3}
	keys := map[app.OpportunitySort]func(a, b app.OpportunityRow) int{
		app.SortByTitle: func(a, b app.OpportunityRow) int {
			return strings.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title))
		},
		app.SortByCompany: func(a, b app.OpportunityRow) int {
			return strings.Compare(strings.ToLower(a.Company), strings.ToLower(b.Company))
		},
		app.SortByStage:     func(a, b app.OpportunityRow) int { return cmp.Compare(stagePos[a.Stage], stagePos[b.Stage]) },
		app.SortByAmount:    func(a, b app.OpportunityRow) int { return cmp.Compare(a.Amount.Minor, b.Amount.Minor) },
		app.SortByWeighted:  func(a, b app.OpportunityRow) int { return cmp.Compare(a.Weighted.Minor, b.Weighted.Minor) },
		app.SortByCloseDate: func(a, b app.OpportunityRow) int { return strings.Compare(a.CloseDate.String(), b.CloseDate.String()) },
		app.SortByOwner: func(a, b app.OpportunityRow) int {
			return strings.Compare(strings.ToLower(a.Owner), strings.ToLower(b.Owner))
		},
	}
	for sortBy, key := range keys {
		for _, desc := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s desc=%v", sortBy, desc), func(t *testing.T) {
				want := slices.Clone(all)
				slices.SortFunc(want, func(a, b app.OpportunityRow) int {
					c := cmp.Or(key(a, b), cmp.Compare(a.ID, b.ID))
					if desc {
						return -c
					}
					return c
				})

				got, err := s.ListOpportunities(context.Background(), app.OpportunityQuery{Sort: sortBy, Descending: desc})
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(ids(got), ids(want)) {
					t.Errorf("order = %v, want %v", ids(got), ids(want))
				}
			})
		}
	}
}

func ids(rows []app.OpportunityRow) []int64 {
	out := make([]int64, len(rows))
	for i, r := range rows {
		out[i] = r.ID
	}

	return out
}

func TestListOpportunitiesPaging(t *testing.T) {
	s := openTestStore(t)
	mustImport(t, s, generatedBatch(95))
	q := app.OpportunityQuery{Search: "deal", Sort: app.SortByAmount, Descending: true}

	all, err := s.ListOpportunities(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 95 {
		t.Fatalf("unpaged list has %d rows, want 95", len(all))
	}

	var paged []app.OpportunityRow
	for q.Offset = 0; q.Offset < 100; q.Offset += 20 {
		q.Limit = 20
		page, err := s.ListOpportunities(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		paged = append(paged, page...)
	}
	if !reflect.DeepEqual(ids(paged), ids(all)) {
		t.Errorf("pages joined = %v, want %v", ids(paged), ids(all))
	}

	_, err = s.ListOpportunities(context.Background(), app.OpportunityQuery{Offset: -1})
	if !errors.Is(err, app.ErrInvalid) {
		t.Errorf("negative offset error = %v, want ErrInvalid", err)
	}
}

func TestListOpportunitiesPipelineFilter(t *testing.T) {
	s := openTestStore(t)
	b := sampleBatch()
	mustImport(t, s, b)
	other := sampleBatch()
	other.Pipeline.Name = "Services"
	other.Opportunities = other.Opportunities[:1]
	other.Opportunities[0].SourceRef = "svc:1"
	mustImport(t, s, other)

	pipelines, err := s.Pipelines(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(pipelines) != 3 {
		t.Fatalf("got %d pipelines, want Sales, Hardware and Services", len(pipelines))
	}

	for _, tc := range []struct {
		pipeline app.Pipeline
		want     int
	}{{pipelines[0], 0}, {pipelines[1], 3}, {pipelines[2], 1}} {
		n, err := s.CountOpportunities(context.Background(), app.OpportunityQuery{PipelineID: tc.pipeline.ID})
		if err != nil {
			t.Fatal(err)
		}
		if n != tc.want {
			t.Errorf("%s has %d deals, want %d", tc.pipeline.Name, n, tc.want)
		}
	}
}

func TestOpportunityDetail(t *testing.T) {
	s := openTestStore(t)
	b := sampleBatch()
	d := &b.Opportunities[0]
	d.History = []app.StageChangeImport{
		{To: "Prospecting", At: time.Date(2024, 1, 10, 8, 0, 0, 0, time.UTC), Amount: usd(100000), Probability: 10},
		{From: "Prospecting", To: "Engaging", At: time.Date(2024, 2, 3, 8, 0, 0, 0, time.UTC), Amount: usd(105400), Probability: 50},
	}
	d.Activities = []app.Activity{
		{Kind: "meeting", Subject: "Demo", Due: time.Date(2024, 2, 20, 14, 0, 0, 0, time.UTC)},
		{Kind: "call", Subject: "Intro", Due: time.Date(2024, 1, 11, 9, 0, 0, 0, time.UTC), Done: true},
	}
	mustImport(t, s, b)

	got, err := s.Opportunity(context.Background(), idByRef(t, s, "opp:1"))
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "Cancity GTX Pro" || got.Company.Name != "Cancity" || got.Pipeline != "Hardware" {
		t.Errorf("detail = %q at %q in %q, want Cancity GTX Pro at Cancity in Hardware", got.Title, got.Company.Name, got.Pipeline)
	}
	if got.Stage.Name != "Engaging" || got.Probability != 50 {
		t.Errorf("stage %q at %d %%, want Engaging at 50 %%", got.Stage.Name, got.Probability)
	}
	if got.Weighted != usd(52700) {
		t.Errorf("weighted = %v, want 527.00 USD", got.Weighted)
	}
	if len(got.History) != 2 || got.History[0].To != "Prospecting" || got.History[0].From != "" ||
		got.History[1].From != "Prospecting" || got.History[1].To != "Engaging" {
		t.Errorf("history = %+v, want Prospecting then Prospecting → Engaging", got.History)
	}
	if len(got.Activities) != 2 || got.Activities[0].Subject != "Intro" || !got.Activities[0].Done {
		t.Errorf("activities = %+v, want the done Intro call first", got.Activities)
	}

	walkIn, err := s.Opportunity(context.Background(), idByRef(t, s, "opp:3"))
	if err != nil {
		t.Fatal(err)
	}
	if walkIn.Company != (app.Company{}) {
		t.Errorf("deal without company has company %+v, want the zero Company", walkIn.Company)
	}
}

func TestOpportunityNotFound(t *testing.T) {
	s := openTestStore(t)

	_, err := s.Opportunity(context.Background(), 4711)
	if !errors.Is(err, app.ErrNotFound) {
		t.Errorf("error = %v, want ErrNotFound", err)
	}
}

func TestPipelineSummaryTwoCurrencies(t *testing.T) {
	s := openTestStore(t)
	b := sampleBatch()
	eur := deal("opp:eur", "Berlin order", "", "Engaging", 10001)
	eur.Amount = app.Money{Minor: 10001, Currency: "EUR"}
	b.Opportunities = append(b.Opportunities, eur)
	mustImport(t, s, b)

	summary, err := s.PipelineSummary(context.Background())
	if err != nil {
		t.Fatal(err)
	}

	type line struct {
		Pipeline, Stage string
		Count           int
		Amount, Wtd     app.Money
	}
	var got []line
	for _, r := range summary {
		got = append(got, line{r.Pipeline, r.Stage, r.Count, r.Amount, r.Weighted})
	}
	eurZero := app.Money{Currency: "EUR"}
	want := []line{
		{"Sales", "Prospecting", 0, eurZero, eurZero},
		{"Sales", "Qualification", 0, eurZero, eurZero},
		{"Sales", "Needs analysis", 0, eurZero, eurZero},
		{"Sales", "Proposal", 0, eurZero, eurZero},
		{"Sales", "Negotiation", 0, eurZero, eurZero},
		{"Sales", "Won", 0, eurZero, eurZero},
		{"Sales", "Lost", 0, eurZero, eurZero},
		{"Hardware", "Prospecting", 1, usd(2600000), usd(260000)},
		{"Hardware", "Engaging", 1, app.Money{Minor: 10001, Currency: "EUR"}, app.Money{Minor: 5001, Currency: "EUR"}},
		{"Hardware", "Engaging", 1, usd(105400), usd(52700)},
		{"Hardware", "Won", 1, usd(5500), usd(5500)},
		{"Hardware", "Lost", 0, usd(0), usd(0)},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("summary =\n%+v\nwant\n%+v", got, want)
	}
}

func TestListLeadsSearch(t *testing.T) {
	s := openTestStore(t)
	mustImport(t, s, sampleBatch())

	cases := map[string]struct {
		search string
		want   []string
	}{
		"all, by last name": {"", []string{"Adams", "Weber"}},
		"full name":         {"mary adams", []string{"Adams"}},
		"company":           {"weber gmbh", []string{"Weber"}},
		"e-mail":            {"@ADAMS.example", []string{"Adams"}},
		"city with umlaut":  {"Köln", []string{"Weber"}},
		"no match":          {"Paris", nil},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			leads, err := s.ListLeads(context.Background(), app.LeadQuery{Search: tc.search})
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, l := range leads {
				names = append(names, l.LastName)
			}
			if !reflect.DeepEqual(names, tc.want) {
				t.Errorf("leads = %q, want %q", names, tc.want)
			}

			n, err := s.CountLeads(context.Background(), app.LeadQuery{Search: tc.search})
			if err != nil {
				t.Fatal(err)
			}
			if n != len(tc.want) {
				t.Errorf("count = %d, want %d", n, len(tc.want))
			}
		})
	}

	page, err := s.ListLeads(context.Background(), app.LeadQuery{Offset: 1, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(page) != 1 || page[0].LastName != "Weber" || page[0].City != "Köln" {
		t.Errorf("second page = %+v, want Weber from Köln", page)
	}
}

func BenchmarkListOpportunities(b *testing.B) {
	s := openTestStore(b)
	mustImport(b, s, generatedBatch(10000))
	q := app.OpportunityQuery{Search: "gtx", Sort: app.SortByWeighted, Descending: true, Offset: 200, Limit: 100}

	b.ResetTimer()
	for b.Loop() {
		rows, err := s.ListOpportunities(context.Background(), q)
		if err != nil {
			b.Fatal(err)
		}
		if len(rows) != 100 {
			b.Fatalf("got %d rows, want 100", len(rows))
		}
	}
}

// BenchmarkSearchOpportunitiesUmlaut measures a search with a non-ASCII
// letter, which folds every compared value in Go; see foldedLike.
func BenchmarkSearchOpportunitiesUmlaut(b *testing.B) {
	s := openTestStore(b)
	mustImport(b, s, generatedBatch(10000))
	q := app.OpportunityQuery{Search: "gtx ü", Sort: app.SortByWeighted, Descending: true, Limit: 100}

	for b.Loop() {
		if _, err := s.ListOpportunities(context.Background(), q); err != nil {
			b.Fatal(err)
		}
	}
}
