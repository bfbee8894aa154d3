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

// sqliteNotADB is SQLite's result code SQLITE_NOTADB, returned when a file
// has the header of a database but not its structure.
const sqliteNotADB = 26

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

	var codeErr interface{ Code() int }
	if errors.As(err, &codeErr) && codeErr.Code()&0xff == sqliteNotADB {
		return fmt.Errorf("database %s: %w (%v); move it away or choose another file with -db or LEADWERK_DB",
			path, app.ErrNotDatabase, err)
	}
	if err != nil {
		return fmt.Errorf("read tables of %s: %w", path, err)
	}

	if tables > 0 && migrationTables == 0 {
		return fmt.Errorf("database %s is a SQLite database of another program: %w; "+
			"move it away or choose another file with -db or LEADWERK_DB", path, app.ErrNotDatabase)
	}

	return nil
}

// readOnlyURI returns an SQLite URI filename that opens path read-only.
// The driver passes a DSN that starts with "file:" to SQLite unchanged.
func readOnlyURI(path string) string {
	u := url.URL{Scheme: "file", OmitHost: true, Path: filepath.ToSlash(path), RawQuery: "mode=ro"}

	return u.String()
}
