package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
	"leadwerk/app/demo"
)

// tableDigest is the row count of a table and a SHA-256 over its rows in
// rowid order, each row as the quoted values of the digested columns.
type tableDigest struct {
	rows int
	sum  string
}

// TestMigrationsUpgradeEveryVersion builds a database of each earlier
// schema version k and fills it with the rows of a demo database, cut to
// the tables and columns that exist at k. It migrates it to the latest
// version and checks that every table of version k keeps its rows and
// the values of its columns of version k.
func TestMigrationsUpgradeEveryVersion(t *testing.T) {
	requireSQLite(t, "PostgreSQL databases start at the current schema")
	template := demoTemplate(t)
	latest := migrations[len(migrations)-1].version

	for k := 1; k < latest; k++ {
		t.Run(fmt.Sprintf("from version %d", k), func(t *testing.T) {
			db := openAtVersion(t, k)
			fillFromTemplate(t, db, template)

			before := snapshotTables(t, db)
			assertSomeRows(t, before)

			if err := migrateTo(context.Background(), db, migrations); err != nil {
				t.Fatalf("migrate from version %d: %v", k, err)
			}

			for table, snapshot := range before {
				want := snapshot.digest
				got := digestTable(t, db, table, snapshot.columns)
				if got != want {
					t.Errorf("table %s: %d rows with digest %.12s after the upgrade, want %d rows with %.12s",
						table, got.rows, got.sum, want.rows, want.sum)
				}
			}
		})
	}
}

func TestUpgradeDigestNoticesChangedValue(t *testing.T) {
	db := openAtVersion(t, 5)
	fillFromTemplate(t, db, demoTemplate(t))
	before := snapshotTables(t, db)

	faulty := append(migrations[:5:5], migration{version: 6, name: "change a city",
		sql: `UPDATE leads SET city = city || 'x' WHERE id = (SELECT MIN(id) FROM leads)`})
	if err := migrateTo(context.Background(), db, faulty); err != nil {
		t.Fatal(err)
	}

	leads := before["leads"]
	if got := digestTable(t, db, "leads", leads.columns); got == leads.digest {
		t.Error("the digest of leads did not change when a migration changed a city")
	}
}

// demoTemplate returns the path of a database of the latest version with
// the demo data and the rows of fillTablesDemoLeavesEmpty.
func demoTemplate(t *testing.T) string {
	t.Helper()

	path := filepath.Join(t.TempDir(), "template.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	batch := demo.Generate(demo.DefaultSeed, app.Date{Year: 2026, Month: time.March, Day: 31})
	if _, err := s.LoadDemo(context.Background(), batch, nil); err != nil {
		t.Fatalf("LoadDemo: %v", err)
	}

	fillTablesDemoLeavesEmpty(t, s)

	return path
}

// fillTablesDemoLeavesEmpty adds rows to the tables that demo data leaves
// empty, through the store's own use cases. It signs in a user,
// converts a lead, changes a status, edits a deal, adds a deal contact,
// a competitor, an offer and a ticked milestone, merges two leads and
// deletes one.
func fillTablesDemoLeavesEmpty(t *testing.T, s *Store) {
	t.Helper()

	ctx := context.Background()
	if _, err := s.SignIn(ctx, "template"); err != nil {
		t.Fatalf("SignIn: %v", err)
	}

	leads := leadIDsWhere(t, s, `status IN ('qualified', 'handed_over')`, 1)
	if _, err := s.ConvertLead(ctx, leads[0], app.ConversionRequest{PipelineID: pipelineIDOf(t, s)}); err != nil {
		t.Fatalf("ConvertLead: %v", err)
	}

	newLeads := leadIDsWhere(t, s, `status = 'new'`, 4)
	mustSucceed(t, "ChangeLeadStatus", s.ChangeLeadStatus(ctx, newLeads[0], app.LeadContacted, ""))
	_, err := s.MergeDuplicates(ctx, app.MergeRequest{Kind: app.DuplicateLeads, KeepID: newLeads[1],
		RemoveIDs: []int64{newLeads[2]}})
	mustSucceed(t, "MergeDuplicates", err)
	_, err = s.Delete(ctx, app.EntityLead, newLeads[3])
	mustSucceed(t, "Delete", err)

	fillDealTables(t, s)
}

func fillDealTables(t *testing.T, s *Store) {
	t.Helper()

	ctx := context.Background()
	var dealID int64
	s.db.Raw(`SELECT id FROM opportunities ORDER BY id LIMIT 1`).Scan(&dealID)
	detail, err := s.Opportunity(ctx, dealID)
	mustSucceed(t, "Opportunity", err)

	deal := detail.Opportunity
	deal.Notes += " Upgrade fixture."
	_, err = s.UpdateOpportunity(ctx, deal)
	mustSucceed(t, "UpdateOpportunity", err)

	_, err = s.SaveDealContact(ctx, app.DealContact{OpportunityID: dealID, Name: "Eva Lang",
		Email: "eva@lang.example", Role: app.DealRoleUser})
	mustSucceed(t, "SaveDealContact", err)
	_, err = s.SaveCompetitor(ctx, app.Competitor{OpportunityID: dealID, Name: "Rival AG",
		Status: app.CompetitorActive})
	mustSucceed(t, "SaveCompetitor", err)

	issued := app.Date{Year: 2026, Month: time.March, Day: 4}
	currency := deal.Amount.Currency
	offer := app.Offer{OpportunityID: dealID, IssuedOn: issued, ValidUntil: app.DefaultValidUntil(issued),
		Currency: currency, VATRate: app.DefaultVATRate, Lines: []app.OfferLine{
			{Product: "Consulting", Quantity: 2000, UnitPrice: app.Money{Minor: 12475, Currency: currency}}}}
	_, err = s.CreateOffer(ctx, app.OfferRequest{Offer: offer, Render: fakeOfferPDF})
	mustSucceed(t, "CreateOffer", err)

	tickMilestone(t, s, deal)
}

// tickMilestone gives the deal's stage one milestone and ticks it.
func tickMilestone(t *testing.T, s *Store, deal app.Opportunity) {
	t.Helper()

	ctx := context.Background()
	pipelines, err := s.Pipelines(ctx)
	mustSucceed(t, "Pipelines", err)
	for _, p := range pipelines {
		for i := range p.Stages {
			if p.Stages[i].ID == deal.StageID {
				p.Stages[i].Milestones = append(p.Stages[i].Milestones, "Budget confirmed")
				_, err := s.UpdatePipeline(ctx, p)
				mustSucceed(t, "UpdatePipeline", err)
			}
		}
	}

	mustSucceed(t, "SetMilestone", s.SetMilestone(ctx, deal.ID, "Budget confirmed", true))
}

func leadIDsWhere(t *testing.T, s *Store, where string, n int) []int64 {
	t.Helper()

	var ids []int64
	s.db.Raw(`SELECT id FROM leads WHERE `+where+` ORDER BY id LIMIT ?`, n).Scan(&ids)
	if len(ids) < n {
		t.Fatalf("demo data has %d leads where %s, want %d", len(ids), where, n)
	}

	return ids
}

func pipelineIDOf(t *testing.T, s *Store) int64 {
	t.Helper()

	var id int64
	s.db.Raw(`SELECT id FROM pipelines ORDER BY id LIMIT 1`).Scan(&id)

	return id
}

func mustSucceed(t *testing.T, step string, err error) {
	t.Helper()

	if err != nil {
		t.Fatalf("%s: %v", step, err)
	}
}

// openAtVersion opens a fresh database file migrated to version k only.
func openAtVersion(t *testing.T, k int) *gorm.DB {
	t.Helper()

	db, err := openGorm(filepath.Join(t.TempDir(), fmt.Sprintf("v%d.db", k)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if sqlDB, err := db.DB(); err == nil {
			_ = sqlDB.Close()
		}
	})

	if err := migrateTo(context.Background(), db, migrations[:k]); err != nil {
		t.Fatalf("migrate to version %d: %v", k, err)
	}

	return db
}

// fillFromTemplate replaces the rows of every table of db with the rows
// of the same table in the template file, copying only the columns that
// db has. Foreign keys are off while copying, because the tables are
// filled one by one. Triggers of db still run, so the full-text index
// and the rows that triggers derive are made as at that version.
func fillFromTemplate(t *testing.T, db *gorm.DB, template string) {
	t.Helper()

	steps := []string{`PRAGMA foreign_keys = OFF`, `ATTACH DATABASE ? AS template`}
	for i, step := range steps {
		args := []any{}
		if i == 1 {
			args = append(args, template)
		}
		if err := db.Exec(step, args...).Error; err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}

	for _, table := range dataTables(t, db) {
		columns := strings.Join(quoteAll(upgradeColumns(t, db, "main", table)), ", ")
		copyRows := fmt.Sprintf(`INSERT OR IGNORE INTO main.%s (%s) SELECT %s FROM template.%s ORDER BY rowid`,
			quoteName(table), columns, columns, quoteName(table))
		for _, query := range []string{`DELETE FROM main.` + quoteName(table), copyRows} {
			if err := db.Exec(query).Error; err != nil {
				t.Fatalf("fill %s: %v", table, err)
			}
		}
	}

	for _, step := range []string{`DETACH DATABASE template`, `PRAGMA foreign_keys = ON`} {
		if err := db.Exec(step).Error; err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}

	assertNoForeignKeyProblems(t, db)
}

// dataTables lists the tables of db that hold records, in creation
// order: no SQLite table, no migration record and no full-text index,
// which the triggers of leads fill and migration 4 rebuilds.
func dataTables(t *testing.T, db *gorm.DB) []string {
	t.Helper()

	var names []string
	err := db.Raw(`SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'
		AND name <> 'schema_migrations' AND name NOT LIKE 'leads_fts%' ORDER BY rowid`).Scan(&names).Error
	if err != nil {
		t.Fatal(err)
	}

	return names
}

func upgradeColumns(t *testing.T, db *gorm.DB, schema, table string) []string {
	t.Helper()

	var columns []string
	err := db.Raw(`SELECT name FROM pragma_table_info(?, ?) ORDER BY cid`, table, schema).Scan(&columns).Error
	if err != nil || len(columns) == 0 {
		t.Fatalf("columns of %s.%s: %v", schema, table, err)
	}

	return columns
}

func quoteAll(names []string) []string {
	quoted := make([]string, len(names))
	for i, name := range names {
		quoted[i] = quoteName(name)
	}

	return quoted
}

func assertNoForeignKeyProblems(t *testing.T, db *gorm.DB) {
	t.Helper()

	var problems int
	if err := db.Raw(`SELECT COUNT(*) FROM pragma_foreign_key_check`).Scan(&problems).Error; err != nil {
		t.Fatal(err)
	}
	if problems > 0 {
		t.Fatalf("the filled database has %d rows with a missing reference", problems)
	}
}

// tableSnapshot is a table's columns at the version it was made by and
// the digest of its rows over those columns.
type tableSnapshot struct {
	columns []string
	digest  tableDigest
}

// snapshotTables digests every data table of db over all its columns.
func snapshotTables(t *testing.T, db *gorm.DB) map[string]tableSnapshot {
	t.Helper()

	snapshots := map[string]tableSnapshot{}
	for _, table := range dataTables(t, db) {
		columns := upgradeColumns(t, db, "main", table)
		snapshots[table] = tableSnapshot{columns: columns, digest: digestTable(t, db, table, columns)}
	}

	return snapshots
}

func digestTable(t *testing.T, db *gorm.DB, table string, columns []string) tableDigest {
	t.Helper()

	quoted := make([]string, len(columns))
	for i, column := range columns {
		quoted[i] = "quote(" + quoteName(column) + ")"
	}

	rows, err := db.Raw(`SELECT ` + strings.Join(quoted, " || '|' || ") + ` FROM ` + quoteName(table) +
		` ORDER BY rowid`).Rows()
	if err != nil {
		t.Fatalf("read %s: %v", table, err)
	}
	defer rows.Close()

	return hashRows(t, table, rows)
}

func hashRows(t *testing.T, table string, rows *sql.Rows) tableDigest {
	t.Helper()

	hash := sha256.New()
	n := 0
	for rows.Next() {
		var row string
		if err := rows.Scan(&row); err != nil {
			t.Fatalf("read %s: %v", table, err)
		}
		hash.Write([]byte(row + "\n"))
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("read %s: %v", table, err)
	}

	return tableDigest{rows: n, sum: hex.EncodeToString(hash.Sum(nil))}
}

// assertSomeRows fails for every empty table, whose digest would prove
// nothing.
func assertSomeRows(t *testing.T, snapshots map[string]tableSnapshot) {
	t.Helper()

	for table, snapshot := range snapshots {
		if snapshot.digest.rows == 0 {
			t.Errorf("table %s has no rows before the upgrade", table)
		}
	}
}
