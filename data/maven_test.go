package data_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"leadwerk/app"
	"leadwerk/app/maven"
	"leadwerk/app/testenv"
	"leadwerk/data"
)

// stageFigures is what one stage of the Maven pipeline should hold.
type stageFigures struct {
	count    int
	amount   int64
	weighted int64
}

// expectedMavenFigures computes count, amount and weighted amount per
// stage straight from the CSV text, without the importer's code: split
// lines, look the price up by the product name with spaces removed, and
// take the close value for won and lost deals.
func expectedMavenFigures(t *testing.T, dir string) map[string]stageFigures {
	t.Helper()

	prices := map[string]int64{}
	for _, fields := range csvLines(t, filepath.Join(dir, "products.csv")) {
		prices[strings.ReplaceAll(fields[0], " ", "")] = mustInt(t, fields[2])
	}

	probability := map[string]int64{"Prospecting": 10, "Engaging": 40, "Won": 100, "Lost": 0}
	figures := map[string]stageFigures{}
	for _, fields := range csvLines(t, filepath.Join(dir, "sales_pipeline.csv")) {
		product, stage, closeValue := fields[2], fields[4], fields[7]

		dollars, ok := prices[strings.ReplaceAll(product, " ", "")]
		if stage == "Won" || stage == "Lost" {
			dollars, ok = mustInt(t, closeValue), true
		}
		if !ok {
			t.Fatalf("product %q has no price in products.csv", product)
		}

		cents := dollars * 100
		f := figures[stage]
		f.count++
		f.amount += cents
		f.weighted += (cents*probability[stage] + 50) / 100
		figures[stage] = f
	}

	return figures
}

func csvLines(t *testing.T, path string) [][]string {
	t.Helper()

	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	var rows [][]string
	for i, line := range strings.Split(strings.TrimSpace(string(text)), "\n") {
		if i > 0 {
			rows = append(rows, strings.Split(strings.TrimRight(line, "\r"), ","))
		}
	}

	return rows
}

func mustInt(t *testing.T, text string) int64 {
	t.Helper()

	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		t.Fatalf("number %q: %v", text, err)
	}

	return n
}

func importMaven(t *testing.T, store *data.Store, dir string) app.ImportResult {
	t.Helper()

	batch, err := maven.Load(dir)
	if err != nil {
		t.Fatalf("maven.Load: %v", err)
	}

	result, err := store.Import(context.Background(), batch, nil)
	if err != nil {
		t.Fatalf("Import: %v", err)
	}

	return result
}

func TestMavenImportTotals(t *testing.T) {
	dir := testenv.SharedData(t, "maven-crm")
	want := expectedMavenFigures(t, dir)

	store, err := data.Open(filepath.Join(t.TempDir(), "maven.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()

	result := importMaven(t, store, dir)
	if result.OpportunitiesCreated != 8800 || result.Companies != 85 {
		t.Errorf("import created %d deals and %d companies, want 8800 and 85", result.OpportunitiesCreated, result.Companies)
	}

	summary, err := store.PipelineSummary(context.Background())
	if err != nil {
		t.Fatal(err)
	}

	var open, closed stageFigures
	for _, s := range summary {
		if s.Pipeline != maven.PipelineName {
			continue
		}

		w := want[s.Stage]
		got := stageFigures{s.Count, s.Amount.Minor, s.Weighted.Minor}
		if got != w || s.Amount.Currency != "USD" {
			t.Errorf("stage %s = %+v in %s, want %+v in USD", s.Stage, got, s.Amount.Currency, w)
		}

		total := &closed
		if s.Kind == app.StageOpen {
			total = &open
		}
		total.count += s.Count
		total.amount += s.Amount.Minor
	}

	wantOpen := want["Prospecting"].amount + want["Engaging"].amount
	if open.count != want["Prospecting"].count+want["Engaging"].count || open.amount != wantOpen {
		t.Errorf("open deals = %d worth %d cents, want %d worth %d", open.count, open.amount,
			want["Prospecting"].count+want["Engaging"].count, wantOpen)
	}

	if closed.count != want["Won"].count+want["Lost"].count {
		t.Errorf("closed deals = %d, want %d", closed.count, want["Won"].count+want["Lost"].count)
	}
}

func TestMavenImportTwiceCreatesNothing(t *testing.T) {
	dir := testenv.SharedData(t, "maven-crm")
	store, err := data.Open(filepath.Join(t.TempDir(), "maven.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()

	importMaven(t, store, dir)
	second := importMaven(t, store, dir)
	if second.OpportunitiesCreated != 0 || second.OpportunitiesUpdated != 0 {
		t.Errorf("second import created %d and updated %d deals, want 0 and 0",
			second.OpportunitiesCreated, second.OpportunitiesUpdated)
	}

	n, err := store.CountOpportunities(context.Background(), app.OpportunityQuery{})
	if err != nil {
		t.Fatal(err)
	}

	if n != 8800 {
		t.Errorf("after two imports the database has %d deals, want 8800", n)
	}
}

func TestMavenDealWithoutAccountKept(t *testing.T) {
	dir := testenv.SharedData(t, "maven-crm")
	store, err := data.Open(filepath.Join(t.TempDir(), "maven.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()

	importMaven(t, store, dir)
	// Deals such as 3LCLVRVV have an empty account column; sorted by
	// company, they come first.
	rows, err := store.ListOpportunities(context.Background(), app.OpportunityQuery{Search: "GTX Basic", Sort: app.SortByCompany})
	if err != nil {
		t.Fatal(err)
	}

	if len(rows) == 0 || rows[0].Company != "" {
		t.Fatalf("sorted by company, the first GTX Basic deal should have no company, got %+v", rows[:min(1, len(rows))])
	}
}
