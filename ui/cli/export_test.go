package cli_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func runExportCommand(t *testing.T, dbPath string, args ...string) string {
	t.Helper()

	code, stdout, stderr := sqliteRun(t, dbPath, append([]string{"export"}, args...)...)
	if code != 0 {
		t.Fatalf("export %v exit %d: %s", args, code, stderr)
	}

	return stdout
}

func TestExportGermanCSVOfLeads(t *testing.T) {
	dbPath := demoDatabase(t)
	out := filepath.Join(t.TempDir(), "leads.csv")
	stdout := runExportCommand(t, dbPath, "-o", out, "-locale", "de")
	if !strings.Contains(stdout, out) {
		t.Errorf("stdout %q does not name the file", stdout)
	}

	content, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(content, []byte("\uFEFF")) {
		t.Error("German CSV has no byte order mark")
	}

	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(content, []byte("\uFEFF"))))
	r.Comma = ';'
	records, err := r.ReadAll()
	if err != nil {
		t.Fatalf("German CSV does not read with ';': %v", err)
	}
	if len(records) != 1001 {
		t.Errorf("CSV has %d records, want a header and the 1,000 demo leads", len(records))
	}
}

func TestExportPlainCSVOfOpportunities(t *testing.T) {
	dbPath := demoDatabase(t)
	out := filepath.Join(t.TempDir(), "deals.csv")
	runExportCommand(t, dbPath, "-o", out, "-what", "opportunities", "-rfc4180")

	content, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.HasPrefix(content, []byte("\uFEFF")) {
		t.Error("RFC 4180 CSV starts with a byte order mark")
	}

	records, err := csv.NewReader(bytes.NewReader(content)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != 301 {
		t.Errorf("CSV has %d records, want a header and the 300 demo deals", len(records))
	}
}

func TestExportXLSXOfCompanies(t *testing.T) {
	dbPath := demoDatabase(t)
	out := filepath.Join(t.TempDir(), "companies.xlsx")
	runExportCommand(t, dbPath, "-o", out, "-what", "companies")

	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 201 {
		t.Errorf("sheet has %d rows, want a header and the 200 demo companies", len(rows))
	}
}

func TestExportJSONAndCalendar(t *testing.T) {
	dbPath := demoDatabase(t)
	dir := t.TempDir()
	runExportCommand(t, dbPath, "-o", filepath.Join(dir, "all.json"))
	runExportCommand(t, dbPath, "-o", filepath.Join(dir, "open.ics"))

	content, err := os.ReadFile(filepath.Join(dir, "all.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Format string         `json:"format"`
		Counts map[string]int `json:"counts"`
	}
	if err := json.Unmarshal(content, &doc); err != nil {
		t.Fatalf("JSON export does not parse: %v", err)
	}
	if doc.Format != "leadwerk-export" || doc.Counts["leads"] != 1000 {
		t.Errorf("JSON export format %q with %d leads, want leadwerk-export with 1000", doc.Format, doc.Counts["leads"])
	}

	calendar, err := os.ReadFile(filepath.Join(dir, "open.ics"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(calendar)
	if !strings.HasPrefix(text, "BEGIN:VCALENDAR\r\n") || !strings.HasSuffix(text, "END:VCALENDAR\r\n") {
		t.Error("calendar does not begin and end with VCALENDAR lines")
	}
	if !strings.Contains(text, "BEGIN:VEVENT") {
		t.Error("calendar has no event, though the demo has open activities")
	}
}

func TestExportUsageErrors(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "leadwerk.db")
	cases := map[string]struct {
		args []string
		want string
	}{
		"no output":       {[]string{"export"}, "missing -o FILE"},
		"bad extension":   {[]string{"export", "-o", "x.pdf"}, "must end in .csv, .xlsx, .json or .ics"},
		"bad what":        {[]string{"export", "-o", "x.csv", "-what", "offers"}, `-what "offers" is not`},
		"all as CSV":      {[]string{"export", "-o", "x.csv", "-what", "all"}, "-what all needs a .json file"},
		"JSON of leads":   {[]string{"export", "-o", "x.json", "-what", "leads"}, "always holds the whole database"},
		"bad locale":      {[]string{"export", "-o", "x.csv", "-locale", "fr"}, `-locale "fr" is not de or en`},
		"both CSV styles": {[]string{"export", "-o", "x.csv", "-excel", "-rfc4180"}, "not both"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			code, _, stderr := sqliteRun(t, dbPath, c.args...)
			if code != 2 {
				t.Errorf("exit code %d, want 2", code)
			}
			if !strings.Contains(stderr, c.want) {
				t.Errorf("stderr %q does not contain %q", firstLine(stderr), c.want)
			}
		})
	}
}

func TestExportLeavesNoFileOnFailure(t *testing.T) {
	dbPath := demoDatabase(t)
	out := filepath.Join(t.TempDir(), "missing-folder", "leads.csv")
	code, _, stderr := sqliteRun(t, dbPath, "export", "-o", out)
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	if !strings.Contains(stderr, "writing the export to") {
		t.Errorf("stderr %q does not say the export failed", stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("stat %s = %v, want no file", out, err)
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
