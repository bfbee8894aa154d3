package cli_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"leadwerk/app"
	"leadwerk/app/testenv"
	"leadwerk/data"
	"leadwerk/ui/cli"
)

// These tests run the command line on a real SQLite file, wired as the
// program's main package wires it, so they are the only place where this
// folder imports data.

// sqliteRun runs the command line on the database file dbPath and returns
// the exit code, stdout and stderr.
func sqliteRun(t *testing.T, dbPath string, args ...string) (int, string, string) {
	t.Helper()

	var stdout, stderr bytes.Buffer
	env := cli.Env{
		Stdout: &stdout,
		Stderr: &stderr,
		Getenv: func(string) string { return "" },
		Open: func(path string) (app.Store, error) {
			store, err := data.Open(path)
			if err != nil {
				return nil, err
			}

			return store, nil
		},
		DefaultPath: func() (string, error) { return dbPath, nil },
		RunWindow:   func(app.Store) error { return nil },
		Now:         time.Now,
	}
	code := cli.Run(context.Background(), append([]string{"-db", dbPath}, args...), env)

	return code, stdout.String(), stderr.String()
}

// jsonLead is the part of a "leads -json" element these tests read.
type jsonLead struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Source      string `json:"source"`
	Status      string `json:"status"`
	Score       int    `json:"score"`
	Temperature string `json:"temperature"`
}

func sqliteLeads(t *testing.T, dbPath string, args ...string) []jsonLead {
	t.Helper()

	code, stdout, stderr := sqliteRun(t, dbPath, append([]string{"leads", "-json"}, args...)...)
	if code != cli.ExitOK {
		t.Fatalf("leads %v: exit code %d; stderr: %s", args, code, stderr)
	}

	var leads []jsonLead
	if err := json.Unmarshal([]byte(stdout), &leads); err != nil {
		t.Fatalf("leads %v: output is not a JSON array: %v", args, err)
	}

	return leads
}

// convertedGoogleLeads counts the file's leads whose Lead Source is
// Google in any letter case and whose Converted flag is 1, reading the
// file with encoding/csv directly.
func convertedGoogleLeads(t *testing.T, path string) int {
	t.Helper()

	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}

	column := map[string]int{}
	for i, name := range records[0] {
		column[name] = i
	}

	n := 0
	for _, r := range records[1:] {
		if strings.EqualFold(r[column["Lead Source"]], "google") && r[column["Converted"]] == "1" {
			n++
		}
	}

	return n
}

func TestSQLiteImportXEducationAndListLeads(t *testing.T) {
	leadsFile := filepath.Join(testenv.SharedData(t, "xeducation-leads"), "Leads.csv")
	dbPath := filepath.Join(t.TempDir(), "crm.db")

	code, stdout, stderr := sqliteRun(t, dbPath, "import", "-preset", "xeducation-leads", leadsFile)
	if code != cli.ExitOK {
		t.Fatalf("import: exit code %d; stderr: %s", code, stderr)
	}
	if !strings.Contains(stdout, "  leads created:  9,240\n") {
		t.Errorf("import output has no lead count: %s", stdout)
	}

	all := sqliteLeads(t, dbPath)
	if len(all) != 9240 {
		t.Errorf("leads lists %d leads, want 9240", len(all))
	}
	checkWorklistOrder(t, all)

	converted := sqliteLeads(t, dbPath, "-status", "converted")
	if len(converted) != 3561 {
		t.Errorf("-status converted lists %d leads, want 3561", len(converted))
	}

	google := sqliteLeads(t, dbPath, "-status", "converted", "-source", "Google")
	if want := convertedGoogleLeads(t, leadsFile); len(google) != want {
		t.Errorf("converted Google leads: %d listed, the file has %d", len(google), want)
	}
	for _, l := range google {
		if l.Source != "Google" || l.Status != "converted" {
			t.Errorf("lead %d has source %q, status %q", l.ID, l.Source, l.Status)
		}
	}

	if n := len(sqliteLeads(t, dbPath, "-source", "google")); n != 2873 {
		t.Errorf("-source google lists %d leads, want the 2,873 Google leads because case is ignored", n)
	}
	if n := len(sqliteLeads(t, dbPath, "-source", "")); n != 36 {
		t.Errorf("-source \"\" lists %d leads, want the 36 without a source", n)
	}

	found := sqliteLeads(t, dbPath, "-q", "Lead 660737")
	if len(found) != 1 || found[0].Name != "Lead 660737" || found[0].Source != "Olark Chat" {
		t.Errorf("-q \"Lead 660737\" lists %+v, want that one lead from Olark Chat", found)
	}
}

func TestSQLiteImportXEducationTwice(t *testing.T) {
	leadsFile := filepath.Join(testenv.SharedData(t, "xeducation-leads"), "Leads.csv")
	dbPath := filepath.Join(t.TempDir(), "crm.db")

	for i := range 2 {
		if code, _, stderr := sqliteRun(t, dbPath, "import", "-preset", "xeducation-leads", leadsFile); code != cli.ExitOK {
			t.Fatalf("import %d: exit code %d; stderr: %s", i+1, code, stderr)
		}
	}

	if n := len(sqliteLeads(t, dbPath)); n != 9240 {
		t.Errorf("after two imports the database has %d leads, want 9240", n)
	}
}

// checkWorklistOrder checks the worklist rank of a full list: open leads
// first, then by score from high to low within each group.
func checkWorklistOrder(t *testing.T, leads []jsonLead) {
	t.Helper()

	for i := 1; i < len(leads); i++ {
		before, after := leads[i-1], leads[i]
		openBefore := app.IsOpenLead(app.LeadStatus(before.Status))
		openAfter := app.IsOpenLead(app.LeadStatus(after.Status))
		if !openBefore && openAfter {
			t.Fatalf("open lead %d comes after %s lead %d", after.ID, before.Status, before.ID)
		}
		if openBefore == openAfter && after.Score > before.Score {
			t.Fatalf("lead %d scores %d, more than lead %d before it with %d",
				after.ID, after.Score, before.ID, before.Score)
		}
	}
}
