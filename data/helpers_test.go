package data

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"leadwerk/app"
)

// openTestStore opens a fresh database and closes it when the test ends:
// a SQLite file in a temporary folder, or a new PostgreSQL database when
// LEADWERK_TEST_POSTGRES is set (see openPostgresTestStore).
func openTestStore(t testing.TB) *Store {
	t.Helper()

	if testPostgresURL() != "" {
		return openPostgresTestStore(t)
	}

	s, err := Open(filepath.Join(t.TempDir(), "leadwerk.db"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })

	return s
}

// hardwarePipeline is a small sales process in US dollars.
func hardwarePipeline() app.Pipeline {
	return app.Pipeline{Name: "Hardware", Currency: "USD", Stages: []app.Stage{
		{Name: "Prospecting", Probability: 10, Kind: app.StageOpen},
		{Name: "Engaging", Probability: 50, Kind: app.StageOpen},
		{Name: "Won", Probability: 100, Kind: app.StageWon},
		{Name: "Lost", Probability: 0, Kind: app.StageLost},
	}}
}

func usd(minor int64) app.Money { return app.Money{Minor: minor, Currency: "USD"} }

// deal returns an opportunity import with the fields the tests vary.
func deal(ref, title, companyRef, stage string, amount int64) app.OpportunityImport {
	return app.OpportunityImport{
		Opportunity: app.Opportunity{
			Title: title, Amount: usd(amount), Owner: "Anna Schmidt", Product: "GTX Pro",
			CloseDate: app.Date{Year: 2024, Month: time.March, Day: 1}, SourceRef: ref,
		},
		CompanyRef: companyRef,
		Stage:      stage,
	}
}

// sampleBatch returns two companies, a child and its parent listed after
// it, two leads and three deals, one of them without a company.
func sampleBatch() app.ImportBatch {
	return app.ImportBatch{
		Source:   "test",
		Pipeline: hardwarePipeline(),
		Companies: []app.CompanyImport{
			{Company: app.Company{Name: "Cancity", Sector: "retail", Employees: 12, Revenue: usd(71800), SourceRef: "acc:cancity"},
				ParentRef: "acc:acme"},
			{Company: app.Company{Name: "Acme Corporation", Sector: "technology", SourceRef: "acc:acme"}},
		},
		Leads: []app.Lead{
			{FirstName: "Jürgen", LastName: "Weber", CompanyName: "Weber GmbH", Email: "jw@weber.example",
				City: "Köln", Status: app.LeadNew, SourceRef: "lead:1"},
			{FirstName: "Mary", LastName: "Adams", CompanyName: "Adams Ltd", Email: "mary@adams.example",
				City: "Leeds", Status: app.LeadQualified, SourceRef: "lead:2"},
		},
		Opportunities: []app.OpportunityImport{
			deal("opp:1", "Cancity GTX Pro", "acc:cancity", "Engaging", 105400),
			deal("opp:2", "Acme MG Special", "acc:acme", "Won", 5500),
			deal("opp:3", "Walk-in GTK 500", "", "Prospecting", 2600000),
		},
	}
}

func mustImport(t testing.TB, s *Store, b app.ImportBatch) app.ImportResult {
	t.Helper()

	res, err := s.Import(context.Background(), b, nil)
	if err != nil {
		t.Fatalf("Import: %v", err)
	}

	return res
}

// countRows returns the number of rows in table.
func countRows(t testing.TB, s *Store, table string) int {
	t.Helper()

	var n int
	if err := s.db.Raw(fmt.Sprintf("SELECT COUNT(*) FROM %s", table)).Scan(&n).Error; err != nil {
		t.Fatalf("count %s: %v", table, err)
	}

	return n
}

// idByRef returns the id of the opportunity with the given source ref.
func idByRef(t testing.TB, s *Store, ref string) int64 {
	t.Helper()

	var id int64
	if err := s.db.Raw("SELECT id FROM opportunities WHERE source_ref = ?", ref).Scan(&id).Error; err != nil || id == 0 {
		t.Fatalf("opportunity %s not found (err %v)", ref, err)
	}

	return id
}

// generatedBatch returns n deals over several companies, stages, owners
// and products, for speed tests and benchmarks.
func generatedBatch(n int) app.ImportBatch {
	b := app.ImportBatch{Source: "generated", Pipeline: hardwarePipeline()}
	for i := range 85 {
		b.Companies = append(b.Companies, app.CompanyImport{Company: app.Company{
			Name: fmt.Sprintf("Company %02d", i), SourceRef: fmt.Sprintf("acc:%d", i)}})
	}

	stages := []string{"Prospecting", "Engaging", "Won", "Lost"}
	products := []string{"GTX Pro", "GTX Basic", "MG Special", "MG Advanced", "GTK 500"}
	for i := range n {
		d := deal(fmt.Sprintf("opp:%d", i), fmt.Sprintf("Deal %05d %s", i, products[i%len(products)]),
			fmt.Sprintf("acc:%d", i%85), stages[i%len(stages)], int64(i%977)*1013)
		d.Owner = fmt.Sprintf("Agent %02d", i%35)
		d.Product = products[i%len(products)]
		d.CloseDate = app.Date{Year: 2017, Month: time.Month(1 + i%12), Day: 1 + i%28}
		d.History = []app.StageChangeImport{{To: "Prospecting", At: time.Date(2016, 10, 1+i%28, 9, 0, 0, 0, time.UTC),
			Amount: d.Amount, Probability: 10}}
		b.Opportunities = append(b.Opportunities, d)
	}

	return b
}
