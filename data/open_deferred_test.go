package data

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// fillCompanyPages adds 5,000 companies with long names, so that most
// of the file is pages of the companies table and damage in its middle
// spares the schema, which opening reads.
func fillCompanyPages(t *testing.T, s *Store) {
	t.Helper()

	err := s.db.Exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
		INSERT INTO companies (name, created_at, updated_at)
		SELECT printf('Company %d ', i) || hex(randomblob(200)), datetime('now'), datetime('now') FROM n`).Error
	if err != nil {
		t.Fatal(err)
	}
}

func TestOpenDeferredLeavesDailyBackup(t *testing.T) {
	requireSQLite(t, "opening a database file")
	path := filepath.Join(t.TempDir(), "leadwerk.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	s, err = OpenDeferred(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if names := backupNames(t, path); len(names) != 0 {
		t.Fatalf("OpenDeferred wrote backups %v, want none before CheckAndBackUp", names)
	}

	if err := s.CheckAndBackUp(context.Background()); err != nil {
		t.Fatalf("CheckAndBackUp of a sound file: %v", err)
	}
	names := backupNames(t, path)
	if len(names) != 1 || !strings.HasSuffix(names[0], "-daily.db") {
		t.Fatalf("backups after CheckAndBackUp = %v, want one daily backup", names)
	}

	if err := s.CheckAndBackUp(context.Background()); err != nil {
		t.Fatal(err)
	}
	if names := backupNames(t, path); len(names) != 1 {
		t.Errorf("backups after a second CheckAndBackUp on one day = %v, want still one", names)
	}
}

func TestCheckAndBackUpSkipsNewFile(t *testing.T) {
	requireSQLite(t, "opening a database file")
	path := filepath.Join(t.TempDir(), "leadwerk.db")
	s, err := OpenDeferred(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	if err := s.CheckAndBackUp(context.Background()); err != nil {
		t.Fatal(err)
	}
	if names := backupNames(t, path); len(names) != 0 {
		t.Errorf("a new database was backed up: %v", names)
	}
}

func TestOpenDeferredRejectsNewerSchema(t *testing.T) {
	requireSQLite(t, "opening a database file")
	path := filepath.Join(t.TempDir(), "leadwerk.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.db.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', '2030-01-01 00:00:00+00:00')")
	s.Close()

	s, err = OpenDeferred(path)
	if err == nil {
		s.Close()
		t.Fatal("OpenDeferred accepted a schema from a newer version")
	}
	if !strings.Contains(err.Error(), "999") {
		t.Errorf("error %q does not name the schema version", err)
	}
}

func TestOpenDeferredBacksUpBeforeMigrations(t *testing.T) {
	requireSQLite(t, "opening a database file")
	path := filepath.Join(t.TempDir(), "leadwerk.db")
	db, err := openGorm(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := migrateTo(context.Background(), db, migrations[:5]); err != nil {
		t.Fatal(err)
	}
	if sqlDB, err := db.DB(); err == nil {
		sqlDB.Close()
	}

	s, err := OpenDeferred(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	backups, err := listBackups(path, BackupDir(path))
	if err != nil {
		t.Fatal(err)
	}
	if len(backups) != 1 || backups[0].kind != kindMigration {
		t.Fatalf("backups = %+v, want one migration backup", backups)
	}
}

func TestCheckAndBackUpReportsDamage(t *testing.T) {
	requireSQLite(t, "opening a database file")
	s, backup := storeWithBackup(t)
	path := s.Path()
	fillCompanyPages(t, s)
	s.Close()
	damage(t, path)

	s, err := OpenDeferred(path)
	if err != nil {
		t.Fatalf("OpenDeferred of a file damaged in its data pages: %v", err)
	}
	defer s.Close()

	err = s.CheckAndBackUp(context.Background())
	var damaged *IntegrityError
	if !errors.As(err, &damaged) {
		t.Fatalf("CheckAndBackUp of a damaged file: error %v, want an IntegrityError", err)
	}
	if damaged.NewestBackup != backup {
		t.Errorf("offered backup = %q, want %q", damaged.NewestBackup, backup)
	}
	for _, name := range backupNames(t, path) {
		if strings.HasSuffix(name, "-daily.db") {
			t.Errorf("a damaged file was backed up as %s", name)
		}
	}
}

func TestRestoreDamagedOpenStore(t *testing.T) {
	requireSQLite(t, "opening a database file")
	s, backup := storeWithBackup(t)
	path := s.Path()
	fillCompanyPages(t, s)
	s.Close()
	damage(t, path)

	s, err := OpenDeferred(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	kept, err := s.RestoreDamaged(context.Background(), backup)
	if err != nil {
		t.Fatalf("RestoreDamaged: %v", err)
	}
	if !strings.HasSuffix(kept, "-damaged.db") {
		t.Errorf("kept copy %s is not named as a damaged copy", kept)
	}

	if err := s.CheckAndBackUp(context.Background()); err != nil {
		t.Errorf("CheckAndBackUp after the restore: %v", err)
	}
	if n := countRows(t, s, "leads"); n != 2 {
		t.Errorf("leads after restoring the backup = %d, want the 2 it holds", n)
	}
}
