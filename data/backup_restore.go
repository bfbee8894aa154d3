package data

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"leadwerk/app"
)

// Restore replaces the data of the open store with the backup at src and
// returns the path of the copy of the replaced data in the backups
// folder. It first checks src with [checkRestoreSource] and changes
// nothing when src is rejected. Statements of other goroutines wait while
// the file is replaced and then read the restored data. A backup of an
// older schema is migrated.
func (s *Store) Restore(ctx context.Context, src string) (string, error) {
	if s.backend.isPostgres() {
		return "", errPostgresRestore
	}

	start := time.Now()
	temp, err := copyRestoreSource(ctx, src, s.path)
	if err != nil {
		return "", err
	}
	defer os.Remove(temp)

	kept, err := s.backupInto(ctx, kindRestore)
	if err != nil {
		return "", fmt.Errorf("restore %s: keep the current data: %w", src, err)
	}

	if err := s.replaceOpenFile(ctx, temp); err != nil {
		return "", fmt.Errorf("restore %s into %s: %w", src, s.path, err)
	}

	if err := s.afterReplace(ctx); err != nil {
		return "", err
	}
	slog.Info("database restored", "from", src, "kept", kept, "duration", time.Since(start))

	return kept, nil
}

// replaceOpenFile moves temp over the store's file while it holds the one
// connection of the pool. It checkpoints the WAL, then replaces the file
// with the driver connection closed.
func (s *Store) replaceOpenFile(ctx context.Context, temp string) error {
	return s.withConnectionClosed(ctx, func(conn *sql.Conn) error {
		if _, err := conn.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
			return fmt.Errorf("checkpoint the WAL: %w", err)
		}

		return nil
	}, func() error {
		return replaceFile(s.path, temp)
	})
}

// withConnectionClosed takes the pool's one connection, runs before on
// it, closes the driver connection and runs swap, which may replace the
// database file. Returning driver.ErrBadConn from Raw then makes
// database/sql drop that connection, so the next statement opens a new
// one on the new file with the usual pragmas.
func (s *Store) withConnectionClosed(ctx context.Context, before func(*sql.Conn) error, swap func() error) error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}

	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()

	if err := before(conn); err != nil {
		return err
	}

	var swapErr error
	rawErr := conn.Raw(func(driverConn any) error {
		closer, ok := driverConn.(io.Closer)
		if !ok {
			swapErr = fmt.Errorf("the SQLite driver connection %T cannot be closed", driverConn)
			return nil
		}

		if err := closer.Close(); err != nil {
			swapErr = fmt.Errorf("close the database: %w", err)
			return driver.ErrBadConn
		}

		swapErr = swap()

		return driver.ErrBadConn
	})
	if rawErr != nil && !errors.Is(rawErr, driver.ErrBadConn) {
		return rawErr
	}

	return swapErr
}

// afterReplace migrates a restored older schema, checks the connection
// pragmas again and forgets what the caches learned from the old data.
func (s *Store) afterReplace(ctx context.Context) error {
	if err := migrate(ctx, s.db); err != nil {
		return wrapSQLiteError("migrate restored database", s.path, err)
	}

	if err := s.checkForeignKeys(); err != nil {
		return err
	}

	if kib := s.pageCacheKiB.Load(); kib != 0 {
		if err := s.applyPageCacheSize(ctx, int(kib)); err != nil {
			return err
		}
	}

	s.matchCounts.mu.Lock()
	s.matchCounts.counts = nil
	s.matchCounts.mu.Unlock()

	s.leadModel.mu.Lock()
	s.leadModel.state, s.leadModel.model, s.leadModel.err = "", nil, nil
	s.leadModel.mu.Unlock()

	return nil
}

// RestoreFile replaces the database at dbPath, which must not be open, with
// the backup at src, and returns the path of the copy of the replaced
// data, or "" when there was no data. It takes the database's lock, so it
// fails with an *InUseError while a Leadwerk window has the file open. It
// also works on a damaged database, whose bytes it copies into the
// backups folder as a damaged copy. A file at dbPath that is not a
// Leadwerk database is never replaced. The next [Open] migrates a backup of
// an older schema.
func RestoreFile(ctx context.Context, dbPath, src string) (string, error) {
	lock, err := lockDatabase(dbPath)
	if err != nil {
		return "", err
	}
	defer lock.release()

	temp, err := copyRestoreSource(ctx, src, dbPath)
	if err != nil {
		return "", err
	}
	defer os.Remove(temp)

	kept, err := keepCurrentFile(ctx, dbPath)
	if err != nil {
		return "", fmt.Errorf("restore %s: keep the current data: %w", src, err)
	}

	if err := replaceFile(dbPath, temp); err != nil {
		return "", fmt.Errorf("restore %s into %s: %w", src, dbPath, err)
	}
	slog.Info("database restored", "from", src, "kept", kept)

	return kept, nil
}

// keepCurrentFile saves the database at dbPath before a restore: a sound
// file as a VACUUM INTO backup, a damaged one as a byte copy of the file
// and its WAL. A missing or empty file has nothing to keep.
func keepCurrentFile(ctx context.Context, dbPath string) (string, error) {
	info, err := os.Stat(dbPath)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && info.Size() == 0) {
		return "", nil
	}
	if err != nil {
		return "", err
	}

	checkErr := quickCheckFile(ctx, dbPath)
	if errors.Is(checkErr, app.ErrNotDatabase) {
		return "", fmt.Errorf("%w; Leadwerk replaces only its own databases", checkErr)
	}
	if checkErr != nil {
		slog.Warn("database to be replaced failed its check; copying its bytes", "path", dbPath, "err", checkErr)
		return copyDamaged(dbPath, time.Now())
	}

	db, err := openReadOnly(ctx, dbPath)
	if err != nil {
		return "", err
	}
	defer db.Close()

	return backupIntoFolder(ctx, db, dbPath, kindRestore, time.Now())
}

// copyDamaged copies the bytes of the database at dbPath, and of its WAL
// when there is one, into the backups folder beside it and returns the
// copy's path. It never uses a chosen backup folder, because the damaged
// file's settings cannot be trusted.
func copyDamaged(dbPath string, now time.Time) (string, error) {
	dir := BackupDir(dbPath)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create backup folder %s: %w", dir, pathErrorCause(err))
	}

	dest := freeBackupPath(dir, dbPath, now, kindDamaged)
	if err := copyFile(dbPath, dest); err != nil {
		return "", err
	}

	err := copyFile(dbPath+"-wal", dest+"-wal")
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}

	return dest, nil
}

// copyFile copies src to the new file dest with mode 0600 and flushes it.
func copyFile(src, dest string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()

	out, err := os.OpenFile(dest, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("create %s: %w", dest, pathErrorCause(err))
	}

	_, copyErr := io.Copy(out, in)
	syncErr := out.Sync()
	closeErr := out.Close()
	if err := errors.Join(copyErr, syncErr, closeErr); err != nil {
		_ = os.Remove(dest)
		return fmt.Errorf("copy %s to %s: %w", src, dest, err)
	}

	return nil
}

// copyRestoreSource checks src with [checkRestoreSource] and writes a
// compacted copy of it beside dbPath, in the same folder so that the
// final rename cannot cross file systems. The copy includes what src's
// own WAL holds. The caller removes the returned file.
func copyRestoreSource(ctx context.Context, src, dbPath string) (string, error) {
	db, err := checkRestoreSource(ctx, src)
	if err != nil {
		return "", err
	}
	defer db.Close()

	temp := filepath.Join(filepath.Dir(dbPath),
		"."+filepath.Base(dbPath)+".restore-"+strconv.FormatInt(time.Now().UnixNano(), 36))
	if err := vacuumInto(ctx, db, temp); err != nil {
		return "", fmt.Errorf("restore %s: %w", src, err)
	}

	return temp, nil
}

// checkRestoreSource opens src read-only and returns it when it is a
// Leadwerk database (schema_migrations and the main tables), passes
// PRAGMA integrity_check and has a schema no newer than this Leadwerk's.
// A rejected src wraps [app.ErrNotDatabase], for a file of another kind,
// or [app.ErrInvalid], for a damaged file or a newer schema.
func checkRestoreSource(ctx context.Context, src string) (*sql.DB, error) {
	db, err := openLeadwerkReadOnly(ctx, src)
	if isIntegrityError(err) {
		return nil, restoreSourceError(src, app.RestoreDamaged,
			fmt.Errorf("backup %s is damaged and cannot be restored (%v); choose another backup: %w",
				src, err, app.ErrInvalid))
	}
	if err != nil {
		return nil, restoreSourceError(src, restoreProblemOf(err), fmt.Errorf("cannot restore %s: %w", src, err))
	}

	if err := checkRestorable(ctx, db, src); err != nil {
		_ = db.Close()
		return nil, err
	}

	return db, nil
}

// restoreSourceError wraps err as an [app.RestoreSourceError], so window
// and command line can name what is wrong with the chosen file.
func restoreSourceError(src string, problem app.RestoreProblem, err error) error {
	return &app.RestoreSourceError{Path: src, Problem: problem, Err: err}
}

// restoreProblemOf distinguishes a file of another kind from one that
// cannot be read, for the errors of opening a restore source.
func restoreProblemOf(err error) app.RestoreProblem {
	if errors.Is(err, app.ErrNotDatabase) {
		return app.RestoreNotLeadwerk
	}

	return app.RestoreMissing
}

// checkRestorable runs the integrity and version checks of
// checkRestoreSource on the open src.
func checkRestorable(ctx context.Context, db *sql.DB, src string) error {
	problems, err := checkRows(ctx, db, "integrity_check")
	if sqliteCode(err) == sqliteCorrupt {
		problems, err = []string{err.Error()}, nil
	}
	if err != nil {
		return wrapSQLiteError("check the integrity of", src, err)
	}
	if problems != nil {
		return restoreSourceError(src, app.RestoreDamaged,
			fmt.Errorf("backup %s is damaged and cannot be restored (%s); choose another backup: %w",
				src, summarizeProblems(problems), app.ErrInvalid))
	}

	var version int
	if err := db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).
		Scan(&version); err != nil {
		return wrapSQLiteError("read the schema version of", src, err)
	}

	latest := migrations[len(migrations)-1].version
	if version > latest {
		return restoreSourceError(src, app.RestoreNewer,
			fmt.Errorf("backup %s has schema version %d, newer than the %d this Leadwerk knows; "+
				"restore it with a newer Leadwerk: %w", src, version, latest, app.ErrInvalid))
	}

	return nil
}

// replaceFile moves temp over dbPath while no connection has dbPath
// open. The old WAL and shared-memory files go first: SQLite would
// otherwise replay the old WAL onto the restored file. The caller has
// checkpointed that WAL, or copied it away for a damaged file.
func replaceFile(dbPath, temp string) error {
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(dbPath + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove %s: %w", dbPath+suffix, err)
		}
	}

	if err := os.Rename(temp, dbPath); err != nil {
		return fmt.Errorf("move the restored copy into place: %w", err)
	}

	syncDir(filepath.Dir(dbPath))

	return nil
}

// syncDir flushes the folder entry of a rename to the disk. Windows
// cannot open a folder for this and makes renames durable itself, so the
// error is ignored there and elsewhere.
func syncDir(dir string) {
	f, err := os.Open(dir)
	if err != nil {
		return
	}

	_ = f.Sync()
	_ = f.Close()
}
