package data

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
)

// migration is one numbered schema change. Its SQL and its optional seed
// run in one transaction together with the row that records it.
//
// postgres is the change in PostgreSQL. Version 1's creates the whole
// schema of version lastSQLiteOnlyVersion, because no PostgreSQL database
// of an older schema ever existed, so versions 2 to lastSQLiteOnlyVersion
// leave it empty and run only their seeds there. From the next version on
// an empty postgres means that sql runs on both, so a migration whose SQL
// is not portable must fill in postgres. A migration with an empty sql
// changes PostgreSQL alone.
type migration struct {
	version  int
	name     string
	sql      string
	postgres string
	seed     func(tx *gorm.DB) error
}

// lastSQLiteOnlyVersion is the last migration that PostgreSQL's version 1
// includes.
const lastSQLiteOnlyVersion = 19

// sqlFor returns the migration's SQL in the dialect of db.
func (m migration) sqlFor(db *gorm.DB) string {
	switch {
	case !isPostgresDB(db):
		return m.sql
	case m.postgres != "" || m.version <= lastSQLiteOnlyVersion:
		return m.postgres
	default:
		return m.sql
	}
}

// lastSQLiteChange returns the version of the last migration that changes
// a SQLite database. The later ones change PostgreSQL alone and only
// record their version in a file, so a file at this version needs no
// quick check or backup before them.
func lastSQLiteChange() int {
	for i := len(migrations) - 1; i >= 0; i-- {
		if m := migrations[i]; m.sql != "" || m.seed != nil {
			return m.version
		}
	}

	return 0
}

// isPostgresDB reports whether db talks to PostgreSQL.
func isPostgresDB(db *gorm.DB) bool {
	return db.Dialector.Name() == "postgres"
}

// migrations lists every schema change in order. Never edit an applied
// migration: append a new one with the next version.
var migrations = []migration{
	{version: 1, name: "create CRM tables", sql: schemaV1, postgres: schemaPostgresV1, seed: seedDefaultPipeline},
	{version: 2, name: "add lead management", sql: schemaV2, seed: seedLeadManagement},
	{version: 3, name: "index lead list orders", sql: schemaV3},
	{version: 4, name: "add lead state to the search index", sql: schemaV4},
	{version: 5, name: "add opportunity detail fields and field history", sql: schemaV5},
	{version: 6, name: "add stage idle days, milestones and deletion", sql: schemaV6},
	{version: 7, name: "add deal contacts and competitors", sql: schemaV7},
	{version: 8, name: "add activity outcomes and index due open activities", sql: schemaV8},
	{version: 9, name: "add deal milestone checklists", sql: schemaV9},
	{version: 10, name: "record who changed deal fields and stages", sql: schemaV10},
	{version: 11, name: "store learned lead chances and values", sql: schemaV11},
	{version: 12, name: "add offers with yearly numbers", sql: schemaV12},
	{version: 13, name: "keep merged duplicates for undo", sql: schemaV13},
	{version: 14, name: "add the audit trail and the trash", sql: schemaV14},
	{version: 15, name: "complete the GDPR record of leads and contacts", sql: schemaV15},
	{version: 16, name: "reject invalid amounts, probabilities, dates and names", sql: schemaV16},
	{version: 17, name: "keep the source id of contacts", sql: schemaV17},
	{version: 18, name: "fold accents in the lead search index", sql: schemaV18},
	{version: 19, name: "index the orders of the opportunity list", sql: schemaV19},
	{version: 20, name: "add users, owners and record versions", sql: schemaV20, postgres: schemaV20Postgres},
	{version: 21, name: "serve each list page from one covering index", sql: schemaV21, postgres: schemaV21Postgres},
	{version: 22, name: "index the deal list orders on PostgreSQL", postgres: schemaV22Postgres},
	{version: 23, name: "index the lead list orders on PostgreSQL", postgres: schemaV23Postgres},
}

const createMigrationsTable = `
CREATE TABLE schema_migrations (
	version    INTEGER PRIMARY KEY,
	name       TEXT     NOT NULL,
	applied_at DATETIME NOT NULL
)`

const createMigrationsTablePostgres = `
CREATE TABLE IF NOT EXISTS schema_migrations (
	version    INTEGER PRIMARY KEY,
	name       TEXT        NOT NULL,
	applied_at TIMESTAMPTZ NOT NULL
)`

// migrationLockKey is the PostgreSQL advisory lock that each migration
// takes, so two Leadwerks starting at once on one database migrate one
// after the other.
const migrationLockKey = 0x4c6561647765726b

// migrate applies the migrations the database lacks, each in its own
// transaction. It runs no DDL when the database is up to date, and it
// rejects a database made by a newer Leadwerk.
func migrate(ctx context.Context, db *gorm.DB) error {
	return migrateTo(ctx, db, migrations)
}

// migrateTo applies the missing migrations of list, which tests cut short
// to build a database of an older schema.
func migrateTo(ctx context.Context, db *gorm.DB, list []migration) error {
	db = db.WithContext(ctx)
	if err := createMigrationsTableIfMissing(db); err != nil {
		return err
	}

	current, err := schemaVersion(db)
	if err != nil {
		return err
	}

	latest := list[len(list)-1].version
	if current > latest {
		return fmt.Errorf("schema version %d is newer than the %d this Leadwerk knows: update Leadwerk", current, latest)
	}

	for _, m := range list {
		if m.version <= current {
			continue
		}

		if err := apply(db, m); err != nil {
			return err
		}
	}

	return nil
}

func createMigrationsTableIfMissing(db *gorm.DB) error {
	if isPostgresDB(db) {
		if err := db.Exec(createMigrationsTablePostgres).Error; err != nil {
			return fmt.Errorf("create schema_migrations: %w", err)
		}

		return nil
	}

	var exists int64
	err := db.Raw(`SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).
		Scan(&exists).Error
	if err != nil {
		return fmt.Errorf("look for schema_migrations: %w", err)
	}

	if exists == 0 {
		if err := db.Exec(createMigrationsTable).Error; err != nil {
			return fmt.Errorf("create schema_migrations: %w", err)
		}
	}

	return nil
}

func apply(db *gorm.DB, m migration) error {
	start := time.Now()
	err := db.Transaction(func(tx *gorm.DB) error {
		if isPostgresDB(tx) {
			if err := tx.Exec(`SELECT pg_advisory_xact_lock(?)`, int64(migrationLockKey)).Error; err != nil {
				return err
			}
		}

		// Another process may have applied it since the version was read.
		var done int64
		if err := tx.Raw(`SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, m.version).
			Scan(&done).Error; err != nil {
			return err
		}
		if done > 0 {
			return nil
		}

		if sql := m.sqlFor(tx); sql != "" {
			if err := tx.Exec(sql).Error; err != nil {
				return err
			}
		}

		if m.seed != nil {
			if err := m.seed(tx); err != nil {
				return err
			}
		}

		return tx.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
			m.version, m.name, time.Now().UTC()).Error
	})
	if err != nil {
		return fmt.Errorf("apply migration %d (%s): %w", m.version, m.name, err)
	}

	slog.Info("database migrated", "version", m.version, "name", m.name, "duration", time.Since(start))

	return nil
}

func schemaVersion(db *gorm.DB) (int, error) {
	var version int
	if err := db.Raw(`SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&version).Error; err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}

	return version, nil
}

// SchemaVersion returns the number of the last migration applied to the
// database.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	return schemaVersion(s.db.WithContext(ctx))
}

func seedDefaultPipeline(tx *gorm.DB) error {
	_, err := createPipeline(tx, app.DefaultPipeline())

	return err
}

// seedLeadManagement fills what schemaV2 cannot compute in SQL: the folded
// duplicate keys of existing leads, the folded names of companies and the
// score and temperature of every lead.
func seedLeadManagement(tx *gorm.DB) error {
	var leads []leadRow
	if err := tx.Select("id, first_name, last_name, company_name, email").Find(&leads).Error; err != nil {
		return fmt.Errorf("read leads: %w", err)
	}

	for _, r := range leads {
		keys := app.KeysOf(app.Lead{FirstName: r.FirstName, LastName: r.LastName, CompanyName: r.CompanyName,
			Email: r.Email})
		err := tx.Exec(`UPDATE leads SET email_key = ?, name_key = ?, company_key = ? WHERE id = ?`,
			keys.Email, keys.Name, keys.Company, r.ID).Error
		if err != nil {
			return fmt.Errorf("store keys of lead %d: %w", r.ID, err)
		}
	}

	var companies []companyRow
	if err := tx.Select("id, name").Find(&companies).Error; err != nil {
		return fmt.Errorf("read companies: %w", err)
	}

	for _, c := range companies {
		err := tx.Exec(`UPDATE companies SET name_key = ? WHERE id = ?`, app.NormalizeCompany(c.Name), c.ID).Error
		if err != nil {
			return fmt.Errorf("store folded name of company %d: %w", c.ID, err)
		}
	}

	_, err := rescoreAll(tx, time.Now().UTC())

	return err
}
