package data

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
)

func at(y int, m time.Month, d, hour, minute int) time.Time {
	return time.Date(y, m, d, hour, minute, 0, 0, time.UTC)
}

// analyticsBatch returns four deals of the Hardware pipeline: one open
// with two stage changes, one won with its close just before midnight
// UTC, one without history and one that the test closes as lost.
func analyticsBatch() app.ImportBatch {
	b := app.ImportBatch{Source: "test", Pipeline: hardwarePipeline(), Companies: []app.CompanyImport{
		{Company: app.Company{Name: "Cancity", SourceRef: "acc:cancity"}},
	}}

	open := deal("opp:1", "Cancity GTX Pro", "acc:cancity", "Engaging", 105400)
	open.Source = app.SourceTradeFair
	open.StageEnteredOn = app.Date{Year: 2024, Month: time.February, Day: 1}
	open.History = []app.StageChangeImport{
		{To: "Prospecting", At: at(2024, time.January, 10, 9, 0), Amount: usd(105400), Probability: 10},
		{From: "Prospecting", To: "Engaging", At: at(2024, time.February, 1, 9, 0), Amount: usd(105400), Probability: 50},
	}

	won := deal("opp:2", "Walk-in GTK 500", "", "Won", 5500)
	won.Owner, won.CloseReason, won.CloseCompetitor = "Ben Weber", "Relationship", "Rival AG"
	won.History = []app.StageChangeImport{
		{To: "Prospecting", At: at(2024, time.January, 5, 9, 0), Amount: usd(5500), Probability: 10},
		{From: "Prospecting", To: "Won", At: at(2024, time.March, 15, 23, 30), Amount: usd(5500), Probability: 100},
	}

	bare := deal("opp:3", "Acme MG Special", "", "Prospecting", 2600000)
	bare.CreatedAt = at(2023, time.December, 1, 10, 0)

	lost := deal("opp:4", "Acme GTX Basic", "", "Engaging", 4200)
	lost.History = []app.StageChangeImport{
		{To: "Engaging", At: at(2024, time.April, 2, 9, 0), Amount: usd(4200), Probability: 50},
	}

	b.Opportunities = []app.OpportunityImport{open, won, bare, lost}

	return b
}

// serviceBatch returns one open euro deal of a second pipeline.
func serviceBatch() app.ImportBatch {
	d := deal("svc:1", "Maintenance", "", "Talk", 90000)
	d.Amount = app.Money{Minor: 90000, Currency: "EUR"}
	d.Owner = "Ben Weber"

	return app.ImportBatch{Source: "test", Pipeline: app.Pipeline{Name: "Service", Currency: "EUR", Stages: []app.Stage{
		{Name: "Talk", Probability: 30, Kind: app.StageOpen},
		{Name: "Signed", Probability: 100, Kind: app.StageWon},
	}}, Opportunities: []app.OpportunityImport{d}}
}

// openAnalyticsStore imports both batches, closes opp:4 as lost to Rival
// AG on testNow and lists competitors on opp:1 and opp:4. Rival AG is
// added to opp:4 even where closing the deal listed it already, so the
// facts must name it once.
func openAnalyticsStore(t *testing.T) *Store {
	t.Helper()
	ctx := context.Background()

	s := openLeadStore(t)
	mustImport(t, s, analyticsBatch())
	mustImport(t, s, serviceBatch())

	lost := idByRef(t, s, "opp:4")
	err := s.CloseOpportunity(ctx, lost, app.CloseRequest{Reason: "Price", Competitor: "Rival AG"})
	if err != nil {
		t.Fatalf("CloseOpportunity: %v", err)
	}

	competitors := []app.Competitor{
		{OpportunityID: idByRef(t, s, "opp:1"), Name: "Rival AG", Status: app.CompetitorActive},
		{OpportunityID: lost, Name: "Rival AG", Status: app.CompetitorWonDeal},
		{OpportunityID: lost, Name: "Other GmbH", Status: app.CompetitorEliminated},
	}
	for _, c := range competitors {
		if _, err := s.SaveCompetitor(ctx, c); err != nil {
			t.Fatalf("SaveCompetitor %s: %v", c.Name, err)
		}
	}

	return s
}

func stageIDs(t *testing.T, s *Store) map[string]int64 {
	t.Helper()

	pipelines, err := s.Pipelines(context.Background())
	if err != nil {
		t.Fatalf("Pipelines: %v", err)
	}

	ids := map[string]int64{}
	for _, p := range pipelines {
		for _, st := range p.Stages {
			ids[p.Name+"/"+st.Name] = st.ID
		}
	}

	return ids
}

func mustDealFacts(t *testing.T, s *Store, f app.ReportFilter) []app.DealFact {
	t.Helper()

	facts, err := s.DealFacts(context.Background(), f)
	if err != nil {
		t.Fatalf("DealFacts %+v: %v", f, err)
	}

	return facts
}

func factByID(t *testing.T, facts []app.DealFact, id int64) app.DealFact {
	t.Helper()

	for _, f := range facts {
		if f.ID == id {
			return f
		}
	}
	t.Fatalf("deal %d missing from facts", id)

	return app.DealFact{}
}

func TestDealFactsOpenDeal(t *testing.T) {
	s := openAnalyticsStore(t)
	stages := stageIDs(t, s)
	got := factByID(t, mustDealFacts(t, s, app.ReportFilter{}), idByRef(t, s, "opp:1"))

	checks := []struct {
		name      string
		got, want any
	}{
		{"title", got.Title, "Cancity GTX Pro"},
		{"company", got.Company, "Cancity"},
		{"stage", got.StageID, stages["Hardware/Engaging"]},
		{"kind", got.StageKind, app.StageOpen},
		{"amount", got.Amount, usd(105400)},
		{"probability", got.Probability, 50},
		{"close date", got.CloseDate, app.Date{Year: 2024, Month: time.March, Day: 1}},
		{"created on", got.CreatedOn, app.Date{Year: 2024, Month: time.January, Day: 10}},
		{"closed on", got.ClosedOn, app.Date{}},
		{"stage entered on", got.StageEnteredOn, app.Date{Year: 2024, Month: time.February, Day: 1}},
		{"owner", got.Owner, "Anna Schmidt"},
		{"source", got.Source, app.SourceTradeFair},
		{"competitors", got.Competitors, []string{"Rival AG"}},
		{"history", got.History, []app.StageVisit{
			{StageID: stages["Hardware/Prospecting"], At: at(2024, time.January, 10, 9, 0)},
			{StageID: stages["Hardware/Engaging"], At: at(2024, time.February, 1, 9, 0)},
		}},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
}

func TestDealFactsClosedDeals(t *testing.T) {
	s := openAnalyticsStore(t)
	facts := mustDealFacts(t, s, app.ReportFilter{})

	// opp:2 has no stage entry day, so ClosedOn is the UTC day of its
	// last change into Won, 23:30 on 15 March.
	won := factByID(t, facts, idByRef(t, s, "opp:2"))
	if !won.Won() {
		t.Errorf("opp:2 kind %q, want won", won.StageKind)
	}
	if want := (app.Date{Year: 2024, Month: time.March, Day: 15}); won.ClosedOn != want {
		t.Errorf("opp:2 closed on %v, want %v", won.ClosedOn, want)
	}
	if won.CloseReason != "Relationship" || won.CloseCompetitor != "Rival AG" {
		t.Errorf("opp:2 reason %q, competitor %q, want Relationship and Rival AG", won.CloseReason, won.CloseCompetitor)
	}
	if won.Company != "" {
		t.Errorf("opp:2 company %q, want none", won.Company)
	}

	// opp:4 was closed through the deal rules on testNow.
	lost := factByID(t, facts, idByRef(t, s, "opp:4"))
	if !lost.Lost() {
		t.Errorf("opp:4 kind %q, want lost", lost.StageKind)
	}
	if want := app.DateOf(testNow); lost.ClosedOn != want {
		t.Errorf("opp:4 closed on %v, want %v", lost.ClosedOn, want)
	}
	if lost.CloseReason != "Price" || lost.CloseCompetitor != "Rival AG" {
		t.Errorf("opp:4 reason %q, competitor %q, want Price and Rival AG", lost.CloseReason, lost.CloseCompetitor)
	}
	if want := []string{"Rival AG", "Other GmbH"}; !reflect.DeepEqual(lost.Competitors, want) {
		t.Errorf("opp:4 competitors %v, want %v", lost.Competitors, want)
	}
	if n := len(lost.History); n != 2 {
		t.Errorf("opp:4 has %d stage visits, want the import's and the close's", n)
	}
}

func TestDealFactsWithoutHistory(t *testing.T) {
	s := openAnalyticsStore(t)
	got := factByID(t, mustDealFacts(t, s, app.ReportFilter{}), idByRef(t, s, "opp:3"))

	// The import records one change into the stage at the deal's creation.
	if want := (app.Date{Year: 2023, Month: time.December, Day: 1}); got.CreatedOn != want {
		t.Errorf("created on %v, want %v", got.CreatedOn, want)
	}
	if len(got.History) != 1 || !got.History[0].At.Equal(at(2023, time.December, 1, 10, 0)) {
		t.Errorf("history %+v, want one visit at the creation", got.History)
	}
	if got.Competitors != nil {
		t.Errorf("competitors %v, want none", got.Competitors)
	}
}

func TestDealFactsFilters(t *testing.T) {
	s := openAnalyticsStore(t)
	pipelines, err := s.Pipelines(context.Background())
	if err != nil {
		t.Fatalf("Pipelines: %v", err)
	}
	pipelineID := map[string]int64{}
	for _, p := range pipelines {
		pipelineID[p.Name] = p.ID
	}

	cases := []struct {
		name   string
		filter app.ReportFilter
		want   []string
	}{
		{"all", app.ReportFilter{}, []string{"opp:1", "opp:2", "opp:3", "opp:4", "svc:1"}},
		{"pipeline", app.ReportFilter{PipelineID: pipelineID["Service"]}, []string{"svc:1"}},
		{"owner", app.ReportFilter{Owner: "Ben Weber"}, []string{"opp:2", "svc:1"}},
		{"source", app.ReportFilter{Source: app.SourceTradeFair}, []string{"opp:1"}},
		{"owner and pipeline", app.ReportFilter{PipelineID: pipelineID["Hardware"], Owner: "Ben Weber"}, []string{"opp:2"}},
		{"no match", app.ReportFilter{Owner: "Nobody"}, nil},
	}

	for _, c := range cases {
		var want []int64
		for _, ref := range c.want {
			want = append(want, idByRef(t, s, ref))
		}

		var got []int64
		for _, f := range mustDealFacts(t, s, c.filter) {
			got = append(got, f.ID)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: deals %v, want %v", c.name, got, want)
		}
	}
}

// countQueries counts the statements that GORM runs on s as queries or
// row scans, which is how Raw(...).Scan reaches the database.
func countQueries(t *testing.T, s *Store) *int {
	t.Helper()

	n := new(int)
	name := fmt.Sprintf("test:count_%p", n)
	count := func(*gorm.DB) { *n++ }
	if err := s.db.Callback().Query().After("gorm:query").Register(name, count); err != nil {
		t.Fatalf("register query callback: %v", err)
	}
	if err := s.db.Callback().Row().After("gorm:row").Register(name, count); err != nil {
		t.Fatalf("register row callback: %v", err)
	}
	t.Cleanup(func() {
		_ = s.db.Callback().Query().Remove(name)
		_ = s.db.Callback().Row().Remove(name)
	})

	return n
}

func TestDealFactsQueryCount(t *testing.T) {
	// The number of queries stays three however many deals there are:
	// deals, history and competitors.
	for _, n := range []int{4, 200} {
		s := openTestStore(t)
		mustImport(t, s, generatedBatch(n))
		queries := countQueries(t, s)

		facts := mustDealFacts(t, s, app.ReportFilter{})
		if len(facts) != n {
			t.Errorf("%d deals: got %d facts", n, len(facts))
		}
		if *queries != 3 {
			t.Errorf("%d deals: %d queries, want 3", n, *queries)
		}
	}
}

func TestLeadFacts(t *testing.T) {
	ctx := context.Background()
	s := openLeadStore(t)

	fair := convertibleLead(t, s)
	website := mustCreate(t, s, app.Lead{FirstName: "Mary", LastName: "Adams", Source: app.SourceWebsite,
		Origin: "Landing Page Submission"})
	if err := s.db.Model(&leadRow{}).Where("id = ?", fair.ID).Update("source", app.SourceTradeFair).Error; err != nil {
		t.Fatalf("set source: %v", err)
	}

	res, err := s.ConvertLead(ctx, fair.ID, app.ConversionRequest{PipelineID: defaultPipelineID(t, s).ID})
	if err != nil {
		t.Fatalf("ConvertLead: %v", err)
	}

	all, err := s.LeadFacts(ctx, app.ReportFilter{})
	if err != nil {
		t.Fatalf("LeadFacts: %v", err)
	}
	want := []app.LeadFact{
		{ID: fair.ID, Source: app.SourceTradeFair, Status: app.LeadConverted, CreatedOn: app.DateOf(testNow),
			OpportunityID: res.OpportunityID},
		{ID: website.ID, Source: app.SourceWebsite, Origin: "Landing Page Submission", Status: app.LeadNew,
			CreatedOn: app.DateOf(testNow)},
	}
	if !reflect.DeepEqual(all, want) {
		t.Errorf("all leads:\n got %+v\nwant %+v", all, want)
	}

	// The pipeline and owner of a filter do not apply to leads.
	filtered, err := s.LeadFacts(ctx, app.ReportFilter{Source: app.SourceWebsite, PipelineID: 99, Owner: "Nobody"})
	if err != nil {
		t.Fatalf("LeadFacts by source: %v", err)
	}
	if len(filtered) != 1 || filtered[0].ID != website.ID {
		t.Errorf("website leads %+v, want only lead %d", filtered, website.ID)
	}
}
