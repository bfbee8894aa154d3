package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"leadwerk/app"
	"leadwerk/data"
	"leadwerk/ui/cli"
)

const (
	gdprName  = "Zyxwvuta Qqqqq"
	gdprEmail = "zyxwvuta.qqqqq@example.com"
)

// gdprDatabase returns a database file with the person as a lead and one
// other lead.
func gdprDatabase(t *testing.T) string {
	t.Helper()

	path := filepath.Join(t.TempDir(), "leadwerk.db")
	store, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()

	ctx := context.Background()
	for _, l := range []app.Lead{
		{FirstName: "Zyxwvuta", LastName: "Qqqqq", CompanyName: "Cancity", Email: gdprEmail},
		{FirstName: "Mary", LastName: "Adams", CompanyName: "Adams Ltd", Email: "mary@adams.example"},
	} {
		if _, err := store.CreateLead(ctx, l); err != nil {
			t.Fatal(err)
		}
	}

	return path
}

// gdprRun runs the command line on dbPath with stdin as standard input.
func gdprRun(t *testing.T, dbPath, stdin string, args ...string) (int, string, string) {
	t.Helper()

	var stdout, stderr bytes.Buffer
	env := cli.Env{
		Stdout: &stdout, Stderr: &stderr, Stdin: strings.NewReader(stdin),
		Getenv: func(string) string { return "" },
		Open: func(path string) (app.Store, error) {
			return data.Open(path)
		},
		RunWindow: func(app.Store) error { return nil },
		Now:       func() time.Time { return time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC) },
	}
	code := cli.Run(context.Background(), append([]string{"-db", dbPath}, args...), env)

	return code, stdout.String(), stderr.String()
}

func TestGDPRExportJSON(t *testing.T) {
	db := gdprDatabase(t)
	out := filepath.Join(t.TempDir(), "person.json")

	code, stdout, stderr := gdprRun(t, db, "", "gdpr", "export", "-email", strings.ToUpper(gdprEmail), "-o", out)
	if code != cli.ExitOK {
		t.Fatalf("exit code %d; stderr: %s", code, stderr)
	}
	if !strings.Contains(stdout, out) {
		t.Errorf("stdout %q does not name the file", stdout)
	}

	content, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		MatchedBy string `json:"matched_by"`
		Leads     []struct {
			Email string `json:"email"`
		} `json:"leads"`
		Contacts []any `json:"contacts"`
	}
	if err := json.Unmarshal(content, &doc); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if doc.MatchedBy != "email" || len(doc.Leads) != 1 || doc.Leads[0].Email != gdprEmail {
		t.Errorf("export = %+v, want the one lead matched by e-mail", doc)
	}
	if bytes.Contains(content, []byte("mary@adams.example")) {
		t.Error("the export contains another person")
	}
}

func TestGDPRExportPDFByName(t *testing.T) {
	db := gdprDatabase(t)
	out := filepath.Join(t.TempDir(), "person.pdf")

	code, _, stderr := gdprRun(t, db, "", "gdpr", "export", "-email", "other@example.com", "-name", gdprName,
		"-o", out)
	if code != cli.ExitOK {
		t.Fatalf("exit code %d; stderr: %s", code, stderr)
	}
	if !strings.Contains(stderr, "found by the name") {
		t.Errorf("stderr %q does not say the records were found by name", stderr)
	}

	content, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(content, []byte("%PDF-")) {
		t.Errorf("output is not a PDF: %q", content[:min(len(content), 8)])
	}
}

func TestGDPRExportUnknownPerson(t *testing.T) {
	db := gdprDatabase(t)

	code, _, stderr := gdprRun(t, db, "", "gdpr", "export", "-email", "nobody@example.com",
		"-o", filepath.Join(t.TempDir(), "x.json"))
	if code != cli.ExitFailure {
		t.Errorf("exit code %d, want %d", code, cli.ExitFailure)
	}
	if !strings.Contains(stderr, "no lead or contact") {
		t.Errorf("stderr %q does not say nobody was found", stderr)
	}
}

func TestGDPRUsageErrors(t *testing.T) {
	db := gdprDatabase(t)
	cases := map[string][]string{
		"no subcommand":   {"gdpr"},
		"unknown command": {"gdpr", "forget", "-email", gdprEmail},
		"no person":       {"gdpr", "erase"},
		"no output":       {"gdpr", "export", "-email", gdprEmail},
		"bad extension":   {"gdpr", "export", "-email", gdprEmail, "-o", "x.txt"},
		"positional":      {"gdpr", "erase", "-email", gdprEmail, "extra"},
	}
	for name, args := range cases {
		t.Run(name, func(t *testing.T) {
			if code, _, _ := gdprRun(t, db, "", args...); code != cli.ExitUsage {
				t.Errorf("exit code %d, want %d", code, cli.ExitUsage)
			}
		})
	}
}

func TestGDPREraseAsksFirst(t *testing.T) {
	db := gdprDatabase(t)

	code, stdout, stderr := gdprRun(t, db, "no\n", "gdpr", "erase", "-email", gdprEmail)
	if code != cli.ExitFailure || !strings.Contains(stderr, "cancelled") {
		t.Errorf("answer no: exit code %d, stderr %q; want a cancelled failure", code, stderr)
	}
	if !strings.Contains(stdout, "Type yes") {
		t.Errorf("stdout %q does not ask for confirmation", stdout)
	}
	if leads := sqliteLeads(t, db, "-q", "Zyxwvuta"); len(leads) != 1 {
		t.Fatalf("after no: %d leads, want the person kept", len(leads))
	}

	code, stdout, stderr = gdprRun(t, db, "yes\n", "gdpr", "erase", "-email", gdprEmail)
	if code != cli.ExitOK {
		t.Fatalf("answer yes: exit code %d; stderr: %s", code, stderr)
	}
	if !strings.Contains(stdout, "Erased 1 leads") || !strings.Contains(stdout, "4 weeks") {
		t.Errorf("stdout %q does not report the erasure and the backups", stdout)
	}
	if leads := sqliteLeads(t, db, "-q", "Zyxwvuta"); len(leads) != 0 {
		t.Errorf("after yes: %d leads, want none", len(leads))
	}
	if leads := sqliteLeads(t, db, "-q", "Adams"); len(leads) != 1 {
		t.Errorf("the other lead is gone")
	}
}

func TestGDPREraseYesSkipsQuestion(t *testing.T) {
	db := gdprDatabase(t)

	code, stdout, stderr := gdprRun(t, db, "", "gdpr", "erase", "-email", gdprEmail, "-yes")
	if code != cli.ExitOK {
		t.Fatalf("exit code %d; stderr: %s", code, stderr)
	}
	if strings.Contains(stdout, "Type yes") {
		t.Errorf("stdout %q asks although -yes was given", stdout)
	}
}

func TestGDPREraseEndOfInputCancels(t *testing.T) {
	db := gdprDatabase(t)

	if code, _, _ := gdprRun(t, db, "", "gdpr", "erase", "-email", gdprEmail); code != cli.ExitFailure {
		t.Errorf("exit code %d, want %d", code, cli.ExitFailure)
	}
	if leads := sqliteLeads(t, db, "-q", "Zyxwvuta"); len(leads) != 1 {
		t.Errorf("%d leads after an empty answer, want the person kept", len(leads))
	}
}
