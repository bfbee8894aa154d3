package data

import (
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"unsafe"

	"modernc.org/libc"
	"modernc.org/libc/sys/types"
	sqlite3 "modernc.org/sqlite/lib"
)

// The driver, github.com/glebarez/go-sqlite v1.21.2, prepares a statement
// again on every execution, even one made with database/sql's Prepare, so
// a bulk insert spends more time in SQLite's parser than in the inserts.
// rawStmt prepares a statement once on the driver's connection and runs
// it many times through the C API of modernc.org/sqlite, which the driver
// wraps. It reads the connection handle from two unexported fields of the
// driver's connection. After a driver upgrade that renames them,
// rawConnOf returns errNoRawConn and TestRawStatementReachesTheDriver
// fails.

// driverTimeFormat is the layout in which the driver writes a time.Time
// when the connection string gives no _time_format, as dsn does not.
// Every writer that bypasses the driver uses it too, because SQLite
// compares stored timestamps as text.
const driverTimeFormat = "2006-01-02 15:04:05.999999999-07:00"

// errNoRawConn reports a driver connection whose handle rawConnOf cannot
// read.
var errNoRawConn = errors.New("the SQLite driver's connection handle is not readable")

// errNoTransaction reports a statement that would have run outside the
// transaction it belongs to, because that transaction has ended, as
// database/sql ends one when its context is cancelled.
var errNoTransaction = errors.New("the transaction of the statement has ended")

// errOutOfMemory reports a failed allocation in SQLite's memory.
var errOutOfMemory = errors.New("out of memory for an SQLite statement")

// rawConn is the C handle of one SQLite connection and the memory context
// of modernc.org/libc it runs in.
type rawConn struct {
	tls *libc.TLS
	db  uintptr
}

// rawConnOf reads the handle of a driver connection of
// github.com/glebarez/go-sqlite, or returns errNoRawConn.
func rawConnOf(driverConn any) (rawConn, error) {
	v := reflect.ValueOf(driverConn)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return rawConn{}, errNoRawConn
	}

	db := v.Elem().FieldByName("db")
	tls := v.Elem().FieldByName("tls")
	if !db.IsValid() || db.Kind() != reflect.Uintptr || !tls.IsValid() || tls.Type() != reflect.TypeFor[*libc.TLS]() {
		return rawConn{}, errNoRawConn
	}

	c := rawConn{tls: (*libc.TLS)(unsafe.Pointer(tls.Pointer())), db: uintptr(db.Uint())}
	if c.tls == nil || c.db == 0 {
		return rawConn{}, errNoRawConn
	}

	return c, nil
}

// rawStmt is one prepared statement and a buffer in SQLite's memory for
// the texts of one execution. SQLite reads the bound texts from the
// buffer during the execution, so the buffer stays in place until the
// next reserve. Go memory cannot take its place, because
// modernc.org/sqlite addresses memory by integers, which the race
// detector's pointer checks reject for Go memory.
type rawStmt struct {
	c     rawConn
	pstmt uintptr
	buf   uintptr
	size  int
	used  int
}

// prepareRaw prepares query, a single statement, on the connection that
// conn holds. Every call of the statement's methods must run inside
// conn.Raw, because database/sql locks the connection only there.
func prepareRaw(conn *sql.Conn, query string) (*rawStmt, error) {
	s := &rawStmt{}
	err := conn.Raw(func(driverConn any) error {
		c, err := rawConnOf(driverConn)
		if err != nil {
			return err
		}
		s.c = c

		return s.prepare(query)
	})
	if err != nil {
		return nil, fmt.Errorf("prepare %.40q…: %w", query, err)
	}

	return s, nil
}

func (s *rawStmt) prepare(query string) error {
	zSQL, err := libc.CString(query)
	if err != nil {
		return err
	}
	defer libc.Xfree(s.c.tls, zSQL)

	size := int(unsafe.Sizeof(uintptr(0)))
	ppStmt := libc.Xmalloc(s.c.tls, types.Size_t(size))
	if ppStmt == 0 {
		return errOutOfMemory
	}
	defer libc.Xfree(s.c.tls, ppStmt)

	if rc := sqlite3.Xsqlite3_prepare_v2(s.c.tls, s.c.db, zSQL, -1, ppStmt, 0); rc != sqlite3.SQLITE_OK {
		return s.c.errorOf(rc)
	}
	s.pstmt = *(*uintptr)(unsafe.Pointer(unsafe.SliceData(libc.GoBytes(ppStmt, size))))

	return nil
}

// reserve makes room for n bytes of texts in the buffer of one execution.
// It is called before the first bind of an execution, because a larger
// buffer is a new one and earlier bound texts would point into the old.
func (s *rawStmt) reserve(n int) error {
	s.used = 0
	if n <= s.size {
		return nil
	}

	s.free()
	size := max(n, 2*s.size, 4096)
	s.buf = libc.Xmalloc(s.c.tls, types.Size_t(size))
	if s.buf == 0 {
		return errOutOfMemory
	}
	s.size = size

	return nil
}

// bindText binds value to the parameter i, counted from 1. The text is
// copied into the buffer that reserve made room in, which must hold it.
func (s *rawStmt) bindText(i int, value string) error {
	p := s.buf + uintptr(s.used)
	copy(libc.GoBytes(p, len(value)), value)
	s.used += len(value)

	if rc := sqlite3.Xsqlite3_bind_text(s.c.tls, s.pstmt, int32(i), p, int32(len(value)), 0); rc != sqlite3.SQLITE_OK {
		return s.c.errorOf(rc)
	}

	return nil
}

// inTransaction returns errNoTransaction when the connection is in
// autocommit mode, where an insert would be committed on its own.
func (s *rawStmt) inTransaction() error {
	if sqlite3.Xsqlite3_get_autocommit(s.c.tls, s.c.db) != 0 {
		return errNoTransaction
	}

	return nil
}

// bindInt binds value to the parameter i, counted from 1.
func (s *rawStmt) bindInt(i int, value int64) error {
	if rc := sqlite3.Xsqlite3_bind_int64(s.c.tls, s.pstmt, int32(i), value); rc != sqlite3.SQLITE_OK {
		return s.c.errorOf(rc)
	}

	return nil
}

// exec runs the statement with the bound values and resets it for the
// next execution.
func (s *rawStmt) exec() error {
	rc := sqlite3.Xsqlite3_step(s.c.tls, s.pstmt)
	if rc != sqlite3.SQLITE_DONE && rc != sqlite3.SQLITE_ROW {
		err := s.c.errorOf(rc)
		sqlite3.Xsqlite3_reset(s.c.tls, s.pstmt)
		return err
	}

	if rc := sqlite3.Xsqlite3_reset(s.c.tls, s.pstmt); rc != sqlite3.SQLITE_OK {
		return s.c.errorOf(rc)
	}

	return nil
}

// close finalizes the statement and frees its buffer. It runs inside
// conn.Raw like every other method.
func (s *rawStmt) close() {
	if s.pstmt != 0 {
		sqlite3.Xsqlite3_finalize(s.c.tls, s.pstmt)
		s.pstmt = 0
	}
	s.free()
}

func (s *rawStmt) free() {
	if s.buf != 0 {
		libc.Xfree(s.c.tls, s.buf)
	}
	s.buf, s.size = 0, 0
}

// errorOf returns SQLite's message for the result code rc, marked like
// the driver's errors so constraintError recognises a broken rule.
func (c rawConn) errorOf(rc int32) error {
	code := libc.GoString(sqlite3.Xsqlite3_errstr(c.tls, rc))
	message := libc.GoString(sqlite3.Xsqlite3_errmsg(c.tls, c.db))
	if message == code {
		return fmt.Errorf("%s (%d)", code, rc)
	}

	return fmt.Errorf("%s: %s (%d)", code, message, rc)
}
