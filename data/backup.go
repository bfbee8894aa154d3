package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"leadwerk/app"
)

// backupFolder is the folder beside the database that holds its backups
// unless [app.BackupSettings] choose another.
const backupFolder = "backups"

// backupTimeLayout is the UTC timestamp in a backup's name, to the
// millisecond so that a backup before an import does not collide with
// the daily one of the same second.
const backupTimeLayout = "20060102T150405.000Z"

// Backup kinds, the last part of a backup's name. Rotation deletes only
// the automatic kinds: daily, migration, import and restore.
const (
	kindDaily     = "daily"
	kindMigration = "migration"
	kindImport    = "import"
	// kindRestore is the copy of the current data made before a restore
	// replaces it.
	kindRestore = "restore"
	// kindManual is a backup the person asked for; rotation keeps it.
	kindManual = "manual"
	// kindDamaged is a byte copy of a database that failed its integrity
	// check, made before a restore replaces it. Rotation keeps it, and it
	// is never offered for a restore.
	kindDamaged = "damaged"
)

// backupFile is one backup of ours in the backups folder.
type backupFile struct {
	path string
	// at is the UTC time in the name.
	at   time.Time
	kind string
}

// BackupDir returns the default folder for the backups of the database
// at dbPath: backups, beside the database file.
func BackupDir(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), backupFolder)
}

// backupBase returns the database file name without its extension, the
// first part of every backup name, so that two databases in one folder
// never rotate each other's backups.
func backupBase(dbPath string) string {
	name := filepath.Base(dbPath)

	return strings.TrimSuffix(name, filepath.Ext(name))
}

// backupPath returns the backup file in dir of dbPath for the time at and
// kind, such as backups/leadwerk-20260305T090000.000Z-daily.db.
func backupPath(dir, dbPath string, at time.Time, kind string) string {
	name := backupBase(dbPath) + "-" + at.UTC().Format(backupTimeLayout) + "-" + kind + ".db"

	return filepath.Join(dir, name)
}

// backupNamePattern matches the names that backupPath writes for the
// database base name and nothing else.
func backupNamePattern(base string) *regexp.Regexp {
	return regexp.MustCompile(`^` + regexp.QuoteMeta(base) +
		`-(\d{8}T\d{6}\.\d{3}Z)-(daily|migration|import|restore|manual|damaged)\.db$`)
}

// listBackups returns the backups of the database at dbPath in the
// folders dirs, newest first. Files whose names do not match the pattern
// exactly are not ours and are left out. A missing folder has no backups.
func listBackups(dbPath string, dirs ...string) ([]backupFile, error) {
	pattern := backupNamePattern(backupBase(dbPath))
	var backups []backupFile
	for _, dir := range dirs {
		found, err := listBackupsIn(dir, pattern)
		if err != nil {
			return nil, err
		}
		backups = append(backups, found...)
	}

	sort.Slice(backups, func(i, j int) bool { return backups[i].at.After(backups[j].at) })

	return backups, nil
}

func listBackupsIn(dir string, pattern *regexp.Regexp) ([]backupFile, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list backups in %s: %w", dir, err)
	}

	var backups []backupFile
	for _, entry := range entries {
		match := pattern.FindStringSubmatch(entry.Name())
		if match == nil || !entry.Type().IsRegular() {
			continue
		}

		at, err := time.Parse(backupTimeLayout, match[1])
		if err != nil {
			continue
		}
		backups = append(backups, backupFile{path: filepath.Join(dir, entry.Name()), at: at, kind: match[2]})
	}

	return backups, nil
}

// newestGoodBackup returns the newest backup of dbPath, other than a
// damaged copy, that passes SQLite's quick check, or "" when there is
// none. It looks in the chosen backup folder when the settings of the
// damaged database can still be read, and always in the folder beside
// the database.
func newestGoodBackup(dbPath string) string {
	settings := backupSettingsOfFile(context.Background(), dbPath)
	backups, err := listBackups(dbPath, backupDirs(dbPath, settings)...)
	if err != nil {
		slog.Warn("backups could not be listed", "err", err)
		return ""
	}

	for _, b := range backups {
		if b.kind == kindDamaged {
			continue
		}

		if err := quickCheckFile(context.Background(), b.path); err != nil {
			slog.Warn("backup skipped for restore", "path", b.path, "err", err)
			continue
		}

		return b.path
	}

	return ""
}

// quickCheckFile opens path read-only and runs PRAGMA quick_check.
func quickCheckFile(ctx context.Context, path string) error {
	db, err := openLeadwerkReadOnly(ctx, path)
	if err != nil {
		return err
	}
	defer db.Close()

	problems, err := checkRows(ctx, db, "quick_check")
	if err != nil {
		return damagedError(path, fmt.Errorf("check %s: %w", path, err))
	}
	if problems != nil {
		return &IntegrityError{Path: path, Problems: problems}
	}

	return nil
}

// Backup writes a consistent copy of the database to dest with SQLite's
// VACUUM INTO and returns the path written. An empty dest writes a new
// file into the backup folder of [app.BackupSettings], which rotation
// never deletes. The copy is made while the store stays open and is readable by
// the user only (mode 0600). An existing, non-empty dest is never
// overwritten.
//
// On PostgreSQL it runs pg_dump instead (see dumpPostgres), and an empty
// dest writes into [PostgresBackupDir].
func (s *Store) Backup(ctx context.Context, dest string) (string, error) {
	if s.backend.isPostgres() {
		return dumpPostgres(ctx, s.path, dest)
	}

	if dest == "" {
		return s.backupInto(ctx, kindManual)
	}

	sqlDB, err := s.db.DB()
	if err != nil {
		return "", fmt.Errorf("back up database %s: %w", s.path, err)
	}

	if err := vacuumInto(ctx, sqlDB, dest); err != nil {
		return "", fmt.Errorf("back up database %s: %w", s.path, err)
	}

	slog.Info("database backed up", "path", dest, "kind", "file")

	return dest, nil
}

// backupInto writes a backup of kind into the backup folder, rotates the
// automatic backups and returns the new file's path. A failed rotation is
// logged, because the new backup exists all the same.
func (s *Store) backupInto(ctx context.Context, kind string) (string, error) {
	sqlDB, err := s.db.DB()
	if err != nil {
		return "", fmt.Errorf("back up database %s: %w", s.path, err)
	}

	return backupIntoFolder(ctx, sqlDB, s.path, kind, s.now())
}

// backupIntoFolder writes the backup of db, the database at dbPath, for
// kind and the time now into the folder that db's [app.BackupSettings]
// choose, and rotates that folder with their counts. When the chosen
// folder cannot take an automatic backup, such as an unplugged drive, the
// backup goes into the folder beside the database instead, so that a
// migration or import never runs without one. A manual backup fails
// instead, because the person waits for it and can choose again.
func backupIntoFolder(ctx context.Context, db *sql.DB, dbPath, kind string, now time.Time) (string, error) {
	settings := backupSettingsOf(ctx, db, dbPath)
	dir := backupDirFor(dbPath, settings)
	dest, err := writeBackup(ctx, db, dir, dbPath, kind, now)
	if err != nil && settings.Folder != "" && kind != kindManual {
		fallback := BackupDir(dbPath)
		slog.Warn("backup folder failed, so the backup goes beside the database",
			"folder", dir, "fallback", fallback, "kind", kind, "err", err)
		dir = fallback
		dest, err = writeBackup(ctx, db, dir, dbPath, kind, now)
	}
	if err != nil && settings.Folder != "" {
		return "", fmt.Errorf("%w; choose another backup folder under Settings → Preferences", err)
	}
	if err != nil {
		return "", err
	}

	if kind != kindManual {
		if err := rotateBackups(dir, dbPath, settings); err != nil {
			slog.Error("backup rotation failed", "folder", dir, "err", err)
		}
	}

	return dest, nil
}

// writeBackup creates dir when it is missing and writes the backup of db
// for kind and now into it.
func writeBackup(ctx context.Context, db *sql.DB, dir, dbPath, kind string, now time.Time) (string, error) {
	start := time.Now()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create backup folder %s: %w", dir, pathErrorCause(err))
	}

	dest := freeBackupPath(dir, dbPath, now, kind)
	if err := vacuumInto(ctx, db, dest); err != nil {
		return "", fmt.Errorf("back up database %s: %w", dbPath, err)
	}
	slog.Info("database backed up", "path", dest, "kind", kind, "duration", time.Since(start))

	return dest, nil
}

// freeBackupPath returns a backup path in dir for now that no file has
// yet, moving on by a millisecond while the name is taken.
func freeBackupPath(dir, dbPath string, now time.Time, kind string) string {
	for {
		dest := backupPath(dir, dbPath, now, kind)
		if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
			return dest
		}
		now = now.Add(time.Millisecond)
	}
}

// vacuumInto creates dest with mode 0600 and fills it with a compacted,
// consistent copy of db's main database. SQLite accepts an existing empty
// file as the target, so the copy is never readable by others, not even
// for a moment. A failed copy removes dest again.
func vacuumInto(ctx context.Context, db *sql.DB, dest string) error {
	file, err := os.OpenFile(dest, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("file %s already exists; choose another name", dest)
	}
	if err != nil {
		return fmt.Errorf("create %s: %w", dest, pathErrorCause(err))
	}
	if err := file.Close(); err != nil {
		return fmt.Errorf("create %s: %w", dest, err)
	}

	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", dest); err != nil {
		_ = os.Remove(dest)
		return fmt.Errorf("copy into %s: %w", dest, err)
	}

	if err := syncFile(dest); err != nil {
		_ = os.Remove(dest)
		return err
	}

	return nil
}

// syncFile flushes path's content to the disk.
func syncFile(path string) error {
	file, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("open %s to flush it: %w", path, pathErrorCause(err))
	}

	syncErr := file.Sync()
	closeErr := file.Close()
	if err := errors.Join(syncErr, closeErr); err != nil {
		return fmt.Errorf("flush %s: %w", path, err)
	}

	return nil
}

// schemaState returns the database's schema version, 0 for a database
// without schema_migrations, which is a new file.
func (s *Store) schemaState(ctx context.Context) (int, error) {
	var exists int64
	err := s.db.WithContext(ctx).
		Raw(`SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).
		Scan(&exists).Error
	if err != nil {
		return 0, wrapSQLiteError("look for schema_migrations in", s.path, err)
	}
	if exists == 0 {
		return 0, nil
	}

	return s.SchemaVersion(ctx)
}

// backUpBeforeMigrations copies the database into the backups folder when
// migrations that change a file are pending (see lastSQLiteChange). A new
// database, version 0, has nothing to keep, and a newer schema is left for
// migrate to reject. A failed backup stops the migration.
func (s *Store) backUpBeforeMigrations(ctx context.Context, version int) error {
	if version == 0 || version >= lastSQLiteChange() {
		return nil
	}

	_, err := s.backupInto(ctx, kindMigration)

	return err
}

// backUpDaily writes the day's backup of db, the store's database, on
// the first open of a UTC day, that is when no backup of the current UTC
// day exists yet. A new database is skipped. A failure is logged and the
// store stays usable, because refusing to open would keep the person from
// their data.
// NOTE: a daily backup that fails is only logged, so the person learns
// of it only through the log.
func (s *Store) backUpDaily(ctx context.Context, db *sql.DB) {
	if s.newFile {
		return
	}

	settings := backupSettingsOf(ctx, db, s.path)
	backups, err := listBackups(s.path, backupDirs(s.path, settings)...)
	if err != nil {
		slog.Error("daily backup skipped", "err", err)
		return
	}

	today := s.now().UTC().Format(time.DateOnly)
	for _, b := range backups {
		if b.kind != kindDamaged && b.at.Format(time.DateOnly) == today {
			return
		}
	}

	if _, err := backupIntoFolder(ctx, db, s.path, kindDaily, s.now()); err != nil {
		slog.Error("daily backup failed", "err", err)
	}
}

// backupBeforeImport copies the database into the backups folder before
// an import changes it. An empty database (no companies, leads or
// opportunities) is not copied. Import paths call it before their
// transaction and stop when it fails, so no import runs without a
// backup of the data it changes.
//
// NOTE: on PostgreSQL no copy is made, because a dump of a shared
// database on each import would be slow and is the server's backup job.
// The import still runs in one transaction that rolls back whole.
func (s *Store) backupBeforeImport(ctx context.Context) error {
	if s.backend.isPostgres() {
		return nil
	}

	empty, err := s.IsEmpty(ctx)
	if err != nil {
		return err
	}
	if empty {
		return nil
	}

	if _, err := s.backupInto(ctx, kindImport); err != nil {
		return fmt.Errorf("back up before import: %w", err)
	}

	return nil
}

// checkBeforeMigrations runs the quick check and the backup when
// migrations that change a file are pending, and returns the schema
// version found, 0 for a new database, and whether the quick check ran.
func (s *Store) checkBeforeMigrations(ctx context.Context) (int, bool, error) {
	version, err := s.schemaState(ctx)
	if err != nil {
		return 0, false, damagedError(s.path, err)
	}

	if version >= lastSQLiteChange() {
		return version, false, nil
	}

	if err := s.quickCheck(ctx); err != nil {
		return 0, false, err
	}

	if err := s.backUpBeforeMigrations(ctx, version); err != nil {
		return 0, false, fmt.Errorf("database %s was not migrated: %w", s.path, err)
	}

	return version, true, nil
}

// BackupDir returns the folder that receives the store's backups: the one
// chosen in its [app.BackupSettings], else backups beside the database.
func (s *Store) BackupDir() string {
	return backupDirFor(s.path, s.backupSettings(context.Background()))
}

// backupSettings returns the store's backup settings, or the defaults
// when they cannot be read.
func (s *Store) backupSettings(ctx context.Context) app.BackupSettings {
	sqlDB, err := s.db.DB()
	if err != nil {
		return app.DefaultBackupSettings()
	}

	return backupSettingsOf(ctx, sqlDB, s.path)
}
