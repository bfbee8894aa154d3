package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"leadwerk/ui/cli"
)

// TestSQLiteImportRejectsRuleBreaks imports leads that break the rules of
// the lead form: the dry run and the import both reject them by line,
// column and reason, and store only the valid row.
func TestSQLiteImportRejectsRuleBreaks(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "leads.csv")
	content := "First Name,Last Name,Company,Email,Phone,Notes\n" +
		"Anna,Schmidt,Müller GmbH,anna@mueller.de,+49 30 1234567,\n" +
		",,,ohne.namen@example.de,,\n" +
		"Jan,Berg,,,030 CALL NOW,\n" +
		"Eva,Lang,,,," + strings.Repeat("n", 10_001) + "\n"
	if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	dbPath := filepath.Join(dir, "crm.db")

	want := []struct {
		line           int
		column, reason string
	}{{3, "Last Name", "missing_name"}, {4, "Phone", "invalid_phone"}, {5, "Notes", "too_long"}}
	for _, args := range [][]string{{"-dry-run", file}, {file}} {
		out := runImportJSON(t, dbPath, args...)
		if out.Rows != 4 || out.New != 1 {
			t.Errorf("import %v = %+v, want 4 rows and 1 new", args, out)
		}
		if len(out.Rejected) != len(want) {
			t.Fatalf("import %v rejected %+v, want %d rows", args, out.Rejected, len(want))
		}
		for i, w := range want {
			got := out.Rejected[i]
			if got.Line != w.line || got.Column != w.column || got.Reason != w.reason {
				t.Errorf("import %v: rejection %d = %+v, want %+v", args, i, got, w)
			}
		}
	}

	if leads := sqliteLeads(t, dbPath); len(leads) != 1 {
		t.Errorf("stored leads = %+v, want only Anna Schmidt", leads)
	}
}

// TestSQLiteImportNamesTheLimit prints a rejected text that is too long
// with the maximum of its field.
func TestSQLiteImportNamesTheLimit(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "companies.csv")
	content := "Account Name,Industry\nMüller GmbH," + strings.Repeat("s", 201) + "\n"
	if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}

	code, stdout, stderr := sqliteRun(t, filepath.Join(dir, "crm.db"), "import", "-dry-run", file)
	if code != cli.ExitOK {
		t.Fatalf("import: exit code %d; stderr: %s", code, stderr)
	}

	if !strings.Contains(stdout, `line 2, column "Industry": longer than 200 characters`) {
		t.Errorf("output does not name the line, column and maximum:\n%s", stdout)
	}
}
