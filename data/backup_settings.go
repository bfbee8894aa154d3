package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"

	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/gorm"

	"leadwerk/app"
)

// The settings keys of [app.BackupSettings], one per field like those of
// [app.Preferences].
const (
	settingBackupFolder     = "backup_folder"
	settingBackupKeepDaily  = "backup_keep_daily"
	settingBackupKeepWeekly = "backup_keep_weekly"
)

// BackupSettings returns the stored backup settings, with the field of
// [app.DefaultBackupSettings] for each key that was never saved.
func (s *Store) BackupSettings(ctx context.Context) (app.BackupSettings, error) {
	sqlDB, err := s.db.DB()
	if err != nil {
		return app.BackupSettings{}, fmt.Errorf("read backup settings: %w", err)
	}

	return readBackupSettings(ctx, sqlDB)
}

// SaveBackupSettings stores b in one transaction after checking it with
// [app.BackupSettings.Validate] and, for a chosen folder, by creating the
// folder and a test file in it. A rejected value returns an
// *[app.PreferenceError], which wraps [app.ErrInvalid], and stores
// nothing. The folder is stored cleaned, such as /srv/backups for
// /srv/backups/.
func (s *Store) SaveBackupSettings(ctx context.Context, b app.BackupSettings) error {
	b = b.Normalized()
	if err := b.Validate(); err != nil {
		return fmt.Errorf("save backup settings: %w", err)
	}

	if b.Folder != "" {
		if err := checkBackupFolder(b.Folder); err != nil {
			return fmt.Errorf("save backup settings: %w", err)
		}
	}

	now := s.now()
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		values := []struct {
			key   string
			value any
		}{
			{settingBackupFolder, b.Folder},
			{settingBackupKeepDaily, b.KeepDaily},
			{settingBackupKeepWeekly, b.KeepWeekly},
		}

		for _, v := range values {
			if err := writeSetting(tx, v.key, v.value, now); err != nil {
				return err
			}
		}

		return nil
	})
	if err != nil {
		return fmt.Errorf("save backup settings: %w", err)
	}
	slog.Info("backup settings saved", "folder", b.Folder, "keep_daily", b.KeepDaily, "keep_weekly", b.KeepWeekly)

	return nil
}

// checkBackupFolder creates dir when it is missing and writes and removes
// a test file in it. It returns an *[app.PreferenceError] with
// [app.RuleNotWritable] when either fails, with the cause in its Reason.
func checkBackupFolder(dir string) error {
	notWritable := func(err error) error {
		return &app.PreferenceError{Field: app.FieldBackupFolder, Rule: app.RuleNotWritable, Value: dir,
			Reason: fmt.Sprintf("cannot be created or written (%v)", pathErrorCause(err))}
	}

	if err := os.MkdirAll(dir, 0o700); err != nil {
		return notWritable(err)
	}

	probe, err := os.CreateTemp(dir, ".leadwerk-write-test-*")
	if err != nil {
		return notWritable(err)
	}

	closeErr := probe.Close()
	removeErr := os.Remove(probe.Name())
	if err := errors.Join(closeErr, removeErr); err != nil {
		return notWritable(err)
	}

	return nil
}

// readBackupSettings reads the backup settings from the settings table
// of db, which may be a read-only connection. A database from before the
// settings table has the defaults.
func readBackupSettings(ctx context.Context, db *sql.DB) (app.BackupSettings, error) {
	b := app.DefaultBackupSettings()

	query := `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'settings'`
	if _, postgres := db.Driver().(*stdlib.Driver); postgres {
		query = `SELECT COUNT(*) FROM information_schema.tables
			WHERE table_schema = current_schema() AND table_name = 'settings'`
	}

	var tables int
	err := db.QueryRowContext(ctx, query).Scan(&tables)
	if err != nil {
		return b, fmt.Errorf("read backup settings: %w", err)
	}
	if tables == 0 {
		return b, nil
	}

	fields := []struct {
		key   string
		value any
	}{
		{settingBackupFolder, &b.Folder},
		{settingBackupKeepDaily, &b.KeepDaily},
		{settingBackupKeepWeekly, &b.KeepWeekly},
	}
	for _, f := range fields {
		if err := readRawSetting(ctx, db, f.key, f.value); err != nil {
			return app.DefaultBackupSettings(), fmt.Errorf("read backup settings: %w", err)
		}
	}

	return b, nil
}

// readRawSetting decodes the JSON value of key into v and leaves v as it
// is when the key was never saved.
func readRawSetting(ctx context.Context, db *sql.DB, key string, v any) error {
	var text string
	err := db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read setting %s: %w", key, err)
	}

	if err := json.Unmarshal([]byte(text), v); err != nil {
		return fmt.Errorf("read setting %s: %w", key, err)
	}

	return nil
}

// backupSettingsOf returns the backup settings of db, or the defaults
// when they cannot be read or break their rules, because a backup is
// better written beside the database than not at all.
func backupSettingsOf(ctx context.Context, db *sql.DB, dbPath string) app.BackupSettings {
	b, err := readBackupSettings(ctx, db)
	if err == nil {
		err = b.Validate()
	}
	if err != nil {
		slog.Warn("backup settings unreadable, so the defaults apply", "database", dbPath, "err", err)
		return app.DefaultBackupSettings()
	}

	return b
}

// backupSettingsOfFile returns the backup settings of the database at
// dbPath, read through a read-only connection, or the defaults when the
// file cannot be read, such as a damaged database.
func backupSettingsOfFile(ctx context.Context, dbPath string) app.BackupSettings {
	db, err := openReadOnly(ctx, dbPath)
	if err != nil {
		return app.DefaultBackupSettings()
	}
	defer db.Close()

	return backupSettingsOf(ctx, db, dbPath)
}

// backupDirFor returns the folder that b chooses for the backups of the
// database at dbPath.
func backupDirFor(dbPath string, b app.BackupSettings) string {
	if b.Folder == "" {
		return BackupDir(dbPath)
	}

	return b.Folder
}

// backupDirs returns the folders that may hold backups of the database at
// dbPath: the chosen one, and the one beside the database, which receives
// the automatic backups while the chosen one cannot be written.
func backupDirs(dbPath string, b app.BackupSettings) []string {
	chosen := backupDirFor(dbPath, b)
	if chosen == BackupDir(dbPath) {
		return []string{chosen}
	}

	return []string{chosen, BackupDir(dbPath)}
}
