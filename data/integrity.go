package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"leadwerk/app"
)

// sqliteCorrupt is SQLITE_CORRUPT, returned when SQLite meets a damaged
// page while reading.
const sqliteCorrupt = 11

// maxReportedProblems caps the rows that quick_check and integrity_check
// return, so a badly damaged file does not flood a message.
const maxReportedProblems = 20

// leadwerkTables are tables that every Leadwerk schema has. A restore
// source without them is not a Leadwerk database, even with a
// schema_migrations table.
var leadwerkTables = []string{"schema_migrations", "pipelines", "stages", "companies", "leads", "opportunities"}

// IntegrityError is returned by [Open] when SQLite's quick check finds
// the database damaged. Open neither migrates nor backs up such a file.
type IntegrityError struct {
	// Path is the damaged database file.
	Path string
	// Problems are the rows of PRAGMA quick_check, or SQLite's error when
	// the file could not be read at all.
	Problems []string
	// NewestBackup is the newest backup of the database that passes its
	// own quick check, or "" when there is none.
	NewestBackup string
}

func (e *IntegrityError) Error() string {
	msg := fmt.Sprintf("database %s is damaged: %s", e.Path, summarizeProblems(e.Problems))
	if e.NewestBackup == "" {
		return msg + "; no good backup was found beside it"
	}

	return msg + "; restore the newest good backup, " + e.NewestBackup
}

// RestoreCandidate returns NewestBackup. Packages that cannot import
// data, such as the command line, find the backup through this method.
func (e *IntegrityError) RestoreCandidate() string {
	return e.NewestBackup
}

// summarizeProblems returns the first problem and how many follow.
func summarizeProblems(problems []string) string {
	switch len(problems) {
	case 0:
		return "unknown problem"
	case 1:
		return problems[0]
	default:
		return fmt.Sprintf("%s (and %d more problems)", problems[0], len(problems)-1)
	}
}

// damagedError returns an *IntegrityError for a SQLITE_CORRUPT error in
// err's chain, and err unchanged otherwise.
func damagedError(path string, err error) error {
	if sqliteCode(err) != sqliteCorrupt {
		return err
	}

	return &IntegrityError{Path: path, Problems: []string{err.Error()}, NewestBackup: newestGoodBackup(path)}
}

// queryer is the part of *sql.DB and *sql.Conn that the checks use.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// checkRows runs an integrity pragma and returns its rows, or nil when
// the only row is "ok".
func checkRows(ctx context.Context, db queryer, pragma string) ([]string, error) {
	rows, err := db.QueryContext(ctx, fmt.Sprintf("PRAGMA %s(%d)", pragma, maxReportedProblems))
	if err != nil {
		return nil, err
	}
	defer rows.Close()

	var problems []string
	for rows.Next() {
		var row string
		if err := rows.Scan(&row); err != nil {
			return nil, err
		}
		problems = append(problems, problemLines(row)...)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}

	if len(problems) == 1 && problems[0] == "ok" {
		return nil, nil
	}

	return problems, nil
}

// problemLines splits one row of an integrity pragma into its lines.
// SQLite puts several problems into one row, after a "*** in database
// main ***" heading, which is dropped.
func problemLines(row string) []string {
	var lines []string
	for _, line := range strings.Split(row, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "*** in database") {
			continue
		}
		lines = append(lines, line)
	}

	return lines
}

// quickCheck runs PRAGMA quick_check on the open store and returns an
// *IntegrityError when it finds a problem. The check reads every page but
// skips the comparison of indexes with their tables.
func (s *Store) quickCheck(ctx context.Context) error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return fmt.Errorf("check database %s: %w", s.path, err)
	}

	return checkOpenFile(ctx, sqlDB, s.path)
}

// foreignKeyProblems describes each row of PRAGMA foreign_key_check,
// such as "activities row 12 refers to a missing row of opportunities".
func foreignKeyProblems(ctx context.Context, db queryer) ([]string, error) {
	rows, err := db.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return nil, err
	}
	defer rows.Close()

	var problems []string
	for rows.Next() {
		var (
			table, parent string
			rowid         sql.NullInt64
			fkid          int
		)
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return nil, err
		}
		problems = append(problems, fmt.Sprintf("%s row %d refers to a missing row of %s", table, rowid.Int64, parent))
	}

	return problems, rows.Err()
}

// Check runs SQLite's full integrity check and its foreign key check on
// the database at path and returns every problem found, or nil for a
// sound file. It opens the file read-only and takes no lock, so it also
// runs while a Leadwerk window has the database open. It then checks the
// last committed state. A file that is not a Leadwerk database wraps
// [app.ErrNotDatabase].
func Check(ctx context.Context, path string) ([]string, error) {
	db, err := openLeadwerkReadOnly(ctx, path)
	var damaged *IntegrityError
	if errors.As(err, &damaged) {
		return damaged.Problems, nil
	}
	if err != nil {
		return nil, err
	}
	defer db.Close()

	problems, err := checkRows(ctx, db, "integrity_check")
	if sqliteCode(err) == sqliteCorrupt {
		return []string{err.Error()}, nil
	}
	if err != nil {
		return nil, wrapSQLiteError("check the integrity of", path, err)
	}

	keys, err := foreignKeyProblems(ctx, db)
	if sqliteCode(err) == sqliteCorrupt {
		return append(problems, err.Error()), nil
	}
	if err != nil {
		return nil, wrapSQLiteError("check the foreign keys of", path, err)
	}

	return append(problems, keys...), nil
}

// openReadOnly opens the SQLite file at path read-only on one connection,
// after checking that it exists and starts with the SQLite header.
func openReadOnly(ctx context.Context, path string) (*sql.DB, error) {
	if err := checkExists(path); err != nil {
		return nil, err
	}

	if err := checkHeader(path); err != nil {
		return nil, err
	}

	db, err := sql.Open("sqlite", readOnlyURI(path))
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)

	pragma := fmt.Sprintf("PRAGMA busy_timeout = %d", busyTimeout.Milliseconds())
	if _, err := db.ExecContext(ctx, pragma); err != nil {
		_ = db.Close()
		return nil, wrapSQLiteError("open database", path, err)
	}

	return db, nil
}

// checkExists returns an error naming path when it is missing, empty or
// a folder: nothing that could be backed up, checked or restored.
func checkExists(path string) error {
	info, err := os.Stat(path)
	switch {
	case err != nil:
		return fmt.Errorf("cannot read database %s: %w", path, pathErrorCause(err))
	case info.IsDir():
		return fmt.Errorf("database path %s is a directory, not a file: %w", path, app.ErrInvalid)
	case info.Size() == 0:
		return fmt.Errorf("database %s is empty: %w", path, app.ErrNotDatabase)
	default:
		return nil
	}
}

// openLeadwerkReadOnly opens path with [openReadOnly] and checks that it
// has the tables of a Leadwerk database.
func openLeadwerkReadOnly(ctx context.Context, path string) (*sql.DB, error) {
	db, err := openReadOnly(ctx, path)
	if err != nil {
		return nil, err
	}

	if err := checkLeadwerkTables(ctx, db, path); err != nil {
		_ = db.Close()
		return nil, err
	}

	return db, nil
}

// checkLeadwerkTables wraps [app.ErrNotDatabase] when one of
// leadwerkTables is missing.
func checkLeadwerkTables(ctx context.Context, db queryer, path string) error {
	rows, err := db.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table'`)
	if sqliteCode(err) == sqliteNotADB {
		return fmt.Errorf("file %s: %w (%v)", path, app.ErrNotDatabase, err)
	}
	if err != nil {
		return damagedError(path, wrapSQLiteError("read tables of", path, err))
	}
	defer rows.Close()

	present := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return err
		}
		present[name] = true
	}
	if err := rows.Err(); err != nil {
		return damagedError(path, wrapSQLiteError("read tables of", path, err))
	}

	var missing []string
	for _, name := range leadwerkTables {
		if !present[name] {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("file %s has no table %s: %w", path, strings.Join(missing, ", "), app.ErrNotDatabase)
	}

	return nil
}

// isIntegrityError reports whether err is or wraps an *IntegrityError.
func isIntegrityError(err error) bool {
	var damaged *IntegrityError

	return errors.As(err, &damaged)
}

// CheckAndBackUp runs the work that [OpenDeferred] leaves out: SQLite's
// quick check and then, on the first open of a UTC day, the daily backup.
// Both read through a second, read-only connection, so the store's own
// queries and writes go on meanwhile. It returns an *[IntegrityError]
// when the check finds the database damaged, and then writes no backup.
// A failed daily backup is only logged, as in [Open].
//
// On PostgreSQL it does nothing, because the server checks its own pages
// and its administrator makes the backups.
func (s *Store) CheckAndBackUp(ctx context.Context) error {
	if s.backend.isPostgres() {
		return nil
	}

	start := time.Now()
	db, err := openReadOnly(ctx, s.path)
	if err != nil {
		return err
	}
	defer db.Close()

	if err := checkOpenFile(ctx, db, s.path); err != nil {
		return err
	}
	slog.Info("database checked", "path", s.path, "duration", time.Since(start))

	s.backUpDaily(ctx, db)
	if err := db.Close(); err != nil {
		slog.Warn("closing the backup connection failed", "path", s.path, "err", err)
	}
	s.releaseCacheMemory(ctx)

	return nil
}

// checkOpenFile runs PRAGMA quick_check on db, the database at path, and
// returns an *IntegrityError when it finds a problem.
func checkOpenFile(ctx context.Context, db queryer, path string) error {
	problems, err := checkRows(ctx, db, "quick_check")
	if sqliteCode(err) == sqliteCorrupt {
		problems = []string{err.Error()}
	} else if err != nil {
		return wrapSQLiteError("check the integrity of", path, err)
	}

	if problems == nil {
		return nil
	}

	return &IntegrityError{Path: path, Problems: problems, NewestBackup: newestGoodBackup(path)}
}

// RestoreDamaged replaces the open store's damaged data with the backup at
// src, as [RestoreFile] does for a closed file. It checks src first, keeps
// a byte copy of the damaged file and its WAL in the backups folder, and
// returns that copy's path. [Store.Restore] cannot do this, because it
// keeps the current data with VACUUM INTO, which fails on a damaged file.
// Statements of other goroutines wait meanwhile and then read the
// restored data.
func (s *Store) RestoreDamaged(ctx context.Context, src string) (string, error) {
	if s.backend.isPostgres() {
		return "", errPostgresRestore
	}

	temp, err := copyRestoreSource(ctx, src, s.path)
	if err != nil {
		return "", err
	}
	defer os.Remove(temp)

	kept, err := s.replaceDamagedFile(ctx, temp)
	if err != nil {
		return "", fmt.Errorf("restore %s into %s: %w", src, s.path, err)
	}

	if err := s.afterReplace(ctx); err != nil {
		return "", err
	}
	slog.Info("damaged database restored", "from", src, "kept", kept)

	return kept, nil
}

// replaceDamagedFile copies the damaged file away and moves temp into its
// place with the driver connection closed. It skips the WAL checkpoint of
// a sound restore, because the WAL goes into the copy.
func (s *Store) replaceDamagedFile(ctx context.Context, temp string) (string, error) {
	var kept string
	err := s.withConnectionClosed(ctx, func(*sql.Conn) error { return nil }, func() error {
		var err error
		if kept, err = copyDamaged(s.path, s.now()); err != nil {
			return err
		}

		return replaceFile(s.path, temp)
	})

	return kept, err
}
