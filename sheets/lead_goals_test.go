package sheets

import (
	"bytes"
	"encoding/csv"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"leadwerk/app"
)

func testLabels() LeadGoalLabels {
	return LeadGoalLabels{
		Sheet: "Lead goal", Title: "Lead goal calculator", Note: "Counts are rounded up.",
		Target: "Revenue target", Period: "Period", Months: "Months", Total: "Total",
		Share: "Share of target", AverageDeal: "Average won deal", WinRate: "Win rate",
		LeadToOpportunity: "Lead-to-opportunity rate", Qualification: "Qualification rate",
		TargetShare: "Target share", WonDeals: "Won deals needed", Opportunities: "Opportunities needed",
		QualifiedLeads: "Qualified leads needed", Leads: "Leads needed", LeadsPerMonth: "Leads per month",
	}
}

func allSourcesSheet() LeadGoalSheet {
	return LeadGoalSheet{
		Labels: testLabels(),
		Target: app.Major(300000, "EUR"),
		Period: "Quarter",
		Months: 3,
		Columns: []LeadGoalColumn{{Name: "All sources", Inputs: app.LeadGoalInputs{
			Share: app.FullRate, AverageDeal: app.Major(25000, "EUR"),
			WinRate: 2500, LeadToOpportunity: 4000, Qualification: 3000,
		}}},
	}
}

// perSourceSheet has a source whose 34.75 % win rate meets 1390 won
// deals, where a plain float division rounds up to one opportunity too
// many, and a source with a share of 0 and no rates.
func perSourceSheet() LeadGoalSheet {
	s := allSourcesSheet()
	s.Target = app.Major(1390000, "EUR")
	s.Columns = []LeadGoalColumn{
		{Name: "trade fair", Inputs: app.LeadGoalInputs{Share: 5000, AverageDeal: app.Major(500, "EUR"),
			WinRate: 3475, LeadToOpportunity: 5000, Qualification: 2500}},
		{Name: "referral", Inputs: app.LeadGoalInputs{Share: 5000, AverageDeal: app.Money{Minor: 3333333, Currency: "EUR"},
			WinRate: 6667, LeadToOpportunity: 8000, Qualification: 9000}},
		{Name: "cold call", Inputs: app.LeadGoalInputs{Share: 0}},
	}

	return s
}

// openWritten writes s with WriteLeadGoal and opens the bytes again, as
// Excel would open the saved file.
func openWritten(t *testing.T, s LeadGoalSheet) *excelize.File {
	t.Helper()

	var buf bytes.Buffer
	if err := WriteLeadGoal(&buf, s); err != nil {
		t.Fatalf("write: %v", err)
	}

	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("open written workbook: %v", err)
	}
	t.Cleanup(func() { _ = f.Close() })

	return f
}

func value(t *testing.T, f *excelize.File, cell string) string {
	t.Helper()

	v, err := f.GetCellValue(f.GetSheetName(0), cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("read %s: %v", cell, err)
	}

	return v
}

func formula(t *testing.T, f *excelize.File, cell string) string {
	t.Helper()

	v, err := f.GetCellFormula(f.GetSheetName(0), cell)
	if err != nil {
		t.Fatalf("read formula of %s: %v", cell, err)
	}

	return v
}

// calculated returns the value excelize computes for cell, as a number.
func calculated(t *testing.T, f *excelize.File, cell string) float64 {
	t.Helper()

	text, err := f.CalcCellValue(f.GetSheetName(0), cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("calculate %s: %v", cell, err)
	}

	n, err := strconv.ParseFloat(text, 64)
	if err != nil {
		t.Fatalf("%s computes %q, not a number", cell, text)
	}

	return n
}

// plan returns what app.PlanLeadGoal computes for column c of s.
func plan(t *testing.T, s LeadGoalSheet, c LeadGoalColumn) app.LeadGoalPlan {
	t.Helper()

	in := c.Inputs
	in.Target = s.Target
	in.Months = s.Months
	p, err := app.PlanLeadGoal(in)
	if err != nil {
		t.Fatalf("plan %s: %v", c.Name, err)
	}

	return p
}

// checkColumn compares the computed cells of one column with the plan.
func checkColumn(t *testing.T, f *excelize.File, col string, want app.LeadGoalPlan) {
	t.Helper()

	counts := []struct {
		row  int
		want int64
	}{
		{rowWonDeals, want.WonDeals},
		{rowOpportunities, want.Opportunities},
		{rowQualifiedLeads, want.QualifiedLeads},
		{rowLeads, want.Leads},
		{rowLeadsPerMonth, want.LeadsPerMonth},
	}
	for _, c := range counts {
		cell := cell(col, c.row)
		if got := calculated(t, f, cell); got != float64(c.want) {
			t.Errorf("%s computes %v, the Go plan %d", cell, got, c.want)
		}
	}

	share := cell(col, rowTargetShare)
	wantShare := float64(want.Target.Minor) / float64(app.MinorPerMajor(want.Target.Currency))
	if got := calculated(t, f, share); got != wantShare {
		t.Errorf("%s computes %v, the Go plan %v", share, got, wantShare)
	}
}

func TestLeadGoalSheetInputs(t *testing.T) {
	f := openWritten(t, allSourcesSheet())

	if name := f.GetSheetName(0); name != "Lead goal" {
		t.Errorf("sheet name %q, want the label", name)
	}

	cases := map[string]string{
		"A4": "Revenue target", "B4": "300000", "B5": "Quarter", "B6": "3",
		"B8": "All sources", "B9": "1", "B10": "25000", "B11": "0.25", "B12": "0.4", "B13": "0.3",
		"A16": "Opportunities needed", "A19": "Leads per month",
	}
	for cell, want := range cases {
		if got := value(t, f, cell); got != want {
			t.Errorf("%s is %q, want %q", cell, got, want)
		}
	}
}

func TestLeadGoalSheetFormulas(t *testing.T) {
	f := openWritten(t, allSourcesSheet())

	cases := map[string]string{
		"B15": "IF(ROUND(B9*10000,0)=0,0,ROUNDUP(ROUND($B$4*100,0)*ROUND(B9*10000,0)/(ROUND(B10*100,0)*10000),0))",
		"B16": "IF(B15=0,0,ROUNDUP(B15*10000/ROUND(B11*10000,0),0))",
		"B17": "IF(B16=0,0,ROUNDUP(B16*10000/ROUND(B12*10000,0),0))",
		"B18": "IF(B17=0,0,ROUNDUP(B17*10000/ROUND(B13*10000,0),0))",
		"B19": "IF($B$6>0,ROUNDUP(B18/$B$6,0),0)",
	}
	for cell, want := range cases {
		if got := formula(t, f, cell); got != want {
			t.Errorf("%s has formula %q, want %q", cell, got, want)
		}
	}

	if got := formula(t, f, "C15"); got != "" {
		t.Errorf("one column has a total column with formula %q", got)
	}
}

func TestLeadGoalSheetNumberFormats(t *testing.T) {
	f := openWritten(t, allSourcesSheet())
	sheet := f.GetSheetName(0)

	// GetCellValue without RawCellValue applies the cell's number format.
	// Formula cells have no stored value to format until a program
	// computes them.
	cases := map[string]string{"B4": "300,000.00 \"EUR\"", "B10": "25,000.00 \"EUR\"", "B11": "25.00%"}
	for cell, want := range cases {
		got, err := f.GetCellValue(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		if strings.ReplaceAll(got, `"`, "") != strings.ReplaceAll(want, `"`, "") {
			t.Errorf("%s shows %q, want %q", cell, got, want)
		}
	}
}

func TestLeadGoalSheetMatchesPlan(t *testing.T) {
	s := allSourcesSheet()
	f := openWritten(t, s)

	checkColumn(t, f, "B", plan(t, s, s.Columns[0]))
}

func TestLeadGoalSheetPerSource(t *testing.T) {
	s := perSourceSheet()
	f := openWritten(t, s)

	var total app.LeadGoalPlan
	for i, c := range s.Columns {
		p := plan(t, s, c)
		checkColumn(t, f, columnName(i+2), p)
		total = total.Add(p)
	}

	if got := calculated(t, f, "B16"); got != 4000 {
		t.Errorf("trade fair opportunities %v, want exactly 4000", got)
	}
	if got := value(t, f, "E8"); got != "Total" {
		t.Errorf("E8 is %q, want the total column", got)
	}

	checkColumn(t, f, "E", total)
	if got := calculated(t, f, cell("E", rowShare)); got != 1 {
		t.Errorf("total share %v, want 1", got)
	}
}

// An input changed in the workbook changes the results, so the sheet
// computes and does not only show the exported numbers.
func TestLeadGoalSheetFollowsInput(t *testing.T) {
	s := allSourcesSheet()
	f := openWritten(t, s)

	if err := f.SetCellValue(f.GetSheetName(0), "B11", 0.5); err != nil {
		t.Fatal(err)
	}

	s.Columns[0].Inputs.WinRate = 5000
	checkColumn(t, f, "B", plan(t, s, s.Columns[0]))
}

// Random inputs from a fixed seed: the workbook and the Go plan agree on
// every count.
func TestLeadGoalSheetRandomInputs(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	s := allSourcesSheet()
	for range 40 {
		column := LeadGoalColumn{Name: "x", Inputs: app.LeadGoalInputs{
			Share:             app.Rate(rng.IntN(10000) + 1),
			AverageDeal:       app.Money{Minor: rng.Int64N(5_000_000) + 1, Currency: "EUR"},
			WinRate:           app.Rate(rng.IntN(10000) + 1),
			LeadToOpportunity: app.Rate(rng.IntN(10000) + 1),
			Qualification:     app.Rate(rng.IntN(10000) + 1),
		}}
		s.Target = app.Money{Minor: rng.Int64N(100_000_000) + 1, Currency: "EUR"}
		s.Months = rng.IntN(12) + 1
		s.Columns = []LeadGoalColumn{column, column}

		f := openWritten(t, s)
		checkColumn(t, f, "B", plan(t, s, column))
	}
}

func TestLeadGoalSheetWholeCurrency(t *testing.T) {
	s := allSourcesSheet()
	s.Target = app.Major(3000000, "JPY")
	s.Columns[0].Inputs.AverageDeal = app.Major(250000, "JPY")
	f := openWritten(t, s)

	if got := formula(t, f, "B15"); !strings.Contains(got, "ROUND($B$4*1,0)") {
		t.Errorf("formula %q does not scale yen by 1", got)
	}
	checkColumn(t, f, "B", plan(t, s, s.Columns[0]))
}

func TestLeadGoalSheetNeedsColumn(t *testing.T) {
	s := allSourcesSheet()
	s.Columns = nil

	var buf bytes.Buffer
	if err := WriteLeadGoal(&buf, s); err == nil {
		t.Error("a sheet without columns was written")
	}
}

func TestSheetNameCleaned(t *testing.T) {
	cases := map[string]string{
		"Lead goal":             "Lead goal",
		"Q3/2027":               "Q3-2027",
		"":                      "Sheet1",
		"Lead-Ziel ":            "Lead-Ziel ",
		strings.Repeat("x", 40): strings.Repeat("x", 31),
	}
	for name, want := range cases {
		if got := sheetName(name); got != want {
			t.Errorf("sheetName(%q) = %q, want %q", name, got, want)
		}
	}
}

// LibreOffice computes the written workbook as a second spreadsheet
// program besides excelize. The test skips where soffice is not
// installed (Debian package libreoffice-calc-nogui).
func TestLeadGoalSheetInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice is not installed, so LibreOffice cannot compute the workbook")
	}

	s := perSourceSheet()
	dir := t.TempDir()
	var buf bytes.Buffer
	if err := WriteLeadGoal(&buf, s); err != nil {
		t.Fatal(err)
	}
	book := filepath.Join(dir, "goal.xlsx")
	if err := os.WriteFile(book, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}

	profile := "-env:UserInstallation=file://" + filepath.Join(dir, "profile")
	cmd := exec.Command(soffice, profile, "--headless", "--convert-to", "csv", "--outdir", dir, book)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}

	rows := readCSV(t, filepath.Join(dir, "goal.csv"))
	for i, c := range s.Columns {
		p := plan(t, s, c)
		want := map[int]int64{rowWonDeals: p.WonDeals, rowOpportunities: p.Opportunities,
			rowQualifiedLeads: p.QualifiedLeads, rowLeads: p.Leads, rowLeadsPerMonth: p.LeadsPerMonth}
		for row, n := range want {
			if got := rows[row-1][i+1]; got != strconv.FormatInt(n, 10) {
				t.Errorf("LibreOffice computes %q for %s, the Go plan %d", got, cell(columnName(i+2), row), n)
			}
		}
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()

	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}

	return rows
}
