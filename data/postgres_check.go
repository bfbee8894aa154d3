package data

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"leadwerk/app"
)

// checkConnectTimeout bounds each connection attempt of [CheckServer], so
// that a host that drops packets fails in seconds instead of after the
// system's TCP timeout of a minute or more.
const checkConnectTimeout = 10 * time.Second

// serverFacts are the settings and rights that [CheckServer] reads from
// the server in one query.
type serverFacts struct {
	// versionNumber is server_version_num, such as 150018 for 15.18.
	versionNumber      int
	user, database     string
	schema             *string
	hasMigrationsTable bool
	hasUnaccent        bool
	offersUnaccent     bool
	mayCreateExtension bool
	mayCreateTables    bool
}

// serverFactsSQL reads serverFacts. A trusted extension such as unaccent
// needs CREATE on the database, or a superuser: PostgreSQL 15.18 rejects
// CREATE EXTENSION unaccent otherwise with the hint "Must have CREATE
// privilege on current database".
const serverFactsSQL = `
SELECT current_setting('server_version_num')::int, current_user, current_database(), current_schema(),
	to_regclass('schema_migrations') IS NOT NULL,
	EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'unaccent'),
	EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent'),
	has_database_privilege(current_database(), 'CREATE')
		OR COALESCE((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false),
	COALESCE(has_schema_privilege(current_schema(), 'CREATE'), false)`

// otherTablesSQL counts the relations in the current schema apart from
// Leadwerk's migration record, and names the first.
const otherTablesSQL = `
SELECT COUNT(*), COALESCE(MIN(c.relname), '')
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
	AND c.relname <> 'schema_migrations'`

// CheckServer connects to the PostgreSQL database at name as [Open] would,
// with the password from PGPASSWORD, the password file or the system
// keyring, and checks in a read-only transaction that Leadwerk can use
// it. Leadwerk needs a server of version 15 or later, a schema the role
// may create tables in, and the unaccent extension or the right to
// create it. The schema must contain no tables, or Leadwerk's tables at
// a schema version no newer than this Leadwerk's.
// It changes nothing. Every failure is an *[app.ServerCheckError] that
// names the problem.
func CheckServer(ctx context.Context, name string) (app.ServerCheck, error) {
	redacted := redactURL(name)
	config, err := checkConfig(name)
	if err != nil {
		return app.ServerCheck{}, &app.ServerCheckError{Problem: problemOfConfig(name), URL: redacted, Err: err}
	}

	conn, err := pgx.ConnectConfig(ctx, config)
	if err != nil {
		return app.ServerCheck{}, connectProblem(redacted, config.Password == "", err)
	}
	defer func() { _ = conn.Close(context.Background()) }()

	check, err := inspectServer(ctx, conn)
	check.URL = redacted
	if err != nil {
		return check, inspectProblem(redacted, err)
	}

	return check, nil
}

// checkConfig returns the connection settings of name for CheckServer.
func checkConfig(name string) (*pgx.ConnConfig, error) {
	if !isPostgresURL(name) {
		return nil, fmt.Errorf("database URL %q is invalid, because it does not start with postgres://: %w",
			redactURL(name), app.ErrInvalid)
	}

	config, err := postgresConfig(name)
	if err != nil {
		return nil, err
	}
	config.ConnectTimeout = checkConnectTimeout

	return config, nil
}

// problemOfConfig returns ServerURLPassword for a URL with a password,
// and ServerURLInvalid for any other URL that checkConfig rejects.
func problemOfConfig(name string) app.ServerProblem {
	if u, err := url.Parse(name); err == nil {
		if _, has := u.User.Password(); has {
			return app.ServerURLPassword
		}
	}

	return app.ServerURLInvalid
}

// inspectServer reads what the check needs in one read-only transaction
// and returns the *app.ServerCheckError of the first problem it finds.
func inspectServer(ctx context.Context, conn *pgx.Conn) (app.ServerCheck, error) {
	tx, err := conn.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly})
	if err != nil {
		return app.ServerCheck{}, err
	}
	defer func() { _ = tx.Rollback(context.Background()) }()

	var f serverFacts
	err = tx.QueryRow(ctx, serverFactsSQL).Scan(&f.versionNumber, &f.user, &f.database, &f.schema,
		&f.hasMigrationsTable, &f.hasUnaccent, &f.offersUnaccent, &f.mayCreateExtension, &f.mayCreateTables)
	if err != nil {
		return app.ServerCheck{}, fmt.Errorf("read server settings: %w", err)
	}

	check := app.ServerCheck{ServerVersion: f.versionText(), User: f.user, Database: f.database}
	if f.schema != nil {
		check.Schema = *f.schema
	}

	if err := checkServerBasics(f); err != nil {
		return check, err
	}

	if err := readSchemaState(ctx, tx, f, &check); err != nil {
		return check, err
	}

	return check, checkUnaccent(f, &check)
}

// versionText returns the server's version without the distribution's
// suffix that server_version carries: "15.18" from 150018, and "9.6"
// from 90624, because before version 10 the first two numbers named a
// major version.
func (f serverFacts) versionText() string {
	if f.versionNumber < 100000 {
		return fmt.Sprintf("%d.%d", f.versionNumber/10000, f.versionNumber/100%100)
	}

	return fmt.Sprintf("%d.%d", f.versionNumber/10000, f.versionNumber%10000)
}

// checkServerBasics returns the problem of a server that is too old or a
// role without a schema.
func checkServerBasics(f serverFacts) error {
	if f.versionNumber < app.MinServerVersion*10000 {
		return &app.ServerCheckError{Problem: app.ServerTooOld, Detail: f.versionText()}
	}

	if f.schema == nil {
		return &app.ServerCheckError{Problem: app.ServerNoSchema, Detail: f.user}
	}

	return nil
}

// readSchemaState reads the schema version and record counts into check,
// and returns the problem of a schema with other tables, of a newer
// Leadwerk's schema, or of pending migrations that the role may not run.
func readSchemaState(ctx context.Context, tx pgx.Tx, f serverFacts, check *app.ServerCheck) error {
	if f.hasMigrationsTable {
		err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&check.SchemaVersion)
		if err != nil {
			return fmt.Errorf("read schema version: %w", err)
		}
	}

	if check.SchemaVersion == 0 {
		if err := checkNoOtherTables(ctx, tx); err != nil {
			return err
		}
	}

	latest := migrations[len(migrations)-1].version
	if check.SchemaVersion > latest {
		return &app.ServerCheckError{Problem: app.ServerNewerSchema, Detail: strconv.Itoa(check.SchemaVersion)}
	}

	if check.SchemaVersion < latest && !f.mayCreateTables {
		return &app.ServerCheckError{Problem: app.ServerSchemaNotWritable, Detail: check.Schema}
	}

	if check.SchemaVersion == 0 {
		return nil
	}

	err := tx.QueryRow(ctx, `SELECT (SELECT COUNT(*) FROM leads), (SELECT COUNT(*) FROM opportunities)`).
		Scan(&check.Leads, &check.Opportunities)
	if err != nil {
		return fmt.Errorf("count records: %w", err)
	}

	return nil
}

// checkNoOtherTables returns the problem of a schema that holds tables
// although Leadwerk recorded no migration in it.
func checkNoOtherTables(ctx context.Context, tx pgx.Tx) error {
	var count int
	var first string
	if err := tx.QueryRow(ctx, otherTablesSQL).Scan(&count, &first); err != nil {
		return fmt.Errorf("list tables: %w", err)
	}

	if count > 0 {
		return &app.ServerCheckError{Problem: app.ServerNotEmpty, Detail: first}
	}

	return nil
}

// checkUnaccent returns the problem of a missing unaccent extension that
// the next start cannot create, and otherwise notes whether it will. Only
// the first migration creates it, so a migrated database must have it.
func checkUnaccent(f serverFacts, check *app.ServerCheck) error {
	if f.hasUnaccent {
		return nil
	}

	if check.SchemaVersion > 0 || !f.offersUnaccent || !f.mayCreateExtension {
		return &app.ServerCheckError{Problem: app.ServerNoUnaccent, Detail: check.Database}
	}

	check.CreatesUnaccent = true

	return nil
}

// inspectProblem returns err as an *app.ServerCheckError with url set.
func inspectProblem(url string, err error) error {
	var problem *app.ServerCheckError
	if errors.As(err, &problem) {
		problem.URL = url
		return problem
	}

	return serverError(url, err)
}
