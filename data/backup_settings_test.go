package data

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"leadwerk/app"
)

// saveBackupSettings stores b in s or fails the test.
func saveBackupSettings(t *testing.T, s *Store, b app.BackupSettings) {
	t.Helper()

	if err := s.SaveBackupSettings(context.Background(), b); err != nil {
		t.Fatalf("SaveBackupSettings(%+v): %v", b, err)
	}
}

// namesIn returns the file names in dir, or none for a missing dir.
func namesIn(t *testing.T, dir string) []string {
	t.Helper()

	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}

	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}

	return names
}

func TestBackupSettingsDefaultsAndRoundTrip(t *testing.T) {
	requireSQLite(t, "automatic backups go beside the database file")
	s := openTestStore(t)
	ctx := context.Background()

	got, err := s.BackupSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got != app.DefaultBackupSettings() {
		t.Errorf("settings of a new database %+v, want the defaults", got)
	}

	want := app.BackupSettings{Folder: filepath.Join(t.TempDir(), "Sicherungen"), KeepDaily: 14, KeepWeekly: 0}
	saveBackupSettings(t, s, app.BackupSettings{Folder: want.Folder + string(filepath.Separator),
		KeepDaily: want.KeepDaily, KeepWeekly: want.KeepWeekly})

	got, err = s.BackupSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("settings read back %+v, want %+v with the folder cleaned", got, want)
	}

	if info, err := os.Stat(want.Folder); err != nil || !info.IsDir() {
		t.Errorf("saving did not create the folder %s: %v", want.Folder, err)
	}
}

func TestSaveBackupSettingsRejects(t *testing.T) {
	requireSQLite(t, "automatic backups go beside the database file")
	// A folder below a regular file cannot be created, even by root.
	file := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		name     string
		settings app.BackupSettings
		field    app.PreferenceField
		rule     app.PreferenceRule
	}{
		{"folder below a file", app.BackupSettings{Folder: filepath.Join(file, "backups"), KeepDaily: 7, KeepWeekly: 4},
			app.FieldBackupFolder, app.RuleNotWritable},
		{"folder is a file", app.BackupSettings{Folder: file, KeepDaily: 7, KeepWeekly: 4},
			app.FieldBackupFolder, app.RuleNotWritable},
		{"relative folder", app.BackupSettings{Folder: "backups", KeepDaily: 7, KeepWeekly: 4},
			app.FieldBackupFolder, app.RuleNotAbsolute},
		{"no days", app.BackupSettings{KeepDaily: 0, KeepWeekly: 4}, app.FieldKeepDaily, app.RuleOutOfRange},
		{"too many weeks", app.BackupSettings{KeepDaily: 7, KeepWeekly: 53}, app.FieldKeepWeekly, app.RuleOutOfRange},
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := openTestStore(t)

			err := s.SaveBackupSettings(context.Background(), c.settings)
			if !errors.Is(err, app.ErrInvalid) {
				t.Errorf("error %v does not wrap app.ErrInvalid", err)
			}

			var invalid *app.PreferenceError
			if !errors.As(err, &invalid) {
				t.Fatalf("error %v is no *app.PreferenceError", err)
			}
			if invalid.Field != c.field {
				t.Errorf("field %s, want %s", invalid.Field, c.field)
			}
			if invalid.Rule != c.rule {
				t.Errorf("rule %d, want %d", invalid.Rule, c.rule)
			}

			stored, err := s.BackupSettings(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if stored != app.DefaultBackupSettings() {
				t.Errorf("a rejected save stored %+v", stored)
			}
		})
	}
}

func TestBackupsGoToChosenFolder(t *testing.T) {
	requireSQLite(t, "automatic backups go beside the database file")
	s := openTestStore(t)
	mustImport(t, s, sampleBatch())
	folder := filepath.Join(t.TempDir(), "elsewhere")
	saveBackupSettings(t, s, app.BackupSettings{Folder: folder, KeepDaily: 7, KeepWeekly: 4})

	if got := s.BackupDir(); got != folder {
		t.Errorf("BackupDir() = %s, want %s", got, folder)
	}

	daily, err := s.backupInto(context.Background(), kindDaily)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(daily) != folder {
		t.Errorf("daily backup written to %s, want it in %s", daily, folder)
	}

	manual, err := BackupFile(context.Background(), s.Path(), "")
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(manual) != folder {
		t.Errorf("manual backup of the backup command written to %s, want it in %s", manual, folder)
	}

	if names := backupNames(t, s.Path()); len(names) != 0 {
		t.Errorf("backups beside the database: %v, want none", names)
	}

	if got := newestGoodBackup(s.Path()); got != daily && got != manual {
		t.Errorf("newestGoodBackup = %q, want a backup in %s", got, folder)
	}
}

func TestDailyBackupAtOpenUsesChosenFolder(t *testing.T) {
	requireSQLite(t, "automatic backups go beside the database file")
	path := filepath.Join(t.TempDir(), "leadwerk.db")
	folder := filepath.Join(t.TempDir(), "daily")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	saveBackupSettings(t, s, app.BackupSettings{Folder: folder, KeepDaily: 7, KeepWeekly: 4})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	names := namesIn(t, folder)
	if len(names) != 1 || !strings.HasSuffix(names[0], "-daily.db") {
		t.Errorf("chosen folder holds %v, want one daily backup", names)
	}
}

func TestRotationKeepsChosenCounts(t *testing.T) {
	requireSQLite(t, "automatic backups go beside the database file")
	s := openTestStore(t)
	folder := filepath.Join(t.TempDir(), "rotated")
	saveBackupSettings(t, s, app.BackupSettings{Folder: folder, KeepDaily: 2, KeepWeekly: 1})

	// 1 January 2026 is a Thursday, so days 1 to 20 span four ISO weeks.
	for day := 1; day <= 20; day++ {
		s.now = func() time.Time { return time.Date(2026, 1, day, 9, 0, 0, 0, time.UTC) }
		if _, err := s.backupInto(context.Background(), kindDaily); err != nil {
			t.Fatal(err)
		}
	}

	want := []string{
		"leadwerk-20260118T090000.000Z-daily.db", // weekly: newest of week 3
		"leadwerk-20260119T090000.000Z-daily.db", // daily
		"leadwerk-20260120T090000.000Z-daily.db", // daily
	}
	got := namesIn(t, folder)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("backups after 20 days with 2 days and 1 week kept:\n got %v\nwant %v", got, want)
	}
}

func TestRotationWithNoWeeks(t *testing.T) {
	requireSQLite(t, "automatic backups go beside the database file")
	var backups []backupFile
	for day := 30; day >= 1; day-- {
		backups = append(backups, backupFile{at: time.Date(2026, 1, day, 9, 0, 0, 0, time.UTC), kind: kindDaily})
	}

	drop := backupsToDelete(backups, 1, 0)
	if len(drop) != 29 {
		t.Errorf("rotation with 1 day and no weeks dropped %d of 30 backups, want 29", len(drop))
	}
}

func TestUnwritableFolderFallsBackBesideDatabase(t *testing.T) {
	requireSQLite(t, "automatic backups go beside the database file")
	s := openTestStore(t)
	folder := filepath.Join(t.TempDir(), "drive")
	saveBackupSettings(t, s, app.BackupSettings{Folder: folder, KeepDaily: 7, KeepWeekly: 4})

	// The folder disappears and a file takes its name, as when a drive
	// is gone and its mount point is something else.
	if err := os.RemoveAll(folder); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(folder, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}

	written, err := s.backupInto(context.Background(), kindImport)
	if err != nil {
		t.Fatalf("automatic backup failed instead of falling back: %v", err)
	}
	if filepath.Dir(written) != BackupDir(s.Path()) {
		t.Errorf("automatic backup written to %s, want it beside the database in %s", written, BackupDir(s.Path()))
	}

	_, err = s.backupInto(context.Background(), kindManual)
	if err == nil {
		t.Fatal("manual backup into an unwritable folder succeeded")
	}
	if !strings.Contains(err.Error(), folder) || !strings.Contains(err.Error(), "Preferences") {
		t.Errorf("manual backup error %q does not name the folder and where to choose another", err)
	}
}
