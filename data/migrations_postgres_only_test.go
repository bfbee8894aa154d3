package data

import (
	"context"
	"testing"
)

// TestPostgresOnlyMigrationsSkipBackup opens a file whose
// pending migrations change only PostgreSQL and checks that they are
// recorded without a migration backup.
func TestPostgresOnlyMigrationsSkipBackup(t *testing.T) {
	requireSQLite(t, "backups are VACUUM INTO copies of the file")
	latest := migrations[len(migrations)-1].version
	fileVersion := lastSQLiteChange()
	if fileVersion == latest {
		t.Skip("the last migration changes SQLite files, so no PostgreSQL-only migration is pending")
	}

	db := openAtVersion(t, fileVersion)
	var path string
	if err := db.Raw(`SELECT file FROM pragma_database_list WHERE name = 'main'`).Scan(&path).Error; err != nil {
		t.Fatal(err)
	}
	if sqlDB, err := db.DB(); err == nil {
		_ = sqlDB.Close()
	}

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	version, err := s.SchemaVersion(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if version != latest {
		t.Errorf("schema version after Open = %d, want %d", version, latest)
	}

	backups, err := listBackups(path, BackupDir(path))
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range backups {
		if b.kind == kindMigration {
			t.Errorf("Open made migration backup %s before migrations that leave the file unchanged", b.path)
		}
	}
}
