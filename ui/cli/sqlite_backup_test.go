package cli_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"leadwerk/app"
	"leadwerk/data"
	"leadwerk/ui/cli"
)

func TestSQLiteBackupUsesChosenFolder(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "crm.db")
	folder := filepath.Join(t.TempDir(), "Sicherungen")
	store, err := data.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	settings := app.BackupSettings{Folder: folder, KeepDaily: 3, KeepWeekly: 1}
	if err := store.SaveBackupSettings(context.Background(), settings); err != nil {
		t.Fatal(err)
	}
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}

	var stdout, stderr bytes.Buffer
	env := cli.Env{Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" },
		Maintenance: data.Maintenance{}}
	if code := cli.Run(context.Background(), []string{"-db", dbPath, "backup"}, env); code != cli.ExitOK {
		t.Fatalf("exit code %d; stderr: %s", code, stderr.String())
	}

	entries, err := os.ReadDir(folder)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || !strings.HasSuffix(entries[0].Name(), "-manual.db") {
		t.Errorf("chosen folder holds %v, want one manual backup", entries)
	}
	if !strings.Contains(stdout.String(), folder) {
		t.Errorf("output %q does not name the chosen folder", stdout.String())
	}
}
