package data

import (
	"strings"
	"time"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// The methods below read the result rows of a rawStmt. Like the others,
// they run inside conn.Raw. A column index counts from 0, as in
// SQLite's sqlite3_column_* functions.

// step advances to the next result row and reports whether there is one.
func (s *rawStmt) step() (bool, error) {
	switch rc := sqlite3.Xsqlite3_step(s.c.tls, s.pstmt); rc {
	case sqlite3.SQLITE_ROW:
		return true, nil
	case sqlite3.SQLITE_DONE:
		return false, nil
	default:
		return false, s.c.errorOf(rc)
	}
}

// reset makes the statement ready to run again, keeping its bound values.
func (s *rawStmt) reset() error {
	if rc := sqlite3.Xsqlite3_reset(s.c.tls, s.pstmt); rc != sqlite3.SQLITE_OK {
		return s.c.errorOf(rc)
	}

	return nil
}

// columnIsNull reports whether column i of the current row is NULL.
func (s *rawStmt) columnIsNull(i int) bool {
	return sqlite3.Xsqlite3_column_type(s.c.tls, s.pstmt, int32(i)) == sqlite3.SQLITE_NULL
}

// columnIsText reports whether column i of the current row holds text.
func (s *rawStmt) columnIsText(i int) bool {
	return sqlite3.Xsqlite3_column_type(s.c.tls, s.pstmt, int32(i)) == sqlite3.SQLITE_TEXT
}

// columnInt returns column i of the current row as an integer, 0 for NULL.
func (s *rawStmt) columnInt(i int) int64 {
	return sqlite3.Xsqlite3_column_int64(s.c.tls, s.pstmt, int32(i))
}

// columnFloat returns column i of the current row as a float, 0 for NULL.
func (s *rawStmt) columnFloat(i int) float64 {
	return sqlite3.Xsqlite3_column_double(s.c.tls, s.pstmt, int32(i))
}

// columnText returns a copy of column i of the current row as text, ""
// for NULL.
func (s *rawStmt) columnText(i int) string {
	p := sqlite3.Xsqlite3_column_text(s.c.tls, s.pstmt, int32(i))
	n := int(sqlite3.Xsqlite3_column_bytes(s.c.tls, s.pstmt, int32(i)))
	if p == 0 || n == 0 {
		return ""
	}

	return string(libc.GoBytes(p, n))
}

// driverTimeLayouts are the layouts that github.com/glebarez/go-sqlite
// v1.21.2 tries, in this order, when it reads a DATE, DATETIME or
// TIMESTAMP column, after a trailing "Z" is cut off.
var driverTimeLayouts = []string{
	"2006-01-02 15:04:05.999999999-07:00",
	"2006-01-02T15:04:05.999999999-07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04",
	"2006-01-02T15:04",
	"2006-01-02",
}

// driverStringLayout is the layout of time.Time.String, which the driver
// tries before driverTimeLayouts.
const driverStringLayout = "2006-01-02 15:04:05.999999999 -0700 MST"

// parseDriverTime parses a stored timestamp as the driver does, so that
// a row read past the driver holds the same time.Time as one read
// through it. It returns false for text the driver would not parse.
func parseDriverTime(text string) (time.Time, bool) {
	// The driver tries driverStringLayout first, but no text matches
	// both it and driverTimeFormat, so the layout that every writer
	// uses can be tried first.
	trimmed := strings.TrimSuffix(text, "Z")
	if t, err := time.ParseInLocation(driverTimeFormat, trimmed, time.UTC); err == nil {
		return t, true
	}

	withoutClock := text
	if i := strings.Index(text, "m="); i > 0 {
		withoutClock = text[:i]
	}
	if t, err := time.Parse(driverStringLayout, strings.TrimSpace(withoutClock)); err == nil {
		return t, true
	}

	for _, layout := range driverTimeLayouts[1:] {
		if t, err := time.ParseInLocation(layout, trimmed, time.UTC); err == nil {
			return t, true
		}
	}

	return time.Time{}, false
}
