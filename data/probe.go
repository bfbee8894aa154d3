package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	_ "github.com/glebarez/go-sqlite" // registers the "sqlite" driver used for the probe

	"leadwerk/app"
)

// SQLite result codes (https://www.sqlite.org/rescode.html). A primary
// code is the low byte of an extended code.
const (
	// sqliteReadOnly is SQLITE_READONLY: a write to a file or folder that
	// is read-only.
	sqliteReadOnly = 8
	// sqliteReadOnlyDirectory is the extended code SQLITE_READONLY_DIRECTORY.
	sqliteReadOnlyDirectory = sqliteReadOnly | 6<<8
	// sqliteCantOpen is SQLITE_CANTOPEN, which
	// github.com/glebarez/go-sqlite v1.21.2 prints as
	// "unable to open database file: out of memory (14)".
	sqliteCantOpen = 14
	// sqliteNotADB is SQLITE_NOTADB, returned when a file has the header
	// of a database but not its structure.
	sqliteNotADB = 26
)

// fullSQLiteCode returns the extended SQLite result code in err's chain,
// or 0 when there is none.
func fullSQLiteCode(err error) int {
	var codeErr interface{ Code() int }
	if !errors.As(err, &codeErr) {
		return 0
	}

	return codeErr.Code()
}

// sqliteCode returns the primary SQLite result code in err's chain, the
// low byte of the extended code, or 0 when there is none.
func sqliteCode(err error) int {
	return fullSQLiteCode(err) & 0xff
}

// describeSQLiteError returns an error that gives the fix when SQLite
// failed with err because path or its folder cannot be written or opened.
// It returns nil for any other error, which the caller wraps as usual.
func describeSQLiteError(path string, err error) error {
	dir := filepath.Dir(path)
	switch sqliteCode(err) {
	case sqliteReadOnly:
		if fullSQLiteCode(err) == sqliteReadOnlyDirectory {
			return fmt.Errorf("database %s cannot be written, because its folder %s is read-only (%w); "+
				"make the folder writable, or copy the file to a folder you can write to and open the copy with -db",
				path, dir, err)
		}

		return fmt.Errorf("database %s cannot be written, because the file or its folder %s is read-only (%w); "+
			"make both writable, or copy the file to a folder you can write to and open the copy with -db",
			path, dir, err)
	case sqliteCantOpen:
		return fmt.Errorf("SQLite cannot open database %s or create its journal files in the folder %s (%w); "+
			"check that both exist and that you can write to them", path, dir, err)
	default:
		return nil
	}
}

// wrapSQLiteError returns [describeSQLiteError] of err, or err wrapped
// with the context "action path" when it has no better message.
func wrapSQLiteError(action, path string, err error) error {
	if described := describeSQLiteError(path, err); described != nil {
		return described
	}

	return fmt.Errorf("%s %s: %w", action, path, err)
}

// checkForeignTables rejects a SQLite database that has tables but no
// schema_migrations table, because it belongs to another program. The
// probe opens the file read-only and without pragmas, so SQLite neither
// writes to it nor rolls back a journal that another program left behind.
func checkForeignTables(path string) error {
	if info, err := os.Stat(path); err != nil || info.Size() == 0 {
		return nil // a new file: there is nothing to protect
	}

	db, err := sql.Open("sqlite", readOnlyURI(path))
	if err != nil {
		return fmt.Errorf("open database %s: %w", path, err)
	}
	defer db.Close()

	var tables, migrationTables int
	err = db.QueryRowContext(context.Background(), `
		SELECT COUNT(*), COALESCE(SUM(name = 'schema_migrations'), 0)
		FROM sqlite_master
		WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`).Scan(&tables, &migrationTables)

	if sqliteCode(err) == sqliteNotADB {
		return fmt.Errorf("database %s: %w (%v); move it away or choose another file with -db or %s",
			path, app.ErrNotDatabase, err, databaseEnv)
	}
	if err != nil {
		return wrapSQLiteError("read tables of", path, err)
	}

	if tables > 0 && migrationTables == 0 {
		return fmt.Errorf("database %s is a SQLite database of another program: %w; "+
			"move it away or choose another file with -db or %s", path, app.ErrNotDatabase, databaseEnv)
	}

	return nil
}

// readOnlyURI returns an SQLite URI filename that opens path read-only.
// The driver passes a DSN that starts with "file:" to SQLite unchanged.
func readOnlyURI(path string) string {
	u := url.URL{Scheme: "file", OmitHost: true, Path: filepath.ToSlash(path), RawQuery: "mode=ro"}

	return u.String()
}
