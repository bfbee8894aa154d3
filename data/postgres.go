package data

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/zalando/go-keyring"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"

	"leadwerk/app"
)

// keyringService is the service name of the password entries that Leadwerk
// reads from the system keyring, under the user name that keyringUserOf returns.
const keyringService = app.KeyringService

// keyringTimeout bounds the keyring look-up, which goes over D-Bus on
// Linux and may wait for a keyring that never responds.
const keyringTimeout = 3 * time.Second

// connectTimeout bounds each connection attempt when neither the URL's
// connect_timeout nor PGCONNECT_TIMEOUT sets one. Without it pgx waits for
// the system's TCP timeout, which a host that drops packets stretches to
// minutes, and [Open] takes no context that Ctrl+C could cancel.
const connectTimeout = 10 * time.Second

// postgresMaxConns is the number of connections a store keeps open to the
// server. Unlike SQLite, PostgreSQL runs the statements of several
// connections at once, so list queries need not wait for an import.
const postgresMaxConns = 4

// openPostgres connects to the PostgreSQL database that name, a
// postgres:// URL, selects and applies the migrations it lacks. It
// rejects a URL with a password, and a database without Leadwerk's
// migrations whose schema contains tables. The password comes from
// PGPASSWORD or ~/.pgpass, which pgx reads itself, or else from the
// system keyring.
func openPostgres(ctx context.Context, name string) (*Store, error) {
	config, err := postgresConfig(name)
	if err != nil {
		return nil, err
	}

	redacted := redactURL(name)
	db, err := openPostgresGorm(config)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", redacted, err)
	}

	s := &Store{db: db, path: redacted, now: utcNow, backend: postgresBackend{}}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", redacted, err)
	}

	if err := sqlDB.PingContext(ctx); err != nil {
		_ = sqlDB.Close()
		return nil, fmt.Errorf("connect to database %s: %w; check that the server runs and that "+
			"PGPASSWORD, ~/.pgpass or the keyring holds the password of the user", redacted, err)
	}

	version, err := schemaVersionIfAny(ctx, db)
	if err != nil {
		_ = sqlDB.Close()
		return nil, fmt.Errorf("open database %s: %w", redacted, err)
	}
	s.newFile = version == 0

	if s.newFile {
		if err := rejectOtherTables(ctx, db, redacted); err != nil {
			_ = sqlDB.Close()
			return nil, err
		}
	}

	if err := migrate(ctx, db); err != nil {
		_ = sqlDB.Close()
		return nil, fmt.Errorf("migrate database %s: %w", redacted, err)
	}

	return s, nil
}

// postgresConfig parses name and fills in the password from the keyring
// when neither PGPASSWORD nor ~/.pgpass gave one. It wraps
// [app.ErrInvalid] for a URL that pgx cannot parse or that contains a
// password, because a URL is stored in the settings and redacted in
// messages.
func postgresConfig(name string) (*pgx.ConnConfig, error) {
	u, err := url.Parse(name)
	if err != nil {
		return nil, fmt.Errorf("database URL is invalid (%w): %w; write it as postgres://user@host:5432/dbname",
			app.ErrInvalid, err)
	}

	if _, has := u.User.Password(); has {
		return nil, fmt.Errorf("database URL %s contains a password (%w); remove it from the URL and set "+
			"PGPASSWORD, add a line to ~/.pgpass, or store it in the system keyring as service %q, user %q",
			u.Redacted(), app.ErrInvalid, keyringService, keyringUserOf(u))
	}

	config, err := pgx.ParseConfig(name)
	if err != nil {
		return nil, fmt.Errorf("database URL %s is invalid (%w): %w", u.Redacted(), app.ErrInvalid, err)
	}

	if config.Password == "" {
		config.Password = keyringPassword(keyringUserOf(u))
	}

	if config.ConnectTimeout == 0 {
		config.ConnectTimeout = connectTimeout
	}

	// Timestamps read as text, such as in the audit trail, are then UTC.
	config.RuntimeParams["timezone"] = "UTC"
	if config.RuntimeParams["application_name"] == "" {
		config.RuntimeParams["application_name"] = "leadwerk"
	}

	return config, nil
}

// keyringUserOf returns the keyring user name of the database URL u:
// user@host:port/dbname, with the port and user pgx would default to left
// as they are written.
func keyringUserOf(u *url.URL) string {
	return app.KeyringUser(u)
}

// keyringPassword returns the password stored in the system keyring for
// user, or "" when there is none or no keyring answers in time.
func keyringPassword(user string) string {
	found := make(chan string, 1)
	go func() {
		secret, err := keyring.Get(keyringService, user)
		if err != nil && !errors.Is(err, keyring.ErrNotFound) {
			slog.Info("system keyring not available", "error", err)
		}
		found <- secret
	}()

	select {
	case secret := <-found:
		return secret
	case <-time.After(keyringTimeout):
		slog.Warn("system keyring did not answer", "timeout", keyringTimeout)
		return ""
	}
}

func openPostgresGorm(config *pgx.ConnConfig) (*gorm.DB, error) {
	sqlDB := stdlib.OpenDB(*config, stdlib.OptionAfterConnect(preparePostgresConn))
	sqlDB.SetMaxOpenConns(postgresMaxConns)
	sqlDB.SetMaxIdleConns(postgresMaxConns)

	db, err := gorm.Open(postgres.New(postgres.Config{Conn: sqlDB}), &gorm.Config{
		NowFunc:                utcNow,
		Logger:                 newSlogLogger(slowQueryThreshold),
		SkipDefaultTransaction: true,
		// openPostgres pings the server itself, so that a failed
		// connection returns an error with the hint to check the server
		// and the password.
		DisableAutomaticPing: true,
	})
	if err != nil {
		_ = sqlDB.Close()
		return nil, err
	}

	if err := registerConstraintErrors(db); err != nil {
		_ = sqlDB.Close()
		return nil, err
	}

	return db, nil
}

// preparePostgresConn sets the type map of a new connection so that the
// shared code reads and writes PostgreSQL as it does SQLite: timestamps
// scan as UTC, and Go bools encode as 0 and 1 into the INTEGER flag
// columns (see schemaPostgresV1).
func preparePostgresConn(_ context.Context, conn *pgx.Conn) error {
	types := conn.TypeMap()
	types.RegisterType(&pgtype.Type{
		Name:  "timestamptz",
		OID:   pgtype.TimestamptzOID,
		Codec: &pgtype.TimestamptzCodec{ScanLocation: time.UTC},
	})
	types.TryWrapEncodePlanFuncs = append([]pgtype.TryWrapEncodePlanFunc{encodeBoolAsInt},
		types.TryWrapEncodePlanFuncs...)

	return nil
}

// encodeBoolAsInt lets pgx encode a Go bool into an integer parameter, as
// 1 for true and 0 for false. pgx tries it only for a parameter whose
// type has no encoding of bool, so BOOLEAN parameters stay as they are.
func encodeBoolAsInt(value any) (pgtype.WrappedEncodePlanNextSetter, any, bool) {
	if _, ok := value.(bool); !ok {
		return nil, nil, false
	}

	return &boolAsIntPlan{}, int64(0), true
}

type boolAsIntPlan struct {
	next pgtype.EncodePlan
}

func (p *boolAsIntPlan) SetNext(next pgtype.EncodePlan) { p.next = next }

func (p *boolAsIntPlan) Encode(value any, buf []byte) ([]byte, error) {
	if value.(bool) {
		return p.next.Encode(int64(1), buf)
	}

	return p.next.Encode(int64(0), buf)
}

// schemaVersionIfAny returns the schema version of a PostgreSQL database,
// or 0 when it has no schema_migrations table yet.
func schemaVersionIfAny(ctx context.Context, db *gorm.DB) (int, error) {
	var exists bool
	err := db.WithContext(ctx).Raw(`SELECT to_regclass('schema_migrations') IS NOT NULL`).Scan(&exists).Error
	if err != nil {
		return 0, fmt.Errorf("look for schema_migrations: %w", err)
	}

	if !exists {
		return 0, nil
	}

	return schemaVersion(db.WithContext(ctx))
}

// rejectOtherTables returns an error wrapping [app.ErrNotDatabase] when
// the current schema contains tables although Leadwerk recorded no
// migration in it, so that the first migration does not add Leadwerk's
// tables beside another program's.
func rejectOtherTables(ctx context.Context, db *gorm.DB, redacted string) error {
	var count int
	var first string
	if err := db.WithContext(ctx).Raw(otherTablesSQL).Row().Scan(&count, &first); err != nil {
		return fmt.Errorf("list the tables of database %s: %w", redacted, err)
	}

	if count > 0 {
		return fmt.Errorf("database %s contains tables of another program, such as %s: %w; "+
			"choose an empty database or one that Leadwerk set up", redacted, first, app.ErrNotDatabase)
	}

	return nil
}
