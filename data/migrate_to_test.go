package data

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"leadwerk/app"
	"leadwerk/app/demo"
	"leadwerk/app/maven"
	"leadwerk/app/testenv"
)

// sqliteSourceFile returns a SQLite database file filled by fill, closed
// so that MigrateTo can open it. It is a file even when the other tests
// run on PostgreSQL, because it is the source of the copy.
func sqliteSourceFile(t *testing.T, fill func(s *Store)) string {
	t.Helper()

	path := filepath.Join(t.TempDir(), "source.db")
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open source: %v", err)
	}
	fill(s)
	if err := s.Close(); err != nil {
		t.Fatalf("Close source: %v", err)
	}

	return path
}

// emptyPostgresDatabase creates a migrated, empty PostgreSQL database and
// returns its URL. The database is dropped when the test ends.
func emptyPostgresDatabase(t *testing.T) string {
	t.Helper()

	admin := openPostgresAdmin(t)
	template := migratedPostgresTemplate(t, admin)

	name := fmt.Sprintf("lw_target_%d_%d", os.Getpid(), postgresTestDatabases.Add(1))
	if _, err := admin.Exec(fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", name, template)); err != nil {
		t.Fatalf("create target database %s: %v", name, err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec(fmt.Sprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", name)); err != nil {
			t.Errorf("drop target database %s: %v", name, err)
		}
	})

	return postgresURLWithDatabase(t, name)
}

// assertReportMatches fails for every table whose copy differs and
// returns the report's row for table.
func assertReportMatches(t *testing.T, report app.MigrationReport, table string) app.MigrationTable {
	t.Helper()

	var found app.MigrationTable
	for _, row := range report.Tables {
		if !row.Matches() {
			t.Errorf("table %s differs: source %d rows %v, target %d rows %v",
				row.Table, row.SourceRows, row.SourceMoney, row.TargetRows, row.TargetMoney)
		}
		if row.Table == table {
			found = row
		}
	}
	if found.Table == "" {
		t.Fatalf("report has no row for table %s", table)
	}

	return found
}

func TestMigrateToCopiesDemoData(t *testing.T) {
	requirePostgres(t)
	ctx := context.Background()
	batch := demo.Generate(demo.DefaultSeed, app.Date{Year: 2026, Month: time.March, Day: 31})
	source := sqliteSourceFile(t, func(s *Store) {
		if _, err := s.LoadDemo(ctx, batch, nil); err != nil {
			t.Fatalf("LoadDemo: %v", err)
		}
	})
	target := emptyPostgresDatabase(t)

	report, err := MigrateTo(ctx, source, target, nil)
	if err != nil {
		t.Fatalf("MigrateTo: %v", err)
	}

	leads := assertReportMatches(t, report, "leads")
	if leads.SourceRows != int64(len(batch.Leads)) {
		t.Errorf("leads copied = %d, want the demo's %d", leads.SourceRows, len(batch.Leads))
	}
	deals := assertReportMatches(t, report, "opportunities")
	if len(deals.MoneyColumns) == 0 || deals.SourceMoney[0] == 0 {
		t.Errorf("opportunity money columns %v sums %v, want a non-zero amount total", deals.MoneyColumns, deals.SourceMoney)
	}

	// The copy kept every id, so new records must get ids after them.
	copied, err := Open(target)
	if err != nil {
		t.Fatalf("Open target: %v", err)
	}
	defer closeLogged(copied)
	if _, err := copied.CreateLead(ctx, app.Lead{FirstName: "Jana", LastName: "Müller", Source: "Referral"}); err != nil {
		t.Fatalf("CreateLead after the copy: %v", err)
	}
	if got := countRows(t, copied, "leads"); got != len(batch.Leads)+1 {
		t.Errorf("leads after one more = %d, want %d", got, len(batch.Leads)+1)
	}
}

func TestMigrateToCopiesMaven(t *testing.T) {
	requirePostgres(t)
	dir := testenv.SharedData(t, "maven-crm")
	batch, err := maven.Load(dir)
	if err != nil {
		t.Fatalf("maven.Load: %v", err)
	}
	ctx := context.Background()
	source := sqliteSourceFile(t, func(s *Store) {
		if _, err := s.Import(ctx, batch, nil); err != nil {
			t.Fatalf("Import: %v", err)
		}
	})
	target := emptyPostgresDatabase(t)

	report, err := MigrateTo(ctx, source, target, nil)
	if err != nil {
		t.Fatalf("MigrateTo: %v", err)
	}

	deals := assertReportMatches(t, report, "opportunities")
	if deals.SourceRows != int64(len(batch.Opportunities)) {
		t.Errorf("deals copied = %d, want Maven's %d", deals.SourceRows, len(batch.Opportunities))
	}
	assertReportMatches(t, report, "companies")
	assertReportMatches(t, report, "stage_changes")
}

func TestMigrateToRejectsNonEmptyTarget(t *testing.T) {
	requirePostgres(t)
	ctx := context.Background()
	source := sqliteSourceFile(t, func(s *Store) { mustImport(t, s, sampleBatch()) })
	target := emptyPostgresDatabase(t)
	if _, err := MigrateTo(ctx, source, target, nil); err != nil {
		t.Fatalf("first MigrateTo: %v", err)
	}

	_, err := MigrateTo(ctx, source, target, nil)

	if !errors.Is(err, app.ErrNotEmpty) {
		t.Errorf("second MigrateTo = %v, want ErrNotEmpty", err)
	}
}

func TestMigrateToRejectsFileTarget(t *testing.T) {
	dir := t.TempDir()

	_, err := MigrateTo(context.Background(), filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db"), nil)

	if !errors.Is(err, app.ErrInvalid) {
		t.Errorf("MigrateTo to a file = %v, want ErrInvalid", err)
	}
	if _, statErr := os.Stat(filepath.Join(dir, "a.db")); !errors.Is(statErr, os.ErrNotExist) {
		t.Errorf("MigrateTo created the source file before rejecting the target: %v", statErr)
	}
}

func TestMigrateToMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing.db")

	_, err := MigrateTo(context.Background(), path, "postgres://leadwerk@127.0.0.1:1/crm", nil)
	if !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("MigrateTo from a missing file = %v, want app.ErrNotFound", err)
	}
	if _, statErr := os.Stat(path); !errors.Is(statErr, os.ErrNotExist) {
		t.Errorf("MigrateTo created %s (stat: %v)", path, statErr)
	}
}
