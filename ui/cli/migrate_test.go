package cli_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"leadwerk/app"
	"leadwerk/data"
	"leadwerk/ui/cli"
)

// migrateRun runs the command line with migrateTo as the copy and
// returns the exit code, stdout and stderr.
func migrateRun(t *testing.T, migrateTo cli.MigrateTo, args ...string) (int, string, string) {
	t.Helper()

	return migrateRunContext(t, context.Background(), migrateTo, args...)
}

// migrateRunContext is [migrateRun] with the context that Ctrl+C cancels.
func migrateRunContext(t *testing.T, ctx context.Context, migrateTo cli.MigrateTo, args ...string) (int, string, string) {
	t.Helper()

	var stdout, stderr bytes.Buffer
	env := cli.Env{
		Stdout:      &stdout,
		Stderr:      &stderr,
		Getenv:      func(string) string { return "" },
		Open:        func(string) (app.Store, error) { return nil, fmt.Errorf("Open must not be called") },
		Now:         time.Now,
		Maintenance: data.Maintenance{},
		MigrateTo:   migrateTo,
	}
	code := cli.Run(ctx, args, env)

	return code, stdout.String(), stderr.String()
}

func TestMigrateToUsageErrors(t *testing.T) {
	cases := map[string]struct {
		args []string
		want string
	}{
		"no URL":        {[]string{"-db", "crm.db", "migrate-to"}, "missing the postgres:// URL"},
		"file target":   {[]string{"-db", "crm.db", "migrate-to", "team.db"}, "team.db is not a postgres:// URL"},
		"two arguments": {[]string{"-db", "crm.db", "migrate-to", "postgres://a@b/c", "x"}, "unexpected argument"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			code, _, stderr := migrateRun(t, data.MigrateTo, c.args...)

			if code != cli.ExitUsage {
				t.Errorf("exit code = %d, want %d", code, cli.ExitUsage)
			}
			if !strings.Contains(stderr, c.want) {
				t.Errorf("stderr = %q, want it to contain %q", stderr, c.want)
			}
		})
	}
}

func TestMigrateToPrintsMismatch(t *testing.T) {
	differing := func(context.Context, string, string, app.Progress) (app.MigrationReport, error) {
		report := app.MigrationReport{Tables: []app.MigrationTable{
			{Table: "leads", SourceRows: 1200, TargetRows: 1200},
			{Table: "opportunities", MoneyColumns: []string{"amount_minor"}, SourceRows: 5, TargetRows: 4,
				SourceMoney: []int64{900}, TargetMoney: []int64{700}},
		}}

		return report, fmt.Errorf("copy differs: %w", app.ErrMigrationMismatch)
	}

	code, stdout, stderr := migrateRun(t, differing, "-db", "crm.db", "migrate-to", "postgres://sales@127.0.0.1/crm")

	if code != cli.ExitFailure {
		t.Errorf("exit code = %d, want %d", code, cli.ExitFailure)
	}
	if !strings.Contains(stdout, "amount_minor 900/700") {
		t.Errorf("stdout = %q, want the two amount totals", stdout)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 3 || !strings.Contains(lines[1], "same") || !strings.Contains(lines[2], "DIFFERS") {
		t.Errorf("stdout lines = %q, want a header, leads same, opportunities DIFFERS", lines)
	}
	if !strings.Contains(stderr, "differs from crm.db in the tables marked DIFFERS") {
		t.Errorf("stderr = %q, want the mismatch advice", stderr)
	}
}

func TestMigrateToCancelled(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	cases := map[string]struct {
		ctx context.Context
		err error
	}{
		"error wraps context.Canceled": {context.Background(), fmt.Errorf("export leads: %w", context.Canceled)},
		"driver error after Ctrl+C":    {cancelled, fmt.Errorf("import JSON: conn closed")},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			interrupted := func(context.Context, string, string, app.Progress) (app.MigrationReport, error) {
				return app.MigrationReport{}, c.err
			}

			code, _, stderr := migrateRunContext(t, c.ctx, interrupted, "-db", "crm.db", "migrate-to", "postgres://sales@127.0.0.1/crm")

			if code != cli.ExitFailure {
				t.Errorf("exit code = %d, want %d", code, cli.ExitFailure)
			}
			want := "copying crm.db to PostgreSQL was cancelled; nothing was copied"
			if !strings.Contains(stderr, want) {
				t.Errorf("stderr = %q, want it to contain %q", stderr, want)
			}
			if strings.Contains(stderr, "context canceled") {
				t.Errorf("stderr = %q, want no Go error text", stderr)
			}
		})
	}
}

func TestMigrateToNotEmptySaysItOnce(t *testing.T) {
	used := func(context.Context, string, string, app.Progress) (app.MigrationReport, error) {
		return app.MigrationReport{}, fmt.Errorf("database postgres://sales@127.0.0.1/crm has records; "+
			"import a JSON export only into a new, empty database: %w", app.ErrNotEmpty)
	}

	code, _, stderr := migrateRun(t, used, "-db", "crm.db", "migrate-to", "postgres://sales@127.0.0.1/crm")

	if code != cli.ExitFailure {
		t.Errorf("exit code = %d, want %d", code, cli.ExitFailure)
	}
	want := "the PostgreSQL database already contains records; copy only into a new, empty database"
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr = %q, want it to contain %q", stderr, want)
	}
	if n := strings.Count(stderr, "empty database"); n != 1 {
		t.Errorf("stderr = %q says \"empty database\" %d times, want once", stderr, n)
	}
}

// TestMigrateToCopiesDemoFile copies the demo database into a new
// database of the server that LEADWERK_TEST_POSTGRES names.
func TestMigrateToCopiesDemoFile(t *testing.T) {
	server := os.Getenv("LEADWERK_TEST_POSTGRES")
	if server == "" {
		t.Skip("PostgreSQL only: set LEADWERK_TEST_POSTGRES to the URL of a server whose role may create databases")
	}
	target := newPostgresDatabase(t, server)
	source := demoFile(t)

	code, stdout, stderr := migrateRun(t, data.MigrateTo, "-db", source, "migrate-to", target)

	if code != cli.ExitOK {
		t.Fatalf("exit code = %d, stderr %q", code, stderr)
	}
	if strings.Contains(stdout, "DIFFERS") || !strings.Contains(stdout, "every table has the same rows") {
		t.Errorf("stdout = %q, want every table the same", stdout)
	}
	if !strings.Contains(stderr, "copying: 100%") {
		t.Errorf("stderr = %q, want the progress up to 100%%", stderr)
	}
}

// newPostgresDatabase creates an empty database on server and returns its
// URL; the database is dropped when the test ends.
func newPostgresDatabase(t *testing.T, server string) string {
	t.Helper()

	admin, err := sql.Open("pgx", server)
	if err != nil {
		t.Fatalf("connect to %s: %v", server, err)
	}
	t.Cleanup(func() { _ = admin.Close() })

	name := fmt.Sprintf("lw_cli_migrate_%d", os.Getpid())
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})

	u, err := url.Parse(server)
	if err != nil {
		t.Fatalf("LEADWERK_TEST_POSTGRES is not a URL: %v", err)
	}
	u.Path = "/" + name

	return u.String()
}
