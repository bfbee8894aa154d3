package data

import (
	"context"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"testing"
	"time"

	"leadwerk/app"
)

// wonDeals returns n won deals of amount minor units (US dollars) that
// came from source.
func wonDeals(n int, source string, amount int64) []app.OpportunityImport {
	deals := make([]app.OpportunityImport, n)
	for i := range deals {
		deals[i] = deal(fmt.Sprintf("won:%s:%d", source, i), fmt.Sprintf("%s deal %d", source, i), "", "Won", amount)
		deals[i].Opportunity.Source = source
	}

	return deals
}

// historyBatch returns 300 closed leads (see closedLeadsBatch) and ten
// won deals: five referral deals of 1,000 $ and five website deals of
// 5,000 $.
func historyBatch() app.ImportBatch {
	b := closedLeadsBatch(150)
	b.Pipeline = hardwarePipeline()
	b.Opportunities = append(wonDeals(5, "referral", 100_000), wonDeals(5, "website", 500_000)...)

	return b
}

// openLeads returns n open website leads.
func openLeads(n int) app.ImportBatch {
	b := app.ImportBatch{Source: "test"}
	for i := range n {
		b.Leads = append(b.Leads, app.Lead{
			LastName: fmt.Sprintf("Open %d", i), Source: "website", Status: app.LeadNew,
			SourceRef: fmt.Sprintf("test:open:%d", i),
		})
	}

	return b
}

func mustRefresh(t *testing.T, s *Store) app.LeadModelSummary {
	t.Helper()

	summary, err := s.RefreshLeadPredictions(context.Background(), nil)
	if err != nil {
		t.Fatalf("RefreshLeadPredictions: %v", err)
	}

	return summary
}

func TestRefreshStoresOpenLeadPredictions(t *testing.T) {
	s := openLeadStore(t)
	mustImport(t, s, historyBatch())
	referral := mustCreate(t, s, app.Lead{LastName: "Open referral", Source: "Referral"})
	website := mustCreate(t, s, app.Lead{LastName: "Open website", Source: "website"})

	summary := mustRefresh(t, s)

	if !summary.Learned || summary.Closed != 300 || summary.Converted != 150 || summary.Lost != 150 {
		t.Errorf("summary %+v, want learned from 300 closed leads, 150 of each outcome", summary)
	}
	if summary.Predicted != 2 || summary.Valued != 2 {
		t.Errorf("predicted %d and valued %d leads, want the 2 open ones", summary.Predicted, summary.Valued)
	}
	if summary.WonDeals != 10 || summary.ValueCurrency != "USD" {
		t.Errorf("values over %d deals in %q, want 10 in USD", summary.WonDeals, summary.ValueCurrency)
	}
	if len(summary.Strongest) == 0 || summary.RefreshedAt != testNow {
		t.Errorf("strongest %v at %v, want weights at %v", summary.Strongest, summary.RefreshedAt, testNow)
	}

	r := mustDetail(t, s, referral.ID).Lead
	if r.Predicted == nil || *r.Predicted < 0.7 {
		t.Fatalf("referral lead predicted %v, want about 0.8", r.Predicted)
	}
	if len(r.PredictedReasons) == 0 || r.PredictedReasons[0].Attribute != app.AttrSource {
		t.Errorf("referral reasons %+v, want the source first", r.PredictedReasons)
	}

	// Five referral deals average 1,000 $, matched without regard to case.
	want := app.Money{Minor: int64(math.Round(*r.Predicted * 100_000)), Currency: "USD"}
	if r.Value != want {
		t.Errorf("referral value %v, want %v", r.Value, want)
	}

	w := mustDetail(t, s, website.ID).Lead
	want = app.Money{Minor: int64(math.Round(*w.Predicted * 500_000)), Currency: "USD"}
	if w.Value != want {
		t.Errorf("website value %v, want %v", w.Value, want)
	}
}

func TestRefreshSkipsClosedLeads(t *testing.T) {
	s := openLeadStore(t)
	mustImport(t, s, historyBatch())
	mustCreate(t, s, app.Lead{LastName: "Open", Source: "referral"})
	mustRefresh(t, s)

	closed, err := s.ListLeads(context.Background(), app.LeadQuery{Statuses: []app.LeadStatus{app.LeadConverted}})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range closed {
		if l.Predicted != nil || l.Value != (app.Money{}) || l.PredictedReasons != nil {
			t.Fatalf("closed lead %d has %v, %v, %v; want no prediction", l.ID, l.Predicted, l.Value, l.PredictedReasons)
		}
	}
}

func TestRefreshClearsWhenHistoryTooShort(t *testing.T) {
	s := openLeadStore(t)
	mustImport(t, s, historyBatch())
	open := mustCreate(t, s, app.Lead{LastName: "Open", Source: "referral"})
	mustRefresh(t, s)

	// Reopen all but 20 referral and 20 website leads of the history.
	err := s.db.Exec(`UPDATE leads SET status = 'contacted' WHERE source_ref LIKE 'test:%'
		AND CAST(replace(replace(source_ref, 'test:referral:', ''), 'test:website:', '') AS INTEGER) >= 20`).Error
	if err != nil {
		t.Fatal(err)
	}

	summary := mustRefresh(t, s)

	if summary.Learned || summary.Closed != 40 || summary.Converted != 20 || summary.Lost != 20 {
		t.Errorf("summary %+v, want not learned, 40 closed: 20 converted, 20 lost", summary)
	}
	if summary.Predicted != 0 || len(summary.Strongest) != 0 {
		t.Errorf("summary predicted %d with weights %v, want none", summary.Predicted, summary.Strongest)
	}

	l := mustDetail(t, s, open.ID).Lead
	if l.Predicted != nil || l.PredictedReasons != nil {
		t.Errorf("open lead keeps %v, %v; want it cleared", l.Predicted, l.PredictedReasons)
	}

	// Without a learned chance, the value uses the rule-based score.
	want := app.Money{Minor: int64(math.Round(float64(l.Score) / 100 * 100_000)), Currency: "USD"}
	if l.Value != want {
		t.Errorf("value %v with score %d, want %v", l.Value, l.Score, want)
	}
}

func TestRefreshWithoutWonDealsGivesNoValue(t *testing.T) {
	s := openLeadStore(t)
	mustImport(t, s, closedLeadsBatch(150))
	open := mustCreate(t, s, app.Lead{LastName: "Open", Source: "referral"})

	summary := mustRefresh(t, s)

	if summary.Valued != 0 || summary.ValueCurrency != "" {
		t.Errorf("valued %d in %q, want none", summary.Valued, summary.ValueCurrency)
	}
	if l := mustDetail(t, s, open.ID).Lead; l.Predicted == nil || l.Value != (app.Money{}) {
		t.Errorf("lead predicted %v with value %v, want a chance and no value", l.Predicted, l.Value)
	}
}

func leadIDs(t *testing.T, s *Store, q app.LeadQuery) []int64 {
	t.Helper()

	leads, err := s.ListLeads(context.Background(), q)
	if err != nil {
		t.Fatalf("ListLeads %+v: %v", q, err)
	}

	ids := make([]int64, len(leads))
	for i, l := range leads {
		ids[i] = l.ID
	}

	return ids
}

func TestListLeadsSortsByLearnedAndValue(t *testing.T) {
	s := openLeadStore(t)
	mustImport(t, s, historyBatch())
	referral := mustCreate(t, s, app.Lead{LastName: "Referral", Source: "referral"})
	website := mustCreate(t, s, app.Lead{LastName: "Website", Source: "website"})
	mustRefresh(t, s)

	// The referral lead has the higher chance (about 0.8 against 0.2),
	// the website lead the higher value (about 0.2 × 5,000 $ = 1,000 $
	// against 0.8 × 1,000 $ = 800 $).
	r, w := mustDetail(t, s, referral.ID).Lead, mustDetail(t, s, website.ID).Lead
	if *r.Predicted <= *w.Predicted || r.Value.Minor >= w.Value.Minor {
		t.Fatalf("referral %v %v, website %v %v: test data no longer ranks as intended",
			*r.Predicted, r.Value, *w.Predicted, w.Value)
	}

	cases := []struct {
		name string
		q    app.LeadQuery
		want []int64
	}{
		{"learned descending", app.LeadQuery{Sort: app.SortLeadsByLearned, Descending: true, OpenOnly: true},
			[]int64{referral.ID, website.ID}},
		{"learned ascending", app.LeadQuery{Sort: app.SortLeadsByLearned, OpenOnly: true},
			[]int64{website.ID, referral.ID}},
		{"value descending", app.LeadQuery{Sort: app.SortLeadsByValue, Descending: true, OpenOnly: true},
			[]int64{website.ID, referral.ID}},
		{"value ascending", app.LeadQuery{Sort: app.SortLeadsByValue, OpenOnly: true},
			[]int64{referral.ID, website.ID}},
		{"worklist by learned", app.LeadQuery{Sort: app.SortLeadsByWorklistLearned, OpenOnly: true},
			[]int64{referral.ID, website.ID}},
		{"worklist by value", app.LeadQuery{Sort: app.SortLeadsByWorklistValue, OpenOnly: true},
			[]int64{website.ID, referral.ID}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := leadIDs(t, s, c.q)
			if fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("ids %v, want %v", got, c.want)
			}
		})
	}
}

func TestWorklistByLearnedPutsOpenLeadsFirst(t *testing.T) {
	s := openLeadStore(t)
	mustImport(t, s, historyBatch())
	open := mustCreate(t, s, app.Lead{LastName: "Open", Source: "website"})
	mustRefresh(t, s)

	for _, sort := range []app.LeadSort{app.SortLeadsByWorklistLearned, app.SortLeadsByWorklistValue} {
		ids := leadIDs(t, s, app.LeadQuery{Sort: sort, Limit: 1})
		if len(ids) != 1 || ids[0] != open.ID {
			t.Errorf("%s: first lead %v, want the open lead %d before the closed ones", sort, ids, open.ID)
		}
	}
}

// predictionRows returns every lead's stored prediction columns as text.
func predictionRows(t *testing.T, s *Store) []string {
	t.Helper()

	var rows []string
	err := s.db.Raw(`SELECT id || ' ' || COALESCE(CAST(predicted AS TEXT), '-') || ' ' || predicted_reasons || ' ' ||
		COALESCE(CAST(lead_value_minor AS TEXT), '-') || ' ' || lead_value_currency FROM leads ORDER BY id`).Scan(&rows).Error
	if err != nil {
		t.Fatal(err)
	}

	return rows
}

func TestRefreshCancelledKeepsSummary(t *testing.T) {
	s := openLeadStore(t)
	mustImport(t, s, historyBatch())
	mustImport(t, s, openLeads(3*refreshBatch))
	mustRefresh(t, s)

	// More won website deals would change every open lead's value.
	more := app.ImportBatch{Source: "test", Pipeline: hardwarePipeline(), Opportunities: wonDeals(8, "website", 900_000)}
	mustImport(t, s, more)
	before := predictionRows(t, s)
	status, _, err := s.LeadPredictionStatus(context.Background())
	if err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	batches := 0
	_, err = s.RefreshLeadPredictions(ctx, func(done, total int) {
		batches++
		cancel()
	})

	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if batches != 1 {
		t.Errorf("%d batches written before the cancel took effect, want 1", batches)
	}
	// The batch written before the cancel stays, and no other.
	after := predictionRows(t, s)
	changed := 0
	for i := range after {
		if after[i] != before[i] {
			changed++
		}
	}
	if changed != refreshBatch {
		t.Errorf("a cancelled refresh changed %d leads' predictions, want the %d of its first batch", changed,
			refreshBatch)
	}

	again, stale, err := s.LeadPredictionStatus(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !again.RefreshedAt.Equal(status.RefreshedAt) || again.WonDeals != status.WonDeals || !stale {
		t.Errorf("status after cancel %+v, stale %v; want the one before, still stale", again, stale)
	}
}

func TestRefreshReportsProgress(t *testing.T) {
	s := openLeadStore(t)
	mustImport(t, s, openLeads(refreshBatch+10))

	var calls [][2]int
	_, err := s.RefreshLeadPredictions(context.Background(), func(done, total int) {
		calls = append(calls, [2]int{done, total})
	})
	if err != nil {
		t.Fatal(err)
	}

	want := [][2]int{{refreshBatch, refreshBatch + 10}, {refreshBatch + 10, refreshBatch + 10}}
	if fmt.Sprint(calls) != fmt.Sprint(want) {
		t.Errorf("progress %v, want %v", calls, want)
	}
}

func TestLeadPredictionStatusNoticesChanges(t *testing.T) {
	s := openLeadStore(t)
	ctx := context.Background()
	mustImport(t, s, historyBatch())

	if _, stale, err := s.LeadPredictionStatus(ctx); err != nil || !stale {
		t.Fatalf("before any refresh: stale %v, %v; want true", stale, err)
	}

	mustRefresh(t, s)
	if _, stale, err := s.LeadPredictionStatus(ctx); err != nil || stale {
		t.Fatalf("right after a refresh: stale %v, %v; want false", stale, err)
	}

	mustCreate(t, s, app.Lead{LastName: "New", Source: "website"})
	if _, stale, err := s.LeadPredictionStatus(ctx); err != nil || !stale {
		t.Errorf("after a new lead: stale %v, %v; want true", stale, err)
	}

	mustRefresh(t, s)
	mustImport(t, s, app.ImportBatch{Source: "test", Pipeline: hardwarePipeline(), Opportunities: wonDeals(1, "partner", 5)})
	if _, stale, err := s.LeadPredictionStatus(ctx); err != nil || !stale {
		t.Errorf("after a new won deal: stale %v, %v; want true", stale, err)
	}
}

func TestMigration11KeepsVersion10Leads(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leadwerk.db")
	db, err := openGorm(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := migrateTo(context.Background(), db, migrations[:10]); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)
	err = db.Exec(`INSERT INTO leads (id, first_name, last_name, company_name, source, status, score, created_at,
		updated_at) VALUES (7, 'Jürgen', 'Weber', 'Weber GmbH', 'referral', 'qualified', 55, ?, ?)`, at, at).Error
	if err != nil {
		t.Fatal(err)
	}
	if sqlDB, err := db.DB(); err == nil {
		sqlDB.Close()
	}

	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open on a version 10 database: %v", err)
	}
	defer s.Close()

	if v, err := s.SchemaVersion(context.Background()); err != nil || v < 11 {
		t.Fatalf("SchemaVersion = %d, %v; want 11 or later", v, err)
	}

	l := mustDetail(t, s, 7).Lead
	if l.Name() != "Jürgen Weber" || l.CompanyName != "Weber GmbH" || l.Score != 55 || l.Status != app.LeadQualified {
		t.Errorf("lead after migration %+v, want the version 10 values", l)
	}
	if l.Predicted != nil || l.PredictedReasons != nil || l.Value != (app.Money{}) {
		t.Errorf("lead after migration predicted %v, %v, value %v; want none", l.Predicted, l.PredictedReasons, l.Value)
	}
}

// TestRefreshLetsReadsBetweenBatches reads the lead list from the
// progress callback, which runs between two batches. The store has one
// connection, so the read would wait for the whole refresh if a batch's
// transaction were still open.
func TestRefreshLetsReadsBetweenBatches(t *testing.T) {
	s := openLeadStore(t)
	mustImport(t, s, openLeads(2*refreshBatch))

	reads := 0
	_, err := s.RefreshLeadPredictions(context.Background(), func(done, total int) {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()

		if _, err := s.CountLeads(ctx, app.LeadQuery{}); err != nil {
			t.Errorf("read the lead list after %d of %d leads: %v", done, total, err)
		}
		reads++
	})
	if err != nil {
		t.Fatal(err)
	}
	if reads != 2 {
		t.Errorf("read the lead list %d times, want once per batch, 2", reads)
	}
}
