package data

import (
	"net/url"
	"strings"

	"gorm.io/gorm"

	"leadwerk/app"
)

// backend is the part of a [Store] that differs between SQLite and PostgreSQL.
// Open chooses it from the database name, and everything else is shared.
type backend interface {
	searchIndex

	// isPostgres reports whether the store is connected to a PostgreSQL
	// server.
	isPostgres() bool

	// noLimit returns the LIMIT argument that means no limit, which a
	// query with OFFSET needs: -1 in SQLite, NULL in PostgreSQL.
	noLimit() any

	// foldedLike returns the condition that column contains search in
	// any letter case, for the argument from likePattern.
	foldedLike(column, search string) string
}

// searchIndex is the full-text index of the lead search: FTS5 in SQLite,
// a tsvector table in PostgreSQL. Each method returns SQL with one ?
// placeholder for the query that searchQuery built.
type searchIndex interface {
	// searchQuery returns the index query that finds leads containing
	// search, narrowed to open leads when openOnly is set. It returns
	// false for a search shorter than minTrigramSearch, which the caller
	// matches with LIKE instead.
	searchQuery(search string, openOnly bool) (string, bool)

	// matchSQL returns the condition that lead l matches the query, for
	// reading every match first.
	matchSQL() string

	// matchEachSQL returns the condition that lead l matches the query,
	// tested lead by lead.
	matchEachSQL() string

	// countSQL returns the statement that counts the matching leads.
	countSQL() string
}

// isPostgresURL reports whether name is a postgres:// or postgresql://
// URL rather than a file path.
func isPostgresURL(name string) bool {
	lower := strings.ToLower(name)

	return strings.HasPrefix(lower, "postgres://") || strings.HasPrefix(lower, "postgresql://")
}

// IsServerURL reports whether name, the -db option or LEADWERK_DB,
// selects a PostgreSQL server rather than a SQLite file.
func IsServerURL(name string) bool {
	return isPostgresURL(name)
}

// redactURL returns name with any password replaced by "xxxxx", for
// messages and logs.
func redactURL(name string) string {
	u, err := url.Parse(name)
	if err != nil {
		return "the PostgreSQL URL"
	}

	return u.Redacted()
}

// sqliteBackend is the backend of a database file.
type sqliteBackend struct{}

func (sqliteBackend) isPostgres() bool { return false }

func (sqliteBackend) noLimit() any { return -1 }

func (sqliteBackend) foldedLike(column, search string) string { return foldedLike(column, search) }

func (sqliteBackend) searchQuery(search string, openOnly bool) (string, bool) {
	return trigramQuery(app.LeadQuery{Search: search, OpenOnly: openOnly})
}

func (sqliteBackend) matchSQL() string {
	return "l.id IN (SELECT rowid FROM leads_fts WHERE leads_fts MATCH ?)"
}

func (sqliteBackend) matchEachSQL() string {
	return "EXISTS (SELECT 1 FROM leads_fts WHERE leads_fts.rowid = l.id AND leads_fts MATCH ?)"
}

func (sqliteBackend) countSQL() string {
	return "SELECT COUNT(*) FROM leads_fts WHERE leads_fts MATCH ?"
}

// limitArg returns limit as the argument of a LIMIT clause, where 0 means
// no limit.
func (s *Store) limitArg(limit int) any {
	if limit == 0 {
		return s.backend.noLimit()
	}

	return limit
}

// utcDaySQL returns SQL for the UTC day of the timestamp column as text
// 'YYYY-MM-DD'. A nil db means SQLite. PostgreSQL formats in the session's
// time zone, which postgresConfig sets to UTC.
func utcDaySQL(db *gorm.DB, column string) string {
	if db != nil && isPostgresDB(db) {
		return "to_char(" + column + ", 'YYYY-MM-DD')"
	}

	return "date(" + column + ")"
}

// deferForeignKeysSQL returns the statement that defers the foreign key
// checks of the transaction to its commit. PostgreSQL defers only the
// keys declared DEFERRABLE, and schemaPostgresV1 declares every key so.
func deferForeignKeysSQL(db *gorm.DB) string {
	if isPostgresDB(db) {
		return "SET CONSTRAINTS ALL DEFERRED"
	}

	return "PRAGMA defer_foreign_keys = ON"
}

// storedValueSQL returns the SQL that reads column as stored. In SQLite a
// unary plus, an expression without a declared type, makes the driver
// hand back a DATETIME column's stored text. PostgreSQL has no unary plus
// on text, and its timestamps reach toSQLValue as time.Time.
func storedValueSQL(db *gorm.DB, column string) string {
	if isPostgresDB(db) {
		return quoteName(column)
	}

	return "+" + quoteName(column)
}

// nullsAsInSQLite returns ORDER BY terms that sort NULL as SQLite does,
// first in ascending and last in descending order, for PostgreSQL, which
// sorts NULL the other way round by default. A term without a direction
// is ascending.
func nullsAsInSQLite(terms []string) []string {
	out := make([]string, len(terms))
	for i, term := range terms {
		if strings.HasSuffix(term, " DESC") {
			out[i] = term + " NULLS LAST"
		} else {
			out[i] = term + " NULLS FIRST"
		}
	}

	return out
}
