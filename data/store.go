package data

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/glebarez/sqlite"
	"gorm.io/gorm"

	"leadwerk/app"
)

var _ app.Store = (*Store)(nil)

// sqliteHeader is the first 16 bytes of every SQLite 3 database file.
var sqliteHeader = []byte("SQLite format 3\x00")

// databaseEnv is the environment variable that the command line reads for
// the database path, named in the advice of Open's errors.
const databaseEnv = "LEADWERK_DB"

// busyTimeout is how long a connection waits for another process's write
// lock before failing with SQLITE_BUSY.
const busyTimeout = 5 * time.Second

// Store is the database of one Leadwerk installation: a SQLite file or a
// PostgreSQL database. It is safe for concurrent use. On SQLite all
// statements share one connection, so a long import delays list queries
// until it commits or rolls back.
type Store struct {
	db   *gorm.DB
	path string
	// now returns the current time in UTC; tests replace it to pin
	// status change times, consent checks and the engagement window.
	now func() time.Time
	// lock keeps a second Leadwerk off the file until Close. It is nil
	// on PostgreSQL, whose database many Leadwerks share at once.
	lock *fileLock
	// newFile is set when the file had no schema at open, so there was
	// nothing to back up.
	newFile bool
	// backend is the part of the store that differs between SQLite and
	// PostgreSQL.
	backend backend

	// pageCacheKiB is the page cache that [Store.SetPageCacheSize] chose,
	// or 0 for the one of dsn.
	pageCacheKiB atomic.Int64

	matchCounts matchCounts
	leadModel   leadModelCache
}

// DefaultPath returns where Leadwerk keeps its database when no path is
// given: Leadwerk/leadwerk.db under the folder [os.UserConfigDir] returns.
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find user config folder: %w", err)
	}

	return filepath.Join(dir, "Leadwerk", "leadwerk.db"), nil
}

// Open opens the database at path, creating the folder (mode 0700) and
// the file (mode 0600) when they do not exist, and applies the migrations
// it lacks. A fresh database gets [app.DefaultPipeline]. Its errors name
// path and, where one is known, the fix. Open wraps [app.ErrNotDatabase] and
// leaves the file untouched when the file is neither empty nor a SQLite
// database, or is a SQLite database with tables but no Leadwerk migration
// table. It wraps [app.ErrInvalid] for an empty path, a path with '?' and
// a directory. It returns an *[InUseError] while another process has the
// database open, and an *[IntegrityError] when SQLite's quick check finds
// it damaged. Before pending migrations that change a file (not those
// with PostgreSQL SQL only), and on the first open of a UTC day, it
// writes a backup into the backups folder beside the file.
//
// A postgres:// or postgresql:// URL in place of path opens that
// PostgreSQL database instead (see openPostgres), with neither the file
// checks nor the backups.
func Open(path string) (*Store, error) {
	if isPostgresURL(path) {
		return openPostgres(context.Background(), path)
	}

	s, checked, err := openAndMigrate(path)
	if err != nil {
		return nil, err
	}

	if !checked {
		if err := s.quickCheck(context.Background()); err != nil {
			_ = s.Close()
			return nil, err
		}
	}

	sqlDB, err := s.db.DB()
	if err != nil {
		_ = s.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	s.backUpDaily(context.Background(), sqlDB)

	return s, nil
}

// OpenDeferred opens the database like [Open] but leaves SQLite's quick
// check and the daily backup to [Store.CheckAndBackUp], so that a window
// can show itself first. It returns the same errors as Open for a file
// that is not a Leadwerk database, is locked, or has a schema newer than
// this Leadwerk. When migrations that change a file are pending it still
// runs the quick check and the backup before migrating, as Open does.
// NOTE: damage in pages that opening does not read shows only when
// CheckAndBackUp runs or a query reads them.
func OpenDeferred(path string) (*Store, error) {
	if isPostgresURL(path) {
		return openPostgres(context.Background(), path)
	}

	s, _, err := openAndMigrate(path)

	return s, err
}

// openAndMigrate opens path and applies the pending migrations. It
// reports whether it ran the quick check, which it does only before a
// migration.
func openAndMigrate(path string) (*Store, bool, error) {
	s, err := openUnmigrated(path)
	if err != nil {
		return nil, false, err
	}

	version, checked, err := s.checkBeforeMigrations(context.Background())
	if err != nil {
		_ = s.Close()
		return nil, false, err
	}
	s.newFile = version == 0

	if err := migrate(context.Background(), s.db); err != nil {
		_ = s.Close()
		return nil, false, wrapSQLiteError("migrate database", path, err)
	}

	return s, checked, nil
}

// openUnmigrated checks path, takes the file lock and opens the
// connection, but neither checks the data nor migrates.
func openUnmigrated(path string) (*Store, error) {
	if path == "" {
		return nil, fmt.Errorf("database path is empty: %w", app.ErrInvalid)
	}

	if strings.Contains(path, "?") {
		return nil, fmt.Errorf("database path %s contains '?', which the SQLite driver reads as options: %w",
			path, app.ErrInvalid)
	}

	if err := prepareFile(path); err != nil {
		return nil, err
	}

	if err := checkHeader(path); err != nil {
		return nil, err
	}

	if err := checkForeignTables(path); err != nil {
		return nil, damagedError(path, err)
	}

	lock, err := lockDatabase(path)
	if err != nil {
		return nil, err
	}

	db, err := openGorm(path)
	if err != nil {
		lock.release()
		return nil, damagedError(path, err)
	}

	s := &Store{db: db, path: path, now: utcNow, lock: lock, backend: sqliteBackend{}}
	if err := s.checkForeignKeys(); err != nil {
		_ = s.Close()
		return nil, err
	}

	return s, nil
}

// prepareFile checks that path is a file Leadwerk can write, or creates
// it with its folder. It runs before SQLite opens the path, because SQLite
// reports a missing file permission, a missing folder and a directory
// alike as SQLITE_CANTOPEN, which the driver prints as "out of memory (14)".
func prepareFile(path string) error {
	info, err := os.Stat(path)
	switch {
	case err == nil && info.IsDir():
		return fmt.Errorf("database path %s is a directory, not a file (%w); name a file inside it, such as %s",
			path, app.ErrInvalid, filepath.Join(path, "leadwerk.db"))
	case err == nil:
		return fileOpenError(path, checkWritable(path))
	case errors.Is(err, fs.ErrNotExist):
		return createFile(path)
	default:
		return fmt.Errorf("cannot open database %s: %w", path, pathErrorCause(err))
	}
}

func checkWritable(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}

	return f.Close()
}

// createFile creates path and its missing folders. A file that another
// process created in the meantime is checked like an existing one.
func createFile(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("cannot create database %s: %w; choose a folder you can write to with -db or %s",
			path, err, databaseEnv)
	}

	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return fileOpenError(path, checkWritable(path))
	}

	if err != nil {
		return fmt.Errorf("cannot create database %s: %w; choose a folder you can write to with -db or %s",
			path, pathErrorCause(err), databaseEnv)
	}

	if err := f.Close(); err != nil {
		return fmt.Errorf("cannot create database %s: %w", path, pathErrorCause(err))
	}

	return nil
}

// fileOpenError describes why the existing file at path cannot be opened
// for reading and writing, or returns nil when err is nil.
func fileOpenError(path string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return fmt.Errorf("database %s is read-only (%w); make it writable, "+
			"or copy it to a folder you can write to and open the copy with -db", path, pathErrorCause(err))
	default:
		return fmt.Errorf("cannot open database %s: %w", path, pathErrorCause(err))
	}
}

// pathErrorCause returns the cause inside a *fs.PathError, such as
// "permission denied", so that a message naming the path does not name it
// twice. It returns err itself when it is no *fs.PathError.
func pathErrorCause(err error) error {
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		return pathErr.Err
	}

	return err
}

// dsn returns the driver connection string: WAL journal, foreign keys,
// a busy timeout, a 32 MiB page cache so a large import does not spill
// pages to disk before its commit, and BEGIN IMMEDIATE for write
// transactions, so two writers queue for the lock instead of failing when
// they upgrade a read.
// Synchronous FULL makes every commit sync the WAL file, so a change
// reported as saved survives a power loss too. NORMAL would survive a
// killed process but could lose the last commits on a power loss.
// The options are read by github.com/glebarez/go-sqlite v1.21.2, which
// ignores _txlock whenever _time_format is also given, so that option is
// left out.
func dsn(path string) string {
	return path +
		"?_pragma=foreign_keys(1)" +
		"&_pragma=journal_mode(WAL)" +
		fmt.Sprintf("&_pragma=busy_timeout(%d)", busyTimeout.Milliseconds()) +
		"&_pragma=synchronous(FULL)" +
		"&_pragma=cache_size(-32768)" +
		"&_txlock=immediate"
}

func utcNow() time.Time {
	return time.Now().UTC()
}

func openGorm(path string) (*gorm.DB, error) {
	db, err := gorm.Open(sqlite.Open(dsn(path)), &gorm.Config{
		NowFunc:                func() time.Time { return time.Now().UTC() },
		Logger:                 newSlogLogger(slowQueryThreshold),
		SkipDefaultTransaction: true,
	})
	if err != nil {
		return nil, wrapSQLiteError("open database", path, err)
	}

	if err := registerConstraintErrors(db); err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}

	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}

	// One connection serialises every statement, so the pragmas above
	// apply to all work and writers never wait on each other's locks.
	sqlDB.SetMaxOpenConns(1)
	sqlDB.SetMaxIdleConns(1)
	sqlDB.SetConnMaxLifetime(0)
	sqlDB.SetConnMaxIdleTime(0)

	return db, nil
}

// checkHeader rejects an existing, non-empty file that does not start
// with the SQLite header. It only reads the file.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("cannot read database %s: %w", path, pathErrorCause(err))
	}
	defer f.Close()

	head := make([]byte, len(sqliteHeader))
	n, err := io.ReadFull(f, head)
	if n == 0 && errors.Is(err, io.EOF) {
		return nil
	}

	if !bytes.Equal(head[:n], sqliteHeader) {
		return fmt.Errorf("database %s: %w; move it away or choose another file with -db or %s",
			path, app.ErrNotDatabase, databaseEnv)
	}

	return nil
}

func (s *Store) checkForeignKeys() error {
	var on int
	if err := s.db.Raw("PRAGMA foreign_keys").Scan(&on).Error; err != nil {
		return wrapSQLiteError("read the foreign_keys pragma of", s.path, err)
	}

	if on != 1 {
		return fmt.Errorf("database %s: SQLite did not enable foreign keys (PRAGMA foreign_keys = %d)", s.path, on)
	}

	return nil
}

// Path returns the file the store was opened on, or the URL of its
// PostgreSQL database without the password.
func (s *Store) Path() string {
	return s.path
}

// Close closes the database. Calls after the first return an error.
func (s *Store) Close() error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return fmt.Errorf("close database %s: %w", s.path, err)
	}

	defer s.lock.release()

	if err := sqlDB.Close(); err != nil {
		return fmt.Errorf("close database %s: %w", s.path, err)
	}

	return nil
}
