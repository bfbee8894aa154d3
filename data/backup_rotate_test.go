package data

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
	"time"
)

func TestRotationOverSixtyDays(t *testing.T) {
	requireSQLite(t, "backups rotate beside the database file")
	s := openTestStore(t)
	dir := BackupDir(s.Path())
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}

	// Files that are not automatic backups of this database.
	foreign := []string{
		"notes.db",
		"leadwerk-20260105T090000Z-daily.db",
		"other-20260105T090000.000Z-daily.db",
		"leadwerk-20260105T090000.000Z-daily.db.bak",
	}
	for _, name := range foreign {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("not ours"), 0o600); err != nil {
			t.Fatal(err)
		}
	}

	at := func(day, hour int) time.Time {
		return time.Date(2026, 1, 5+day-1, hour, 0, 0, 0, time.UTC)
	}
	backUp := func(when time.Time, kind string) {
		t.Helper()
		s.now = func() time.Time { return when }
		if _, err := s.backupInto(context.Background(), kind); err != nil {
			t.Fatal(err)
		}
	}

	// Day 1 is Monday 5 January 2026 and day 60 Thursday 5 March.
	backUp(at(1, 8), kindManual)
	for day := 1; day <= 60; day++ {
		backUp(at(day, 9), kindDaily)
		switch day {
		case 47: // Friday 20 February: older than the week's newest
			backUp(at(day, 15), kindImport)
		case 58: // Tuesday 3 March: a second backup in the daily tier
			backUp(at(day, 15), kindImport)
		}
	}

	want := append([]string{
		// weekly: the newest of the four ISO weeks before the daily tier
		"leadwerk-20260208T090000.000Z-daily.db",
		"leadwerk-20260215T090000.000Z-daily.db",
		"leadwerk-20260222T090000.000Z-daily.db",
		"leadwerk-20260226T090000.000Z-daily.db",
		// daily: every backup of the last seven days
		"leadwerk-20260227T090000.000Z-daily.db",
		"leadwerk-20260228T090000.000Z-daily.db",
		"leadwerk-20260301T090000.000Z-daily.db",
		"leadwerk-20260302T090000.000Z-daily.db",
		"leadwerk-20260303T090000.000Z-daily.db",
		"leadwerk-20260303T150000.000Z-import.db",
		"leadwerk-20260304T090000.000Z-daily.db",
		"leadwerk-20260305T090000.000Z-daily.db",
		// manual backups are never rotated
		"leadwerk-20260105T080000.000Z-manual.db",
	}, foreign...)

	got := backupNames(t, s.Path())
	if !reflect.DeepEqual(got, sortedCopy(want)) {
		t.Errorf("backups after 60 days:\n got %v\nwant %v", got, sortedCopy(want))
	}
}

func TestBackupsToDeleteKeepsFewDays(t *testing.T) {
	requireSQLite(t, "backups rotate beside the database file")
	var backups []backupFile
	for day := 3; day >= 1; day-- {
		backups = append(backups, backupFile{at: time.Date(2026, 1, day, 9, 0, 0, 0, time.UTC), kind: kindDaily})
	}

	if drop := backupsToDelete(backups, 7, 4); len(drop) != 0 {
		t.Errorf("rotation of three days dropped %+v", drop)
	}
}

func sortedCopy(names []string) []string {
	sorted := append([]string(nil), names...)
	sort.Strings(sorted)

	return sorted
}
