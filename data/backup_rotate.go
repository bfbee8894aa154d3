package data

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"leadwerk/app"
)

// rotateBackups deletes the automatic backups of dbPath in dir that
// [backupsToDelete] selects with the counts of settings. Only files whose
// names match the backup pattern of this database are considered.
func rotateBackups(dir, dbPath string, settings app.BackupSettings) error {
	backups, err := listBackups(dbPath, dir)
	if err != nil {
		return err
	}

	var errs []error
	for _, b := range backupsToDelete(backups, settings.KeepDaily, settings.KeepWeekly) {
		if err := os.Remove(b.path); err != nil {
			errs = append(errs, fmt.Errorf("delete old backup: %w", err))
			continue
		}
		slog.Info("old backup deleted", "path", b.path, "kind", b.kind)
	}

	return errors.Join(errs...)
}

// backupsToDelete returns the automatic backups that rotation drops from
// backups, which must be sorted newest first. It keeps two tiers. The
// daily tier is every automatic backup made on one of the keepDays most
// recent UTC days that have a backup, so a backup before an import
// survives a later one on the same day. The weekly tier is, among the
// older automatic backups, the newest of each of the keepWeeks most
// recent ISO 8601 weeks (Monday to Sunday, UTC). Manual and damaged
// copies are never deleted.
func backupsToDelete(backups []backupFile, keepDays, keepWeeks int) []backupFile {
	days := map[string]bool{}
	weeks := map[[2]int]bool{}
	var drop []backupFile

	for _, b := range backups {
		if !isAutomatic(b.kind) {
			continue
		}

		day := b.at.UTC().Format(time.DateOnly)
		if days[day] || len(days) < keepDays {
			days[day] = true
			continue
		}

		year, week := b.at.UTC().ISOWeek()
		key := [2]int{year, week}
		if !weeks[key] && len(weeks) < keepWeeks {
			weeks[key] = true
			continue
		}

		drop = append(drop, b)
	}

	return drop
}

func isAutomatic(kind string) bool {
	switch kind {
	case kindDaily, kindMigration, kindImport, kindRestore:
		return true
	default:
		return false
	}
}
