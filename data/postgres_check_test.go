package data

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"leadwerk/app"
)

// checkProblem runs CheckServer on url and returns its problem, failing
// the test when it returns another error or none.
func checkProblem(t *testing.T, ctx context.Context, url string) *app.ServerCheckError {
	t.Helper()

	_, err := CheckServer(ctx, url)
	var problem *app.ServerCheckError
	if !errors.As(err, &problem) {
		t.Fatalf("CheckServer(%s) = %v, want an *app.ServerCheckError", url, err)
	}

	return problem
}

func TestCheckServerRejectsURL(t *testing.T) {
	cases := []struct {
		url  string
		want app.ServerProblem
	}{
		{"/home/anna/leadwerk.db", app.ServerURLInvalid},
		{"postgres://anna:secret@127.0.0.1:1/leadwerk", app.ServerURLPassword},
		{"postgres://anna@127.0.0.1:1/leadwerk?sslmode=sometimes", app.ServerURLInvalid},
	}

	for _, c := range cases {
		problem := checkProblem(t, context.Background(), c.url)

		if problem.Problem != c.want {
			t.Errorf("%s: problem %s, want %s", c.url, problem.Problem, c.want)
		}
		if strings.Contains(problem.Error(), "secret") {
			t.Errorf("%s: error %q shows the password", c.url, problem)
		}
	}
}

func TestCheckServerRefused(t *testing.T) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := listener.Addr().(*net.TCPAddr).Port
	_ = listener.Close()

	url := fmt.Sprintf("postgres://anna@127.0.0.1:%d/leadwerk?sslmode=disable", port)
	t.Setenv("PGPASSWORD", "unused")
	problem := checkProblem(t, context.Background(), url)

	if problem.Problem != app.ServerRefused {
		t.Errorf("problem %s (%v), want %s", problem.Problem, problem, app.ServerRefused)
	}
	if problem.URL != url {
		t.Errorf("URL %q, want %q", problem.URL, url)
	}
}

// TestCheckServerTimesOut checks a server that accepts the connection and
// never responds, as a host behind a firewall that drops packets does.
func TestCheckServerTimesOut(t *testing.T) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	accepted := make(chan net.Conn, 4)
	t.Cleanup(func() {
		_ = listener.Close()
		close(accepted)
		for conn := range accepted {
			_ = conn.Close()
		}
	})
	go func() {
		conn, err := listener.Accept()
		if err == nil {
			accepted <- conn
		}
	}()

	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	url := fmt.Sprintf("postgres://anna@%s/leadwerk?sslmode=disable", listener.Addr())
	t.Setenv("PGPASSWORD", "unused")
	problem := checkProblem(t, ctx, url)

	if problem.Problem != app.ServerUnreachable {
		t.Errorf("problem %s (%v), want %s", problem.Problem, problem, app.ServerUnreachable)
	}
}

// timeoutError is a net.Error that timed out, as a dial past its
// deadline returns.
type timeoutError struct{}

func (timeoutError) Error() string   { return "i/o timeout" }
func (timeoutError) Timeout() bool   { return true }
func (timeoutError) Temporary() bool { return true }

func TestConnectProblemByError(t *testing.T) {
	cases := []struct {
		name       string
		err        error
		noPassword bool
		want       app.ServerProblem
	}{
		{"host not found", &net.DNSError{Err: "no such host", Name: "db.example", IsNotFound: true},
			false, app.ServerHostNotFound},
		{"refused", &net.OpError{Op: "dial", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)},
			false, app.ServerRefused},
		{"timeout", &net.OpError{Op: "dial", Err: timeoutError{}}, false, app.ServerUnreachable},
		{"no route", fmt.Errorf("dial: %w", syscall.EHOSTUNREACH), false, app.ServerUnreachable},
		{"unknown authority", fmt.Errorf("tls error: %w", x509.UnknownAuthorityError{}), false, app.ServerTLS},
		{"no TLS on server", errors.New("tls error: server refused TLS connection"), false, app.ServerTLS},
		{"wrong password", &pgconn.PgError{Code: "28P01"}, false, app.ServerWrongPassword},
		{"no password", &pgconn.PgError{Code: "28P01"}, true, app.ServerNoPassword},
		{"pg_hba", &pgconn.PgError{Code: "28000"}, true, app.ServerLoginRejected},
		{"no database", &pgconn.PgError{Code: "3D000"}, false, app.ServerDatabaseMissing},
		{"no connect right", &pgconn.PgError{Code: "42501"}, false, app.ServerPermissionDenied},
		{"other server error", &pgconn.PgError{Code: "53300"}, false, app.ServerFailed},
		{"other error", errors.New("unexpected message"), false, app.ServerFailed},
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := connectProblem("postgres://anna@db.example/crm", c.noPassword, fmt.Errorf("connect: %w", c.err))

			var problem *app.ServerCheckError
			if !errors.As(err, &problem) {
				t.Fatalf("connectProblem returned %v, want an *app.ServerCheckError", err)
			}
			if problem.Problem != c.want {
				t.Errorf("problem %s, want %s", problem.Problem, c.want)
			}
			if !errors.Is(err, c.err) {
				t.Errorf("error %v does not wrap the driver's error", err)
			}
		})
	}
}

// createCheckDatabase creates an empty database for a check and drops it
// when the test ends. setup runs as the superuser in the new database.
func createCheckDatabase(t *testing.T, suffix string, setup ...string) string {
	t.Helper()
	admin := openPostgresAdmin(t)

	name := fmt.Sprintf("lw_check_%d_%s", os.Getpid(), suffix)
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})

	if len(setup) > 0 {
		execInDatabase(t, name, setup...)
	}

	return name
}

// execInDatabase runs statements as the superuser in the database name.
func execInDatabase(t *testing.T, name string, statements ...string) {
	t.Helper()

	conn, err := pgconn.Connect(context.Background(), postgresURLWithDatabase(t, name))
	if err != nil {
		t.Fatalf("connect to %s: %v", name, err)
	}
	defer func() { _ = conn.Close(context.Background()) }()

	for _, statement := range statements {
		if err := conn.Exec(context.Background(), statement).Close(); err != nil {
			t.Fatalf("%s in %s: %v", statement, name, err)
		}
	}
}

// createCheckRole creates a login role without rights and drops it when
// the test ends, after the databases that the test created before it.
func createCheckRole(t *testing.T, suffix string) string {
	t.Helper()
	admin := openPostgresAdmin(t)

	role := fmt.Sprintf("lw_check_%d_%s", os.Getpid(), suffix)
	if _, err := admin.Exec("CREATE ROLE " + role + " LOGIN PASSWORD 'right-password'"); err != nil {
		t.Fatalf("create role %s: %v", role, err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec("DROP ROLE IF EXISTS " + role); err != nil {
			t.Errorf("drop role %s: %v", role, err)
		}
	})

	return role
}

// urlAs returns the test server's URL of database name for role.
func urlAs(t *testing.T, role, name string) string {
	t.Helper()

	return strings.Replace(postgresURLWithDatabase(t, name), "postgres@", role+"@", 1)
}

func TestCheckServerEmptyDatabase(t *testing.T) {
	requirePostgres(t)
	name := createCheckDatabase(t, "empty")

	check, err := CheckServer(context.Background(), postgresURLWithDatabase(t, name))
	if err != nil {
		t.Fatalf("CheckServer: %v", err)
	}

	if check.SchemaVersion != 0 {
		t.Errorf("schema version %d, want 0 for an empty database", check.SchemaVersion)
	}
	if check.Database != name {
		t.Errorf("database %q, want %q", check.Database, name)
	}
	if check.Schema != "public" {
		t.Errorf("schema %q, want public", check.Schema)
	}
	if !check.CreatesUnaccent {
		t.Error("CreatesUnaccent is false for a superuser on a database without unaccent")
	}
	major, _, _ := strings.Cut(check.ServerVersion, ".")
	if n, err := strconv.Atoi(major); err != nil || n < app.MinServerVersion {
		t.Errorf("server version %q, want %d or later", check.ServerVersion, app.MinServerVersion)
	}
}

func TestCheckServerLeadwerkDatabase(t *testing.T) {
	requirePostgres(t)
	s := openTestStore(t)
	if _, err := s.CreateLead(context.Background(), app.Lead{FirstName: "Jana", LastName: "Berg"}); err != nil {
		t.Fatal(err)
	}

	check, err := CheckServer(context.Background(), postgresURLWithDatabase(t, currentDatabase(t, s)))
	if err != nil {
		t.Fatalf("CheckServer: %v", err)
	}

	if latest := migrations[len(migrations)-1].version; check.SchemaVersion != latest {
		t.Errorf("schema version %d, want %d", check.SchemaVersion, latest)
	}
	if check.Leads != 1 {
		t.Errorf("%d leads, want 1", check.Leads)
	}
	if check.CreatesUnaccent {
		t.Error("CreatesUnaccent is set although migration 1 created unaccent")
	}
}

// currentDatabase returns the name of the PostgreSQL database of s.
func currentDatabase(t *testing.T, s *Store) string {
	t.Helper()

	var name string
	if err := s.db.Raw(`SELECT current_database()`).Scan(&name).Error; err != nil {
		t.Fatal(err)
	}

	return name
}

func TestCheckServerNewerSchema(t *testing.T) {
	requirePostgres(t)
	s := openTestStore(t)
	err := s.db.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', now())`).Error
	if err != nil {
		t.Fatal(err)
	}

	problem := checkProblem(t, context.Background(), postgresURLWithDatabase(t, currentDatabase(t, s)))

	if problem.Problem != app.ServerNewerSchema {
		t.Errorf("problem %s (%v), want %s", problem.Problem, problem, app.ServerNewerSchema)
	}
	if problem.Detail != "999" {
		t.Errorf("detail %q, want the schema version 999", problem.Detail)
	}
}

func TestCheckServerRejectsDatabase(t *testing.T) {
	requirePostgres(t)
	role := createCheckRole(t, "role")
	other := createCheckDatabase(t, "other", `CREATE TABLE invoices (id integer)`)
	locked := createCheckDatabase(t, "locked")
	noLogin := createCheckRole(t, "no_login")
	if _, err := openPostgresAdmin(t).Exec("ALTER ROLE " + noLogin + " NOLOGIN"); err != nil {
		t.Fatal(err)
	}
	noUnaccent := createCheckDatabase(t, "no_unaccent", "GRANT CREATE ON SCHEMA public TO "+role)
	execInDatabase(t, locked, "REVOKE CONNECT ON DATABASE "+locked+" FROM PUBLIC")

	cases := []struct {
		name       string
		url        string
		want       app.ServerProblem
		wantDetail string
	}{
		{"other program's tables", postgresURLWithDatabase(t, other), app.ServerNotEmpty, "invoices"},
		{"missing database", postgresURLWithDatabase(t, "lw_check_missing"), app.ServerDatabaseMissing, ""},
		{"no connect right", urlAs(t, role, locked), app.ServerPermissionDenied, ""},
		{"role without login", urlAs(t, noLogin, other), app.ServerLoginRejected, ""},
		{"no unaccent", urlAs(t, role, noUnaccent), app.ServerNoUnaccent, noUnaccent},
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			problem := checkProblem(t, context.Background(), c.url)

			if problem.Problem != c.want {
				t.Errorf("problem %s (%v), want %s", problem.Problem, problem, c.want)
			}
			if c.wantDetail != "" && problem.Detail != c.wantDetail {
				t.Errorf("detail %q, want %q", problem.Detail, c.wantDetail)
			}
		})
	}
}

func TestCheckServerSchemaNotWritable(t *testing.T) {
	requirePostgres(t)
	role := createCheckRole(t, "reader")
	name := createCheckDatabase(t, "reader")

	problem := checkProblem(t, context.Background(), urlAs(t, role, name))

	if problem.Problem != app.ServerSchemaNotWritable {
		t.Errorf("problem %s (%v), want %s", problem.Problem, problem, app.ServerSchemaNotWritable)
	}
	if problem.Detail != "public" {
		t.Errorf("detail %q, want the schema public", problem.Detail)
	}
}

// TestCheckServerPassword needs a server that requires a password from
// the role lw_check_password. A server that trusts loopback
// connections, as .ci/postgres-cluster sets up, skips it.
func TestCheckServerPassword(t *testing.T) {
	requirePostgres(t)
	admin := openPostgresAdmin(t)
	const role = "lw_check_password"
	if _, err := admin.Exec("CREATE ROLE " + role + " LOGIN PASSWORD 'right-password'"); err != nil {
		t.Fatalf("create role %s: %v", role, err)
	}
	t.Cleanup(func() { _, _ = admin.Exec("DROP ROLE IF EXISTS " + role) })
	name := createCheckDatabase(t, "password", "GRANT CREATE ON SCHEMA public TO "+role)
	if _, err := admin.Exec("GRANT CREATE ON DATABASE " + name + " TO " + role); err != nil {
		t.Fatal(err)
	}
	url := urlAs(t, role, name)
	t.Setenv("PGPASSFILE", filepath.Join(t.TempDir(), "no-pgpass"))

	t.Setenv("PGPASSWORD", "wrong-password")
	_, err := CheckServer(context.Background(), url)
	if err == nil {
		t.Skipf("the server at %s accepted a wrong password, so it does not ask %s for one", url, role)
	}
	var problem *app.ServerCheckError
	if !errors.As(err, &problem) || problem.Problem != app.ServerWrongPassword {
		t.Errorf("wrong password: %v, want problem %s", err, app.ServerWrongPassword)
	}

	t.Setenv("PGPASSWORD", "")
	if _, err := CheckServer(context.Background(), url); !errors.As(err, &problem) ||
		problem.Problem != app.ServerNoPassword {
		t.Errorf("no password: %v, want problem %s", err, app.ServerNoPassword)
	}

	t.Setenv("PGPASSWORD", "right-password")
	if _, err := CheckServer(context.Background(), url); err != nil {
		t.Errorf("right password: %v", err)
	}
}
