package data

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"leadwerk/app"
)

// requirePostgres skips a test of the PostgreSQL backend itself when the
// tests run on SQLite files.
func requirePostgres(t testing.TB) {
	t.Helper()

	if testPostgresURL() == "" {
		t.Skipf("PostgreSQL only: set %s to the URL of a server whose role may create databases", testPostgresEnv)
	}
}

func TestPostgresFindsLeadWithoutAccents(t *testing.T) {
	requirePostgres(t)
	s := openTestStore(t)
	ctx := context.Background()

	if !s.backend.isPostgres() {
		t.Fatalf("store on %s uses SQLite", s.Path())
	}

	created, err := s.CreateLead(ctx, app.Lead{FirstName: "Jürgen", LastName: "Müller", CompanyName: "Müller GmbH",
		Email: "jm@mueller.example", City: "Köln", Status: app.LeadNew})
	if err != nil {
		t.Fatalf("CreateLead: %v", err)
	}

	if _, err := s.CreateLead(ctx, app.Lead{FirstName: "Mary", LastName: "Adams", Status: app.LeadNew}); err != nil {
		t.Fatalf("CreateLead Adams: %v", err)
	}

	for _, search := range []string{"muller", "Mueller", "müll", "jurgen m", "koln"} {
		leads, err := s.ListLeads(ctx, app.LeadQuery{Search: search, Limit: 10})
		if err != nil {
			t.Fatalf("ListLeads %q: %v", search, err)
		}

		if len(leads) != 1 || leads[0].ID != created.ID {
			t.Errorf("search %q found %v, want only lead %d", search, leads, created.ID)
		}

		n, err := s.CountLeads(ctx, app.LeadQuery{Search: search})
		if err != nil {
			t.Fatalf("CountLeads %q: %v", search, err)
		}

		if n != 1 {
			t.Errorf("search %q counted %d leads, want 1", search, n)
		}
	}
}

func TestPostgresRejectsPasswordInURL(t *testing.T) {
	_, err := Open("postgres://anna:secret@127.0.0.1:1/leadwerk")
	if err == nil {
		t.Fatal("Open accepted a URL with a password")
	}

	if !errors.Is(err, app.ErrInvalid) {
		t.Errorf("error %v does not wrap app.ErrInvalid", err)
	}

	if strings.Contains(err.Error(), "secret") {
		t.Errorf("error %q shows the password", err)
	}
}

func TestPostgresBackupWritesDump(t *testing.T) {
	requirePostgres(t)
	s := openTestStore(t)
	ctx := context.Background()

	if _, err := s.CreateLead(ctx, app.Lead{LastName: "Müller", Status: app.LeadNew}); err != nil {
		t.Fatalf("CreateLead: %v", err)
	}

	dest := filepath.Join(t.TempDir(), "copy.dump")
	written, err := s.Backup(ctx, dest)
	if err != nil {
		t.Fatalf("Backup: %v", err)
	}

	if written != dest {
		t.Errorf("Backup wrote %s, want %s", written, dest)
	}

	assertDump(t, dest)

	if _, err := s.Backup(ctx, dest); err == nil {
		t.Error("a second Backup to the same file overwrote it")
	}
}

func TestPostgresBackupFileIntoFolder(t *testing.T) {
	requirePostgres(t)
	s := openTestStore(t)
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))

	written, err := Maintenance{}.Backup(context.Background(), s.Path(), "")
	if err != nil {
		t.Fatalf("Backup: %v", err)
	}

	dir, err := PostgresBackupDir()
	if err != nil {
		t.Fatalf("PostgresBackupDir: %v", err)
	}

	if filepath.Dir(written) != dir {
		t.Errorf("backup %s is not in %s", written, dir)
	}

	if !strings.HasPrefix(filepath.Base(written), postgresDatabaseName(s.Path())+"-") {
		t.Errorf("backup name %s does not start with the database name", filepath.Base(written))
	}

	assertDump(t, written)
}

func TestPostgresRestoreRejected(t *testing.T) {
	requirePostgres(t)
	s := openTestStore(t)

	if _, err := s.Restore(context.Background(), filepath.Join(t.TempDir(), "any.db")); !errors.Is(err, app.ErrInvalid) {
		t.Errorf("Restore on PostgreSQL returned %v, want app.ErrInvalid", err)
	}
}

// assertDump fails unless path is a non-empty file of mode 0600 that
// starts like pg_dump's custom format.
func assertDump(t *testing.T, path string) {
	t.Helper()

	content, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read backup: %v", err)
	}

	if !bytes.HasPrefix(content, []byte("PGDMP")) {
		t.Errorf("backup %s does not start with PGDMP", path)
	}

	info, err := os.Stat(path)
	if err != nil {
		t.Fatalf("stat backup: %v", err)
	}

	if runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
		t.Errorf("backup mode is %v, want 0600", info.Mode().Perm())
	}
}
