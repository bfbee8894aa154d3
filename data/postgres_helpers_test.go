package data

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// testPostgresEnv names the URL of a PostgreSQL server on which the
// storage tests run instead of on SQLite files. Its role must be allowed
// to create databases and the unaccent extension, and the URL must carry
// no password (set PGPASSWORD instead).
const testPostgresEnv = "LEADWERK_TEST_POSTGRES"

func testPostgresURL() string {
	return os.Getenv(testPostgresEnv)
}

// requireSQLite skips a test that checks what only a SQLite file has,
// such as its header, VACUUM INTO or its lock file, when the tests run on
// PostgreSQL. The SQLite run of the suite covers it.
func requireSQLite(t testing.TB, what string) {
	t.Helper()

	if testPostgresURL() != "" {
		t.Skipf("SQLite only (%s): %s is set, so the tests run on PostgreSQL", what, testPostgresEnv)
	}
}

// postgresTemplate is the migrated database that every test database is
// copied from, made once per test binary, because copying it is several
// times faster than running migration 1.
var postgresTemplate struct {
	once sync.Once
	name string
	err  error
}

var postgresTestDatabases atomic.Int64

// openPostgresTestStore creates a database for the test from the template
// and drops it when the test ends.
func openPostgresTestStore(t testing.TB) *Store {
	t.Helper()

	admin := openPostgresAdmin(t)
	template := migratedPostgresTemplate(t, admin)

	name := fmt.Sprintf("lw_test_%d_%d", os.Getpid(), postgresTestDatabases.Add(1))
	if _, err := admin.Exec(fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", name, template)); err != nil {
		t.Fatalf("create test database %s: %v", name, err)
	}

	s, err := Open(postgresURLWithDatabase(t, name))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		_ = s.Close()
		if _, err := admin.Exec(fmt.Sprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", name)); err != nil {
			t.Errorf("drop test database %s: %v", name, err)
		}
	})

	return s
}

// migratedPostgresTemplate creates and migrates the template database on
// the first call.
func migratedPostgresTemplate(t testing.TB, admin *sql.DB) string {
	t.Helper()

	postgresTemplate.once.Do(func() {
		name := fmt.Sprintf("lw_template_%d", os.Getpid())
		postgresTemplate.name = name
		if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
			postgresTemplate.err = fmt.Errorf("create template database %s: %w", name, err)
			return
		}

		s, err := Open(postgresURLWithDatabase(t, name))
		if err != nil {
			postgresTemplate.err = fmt.Errorf("migrate template database %s: %w", name, err)
			return
		}
		postgresTemplate.err = s.Close()
	})

	if postgresTemplate.err != nil {
		t.Fatal(postgresTemplate.err)
	}

	return postgresTemplate.name
}

var postgresAdmin struct {
	once sync.Once
	db   *sql.DB
	err  error
}

// openPostgresAdmin returns the connection on which the tests create and
// drop databases. It stays open until the test binary ends.
func openPostgresAdmin(t testing.TB) *sql.DB {
	t.Helper()

	postgresAdmin.once.Do(func() {
		postgresAdmin.db, postgresAdmin.err = sql.Open("pgx", testPostgresURL())
		if postgresAdmin.err == nil {
			postgresAdmin.err = postgresAdmin.db.PingContext(context.Background())
		}
	})

	if postgresAdmin.err != nil {
		t.Fatalf("connect to %s: %v", testPostgresEnv, postgresAdmin.err)
	}

	return postgresAdmin.db
}

// postgresURLWithDatabase returns LEADWERK_TEST_POSTGRES with its
// database name replaced by name.
func postgresURLWithDatabase(t testing.TB, name string) string {
	t.Helper()

	u, err := url.Parse(testPostgresURL())
	if err != nil {
		t.Fatalf("%s is not a URL: %v", testPostgresEnv, err)
	}
	u.Path = "/" + strings.TrimPrefix(name, "/")

	return u.String()
}

// dropPostgresTemplate drops the template database after the last test.
func dropPostgresTemplate() {
	if postgresAdmin.db == nil || postgresTemplate.name == "" {
		return
	}

	_, _ = postgresAdmin.db.Exec(fmt.Sprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", postgresTemplate.name))
	_ = postgresAdmin.db.Close()
}

// tableCountSQL returns the query that counts the tables named by its one
// parameter in the store's database.
func tableCountSQL(s *Store) string {
	if s.backend.isPostgres() {
		return "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?"
	}

	return "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?"
}
