package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"leadwerk/app"
	"leadwerk/data"
	"leadwerk/ui/cli"
)

// sharedEmailDatabase returns a database file with Max and Erika
// Mustermann as leads on one company address.
func sharedEmailDatabase(t *testing.T) string {
	t.Helper()

	path := filepath.Join(t.TempDir(), "leadwerk.db")
	store, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()

	for _, first := range []string{"Max", "Erika"} {
		l := app.Lead{FirstName: first, LastName: "Mustermann", CompanyName: "Müller GmbH", Email: "info@mueller.de"}
		if _, err := store.CreateLead(context.Background(), l); err != nil {
			t.Fatal(err)
		}
	}

	return path
}

func TestGDPREraseSharedEmailNeedsName(t *testing.T) {
	db := sharedEmailDatabase(t)

	code, _, stderr := gdprRun(t, db, "", "gdpr", "erase", "-email", "info@mueller.de", "-yes")
	if code != cli.ExitFailure {
		t.Errorf("exit code %d, want %d", code, cli.ExitFailure)
	}
	if !strings.Contains(stderr, `"Erika Mustermann", "Max Mustermann"`) || !strings.Contains(stderr, "-name") {
		t.Errorf("stderr %q does not list both people and -name", stderr)
	}
	if leads := sqliteLeads(t, db, "-q", "Mustermann"); len(leads) != 2 {
		t.Errorf("%d leads after the rejected erase, want 2", len(leads))
	}
}

func TestGDPREraseSharedEmailByName(t *testing.T) {
	db := sharedEmailDatabase(t)

	code, stdout, stderr := gdprRun(t, db, "", "gdpr", "erase", "-email", "info@mueller.de",
		"-name", "Erika Mustermann", "-yes")
	if code != cli.ExitOK {
		t.Fatalf("exit code %d; stderr: %s", code, stderr)
	}
	if strings.Contains(stdout, "Max") {
		t.Errorf("stdout %q names Max, who is not erased", stdout)
	}
	if leads := sqliteLeads(t, db, "-q", "Erika"); len(leads) != 0 {
		t.Errorf("%d leads of Erika after the erase, want 0", len(leads))
	}
	if leads := sqliteLeads(t, db, "-q", "Max"); len(leads) != 1 {
		t.Errorf("%d leads of Max after the erase, want 1", len(leads))
	}
}

func TestGDPRExportSharedEmailByName(t *testing.T) {
	db := sharedEmailDatabase(t)
	out := filepath.Join(t.TempDir(), "person.json")

	code, _, stderr := gdprRun(t, db, "", "gdpr", "export", "-email", "info@mueller.de",
		"-name", "Erika Mustermann", "-o", out)
	if code != cli.ExitOK {
		t.Fatalf("exit code %d; stderr: %s", code, stderr)
	}

	content, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(content), "Erika") {
		t.Error("the export does not contain Erika")
	}
	if strings.Contains(string(content), "Max") {
		t.Error("the export contains Max, who shares only the e-mail address")
	}
}

func TestGDPRExportSharedEmailUnknownName(t *testing.T) {
	db := sharedEmailDatabase(t)

	code, _, stderr := gdprRun(t, db, "", "gdpr", "export", "-email", "info@mueller.de",
		"-name", "Hans Meier", "-o", filepath.Join(t.TempDir(), "person.json"))
	if code != cli.ExitFailure {
		t.Errorf("exit code %d, want %d", code, cli.ExitFailure)
	}
	if !strings.Contains(stderr, `named "Hans Meier"`) {
		t.Errorf("stderr %q does not say that no one is named Hans Meier", stderr)
	}
}
