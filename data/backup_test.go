package data

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// countIn returns the rows of table in the SQLite file at path, read
// through a read-only connection.
func countIn(t *testing.T, path, table string) int {
	t.Helper()

	db, err := openReadOnly(context.Background(), path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer db.Close()

	var n int
	if err := db.QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
		t.Fatalf("count %s in %s: %v", table, path, err)
	}

	return n
}

// backupNames returns the file names in the backups folder of dbPath,
// sorted.
func backupNames(t *testing.T, dbPath string) []string {
	t.Helper()

	entries, err := os.ReadDir(BackupDir(dbPath))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}

	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)

	return names
}

func TestBackupWhileWriting(t *testing.T) {
	requireSQLite(t, "backups are VACUUM INTO copies of the file")
	s := openTestStore(t)
	mustImport(t, s, sampleBatch())

	writer, err := sql.Open("sqlite", dsn(s.Path()))
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	writer.SetMaxOpenConns(1)

	// Each transaction adds two companies, so a consistent copy always
	// holds an even number of them beyond the two of the sample.
	var (
		stop    atomic.Bool
		commits atomic.Int64
		wg      sync.WaitGroup
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; !stop.Load(); i++ {
			tx, err := writer.Begin()
			if err != nil {
				t.Errorf("begin: %v", err)
				return
			}
			for range 2 {
				_, err = tx.Exec(`INSERT INTO companies (name, created_at, updated_at)
					VALUES (?, datetime('now'), datetime('now'))`, strings.Repeat("x", 500))
				if err != nil {
					_ = tx.Rollback()
					t.Errorf("insert: %v", err)
					return
				}
			}
			if err := tx.Commit(); err != nil {
				t.Errorf("commit: %v", err)
				return
			}
			commits.Add(1)
		}
	}()

	for commits.Load() < 20 {
		time.Sleep(time.Millisecond)
	}

	var copies []string
	for i := range 5 {
		dest := filepath.Join(t.TempDir(), "copy.db")
		if _, err := s.Backup(context.Background(), dest); err != nil {
			t.Fatalf("backup %d: %v", i, err)
		}
		copies = append(copies, dest)
	}
	stop.Store(true)
	wg.Wait()

	for _, path := range copies {
		if err := quickCheckFile(context.Background(), path); err != nil {
			t.Errorf("backup %s fails its check: %v", path, err)
		}
		n := countIn(t, path, "companies")
		if (n-2)%2 != 0 {
			t.Errorf("backup %s has %d companies, a half-written transaction", path, n)
		}
		if n <= 2 {
			t.Errorf("backup %s has %d companies, none of the writer's", path, n)
		}
	}
}

func TestBackupRefusesExistingFile(t *testing.T) {
	requireSQLite(t, "backups are VACUUM INTO copies of the file")
	s := openTestStore(t)
	dest := filepath.Join(t.TempDir(), "taken.db")
	if err := os.WriteFile(dest, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}

	_, err := s.Backup(context.Background(), dest)
	if err == nil {
		t.Fatal("Backup overwrote an existing file")
	}
	if !strings.Contains(err.Error(), "already exists") {
		t.Errorf("error %q does not say the file exists", err)
	}

	content, _ := os.ReadFile(dest)
	if string(content) != "keep me" {
		t.Errorf("existing file changed to %q", content)
	}
}

func TestBackupIntoFolderNamesFile(t *testing.T) {
	requireSQLite(t, "backups are VACUUM INTO copies of the file")
	s := openTestStore(t)
	s.now = func() time.Time { return time.Date(2026, 3, 5, 9, 30, 15, 123e6, time.UTC) }

	path, err := s.Backup(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}

	want := filepath.Join(filepath.Dir(s.Path()), "backups", "leadwerk-20260305T093015.123Z-manual.db")
	if path != want {
		t.Errorf("backup path = %s, want %s", path, want)
	}
}

func TestFileModes(t *testing.T) {
	requireSQLite(t, "backups are VACUUM INTO copies of the file")
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no Unix permission bits")
	}

	path := filepath.Join(t.TempDir(), "data", "leadwerk.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	mustImport(t, s, sampleBatch())

	backup, err := s.Backup(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	copyPath, err := s.Backup(context.Background(), filepath.Join(filepath.Dir(path), "copy.db"))
	if err != nil {
		t.Fatal(err)
	}

	want := map[string]os.FileMode{
		filepath.Dir(path): 0o700,
		path:               0o600,
		path + "-wal":      0o600,
		path + lockSuffix:  0o600,
		BackupDir(path):    0o700,
		backup:             0o600,
		copyPath:           0o600,
	}
	for name, mode := range want {
		info, err := os.Stat(name)
		if err != nil {
			t.Errorf("stat %s: %v", name, err)
			continue
		}
		if got := info.Mode().Perm(); got != mode {
			t.Errorf("%s has mode %o, want %o", name, got, mode)
		}
	}
}

func TestOpenBacksUpOncePerDay(t *testing.T) {
	requireSQLite(t, "backups are VACUUM INTO copies of the file")
	path := filepath.Join(t.TempDir(), "leadwerk.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	if names := backupNames(t, path); len(names) != 0 {
		t.Fatalf("a new database was backed up: %v", names)
	}

	for range 2 {
		s, err = Open(path)
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
	}

	names := backupNames(t, path)
	if len(names) != 1 {
		t.Fatalf("backups after two opens on one day = %v, want one daily backup", names)
	}
	if !strings.HasSuffix(names[0], "-daily.db") {
		t.Errorf("backup %s is not a daily backup", names[0])
	}
}

func TestOpenBacksUpBeforeMigrations(t *testing.T) {
	requireSQLite(t, "backups are VACUUM INTO copies of the file")
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

	s, err := Open(path)
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

	backupDB, err := openReadOnly(context.Background(), backups[0].path)
	if err != nil {
		t.Fatal(err)
	}
	defer backupDB.Close()
	var version int
	if err := backupDB.QueryRow(`SELECT MAX(version) FROM schema_migrations`).Scan(&version); err != nil {
		t.Fatal(err)
	}
	if version != 5 {
		t.Errorf("migration backup has schema version %d, want 5, the version before migrating", version)
	}
}

func TestImportBacksUpNonEmptyDatabase(t *testing.T) {
	requireSQLite(t, "backups are VACUUM INTO copies of the file")
	s := openTestStore(t)
	mustImport(t, s, sampleBatch())
	if names := backupNames(t, s.Path()); len(names) != 0 {
		t.Fatalf("import into an empty database made backups %v", names)
	}

	batch := sampleBatch()
	batch.Leads = append(batch.Leads, batch.Leads[0])
	batch.Leads[2].SourceRef = "lead:3"
	batch.Leads[2].Email = "other@weber.example"
	mustImport(t, s, batch)

	backups, err := listBackups(s.Path(), BackupDir(s.Path()))
	if err != nil {
		t.Fatal(err)
	}
	if len(backups) != 1 || backups[0].kind != kindImport {
		t.Fatalf("backups = %+v, want one import backup", backups)
	}
	if n := countIn(t, backups[0].path, "leads"); n != 2 {
		t.Errorf("import backup has %d leads, want the 2 from before the import", n)
	}
	if n := countRows(t, s, "leads"); n != 3 {
		t.Errorf("database has %d leads after the import, want 3", n)
	}
}
