package data

import (
	"context"
	"fmt"
	"log/slog"
)

// BackupFile writes a consistent copy of the database at dbPath to dest
// with VACUUM INTO and returns the path written. An empty dest writes a
// manual backup into the folder that the database's [app.BackupSettings]
// choose, by default backups beside the database. It opens the
// file read-only and takes no lock, so it also runs while a Leadwerk
// window has the database open, and copies the last committed state.
//
// For a postgres:// URL in dbPath it runs pg_dump instead (see
// dumpPostgres).
func BackupFile(ctx context.Context, dbPath, dest string) (string, error) {
	if isPostgresURL(dbPath) {
		return dumpPostgres(ctx, dbPath, dest)
	}

	db, err := openLeadwerkReadOnly(ctx, dbPath)
	if err != nil {
		return "", err
	}
	defer db.Close()

	if dest == "" {
		return backupIntoFolder(ctx, db, dbPath, kindManual, utcNow())
	}

	if err := vacuumInto(ctx, db, dest); err != nil {
		return "", fmt.Errorf("back up database %s: %w", dbPath, err)
	}
	slog.Info("database backed up", "path", dest, "kind", "file")

	return dest, nil
}

// Maintenance runs [BackupFile], [RestoreFile] and [Check] on a database
// named by its path, for callers that must not hold the database open,
// such as the command line.
type Maintenance struct{}

// Backup calls [BackupFile].
func (Maintenance) Backup(ctx context.Context, dbPath, dest string) (string, error) {
	return BackupFile(ctx, dbPath, dest)
}

// Restore calls [RestoreFile].
func (Maintenance) Restore(ctx context.Context, dbPath, src string) (string, error) {
	if isPostgresURL(dbPath) {
		return "", errPostgresRestore
	}

	return RestoreFile(ctx, dbPath, src)
}

// Check calls [Check].
func (Maintenance) Check(ctx context.Context, dbPath string) ([]string, error) {
	if isPostgresURL(dbPath) {
		return nil, errPostgresRestore
	}

	return Check(ctx, dbPath)
}
