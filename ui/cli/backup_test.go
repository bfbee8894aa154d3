package cli_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"leadwerk/app"
	"leadwerk/data"
	"leadwerk/ui/cli"
)

// fileRun runs the command line on dbPath with the real file maintenance
// and returns the exit code, stdout and stderr. showOpenError may be nil.
func fileRun(t *testing.T, dbPath string, showOpenError func(context.Context, string, error) error,
	args ...string,
) (int, string, string) {
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
		RunWindow:     func(app.Store) error { return nil },
		Now:           time.Now,
		Maintenance:   data.Maintenance{},
		ShowOpenError: showOpenError,
	}
	code := cli.Run(context.Background(), append([]string{"-db", dbPath}, args...), env)

	return code, stdout.String(), stderr.String()
}

// demoFile returns a closed database file with the demo data.
func demoFile(t *testing.T) string {
	t.Helper()

	path := filepath.Join(t.TempDir(), "crm.db")
	if code, _, stderr := fileRun(t, path, nil, "demo"); code != cli.ExitOK {
		t.Fatalf("demo: exit %d, %s", code, stderr)
	}

	return path
}

// leadCount opens path and counts its leads.
func leadCount(t *testing.T, path string) int {
	t.Helper()

	store, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()

	n, err := store.CountLeads(context.Background(), app.LeadQuery{})
	if err != nil {
		t.Fatal(err)
	}

	return n
}

// damageFile overwrites the second half of the file at path with garbage.
func damageFile(t *testing.T, path string) {
	t.Helper()

	content, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := len(content) / 2; i < len(content); i++ {
		content[i] = 0xA5
	}
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestBackupCommandWritesFile(t *testing.T) {
	path := demoFile(t)
	out := filepath.Join(t.TempDir(), "copy.db")

	code, stdout, stderr := fileRun(t, path, nil, "backup", "-o", out)
	if code != cli.ExitOK {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	if want := "Backed up " + path + " to " + out + ".\n"; stdout != want {
		t.Errorf("stdout = %q, want %q", stdout, want)
	}
	if n := leadCount(t, out); n != 1000 {
		t.Errorf("backup has %d leads, want 1000", n)
	}
}

func TestBackupCommandWhileWindowOpen(t *testing.T) {
	path := demoFile(t)
	window, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer window.Close()

	code, stdout, stderr := fileRun(t, path, nil, "backup")
	if code != cli.ExitOK {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	if !strings.Contains(stdout, filepath.Join(filepath.Dir(path), "backups", "crm-")) {
		t.Errorf("stdout %q does not name a file in the backups folder", stdout)
	}
}

func TestCheckCommand(t *testing.T) {
	path := demoFile(t)

	code, stdout, stderr := fileRun(t, path, nil, "check")
	if code != cli.ExitOK {
		t.Fatalf("sound database: exit %d, stderr %s", code, stderr)
	}
	if !strings.Contains(stdout, "found no problem") {
		t.Errorf("stdout %q does not say the database is sound", stdout)
	}

	damageFile(t, path)
	code, stdout, stderr = fileRun(t, path, nil, "check")
	if code != cli.ExitFailure {
		t.Errorf("damaged database: exit %d, want %d", code, cli.ExitFailure)
	}
	if stdout == "" {
		t.Error("no problem printed for a damaged database")
	}
	if !strings.Contains(stderr, "restore FILE") {
		t.Errorf("stderr %q does not name the restore command", stderr)
	}
}

func TestRestoreCommand(t *testing.T) {
	path := demoFile(t)
	backup := filepath.Join(t.TempDir(), "before.db")
	if code, _, stderr := fileRun(t, path, nil, "backup", "-o", backup); code != cli.ExitOK {
		t.Fatalf("backup: %s", stderr)
	}
	store, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.CreateLead(context.Background(), app.Lead{FirstName: "Ida", LastName: "Lang",
		Status: app.LeadNew}); err != nil {
		t.Fatal(err)
	}

	code, _, stderr := fileRun(t, path, nil, "restore", backup)
	if code != cli.ExitInUse {
		t.Errorf("restore while open: exit %d, want %d", code, cli.ExitInUse)
	}
	if !strings.Contains(stderr, "open in another Leadwerk") {
		t.Errorf("stderr %q does not say the database is open", stderr)
	}
	store.Close()

	code, stdout, stderr := fileRun(t, path, nil, "restore", backup)
	if code != cli.ExitOK {
		t.Fatalf("restore: exit %d, stderr %s", code, stderr)
	}
	for _, want := range []string{"Restored " + path + " from " + backup, "The replaced data is kept in"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout %q has no %q", stdout, want)
		}
	}
	if n := leadCount(t, path); n != 1000 {
		t.Errorf("leads after restore = %d, want the backup's 1000", n)
	}
}

func TestRestoreCommandRejectsDamagedFile(t *testing.T) {
	path := demoFile(t)
	bad := filepath.Join(t.TempDir(), "bad.db")
	if code, _, stderr := fileRun(t, path, nil, "backup", "-o", bad); code != cli.ExitOK {
		t.Fatalf("backup: %s", stderr)
	}
	damageFile(t, bad)

	code, _, stderr := fileRun(t, path, nil, "restore", bad)
	if code != cli.ExitFailure {
		t.Errorf("exit %d, want %d", code, cli.ExitFailure)
	}
	want := "leadwerk: The backup " + bad + " is damaged and cannot be restored: choose another backup.\n"
	if stderr != want {
		t.Errorf("stderr = %q, want %q", stderr, want)
	}
}

// TestRestoreCommandNamesWrongFile checks that a file of another kind and
// a missing file each get one sentence on what is wrong and what to do,
// without the advice on -db that opening a database gives.
func TestRestoreCommandNamesWrongFile(t *testing.T) {
	path := demoFile(t)
	text := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(text, []byte("not a database\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(t.TempDir(), "gone.db")

	cases := map[string]string{
		text:    "leadwerk: " + text + " is not a Leadwerk backup: choose a file that Leadwerk wrote, such as one from the backups folder.\n",
		missing: "leadwerk: " + missing + " cannot be read: check that the file exists and that you may read it.\n",
	}
	for file, want := range cases {
		code, _, stderr := fileRun(t, path, nil, "restore", file)
		if code != cli.ExitFailure {
			t.Errorf("restore %s: exit %d, want %d", file, code, cli.ExitFailure)
		}
		if stderr != want {
			t.Errorf("restore %s: stderr = %q, want %q", file, stderr, want)
		}
	}
	if n := leadCount(t, path); n != 1000 {
		t.Errorf("leads after the rejected restores = %d, want 1000", n)
	}
}

func TestRestoreCommandUsage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crm.db")

	code, _, stderr := fileRun(t, path, nil, "restore")
	if code != cli.ExitUsage {
		t.Errorf("exit %d, want %d", code, cli.ExitUsage)
	}
	if !strings.Contains(stderr, "missing the backup FILE") {
		t.Errorf("stderr %q does not name the missing file", stderr)
	}
}

func TestCommandOnOpenDatabase(t *testing.T) {
	path := demoFile(t)
	window, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer window.Close()

	code, _, stderr := fileRun(t, path, nil, "pipeline")
	if code != cli.ExitInUse {
		t.Errorf("exit %d, want %d", code, cli.ExitInUse)
	}
	if !strings.Contains(stderr, path+" is open in another Leadwerk") {
		t.Errorf("stderr %q does not say the database is open", stderr)
	}
}

// damagedWithBackup returns a damaged database file that has one daily
// backup, and that backup's path.
func damagedWithBackup(t *testing.T) (string, string) {
	t.Helper()

	path := demoFile(t)
	if code, _, stderr := fileRun(t, path, nil, "pipeline"); code != cli.ExitOK {
		t.Fatalf("pipeline: %s", stderr)
	}
	backups, err := filepath.Glob(filepath.Join(filepath.Dir(path), "backups", "crm-*-daily.db"))
	if err != nil || len(backups) != 1 {
		t.Fatalf("daily backups = %v, %v; want one", backups, err)
	}
	damageFile(t, path)

	return path, backups[0]
}

func TestCommandOnDamagedDatabase(t *testing.T) {
	path, backup := damagedWithBackup(t)

	code, _, stderr := fileRun(t, path, nil, "pipeline")
	if code != cli.ExitFailure {
		t.Errorf("exit %d, want %d", code, cli.ExitFailure)
	}
	for _, want := range []string{path + " is damaged", "leadwerk -db " + path + " restore " + backup} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr %q has no %q", stderr, want)
		}
	}
}

func TestWindowShowsOpenError(t *testing.T) {
	path, _ := damagedWithBackup(t)

	var shown error
	show := func(_ context.Context, gotPath string, err error) error {
		if gotPath != path {
			t.Errorf("ShowOpenError path = %s, want %s", gotPath, path)
		}
		shown = err
		return nil
	}

	code, _, stderr := fileRun(t, path, show)
	if code != cli.ExitOK {
		t.Errorf("exit %d after the window handled the error, stderr %s", code, stderr)
	}
	var damaged *data.IntegrityError
	if !errors.As(shown, &damaged) {
		t.Errorf("ShowOpenError got %v, want an IntegrityError", shown)
	}
}
