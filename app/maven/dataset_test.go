package maven_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"leadwerk/app"
	"leadwerk/app/maven"
	"leadwerk/app/testenv"
)

// stageTotal is the number of deals and their amount in USD cents.
type stageTotal struct {
	count int
	cents int64
}

// The figures of the real export, computed with awk from the CSV files:
// deals per deal_stage, close_value summed for Won and Lost, and for open
// deals the sales_price of the product after removing spaces from both
// names. Every Lost deal has close_value 0.
var wantDatasetTotals = map[string]stageTotal{
	"Prospecting": {500, 1_073_986_00},
	"Engaging":    {1589, 3_892_229_00},
	"Won":         {4238, 10_005_534_00},
	"Lost":        {2473, 0},
}

const (
	wantDeals           = 8800
	wantDealsNoAccount  = 1425
	wantCompanies       = 85
	wantSubsidiaries    = 15
	wantRevenueCents    = 16_954_380 * 10_000_00 // revenue column summed in hundredths of millions
	wantOpenDealsCents  = 4_966_215_00
	wantAllDealsCents   = 14_971_749_00
	wantOpenDealsCount  = 2089
	wantClosedDealCount = 6711
)

func loadDataset(t *testing.T) (app.ImportBatch, string) {
	t.Helper()

	dir := testenv.SharedData(t, "maven-crm")
	b, err := maven.Load(dir)
	if err != nil {
		t.Fatalf("Load(%s): %v", dir, err)
	}

	return b, dir
}

// readCSV splits a file into rows of fields keyed by header name. It
// handles only the plain layout of the export (no quotes), which is
// enough to recompute the figures without the code under test.
func readCSV(t *testing.T, path string) []map[string]string {
	t.Helper()

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	lines := strings.Split(strings.TrimSpace(strings.ReplaceAll(string(data), "\r\n", "\n")), "\n")
	header := strings.Split(lines[0], ",")
	var rows []map[string]string
	for i, line := range lines[1:] {
		fields := strings.Split(line, ",")
		if len(fields) != len(header) {
			t.Fatalf("%s line %d: %d fields, header has %d", path, i+2, len(fields), len(header))
		}

		row := map[string]string{}
		for j, name := range header {
			row[name] = fields[j]
		}
		rows = append(rows, row)
	}

	return rows
}

// dollarsToCents reads "1054" or "1100.04" without app.ParseMoney.
func dollarsToCents(t *testing.T, text string) int64 {
	t.Helper()

	whole, frac, _ := strings.Cut(text, ".")
	frac = (frac + "00")[:2]
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil {
		t.Fatalf("amount %q: %v", text, err)
	}

	return n
}

// independentTotals recomputes the totals per stage from the raw files.
func independentTotals(t *testing.T, dir string) map[string]stageTotal {
	t.Helper()

	prices := map[string]int64{}
	for _, p := range readCSV(t, filepath.Join(dir, "products.csv")) {
		prices[strings.ToLower(strings.ReplaceAll(p["product"], " ", ""))] = dollarsToCents(t, p["sales_price"])
	}

	totals := map[string]stageTotal{}
	for _, d := range readCSV(t, filepath.Join(dir, "sales_pipeline.csv")) {
		stage := d["deal_stage"]
		var cents int64
		switch stage {
		case "Won", "Lost":
			cents = dollarsToCents(t, d["close_value"])
		default:
			price, ok := prices[strings.ToLower(strings.ReplaceAll(d["product"], " ", ""))]
			if !ok {
				t.Fatalf("no price for product %q", d["product"])
			}
			cents = price
		}

		total := totals[stage]
		total.count++
		total.cents += cents
		totals[stage] = total
	}

	return totals
}

// loadedTotals sums the loaded deals per stage, checking the currency.
func loadedTotals(t *testing.T, b app.ImportBatch) map[string]stageTotal {
	t.Helper()

	totals := map[string]stageTotal{}
	for _, d := range b.Opportunities {
		if d.Amount.Currency != "USD" {
			t.Fatalf("%s: currency %q, want USD", d.SourceRef, d.Amount.Currency)
		}

		total := totals[d.Stage]
		total.count++
		total.cents += d.Amount.Minor
		totals[d.Stage] = total
	}

	return totals
}

func TestDatasetTotalsPerStage(t *testing.T) {
	b, dir := loadDataset(t)
	got := loadedTotals(t, b)
	independent := independentTotals(t, dir)

	if len(got) != len(independent) {
		t.Errorf("loaded %d stages, files have %d", len(got), len(independent))
	}
	for stage, want := range independent {
		if got[stage] != want {
			t.Errorf("stage %s: loaded %d deals, %d cents; files give %d deals, %d cents",
				stage, got[stage].count, got[stage].cents, want.count, want.cents)
		}
	}
	for stage, want := range wantDatasetTotals {
		if got[stage] != want {
			t.Errorf("stage %s: loaded %d deals, %d cents; awk gave %d deals, %d cents",
				stage, got[stage].count, got[stage].cents, want.count, want.cents)
		}
	}
}

func TestDatasetTotalsOpenWonLost(t *testing.T) {
	b, dir := loadDataset(t)
	independent := independentTotals(t, dir)

	kinds := map[string]app.StageKind{}
	for _, s := range b.Pipeline.Stages {
		kinds[s.Name] = s.Kind
	}

	got := map[app.StageKind]stageTotal{}
	want := map[app.StageKind]stageTotal{}
	var all, wantAll stageTotal
	for _, d := range b.Opportunities {
		total := got[kinds[d.Stage]]
		total.count++
		total.cents += d.Amount.Minor
		got[kinds[d.Stage]] = total
		all.count++
		all.cents += d.Amount.Minor
	}
	for stage, s := range independent {
		total := want[kinds[stage]]
		total.count += s.count
		total.cents += s.cents
		want[kinds[stage]] = total
		wantAll.count += s.count
		wantAll.cents += s.cents
	}

	for _, kind := range []app.StageKind{app.StageOpen, app.StageWon, app.StageLost} {
		if got[kind] != want[kind] {
			t.Errorf("%s deals: loaded %+v, files give %+v", kind, got[kind], want[kind])
		}
	}
	if all != wantAll {
		t.Errorf("all deals: loaded %+v, files give %+v", all, wantAll)
	}

	anchors := map[string]struct{ got, want stageTotal }{
		"open":   {got[app.StageOpen], stageTotal{wantOpenDealsCount, wantOpenDealsCents}},
		"won":    {got[app.StageWon], wantDatasetTotals["Won"]},
		"lost":   {got[app.StageLost], wantDatasetTotals["Lost"]},
		"closed": {stageTotal{got[app.StageWon].count + got[app.StageLost].count, 0}, stageTotal{wantClosedDealCount, 0}},
		"all":    {all, stageTotal{wantDeals, wantAllDealsCents}},
	}
	for name, a := range anchors {
		if a.got != a.want {
			t.Errorf("%s deals: loaded %+v, awk gave %+v", name, a.got, a.want)
		}
	}
}

func TestDatasetCompanies(t *testing.T) {
	b, dir := loadDataset(t)
	accounts := readCSV(t, filepath.Join(dir, "accounts.csv"))

	if len(b.Companies) != len(accounts) {
		t.Errorf("loaded %d companies, accounts.csv has %d", len(b.Companies), len(accounts))
	}
	if len(b.Companies) != wantCompanies {
		t.Errorf("loaded %d companies, want %d", len(b.Companies), wantCompanies)
	}

	var revenue int64
	subsidiaries := 0
	refs := map[string]bool{}
	for _, c := range b.Companies {
		refs[c.SourceRef] = true
		revenue += c.Revenue.Minor
		if c.ParentRef != "" {
			subsidiaries++
		}
	}

	var wantRevenue int64
	for _, a := range accounts {
		wantRevenue += dollarsToCents(t, a["revenue"]) * 1_000_000
	}
	if revenue != wantRevenue {
		t.Errorf("revenue total %d cents, files give %d", revenue, wantRevenue)
	}
	if revenue != wantRevenueCents {
		t.Errorf("revenue total %d cents, awk gave %d", revenue, int64(wantRevenueCents))
	}
	if subsidiaries != wantSubsidiaries {
		t.Errorf("%d companies have a parent, want %d", subsidiaries, wantSubsidiaries)
	}
	for _, c := range b.Companies {
		if c.ParentRef != "" && !refs[c.ParentRef] {
			t.Errorf("%s: parent %q is not a loaded company", c.Name, c.ParentRef)
		}
	}
}

func TestDatasetAcmeCorporation(t *testing.T) {
	b, _ := loadDataset(t)

	want := app.CompanyImport{Company: app.Company{
		Name:        "Acme Corporation",
		Sector:      "technolgy", // spelled so in the export
		Employees:   2822,
		Revenue:     app.Money{Minor: 1_100_040_000_00, Currency: "USD"},
		Country:     "United States",
		YearFounded: 1996,
		SourceRef:   "maven-crm:account:Acme Corporation",
	}}
	if b.Companies[0] != want {
		t.Errorf("first company = %+v, want %+v", b.Companies[0], want)
	}
}

func TestDatasetDealsWithoutAccount(t *testing.T) {
	b, _ := loadDataset(t)

	companies := map[string]bool{}
	for _, c := range b.Companies {
		companies[c.SourceRef] = true
	}

	without := 0
	for _, d := range b.Opportunities {
		switch {
		case d.CompanyRef == "":
			without++
			if d.Title != d.Product {
				t.Errorf("%s without account: title %q, want the product %q", d.SourceRef, d.Title, d.Product)
			}
		case !companies[d.CompanyRef]:
			t.Errorf("%s: company %q is not loaded", d.SourceRef, d.CompanyRef)
		}
	}
	if without != wantDealsNoAccount {
		t.Errorf("%d deals without account, want %d", without, wantDealsNoAccount)
	}
}

func findDeal(t *testing.T, b app.ImportBatch, id string) app.OpportunityImport {
	t.Helper()

	for _, d := range b.Opportunities {
		if d.SourceRef == "maven-crm:opportunity:"+id {
			return d
		}
	}
	t.Fatalf("opportunity %s not loaded", id)

	return app.OpportunityImport{}
}

func TestDatasetWonDealGTXPro(t *testing.T) {
	b, _ := loadDataset(t)
	// Z063OYW0,Darcel Schlecht,GTXPro,Isdom,Won,2016-10-25,2017-03-11,4514
	d := findDeal(t, b, "Z063OYW0")

	checks := []struct {
		name      string
		got, want any
	}{
		{"title", d.Title, "GTX Pro – Isdom"},
		{"product", d.Product, "GTX Pro"},
		{"owner", d.Owner, "Darcel Schlecht"},
		{"company", d.CompanyRef, "maven-crm:account:Isdom"},
		{"stage", d.Stage, "Won"},
		{"amount", d.Amount, app.Money{Minor: 4514_00, Currency: "USD"}},
		{"probability", d.Probability, 100},
		{"close date", d.CloseDate, app.Date{Year: 2017, Month: 3, Day: 11}},
		{"stage entered", d.StageEnteredOn, app.Date{Year: 2017, Month: 3, Day: 11}},
		{"history length", len(d.History), 2},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if len(d.History) != 2 {
		t.FailNow()
	}

	wantHistory := []app.StageChangeImport{
		{To: "Engaging", At: utcDay(2016, 10, 25), Amount: app.Money{Minor: 4821_00, Currency: "USD"}, Probability: 40},
		{From: "Engaging", To: "Won", At: utcDay(2017, 3, 11), Amount: app.Money{Minor: 4514_00, Currency: "USD"}, Probability: 100},
	}
	for i, want := range wantHistory {
		if got := d.History[i]; got != want {
			t.Errorf("history[%d] = %+v, want %+v", i, got, want)
		}
	}
}

func TestDatasetHistoryShape(t *testing.T) {
	b, _ := loadDataset(t)

	stages := map[string]app.Stage{}
	for _, s := range b.Pipeline.Stages {
		stages[s.Name] = s
	}

	for _, d := range b.Opportunities {
		stage, ok := stages[d.Stage]
		if !ok {
			t.Fatalf("%s: stage %q is not in the pipeline", d.SourceRef, d.Stage)
		}

		wantLen := map[string]int{"Prospecting": 1, "Engaging": 1, "Won": 2, "Lost": 2}[d.Stage]
		if len(d.History) != wantLen {
			t.Fatalf("%s in %s: %d history entries, want %d", d.SourceRef, d.Stage, len(d.History), wantLen)
		}

		last := d.History[len(d.History)-1]
		if last.To != d.Stage || last.Amount != d.Amount || last.Probability != stage.Probability {
			t.Fatalf("%s: last change %+v does not match stage %s, amount %v", d.SourceRef, last, d.Stage, d.Amount)
		}
		if d.History[0].From != "" {
			t.Fatalf("%s: first change starts from %q, want \"\"", d.SourceRef, d.History[0].From)
		}

		if d.Stage == "Prospecting" {
			if !last.At.IsZero() || !d.StageEnteredOn.IsZero() || !d.CloseDate.IsZero() {
				t.Fatalf("%s: Prospecting deal has a date: %+v", d.SourceRef, d)
			}
			continue
		}

		if d.History[0].To != "Engaging" || d.History[0].At.Location() != time.UTC {
			t.Fatalf("%s: first change %+v, want to Engaging in UTC", d.SourceRef, d.History[0])
		}
		if app.DateOf(last.At) != d.StageEnteredOn {
			t.Fatalf("%s: last change at %v, entered stage on %v", d.SourceRef, last.At, d.StageEnteredOn)
		}
	}
}
