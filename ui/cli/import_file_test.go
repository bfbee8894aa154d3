package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"leadwerk/ui/cli"
)

// importJSON is the object "import -json" prints.
type importJSON struct {
	Kind       string `json:"kind"`
	Rows       int    `json:"rows"`
	New        int    `json:"new"`
	Updated    int    `json:"updated"`
	Duplicates int    `json:"duplicates"`
	Rejected   []struct {
		Line   int    `json:"line"`
		Column string `json:"column"`
		Reason string `json:"reason"`
	} `json:"rejected"`
	Detected map[string]string `json:"detected"`
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
	if second.New != 0 || second.Updated != 1 {
		t.Errorf("second import = %+v, want 0 new and 1 updated", second)
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
