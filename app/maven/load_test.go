package maven_test

import (
	"encoding/csv"
	"errors"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"leadwerk/app"
	"leadwerk/app/maven"
)

const (
	accountsHeader = "account,sector,year_established,revenue,employees,office_location,subsidiary_of"
	productsHeader = "product,series,sales_price"
	pipelineHeader = "opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value"
)

// smallExport is a valid export of two accounts, two products and four
// deals, one per stage. The error cases replace one of its files.
var smallExport = map[string]string{
	"accounts.csv": accountsHeader + "\n" +
		"Acme Corporation,technolgy,1996,1100.04,2822,United States,\n" +
		"Codehow,software,1998,2714.9,2641,United States,Acme Corporation\n",
	"products.csv": productsHeader + "\n" +
		"GTX Pro,GTX,4821\n" +
		"MG Special,MG,55\n",
	"sales_pipeline.csv": pipelineHeader + "\n" +
		"A1,Moses Frase,GTXPro,Codehow,Won,2016-10-20,2017-03-01,4514\n" +
		"A2,Moses Frase,MG Special,Acme Corporation,Lost,2016-10-25,2017-03-07,0\n" +
		"A3,Anna Snelling,gtx pro,,Engaging,2016-11-03,,\n" +
		"A4,Anna Snelling,MG Special,Codehow,Prospecting,,,\n",
}

func utcDay(year int, month time.Month, day int) time.Time {
	return time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
}

func usd(cents int64) app.Money {
	return app.Money{Minor: cents, Currency: "USD"}
}

// writeExport writes the files into a fresh temporary folder. An empty
// content leaves the file out.
func writeExport(t *testing.T, files map[string]string) string {
	t.Helper()

	dir := t.TempDir()
	for name, content := range files {
		if content == "" {
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}

	return dir
}

// withFile returns smallExport with one file replaced.
func withFile(name, content string) map[string]string {
	files := map[string]string{}
	for n, c := range smallExport {
		files[n] = c
	}
	files[name] = content

	return files
}

func TestLoadSmallExport(t *testing.T) {
	b, err := maven.Load(writeExport(t, smallExport))
	if err != nil {
		t.Fatal(err)
	}

	if b.Source != "maven-crm" {
		t.Errorf("source %q, want maven-crm", b.Source)
	}
	if len(b.Companies) != 2 {
		t.Fatalf("%d companies, want 2", len(b.Companies))
	}
	if len(b.Opportunities) != 4 {
		t.Fatalf("%d deals, want 4", len(b.Opportunities))
	}

	codehow := b.Companies[1]
	if codehow.Revenue != usd(2_714_900_000_00) {
		t.Errorf("Codehow revenue %v, want 2714900000.00 USD", codehow.Revenue)
	}
	if codehow.ParentRef != "maven-crm:account:Acme Corporation" {
		t.Errorf("Codehow parent %q", codehow.ParentRef)
	}

	engaging := b.Opportunities[2]
	want := app.OpportunityImport{
		Opportunity: app.Opportunity{
			Title:          "GTX Pro",
			Amount:         usd(4821_00),
			Probability:    40,
			StageEnteredOn: app.Date{Year: 2016, Month: 11, Day: 3},
			Owner:          "Anna Snelling",
			Product:        "GTX Pro",
			SourceRef:      "maven-crm:opportunity:A3",
		},
		Stage:   "Engaging",
		History: []app.StageChangeImport{{To: "Engaging", At: utcDay(2016, 11, 3), Amount: usd(4821_00), Probability: 40}},
	}
	if !equalDeals(engaging, want) {
		t.Errorf("Engaging deal\n got %+v\nwant %+v", engaging, want)
	}

	prospecting := b.Opportunities[3]
	want = app.OpportunityImport{
		Opportunity: app.Opportunity{
			Title:       "MG Special – Codehow",
			Amount:      usd(55_00),
			Probability: 10,
			Owner:       "Anna Snelling",
			Product:     "MG Special",
			SourceRef:   "maven-crm:opportunity:A4",
		},
		CompanyRef: "maven-crm:account:Codehow",
		Stage:      "Prospecting",
		History:    []app.StageChangeImport{{To: "Prospecting", Amount: usd(55_00), Probability: 10}},
	}
	if !equalDeals(prospecting, want) {
		t.Errorf("Prospecting deal\n got %+v\nwant %+v", prospecting, want)
	}

	lost := b.Opportunities[1]
	wantHistory := []app.StageChangeImport{
		{To: "Engaging", At: utcDay(2016, 10, 25), Amount: usd(55_00), Probability: 40},
		{From: "Engaging", To: "Lost", At: utcDay(2017, 3, 7), Amount: usd(0), Probability: 0},
	}
	if lost.Amount != usd(0) || lost.Probability != 0 || !equalHistory(lost.History, wantHistory) {
		t.Errorf("Lost deal %+v, want amount 0, probability 0, history %+v", lost, wantHistory)
	}
}

func equalHistory(a, b []app.StageChangeImport) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}

	return true
}

func equalDeals(a, b app.OpportunityImport) bool {
	return a.Opportunity == b.Opportunity && a.CompanyRef == b.CompanyRef && a.Stage == b.Stage &&
		equalHistory(a.History, b.History) && len(a.Activities) == 0 && len(b.Activities) == 0
}

func TestLoadPipeline(t *testing.T) {
	b, err := maven.Load(writeExport(t, smallExport))
	if err != nil {
		t.Fatal(err)
	}

	want := []app.Stage{
		{Name: "Prospecting", Position: 0, Probability: 10, Kind: app.StageOpen},
		{Name: "Engaging", Position: 1, Probability: 40, Kind: app.StageOpen},
		{Name: "Won", Position: 2, Probability: 100, Kind: app.StageWon},
		{Name: "Lost", Position: 3, Probability: 0, Kind: app.StageLost},
	}
	if b.Pipeline.Currency != "USD" || b.Pipeline.Name == "" {
		t.Errorf("pipeline %q in %q, want a name and USD", b.Pipeline.Name, b.Pipeline.Currency)
	}
	if len(b.Pipeline.Stages) != len(want) {
		t.Fatalf("%d stages, want %d", len(b.Pipeline.Stages), len(want))
	}
	for i, s := range want {
		if !reflect.DeepEqual(b.Pipeline.Stages[i], s) {
			t.Errorf("stage %d = %+v, want %+v", i, b.Pipeline.Stages[i], s)
		}
	}
}

func TestLoadBOMCRLFAndColumnOrder(t *testing.T) {
	files := withFile("sales_pipeline.csv", "\uFEFF"+
		"close_value,deal_stage,opportunity_id,account,product,sales_agent,close_date,engage_date\r\n"+
		"4514,Won,A1,Codehow,GTXPro,Moses Frase,2017-03-01,2016-10-20\r\n"+
		"\r\n"+
		",Engaging,A3,,GTX Pro,Anna Snelling,,2016-11-03\r\n")
	files["accounts.csv"] = "\uFEFF" + strings.ReplaceAll(smallExport["accounts.csv"], "\n", "\r\n")

	b, err := maven.Load(writeExport(t, files))
	if err != nil {
		t.Fatal(err)
	}

	if len(b.Opportunities) != 2 {
		t.Fatalf("%d deals, want 2", len(b.Opportunities))
	}
	won := b.Opportunities[0]
	if won.SourceRef != "maven-crm:opportunity:A1" || won.Amount != usd(4514_00) || won.Owner != "Moses Frase" {
		t.Errorf("won deal %+v", won)
	}
	if won.CloseDate != (app.Date{Year: 2017, Month: 3, Day: 1}) {
		t.Errorf("close date %v, want 2017-03-01", won.CloseDate)
	}
	if b.Companies[0].Name != "Acme Corporation" || b.Companies[1].ParentRef != "maven-crm:account:Acme Corporation" {
		t.Errorf("companies after BOM and CRLF: %+v", b.Companies)
	}
}

func TestLoadOpenDealKeepsCloseValue(t *testing.T) {
	files := withFile("sales_pipeline.csv", pipelineHeader+"\n"+
		pipelineRow("A1,Moses Frase,GTXPro,Codehow,Engaging,2016-10-20,,3999")+
		pipelineRow("A2,Moses Frase,GTXPro,Codehow,Engaging,2016-10-20,,"))

	b, err := maven.Load(writeExport(t, files))
	if err != nil {
		t.Fatal(err)
	}

	if got := b.Opportunities[0].Amount; got != usd(3999_00) {
		t.Errorf("open deal with close value 3999 has amount %v, want 3999.00 USD", got)
	}

	if got := b.Opportunities[1].Amount; got != usd(4821_00) {
		t.Errorf("open deal without close value has amount %v, want the list price 4821.00 USD", got)
	}
}

func TestLoadSalesTeamsNote(t *testing.T) {
	files := withFile("sales_teams.csv", "sales_agent,manager,regional_office\nMoses Frase,Dustin Brinkmann,Central\n")
	b, err := maven.Load(writeExport(t, files))
	if err != nil {
		t.Fatal(err)
	}

	if got := b.Opportunities[0].Notes; got != "Sales team: manager Dustin Brinkmann, regional office Central." {
		t.Errorf("note of Moses Frase's deal = %q", got)
	}
	if got := b.Opportunities[2].Notes; got != "" {
		t.Errorf("note of an agent without team = %q, want empty", got)
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := maven.Load(writeExport(t, withFile("products.csv", "")))

	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("error %v, want fs.ErrNotExist", err)
	}
	if err == nil || !strings.Contains(err.Error(), "products.csv") {
		t.Errorf("error %v does not name products.csv", err)
	}
}

// badRowCase is an export with one broken file and where the error must
// point.
type badRowCase struct {
	name   string
	file   string
	body   string // the file's rows after its header
	header string // replaces the file's usual header when set
	line   int
	reason string
}

func pipelineRow(row string) string { return row + "\n" }

var badRowCases = []badRowCase{
	{name: "unknown product", file: "sales_pipeline.csv", line: 2, reason: `unknown product "GTX Mega"`,
		body: pipelineRow("A1,Moses Frase,GTX Mega,Codehow,Won,2016-10-20,2017-03-01,4514")},
	{name: "unknown stage", file: "sales_pipeline.csv", line: 3, reason: `unknown stage "Closing"`,
		body: pipelineRow("A1,Moses Frase,GTXPro,Codehow,Won,2016-10-20,2017-03-01,4514") +
			pipelineRow("A2,Moses Frase,GTXPro,Codehow,Closing,2016-10-20,2017-03-01,4514")},
	{name: "bad engage date", file: "sales_pipeline.csv", line: 2, reason: `bad date "2016-13-20" in engage_date`,
		body: pipelineRow("A1,Moses Frase,GTXPro,Codehow,Won,2016-13-20,2017-03-01,4514")},
	{name: "bad close date", file: "sales_pipeline.csv", line: 2, reason: `bad date "01.03.2017" in close_date`,
		body: pipelineRow("A1,Moses Frase,GTXPro,Codehow,Won,2016-10-20,01.03.2017,4514")},
	{name: "close before engage", file: "sales_pipeline.csv", line: 2, reason: "close_date 2016-03-01 is before engage_date",
		body: pipelineRow("A1,Moses Frase,GTXPro,Codehow,Won,2016-10-20,2016-03-01,4514")},
	{name: "won without close date", file: "sales_pipeline.csv", line: 2, reason: "close_date is empty for a deal in stage Won",
		body: pipelineRow("A1,Moses Frase,GTXPro,Codehow,Won,2016-10-20,,4514")},
	{name: "engaging without engage date", file: "sales_pipeline.csv", line: 2, reason: "engage_date is empty",
		body: pipelineRow("A1,Moses Frase,GTXPro,Codehow,Engaging,,,")},
	{name: "bad close value", file: "sales_pipeline.csv", line: 2, reason: `bad number "45x4" in close_value`,
		body: pipelineRow("A1,Moses Frase,GTXPro,Codehow,Won,2016-10-20,2017-03-01,45x4")},
	{name: "negative close value", file: "sales_pipeline.csv", line: 2, reason: `bad number "-1" in close_value`,
		body: pipelineRow("A1,Moses Frase,GTXPro,Codehow,Won,2016-10-20,2017-03-01,-1")},
	{name: "close value with cents fraction", file: "sales_pipeline.csv", line: 2, reason: `bad number "10.005" in close_value`,
		body: pipelineRow("A1,Moses Frase,GTXPro,Codehow,Won,2016-10-20,2017-03-01,10.005")},
	{name: "open deal with bad close value", file: "sales_pipeline.csv", line: 2, reason: `bad number "12x4" in close_value`,
		body: pipelineRow("A1,Moses Frase,GTXPro,Codehow,Engaging,2016-10-20,,12x4")},
	{name: "won without close value", file: "sales_pipeline.csv", line: 2, reason: "close_value is empty",
		body: pipelineRow("A1,Moses Frase,GTXPro,Codehow,Won,2016-10-20,2017-03-01,")},
	{name: "wrong column count", file: "sales_pipeline.csv", line: 3, reason: "wrong column count: 7 fields, the header has 8",
		body: pipelineRow("A1,Moses Frase,GTXPro,Codehow,Won,2016-10-20,2017-03-01,4514") +
			pipelineRow("A2,Moses Frase,GTXPro,Codehow,Won,2016-10-20,2017-03-01")},
	{name: "missing header column", file: "sales_pipeline.csv", line: 1, reason: `missing header column "close_value"`,
		header: "opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date",
		body:   pipelineRow("A1,Moses Frase,GTXPro,Codehow,Won,2016-10-20,2017-03-01")},
	{name: "unknown account", file: "sales_pipeline.csv", line: 2, reason: `unknown account "Nowhere"`,
		body: pipelineRow("A1,Moses Frase,GTXPro,Nowhere,Won,2016-10-20,2017-03-01,4514")},
	{name: "duplicate opportunity id", file: "sales_pipeline.csv", line: 3, reason: `opportunity_id "A1" is already used at line 2`,
		body: pipelineRow("A1,Moses Frase,GTXPro,Codehow,Won,2016-10-20,2017-03-01,4514") +
			pipelineRow("A1,Moses Frase,GTXPro,Codehow,Lost,2016-10-20,2017-03-01,0")},
	{name: "empty opportunity id", file: "sales_pipeline.csv", line: 2, reason: "opportunity_id is empty",
		body: pipelineRow(",Moses Frase,GTXPro,Codehow,Won,2016-10-20,2017-03-01,4514")},
	{name: "malformed quote", file: "sales_pipeline.csv", line: 2, reason: "malformed CSV",
		body: pipelineRow(`A1,Moses "Frase,GTXPro,Codehow,Won,2016-10-20,2017-03-01,4514`)},
	{name: "line after quoted newline", file: "sales_pipeline.csv", line: 4, reason: `unknown stage "Closing"`,
		body: pipelineRow("A1,\"Moses\nFrase\",GTXPro,Codehow,Won,2016-10-20,2017-03-01,4514") +
			pipelineRow("A2,Moses Frase,GTXPro,Codehow,Closing,2016-10-20,2017-03-01,4514")},
	{name: "empty file", file: "sales_pipeline.csv", line: 1, reason: "file is empty", header: "\n"},
	{name: "bad revenue", file: "accounts.csv", line: 2, reason: `bad number "1100.045" in revenue`,
		body: "Acme Corporation,technolgy,1996,1100.045,2822,United States,\n"},
	{name: "bad employees", file: "accounts.csv", line: 3, reason: `bad number "many" in employees`,
		body: "Acme Corporation,technolgy,1996,1100.04,2822,United States,\n" +
			"Codehow,software,1998,2714.9,many,United States,Acme Corporation\n"},
	{name: "unknown parent", file: "accounts.csv", line: 2, reason: `unknown parent company "Umbrella"`,
		body: "Codehow,software,1998,2714.9,2641,United States,Umbrella\n" +
			"Acme Corporation,technolgy,1996,1100.04,2822,United States,\n"},
	{name: "duplicate account", file: "accounts.csv", line: 3, reason: `account "Codehow" is already listed at line 2`,
		body: "Codehow,software,1998,2714.9,2641,United States,\nCodehow,software,1998,2714.9,2641,United States,\n"},
	{name: "missing product price column", file: "products.csv", line: 1, reason: `missing header column "sales_price"`,
		header: "product,series", body: "GTX Pro,GTX\n"},
	{name: "bad product price", file: "products.csv", line: 3, reason: `bad number "55,00" in sales_price`,
		body: "GTX Pro,GTX,4821\nMG Special,MG,\"55,00\"\n"},
	{name: "products equal after normalizing", file: "products.csv", line: 3, reason: `product "GTXPro" is already listed as "GTX Pro"`,
		body: "GTX Pro,GTX,4821\nGTXPro,GTX,4822\n"},
}

// export returns the files of a bad-row case.
func (c badRowCase) export() map[string]string {
	header := c.header
	if header != "" && !strings.HasSuffix(header, "\n") {
		header += "\n"
	}
	if header == "" {
		header = map[string]string{
			"accounts.csv":       accountsHeader,
			"products.csv":       productsHeader,
			"sales_pipeline.csv": pipelineHeader,
		}[c.file] + "\n"
	}

	return withFile(c.file, header+c.body)
}

func TestLoadBadRows(t *testing.T) {
	for _, c := range badRowCases {
		t.Run(c.name, func(t *testing.T) {
			_, err := maven.Load(writeExport(t, c.export()))
			if err == nil {
				t.Fatal("Load returned no error")
			}

			if !errors.Is(err, app.ErrInvalid) {
				t.Errorf("error %v does not wrap app.ErrInvalid", err)
			}

			var rowErr *maven.RowError
			if !errors.As(err, &rowErr) {
				t.Fatalf("error %v is not a *maven.RowError", err)
			}
			if rowErr.File != c.file {
				t.Errorf("file %q, want %q", rowErr.File, c.file)
			}
			if rowErr.Line != c.line {
				t.Errorf("line %d, want %d", rowErr.Line, c.line)
			}
			if !strings.Contains(err.Error(), c.reason) {
				t.Errorf("error %q does not contain %q", err, c.reason)
			}
		})
	}
}

// FuzzLoadDealFields writes one deal row and one account from fuzzed
// field values and checks that Load either rejects them with a located
// error or keeps every amount exact.
func FuzzLoadDealFields(f *testing.F) {
	f.Add("Won", "GTXPro", "4514", "2016-10-20", "2017-03-01", "1100.04")
	f.Add("Engaging", "gtx pro", "", "2016-11-03", "", "0")
	f.Add("Prospecting", "MG Special", "", "", "", "")
	f.Add("Lost", "MG Special", "0", "2016-10-25", "2017-03-07", "2714.9")
	for _, c := range badRowCases {
		if c.file != "sales_pipeline.csv" || c.header != "" {
			continue
		}
		r, err := csv.NewReader(strings.NewReader(c.body)).Read()
		if err != nil || len(r) != 8 {
			continue
		}
		f.Add(r[4], r[2], r[7], r[5], r[6], "1100.045")
	}

	f.Fuzz(func(t *testing.T, stage, product, closeValue, engageDate, closeDate, revenue string) {
		accounts := csvText(t, strings.Split(accountsHeader, ","),
			[]string{"Codehow", "software", "1998", revenue, "2641", "United States", ""})
		deals := csvText(t, strings.Split(pipelineHeader, ","),
			[]string{"A1", "Moses Frase", product, "Codehow", stage, engageDate, closeDate, closeValue})
		files := withFile("accounts.csv", accounts)
		files["sales_pipeline.csv"] = deals

		b, err := maven.Load(writeExport(t, files))
		if err != nil {
			checkLocatedError(t, err)

			return
		}

		if len(b.Companies) != 1 || len(b.Opportunities) != 1 {
			t.Fatalf("%d companies, %d deals, want 1 each", len(b.Companies), len(b.Opportunities))
		}
		if want, ok := ratCents(revenue, 1_000_000); !ok || b.Companies[0].Revenue != usd(want) {
			t.Errorf("revenue %q loaded as %v, want %d cents", revenue, b.Companies[0].Revenue, want)
		}

		d := b.Opportunities[0]
		checkDeal(t, d)
		if d.Stage == "Won" || d.Stage == "Lost" {
			if want, ok := ratCents(closeValue, 1); !ok || d.Amount != usd(want) {
				t.Errorf("close value %q loaded as %v, want %d cents", closeValue, d.Amount, want)
			}
		}
	})
}

// FuzzLoadPipelineRow appends one raw line to the deals file, so the CSV
// reader gets unexpected quotes, separators and line ends.
func FuzzLoadPipelineRow(f *testing.F) {
	for _, c := range badRowCases {
		if c.file == "sales_pipeline.csv" && c.header == "" {
			f.Add(c.body)
		}
	}
	f.Add("A9,Anna Snelling,GTX Pro,,Engaging,2016-11-03,,\r\n")
	f.Add("\"A9\",\"Anna, Snelling\",GTX Pro,,Prospecting,,,")

	f.Fuzz(func(t *testing.T, row string) {
		files := withFile("sales_pipeline.csv", smallExport["sales_pipeline.csv"]+row)

		b, err := maven.Load(writeExport(t, files))
		if err != nil {
			checkLocatedError(t, err)

			return
		}

		for _, d := range b.Opportunities {
			checkDeal(t, d)
		}
	})
}

func csvText(t *testing.T, rows ...[]string) string {
	t.Helper()

	var b strings.Builder
	w := csv.NewWriter(&b)
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}

	return b.String()
}

// ratCents reads a decimal number of units worth unitDollars each into
// cents with math/big, independently of app.ParseMoney.
func ratCents(text string, unitDollars int64) (int64, bool) {
	r, ok := new(big.Rat).SetString(strings.TrimSpace(text))
	if strings.TrimSpace(text) == "" {
		return 0, true
	}
	if !ok {
		return 0, false
	}

	r.Mul(r, new(big.Rat).SetInt64(unitDollars*100))
	if !r.IsInt() || !r.Num().IsInt64() {
		return 0, false
	}

	return r.Num().Int64(), true
}

func checkLocatedError(t *testing.T, err error) {
	t.Helper()

	var rowErr *maven.RowError
	if !errors.As(err, &rowErr) || !errors.Is(err, app.ErrInvalid) {
		t.Fatalf("error %v is not a *maven.RowError wrapping app.ErrInvalid", err)
	}
	if rowErr.Line < 1 || !strings.HasSuffix(rowErr.File, ".csv") {
		t.Fatalf("error %v has file %q, line %d", err, rowErr.File, rowErr.Line)
	}
	if !strings.HasPrefix(err.Error(), rowErr.File+" line ") {
		t.Fatalf("error %q does not start with its file and line", err)
	}
}

// checkDeal checks what holds for every loaded deal.
func checkDeal(t *testing.T, d app.OpportunityImport) {
	t.Helper()

	if d.Amount.Currency != "USD" || d.Amount.Minor < 0 {
		t.Errorf("%s: amount %v, want USD from 0", d.SourceRef, d.Amount)
	}
	if len(d.History) == 0 || d.History[len(d.History)-1].To != d.Stage {
		t.Errorf("%s: history %+v does not end in %s", d.SourceRef, d.History, d.Stage)
	}
	for _, h := range d.History {
		if !h.At.IsZero() && h.At.Location() != time.UTC {
			t.Errorf("%s: change at %v is not in UTC", d.SourceRef, h.At)
		}
	}
	if !strings.HasPrefix(d.SourceRef, "maven-crm:opportunity:") {
		t.Errorf("source ref %q", d.SourceRef)
	}
}
