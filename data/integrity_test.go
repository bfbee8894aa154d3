package data

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// bigger adds 300 companies with long names, so the file has enough
// pages that damage in its middle hits table data.
func bigger(t *testing.T, s *Store) {
	t.Helper()

	err := s.db.Exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
		INSERT INTO companies (name, created_at, updated_at)
		SELECT printf('Company %d ', i) || hex(randomblob(200)), datetime('now'), datetime('now') FROM n`).Error
	if err != nil {
		t.Fatal(err)
	}
}

func TestOpenReportsDamage(t *testing.T) {
	requireSQLite(t, "SQLite's quick check")
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
		t.Errorf("offered backup = %q, want %q", damaged.NewestBackup, backup)
	}
	if len(damaged.Problems) == 0 {
		t.Error("IntegrityError lists no problem")
	}
	for _, want := range []string{path, "is damaged", "restore the newest good backup", backup} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q has no %q", err, want)
		}
	}
}

func TestOpenReportsDamageWithoutBackup(t *testing.T) {
	requireSQLite(t, "SQLite's quick check")
	s := openTestStore(t)
	path := s.Path()
	bigger(t, s)
	s.Close()
	damage(t, path)

	_, err := Open(path)
	var damaged *IntegrityError
	if !errors.As(err, &damaged) {
		t.Fatalf("Open of a damaged file: error %v, want an IntegrityError", err)
	}
	if damaged.NewestBackup != "" {
		t.Errorf("offered backup = %q, want none", damaged.NewestBackup)
	}
	if !strings.Contains(err.Error(), "no good backup") {
		t.Errorf("error %q does not say that there is no backup", err)
	}
}

func TestCheckSoundDatabase(t *testing.T) {
	requireSQLite(t, "SQLite's quick check")
	s := openTestStore(t)
	mustImport(t, s, sampleBatch())

	problems, err := Check(context.Background(), s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 0 {
		t.Errorf("problems of a sound database = %v", problems)
	}
}

func TestCheckFindsForeignKeyProblem(t *testing.T) {
	requireSQLite(t, "SQLite's quick check")
	s := openTestStore(t)
	mustImport(t, s, sampleBatch())
	if err := s.db.Exec(`PRAGMA foreign_keys = OFF`).Error; err != nil {
		t.Fatal(err)
	}
	if err := s.db.Exec(`UPDATE companies SET parent_id = 4242 WHERE source_ref = 'acc:cancity'`).Error; err != nil {
		t.Fatal(err)
	}

	problems, err := Check(context.Background(), s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 1 || !strings.Contains(problems[0], "companies row") {
		t.Errorf("problems = %v, want one about a companies row", problems)
	}
}

func TestCheckFindsDamage(t *testing.T) {
	requireSQLite(t, "SQLite's quick check")
	s := openTestStore(t)
	path := s.Path()
	bigger(t, s)
	s.Close()
	damage(t, path)

	problems, err := Check(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) == 0 {
		t.Error("Check found no problem in a damaged file")
	}
}
