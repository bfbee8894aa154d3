package data

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"gorm.io/gorm"

	"leadwerk/app"
)

// schemaOf returns every index and trigger of the database with its SQL.
func schemaOf(t testing.TB, s *Store) []schemaObject {
	t.Helper()

	var objects []schemaObject
	err := s.db.Raw(`SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger')
		ORDER BY type, name`).Scan(&objects).Error
	if err != nil {
		t.Fatal(err)
	}

	return objects
}

// searchRows returns the rows of leads_fts up to the lead id last.
func searchRows(t testing.TB, s *Store, last int) [][6]string {
	t.Helper()

	rows, err := s.db.Raw(`SELECT rowid, name, company, email, city, state FROM leads_fts WHERE rowid <= ?
		ORDER BY rowid`, last).Rows()
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()

	var out [][6]string
	for rows.Next() {
		var r [6]string
		if err := rows.Scan(&r[0], &r[1], &r[2], &r[3], &r[4], &r[5]); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}

	return out
}

func cacheSizeOf(t testing.TB, s *Store) int {
	t.Helper()

	var size int
	if err := s.db.Raw(`PRAGMA cache_size`).Scan(&size).Error; err != nil {
		t.Fatal(err)
	}

	return size
}

func TestWantsBulk(t *testing.T) {
	requireSQLite(t, "the bulk import path of SQLite")
	for _, c := range []struct {
		created, stored int
		want            bool
	}{
		{999, 0, false},
		{1000, 0, true},
		{1000, 5000, false},
		{1001, 5000, true},
		{9999, 100_000, false},
		{10_000, 1_000_000, true},
	} {
		if got := wantsBulk(c.created, c.stored); got != c.want {
			t.Errorf("wantsBulk(%d, %d) = %v, want %v", c.created, c.stored, got, c.want)
		}
	}
}

func TestImportFileBulkKeepsSchemaAndSearch(t *testing.T) {
	requireSQLite(t, "the bulk import path of SQLite")
	const rows = 1500
	bulk, plain := openTestStore(t), openTestStore(t)
	schema, cacheSize := schemaOf(t, bulk), cacheSizeOf(t, bulk)

	report := importFile(t, bulk, preparePlan(t, writeFile(t, "bulk.csv", generatedLeadFile(rows)), ""))
	importFile(t, plain, preparePlan(t, writeFile(t, "plain.csv", generatedLeadFile(bulkLeadsMin-1)), ""))

	if report.New != rows {
		t.Fatalf("report = %+v, want %d new", report, rows)
	}
	if got := schemaOf(t, bulk); !reflect.DeepEqual(got, schema) {
		t.Errorf("schema after the bulk import = %v, want %v", got, schema)
	}
	if n := countRows(t, bulk, "leads_fts"); n != rows {
		t.Errorf("leads_fts has %d rows, want %d", n, rows)
	}
	var hashSize int
	if err := bulk.db.Raw(`SELECT v FROM leads_fts_config WHERE k = 'hashsize'`).Scan(&hashSize).Error; err != nil {
		t.Fatal(err)
	}
	if hashSize != defaultFTSHashSize {
		t.Errorf("hashsize of leads_fts = %d after the bulk import, want %d", hashSize, defaultFTSHashSize)
	}
	if got := cacheSizeOf(t, bulk); got != cacheSize {
		t.Errorf("cache_size = %d after the import, want %d", got, cacheSize)
	}

	got, want := searchRows(t, bulk, bulkLeadsMin-1), searchRows(t, plain, bulkLeadsMin-1)
	if len(want) != bulkLeadsMin-1 {
		t.Fatalf("the trigger gave %d search rows, want %d", len(want), bulkLeadsMin-1)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("bulk search rows differ from the trigger's, first %v, want %v", got[0], want[0])
	}
}

func TestImportFileBulkCancelRestoresSchema(t *testing.T) {
	requireSQLite(t, "the bulk import path of SQLite")
	s := openTestStore(t)
	mustImport(t, s, sampleBatch())
	path := writeFile(t, "leads.csv", generatedLeadFile(3*fileBatchSize))
	schema, before := schemaOf(t, s), tableState(t, s)

	ctx, cancel := context.WithCancel(context.Background())
	progress := func(done, total int) {
		if done >= 2*fileBatchSize {
			cancel()
		}
	}
	_, err := s.ImportFile(ctx, preparePlan(t, path, ""), progress)

	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if got := schemaOf(t, s); !reflect.DeepEqual(got, schema) {
		t.Errorf("schema after the cancelled import = %v, want %v", got, schema)
	}
	after := tableState(t, s)
	for key, value := range before {
		if after[key] != value {
			t.Errorf("%s = %d after the cancelled import, want %d", key, after[key], value)
		}
	}
	if n := int64(countRows(t, s, "leads_fts")); n != before["leads"] {
		t.Errorf("leads_fts has %d rows, want %d", n, before["leads"])
	}
}

func TestImportFileBulkAfterUpdates(t *testing.T) {
	requireSQLite(t, "the bulk import path of SQLite")
	s := openTestStore(t)
	importFile(t, s, preparePlan(t, writeFile(t, "first.csv", generatedLeadFile(1500)), ""))

	// Another city changes every stored lead, so each one is updated.
	second := bytes.ReplaceAll(generatedLeadFile(3000), []byte("Köln"), []byte("Bonn"))
	report := importFile(t, s, preparePlan(t, writeFile(t, "second.csv", second), ""))

	if report.Updated != 1500 || report.New != 1500 {
		t.Errorf("report = %+v, want 1500 updated and 1500 new", report)
	}
	if n := countRows(t, s, "leads"); n != 3000 {
		t.Errorf("leads has %d rows, want 3000", n)
	}
	if n := countRows(t, s, "leads_fts"); n != 3000 {
		t.Errorf("leads_fts has %d rows, want 3000", n)
	}
	var matches int
	err := s.db.Raw(`SELECT COUNT(*) FROM leads_fts WHERE leads_fts MATCH '"nachname2999"'`).Scan(&matches).Error
	if err != nil {
		t.Fatal(err)
	}
	if matches != 1 {
		t.Errorf("search for the last new lead found %d leads, want 1", matches)
	}
}

// TestBulkPathChecksTheLeadRules inserts a lead without name and company
// while the bulk path has dropped the rule trigger: restoring must refuse
// it with the trigger's message, as the trigger would have.
func TestBulkPathChecksTheLeadRules(t *testing.T) {
	requireSQLite(t, "the bulk import path of SQLite")
	s := openTestStore(t)

	err := s.db.Transaction(func(tx *gorm.DB) error {
		b, err := dropLeadIndexes(tx, 0)
		if err != nil {
			return err
		}
		if err := tx.Exec(`INSERT INTO leads (id, created_at, updated_at, first_name, last_name, company_name)
			VALUES (1, '2026-12-04', '2026-12-04', 'Anna', '', ''), (2, '2026-12-04', '2026-12-04', ' ', '', '  ')`).Error; err != nil {
			t.Fatalf("insert without the rule trigger: %v", err)
		}

		return b.restore(tx)
	})
	if !errors.Is(err, app.ErrInvalid) || !strings.Contains(err.Error(), "lead 2: a lead has neither a name nor a company") {
		t.Fatalf("restore = %v, want the rule of lead 2", err)
	}
}

// TestRaiseLineReadsEveryRule checks that checkRules finds every rule in
// the triggers that writeTrigger writes, with the condition and message.
func TestRaiseLineReadsEveryRule(t *testing.T) {
	requireSQLite(t, "the bulk import path of SQLite")
	for _, table := range v16Rules {
		sql := constraintTriggers([]tableRules{table})
		matches := raiseLine.FindAllStringSubmatch(sql, -1)
		if len(matches) != 2*len(table.rules) {
			t.Fatalf("%s: %d rules read, want %d in each of two triggers", table.table, len(matches), len(table.rules))
		}

		for i, r := range table.rules {
			m := matches[i]
			if m[2] != r.violation || strings.ReplaceAll(m[1], "''", "'") != ruleMarker+r.message {
				t.Errorf("%s rule %d read as %q / %q", table.table, i, m[1], m[2])
			}
		}
	}
}
