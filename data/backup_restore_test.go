package data

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"leadwerk/app"
)

// storeWithBackup returns a store with the sample data and a manual
// backup of it, made before a third lead was added.
func storeWithBackup(t *testing.T) (*Store, string) {
	t.Helper()

	s := openTestStore(t)
	mustImport(t, s, sampleBatch())

	backup, err := s.Backup(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}

	if _, err := s.CreateLead(context.Background(), app.Lead{FirstName: "Nina", LastName: "Kraus",
		Email: "nina@kraus.example", Status: app.LeadNew}); err != nil {
		t.Fatal(err)
	}

	return s, backup
}

// copyOf copies the file at path into a new temporary file and returns
// the copy's path.
func copyOf(t *testing.T, path string) string {
	t.Helper()

	dest := filepath.Join(t.TempDir(), filepath.Base(path))
	if err := copyFile(path, dest); err != nil {
		t.Fatal(err)
	}

	return dest
}

// damage overwrites a quarter of the file at path, from its middle on,
// with garbage, leaving the header page intact.
func damage(t *testing.T, path string) {
	t.Helper()

	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}

	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	garbage := []byte(strings.Repeat("\xde\xad\xbe\xef", int(info.Size()/16)))
	if _, err := f.WriteAt(garbage, info.Size()/2); err != nil {
		t.Fatal(err)
	}
}

func TestRestoreGoodBackup(t *testing.T) {
	requireSQLite(t, "a restore replaces the database file")
	s, backup := storeWithBackup(t)
	if n := countRows(t, s, "leads"); n != 3 {
		t.Fatalf("leads before restore = %d, want 3", n)
	}

	kept, err := s.Restore(context.Background(), backup)
	if err != nil {
		t.Fatalf("Restore: %v", err)
	}

	if n := countRows(t, s, "leads"); n != 2 {
		t.Errorf("leads after restore = %d, want the backup's 2", n)
	}
	if n := countIn(t, kept, "leads"); n != 3 {
		t.Errorf("kept copy %s has %d leads, want the replaced 3", kept, n)
	}
	if !strings.HasSuffix(kept, "-restore.db") {
		t.Errorf("kept copy %s is not named as a restore backup", kept)
	}

	// The store keeps working on the restored file.
	if _, err := s.CreateLead(context.Background(), app.Lead{FirstName: "Ole", LastName: "Berg",
		Status: app.LeadNew}); err != nil {
		t.Fatalf("CreateLead after restore: %v", err)
	}
	if n := countRows(t, s, "leads"); n != 3 {
		t.Errorf("leads after a new lead = %d, want 3", n)
	}
	if _, err := os.Stat(s.Path() + "-wal"); err != nil {
		t.Errorf("restored database is not in WAL mode: %v", err)
	}
}

func TestRestoreRejectsDamagedFile(t *testing.T) {
	requireSQLite(t, "a restore replaces the database file")
	s, backup := storeWithBackup(t)
	bad := copyOf(t, backup)
	damage(t, bad)

	_, err := s.Restore(context.Background(), bad)
	if err == nil {
		t.Fatal("Restore accepted a damaged file")
	}
	if !errors.Is(err, app.ErrInvalid) {
		t.Errorf("error %v does not wrap ErrInvalid", err)
	}
	for _, want := range []string{bad, "damaged", "choose another backup"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q has no %q", err, want)
		}
	}
	if n := countRows(t, s, "leads"); n != 3 {
		t.Errorf("leads after a rejected restore = %d, want 3", n)
	}
}

func TestRestoreRejectsNewerSchema(t *testing.T) {
	requireSQLite(t, "a restore replaces the database file")
	s, backup := storeWithBackup(t)
	newer := copyOf(t, backup)
	db, err := sql.Open("sqlite", newer)
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', datetime('now'))`)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}

	_, err = s.Restore(context.Background(), newer)
	if err == nil {
		t.Fatal("Restore accepted a newer schema")
	}
	for _, want := range []string{"999", "newer", "newer Leadwerk"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q has no %q", err, want)
		}
	}
	if n := countRows(t, s, "leads"); n != 3 {
		t.Errorf("leads after a rejected restore = %d, want 3", n)
	}
}

func TestRestoreRejectsForeignFiles(t *testing.T) {
	requireSQLite(t, "a restore replaces the database file")
	s := openTestStore(t)
	dir := t.TempDir()

	text := filepath.Join(dir, "notes.db")
	if err := os.WriteFile(text, []byte("name,amount\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	other := filepath.Join(dir, "other.db")
	db, err := sql.Open("sqlite", other)
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec(`CREATE TABLE schema_migrations (version INTEGER); CREATE TABLE notes (body TEXT)`)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}

	for _, path := range []string{text, other, filepath.Join(dir, "missing.db")} {
		_, err := s.Restore(context.Background(), path)
		if err == nil {
			t.Errorf("Restore accepted %s", path)
			continue
		}
		if !strings.Contains(err.Error(), path) {
			t.Errorf("error %q does not name %s", err, path)
		}
	}
}

func TestRestoreFileReplacesDamagedDatabase(t *testing.T) {
	requireSQLite(t, "a restore replaces the database file")
	s, backup := storeWithBackup(t)
	path := s.Path()
	bigger(t, s)
	s.Close()
	damage(t, path)

	_, err := Open(path)
	var damaged *IntegrityError
	if !errors.As(err, &damaged) {
		t.Fatalf("Open of a damaged file: error %v, want an IntegrityError", err)
	}
	if damaged.NewestBackup != backup {
		t.Fatalf("offered backup = %q, want %q", damaged.NewestBackup, backup)
	}

	kept, err := RestoreFile(context.Background(), path, damaged.NewestBackup)
	if err != nil {
		t.Fatalf("RestoreFile: %v", err)
	}
	if !strings.HasSuffix(kept, "-damaged.db") {
		t.Errorf("kept copy %s is not named as a damaged copy", kept)
	}
	if _, err := os.Stat(kept); err != nil {
		t.Errorf("damaged copy: %v", err)
	}

	s, err = Open(path)
	if err != nil {
		t.Fatalf("Open after RestoreFile: %v", err)
	}
	defer s.Close()
	if n := countRows(t, s, "leads"); n != 2 {
		t.Errorf("leads after RestoreFile = %d, want the backup's 2", n)
	}
	if got := newestGoodBackup(path); got == kept {
		t.Error("the damaged copy is offered for a restore")
	}
}

func TestRestoreFileKeepsForeignFile(t *testing.T) {
	requireSQLite(t, "a restore replaces the database file")
	s, backup := storeWithBackup(t)
	s.Close()

	path := filepath.Join(t.TempDir(), "notes.db")
	if err := os.WriteFile(path, []byte("my notes"), 0o600); err != nil {
		t.Fatal(err)
	}

	if _, err := RestoreFile(context.Background(), path, backup); err == nil {
		t.Fatal("RestoreFile replaced a file that is no Leadwerk database")
	}
	if content, _ := os.ReadFile(path); string(content) != "my notes" {
		t.Errorf("file changed to %q", content)
	}
}
