package cli_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"leadwerk/app"
	"leadwerk/data"
	"leadwerk/ui/cli"
)

// importJSON is the object "import -json" prints.
type importJSON struct {
	Kind       string `json:"kind"`
	Rows       int    `json:"rows"`
	New        int    `json:"new"`
	Updated    int    `json:"updated"`
	Unchanged  int    `json:"unchanged"`
	Duplicates int    `json:"duplicates"`
	// DuplicateRows is nil when the output lacks the field.
	DuplicateRows []struct {
		Line   int `json:"line"`
		OfLine int `json:"of_line"`
	} `json:"duplicate_rows"`
	Rejected []struct {
		Line   int    `json:"line"`
		Column string `json:"column"`
		Reason string `json:"reason"`
	} `json:"rejected"`
	Detected map[string]any `json:"detected"`
}

func runImportJSON(t *testing.T, dbPath string, args ...string) importJSON {
	t.Helper()

	code, stdout, stderr := sqliteRun(t, dbPath, append([]string{"import", "-json"}, args...)...)
	if code != cli.ExitOK {
		t.Fatalf("import %v: exit code %d; stderr: %s", args, code, stderr)
	}

	var out importJSON
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("import -json output is not one JSON object: %v\n%s", err, stdout)
	}

	return out
}

func TestSQLiteImportFileJSON(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "deals.csv")
	content := "Titel;Betrag;Abschlussdatum;Phase;Wahrscheinlichkeit\n" +
		"Alpha;1.234,56 €;31.12.2026;Gewonnen;100\nBeta;99,00 €;01.02.2026;Angebot;viel\n"
	if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	dbPath := filepath.Join(dir, "crm.db")

	dry := runImportJSON(t, dbPath, "-dry-run", file)
	first := runImportJSON(t, dbPath, file)
	second := runImportJSON(t, dbPath, file)

	if dry.Kind != "opportunities" || dry.Rows != 2 || dry.New != 1 || len(dry.Rejected) != 1 {
		t.Errorf("dry run = %+v, want 2 rows of opportunities, 1 new, 1 rejected", dry)
	}
	if first.New != 1 {
		t.Errorf("import after the dry run = %+v, want the row still new", first)
	}
	if second.New != 0 || second.Unchanged != 1 {
		t.Errorf("second import = %+v, want 0 new and 1 unchanged", second)
	}
	if r := dry.Rejected[0]; r.Line != 3 || r.Column != "Wahrscheinlichkeit" || r.Reason != "invalid_probability" {
		t.Errorf("rejection = %+v, want line 3, column Wahrscheinlichkeit, invalid_probability", r)
	}
	want := map[string]string{"encoding": "UTF-8", "delimiter": ";", "date_format": "DD.MM.YYYY", "decimal": ","}
	for key, value := range want {
		if dry.Detected[key] != value {
			t.Errorf("detected %s = %q, want %q", key, dry.Detected[key], value)
		}
	}
}

func TestSQLiteExportImportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	source := filepath.Join(dir, "source.db")
	if code, _, stderr := sqliteRun(t, source, "demo"); code != cli.ExitOK {
		t.Fatalf("demo: exit code %d; stderr: %s", code, stderr)
	}

	for _, what := range []string{"leads", "companies"} {
		file := filepath.Join(dir, what+".csv")
		if code, _, stderr := sqliteRun(t, source, "export", "-rfc4180", "-what", what, "-o", file); code != cli.ExitOK {
			t.Fatalf("export %s: exit code %d; stderr: %s", what, code, stderr)
		}

		out := runImportJSON(t, filepath.Join(dir, "target.db"), "-kind", what, file)
		// The export has no ids, so records that the duplicate rules
		// fold together, such as the demo's "Weber GmbH" and "Weber AG",
		// come back as one and count as duplicates.
		want := map[string]int{"leads": 1000, "companies": 200}[what]
		if out.New+out.Duplicates != want || out.Rows != want || len(out.Rejected) != 0 {
			t.Errorf("import of exported %s = %+v, want %d rows, new or duplicate", what, out, want)
		}
	}

	targetNames := map[string]bool{}
	for _, l := range sqliteLeads(t, filepath.Join(dir, "target.db")) {
		targetNames[l.Name] = true
	}
	for _, l := range sqliteLeads(t, source) {
		if !targetNames[l.Name] {
			t.Errorf("lead %q is missing after the round trip", l.Name)
		}
	}
}

func TestSQLiteImportFolderNeedsPreset(t *testing.T) {
	dir := t.TempDir()

	code, _, stderr := sqliteRun(t, filepath.Join(dir, "crm.db"), "import", dir)

	if code != cli.ExitUsage || !strings.Contains(stderr, "missing -preset") {
		t.Errorf("import of a folder: exit code %d, stderr %q; want a usage error naming -preset", code, stderr)
	}
}

const repeatedLeads = "First Name,Last Name,Email\nAnna,Schmidt,anna@example.com\n" +
	"Jan,Weber,jan@example.com\nAnna,Schmidt,anna@example.com\n"

func TestSQLiteImportJSONListsDuplicateRows(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "leads.csv")
	if err := os.WriteFile(file, []byte(repeatedLeads), 0o600); err != nil {
		t.Fatal(err)
	}

	out := runImportJSON(t, filepath.Join(dir, "crm.db"), file)

	if out.Duplicates != 1 {
		t.Errorf("duplicates = %d, want 1", out.Duplicates)
	}
	if len(out.DuplicateRows) != 1 || out.DuplicateRows[0].Line != 4 || out.DuplicateRows[0].OfLine != 2 {
		t.Errorf("duplicate_rows = %+v, want line 4 of line 2", out.DuplicateRows)
	}
}

func TestSQLiteImportTextNamesDuplicatesAndUnchanged(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "leads.csv")
	if err := os.WriteFile(file, []byte(repeatedLeads), 0o600); err != nil {
		t.Fatal(err)
	}
	dbPath := filepath.Join(dir, "crm.db")
	if code, _, stderr := sqliteRun(t, dbPath, "import", file); code != cli.ExitOK {
		t.Fatalf("first import: exit code %d; stderr: %s", code, stderr)
	}

	code, stdout, stderr := sqliteRun(t, dbPath, "import", file)
	if code != cli.ExitOK {
		t.Fatalf("second import: exit code %d; stderr: %s", code, stderr)
	}

	if !strings.Contains(stdout, "line 4 repeats line 2") {
		t.Errorf("output does not name the duplicate line 4:\n%s", stdout)
	}
	if !strings.Contains(stdout, "2 unchanged") {
		t.Errorf("output does not count the 2 unchanged rows:\n%s", stdout)
	}
}

// TestSQLiteImportFileDryRunProgress checks that the progress of a dry
// run of a large file names it a dry run, not an import.
func TestSQLiteImportFileDryRunProgress(t *testing.T) {
	var text strings.Builder
	text.WriteString("First Name,Last Name,Company,Email\n")
	for text.Len() < 1<<20 {
		text.WriteString("Anna,Berger" + strings.Repeat("x", 20) + ",Berger GmbH,anna" +
			strings.Repeat("y", 20) + "@berger.example\n")
	}
	path := filepath.Join(t.TempDir(), "leads.csv")
	if err := os.WriteFile(path, []byte(text.String()), 0o600); err != nil {
		t.Fatal(err)
	}

	code, _, stderr := sqliteRun(t, filepath.Join(t.TempDir(), "crm.db"), "import", "-dry-run", path)
	if code != cli.ExitOK {
		t.Fatalf("exit code %d; stderr: %s", code, stderr)
	}
	if !strings.Contains(stderr, "checking (dry run): 100%") || strings.Contains(stderr, "importing") {
		t.Errorf("stderr = %q, want the dry run's progress", stderr)
	}
}

func TestSQLiteImportGivesLeadsAnOwner(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "leads.csv")
	content := "Vorname;Nachname;Firma;E-Mail\nJürgen;Weber;Weber GmbH;jw@weber.example\n" +
		"Anna;Schmidt;Schmidt AG;anna@schmidt.example\n"
	if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	dbPath := filepath.Join(dir, "crm.db")

	if got := runImportJSON(t, dbPath, file); got.New != 2 {
		t.Fatalf("import = %+v, want 2 new leads", got)
	}

	store, err := data.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ctx := context.Background()
	user, err := store.SignIn(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	mine, err := store.CountLeads(ctx, app.LeadQuery{OwnerID: user.ID})
	if err != nil {
		t.Fatal(err)
	}
	if mine != 2 {
		t.Errorf("%d of 2 imported leads belong to %s, the user who imported them", mine, user.Login)
	}
}
