package data

import (
	"context"
	"errors"
	"os"
	"reflect"
	"testing"
	"time"

	"leadwerk/app"
	"leadwerk/app/demo"
)

// datasetSize is small enough for a test and has contacts and an exact
// activity total, which the default demo lacks.
var datasetSize = demo.Size{Companies: 150, Leads: 900, Opportunities: 250, ContactsPerCompany: 2, Activities: 2500}

func datasetToday() app.Date {
	return app.DateOf(time.Now())
}

func TestLoadDatasetMatchesLoadDemo(t *testing.T) {
	requireSQLite(t, "it compares SQLite's schema and FTS5 index")
	d := demo.GenerateSize(11, datasetToday(), datasetSize)
	viaImport := openTestStore(t)
	viaBulk := openTestStore(t)

	if _, err := viaImport.LoadDemo(context.Background(), d.ImportBatch, nil); err != nil {
		t.Fatalf("LoadDemo: %v", err)
	}
	result, err := viaBulk.LoadDataset(context.Background(), d, nil)
	if err != nil {
		t.Fatalf("LoadDataset: %v", err)
	}

	if result.Leads != 900 || result.OpportunitiesCreated != 250 || result.Companies != 150 {
		t.Errorf("result %+v, want 150 companies, 900 leads, 250 deals", result)
	}
	if result.Activities != 2500 {
		t.Errorf("result counts %d activities, want 2500", result.Activities)
	}

	queries := []string{
		`SELECT COUNT(*) FROM companies WHERE parent_id IS NOT NULL`,
		`SELECT COUNT(*) FROM leads`,
		`SELECT COUNT(*) FROM qualifications`,
		`SELECT COUNT(*) FROM opportunities`,
		`SELECT COUNT(*) FROM stage_changes`,
		`SELECT COUNT(*) FROM activities`,
		`SELECT COUNT(*) FROM activities WHERE lead_id IS NOT NULL`,
		`SELECT COUNT(*) FROM leads_fts WHERE leads_fts MATCH 'müller'`,
		`SELECT COUNT(*) FROM leads_fts WHERE state = 'open'`,
		`SELECT group_concat(source_ref || ':' || score || ':' || temperature || ':' ||
			COALESCE(last_activity_at, '-') || ':' || score_reasons, ',') FROM (SELECT * FROM leads ORDER BY source_ref)`,
		`SELECT group_concat(source_ref || ':' || stage_id || ':' || amount_minor || ':' || probability, ',')
			FROM (SELECT * FROM opportunities ORDER BY source_ref)`,
		`SELECT group_concat(type || ' ' || name, ',') FROM (SELECT * FROM sqlite_master ORDER BY type, name)`,
	}
	for _, q := range queries {
		var want, got string
		if err := viaImport.db.Raw(q).Scan(&want).Error; err != nil {
			t.Fatalf("%s on the imported database: %v", q, err)
		}
		if err := viaBulk.db.Raw(q).Scan(&got).Error; err != nil {
			t.Fatalf("%s on the bulk database: %v", q, err)
		}
		if got != want {
			t.Errorf("%s\n bulk:   %.300s\n import: %.300s", q, got, want)
		}
	}
}

func TestLoadDatasetStoresContacts(t *testing.T) {
	d := demo.GenerateSize(11, datasetToday(), datasetSize)
	s := openTestStore(t)

	if _, err := s.LoadDataset(context.Background(), d, nil); err != nil {
		t.Fatalf("LoadDataset: %v", err)
	}

	var contacts, orphans int64
	s.db.Raw(`SELECT COUNT(*) FROM contacts`).Scan(&contacts)
	s.db.Raw(`SELECT COUNT(*) FROM contacts WHERE company_id IS NULL
		OR company_id NOT IN (SELECT id FROM companies)`).Scan(&orphans)
	if contacts != 300 {
		t.Errorf("%d contacts, want 300", contacts)
	}
	if orphans != 0 {
		t.Errorf("%d contacts without a stored company", orphans)
	}

	var first demoContact
	s.db.Raw(`SELECT first_name, email, buying_role, source_ref FROM contacts ORDER BY id LIMIT 1`).Scan(&first)
	want := demoContact{
		FirstName: d.Contacts[0].FirstName, Email: d.Contacts[0].Email,
		BuyingRole: string(app.DecisionMaker), SourceRef: d.Contacts[0].SourceRef,
	}
	if first != want {
		t.Errorf("first contact %+v, want %+v", first, want)
	}
}

type demoContact struct {
	FirstName, Email, BuyingRole, SourceRef string
}

func TestLoadDatasetPassesChecks(t *testing.T) {
	requireSQLite(t, "SQLite's integrity check")
	d := demo.GenerateSize(11, datasetToday(), datasetSize)
	s := openTestStore(t)

	if _, err := s.LoadDataset(context.Background(), d, nil); err != nil {
		t.Fatalf("LoadDataset: %v", err)
	}

	var integrity string
	if err := s.db.Raw(`PRAGMA integrity_check`).Scan(&integrity).Error; err != nil {
		t.Fatalf("integrity_check: %v", err)
	}
	if integrity != "ok" {
		t.Errorf("integrity_check: %s", integrity)
	}

	var violations []struct{ Table string }
	if err := s.db.Raw(`PRAGMA foreign_key_check`).Scan(&violations).Error; err != nil {
		t.Fatalf("foreign_key_check: %v", err)
	}
	if len(violations) != 0 {
		t.Errorf("%d foreign key violations, first in %s", len(violations), violations[0].Table)
	}
}

func TestLoadDatasetRejectsFilledDatabase(t *testing.T) {
	d := demo.GenerateSize(11, datasetToday(), datasetSize)
	s := openTestStore(t)
	mustImport(t, s, sampleBatch())

	_, err := s.LoadDataset(context.Background(), d, nil)

	if !errors.Is(err, app.ErrNotEmpty) {
		t.Fatalf("LoadDataset into a filled database: %v, want ErrNotEmpty", err)
	}

	var leads int64
	s.db.Raw(`SELECT COUNT(*) FROM leads`).Scan(&leads)
	if leads != 2 {
		t.Errorf("%d leads after the rejected load, want the 2 stored", leads)
	}
}

func TestLoadDatasetCancelRollsBack(t *testing.T) {
	d := demo.GenerateSize(11, datasetToday(), datasetSize)
	s := openTestStore(t)

	var before string
	s.db.Raw(`SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master ORDER BY name)`).Scan(&before)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	progress := func(done, total int) {
		if done > total/2 {
			cancel()
		}
	}
	_, err := s.LoadDataset(ctx, d, progress)

	if !errors.Is(err, context.Canceled) {
		t.Fatalf("LoadDataset cancelled half way: %v, want context.Canceled", err)
	}

	empty, err := s.IsEmpty(context.Background())
	if err != nil || !empty {
		t.Errorf("IsEmpty after the cancel: %v, %v; want true", empty, err)
	}

	var after string
	s.db.Raw(`SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master ORDER BY name)`).Scan(&after)
	if after != before {
		t.Errorf("schema after the cancel:\n %s\nwant:\n %s", after, before)
	}
}

func TestLoadDatasetReportsProgress(t *testing.T) {
	d := demo.GenerateSize(11, datasetToday(), datasetSize)
	s := openTestStore(t)

	var calls [][2]int
	progress := func(done, total int) { calls = append(calls, [2]int{done, total}) }
	if _, err := s.LoadDataset(context.Background(), d, progress); err != nil {
		t.Fatalf("LoadDataset: %v", err)
	}

	if len(calls) < 10 {
		t.Fatalf("%d progress calls, want one per statement", len(calls))
	}
	if calls[0][0] != 0 {
		t.Errorf("first progress %v, want 0 done", calls[0])
	}
	last := calls[len(calls)-1]
	if last[0] != last[1] {
		t.Errorf("last progress %v, want done equal to total", last)
	}
	for i := 1; i < len(calls); i++ {
		if calls[i][0] < calls[i-1][0] {
			t.Fatalf("progress went back from %v to %v", calls[i-1], calls[i])
		}
	}
}

func TestSQLLiteral(t *testing.T) {
	at := time.Date(2026, time.March, 5, 14, 30, 15, 250_000_000, time.UTC)
	id := int64(42)
	cases := []struct {
		name  string
		value any
		want  string
	}{
		{"nil", nil, "NULL"},
		{"text", "Jäger", "'Jäger'"},
		{"quote", "O'Brien's", "'O''Brien''s'"},
		{"empty text", "", "''"},
		{"int", 7, "7"},
		{"negative int64", int64(-12), "-12"},
		{"true", true, "1"},
		{"false", false, "0"},
		{"time", at, "'2026-03-05 14:30:15.25+00:00'"},
		{"nil pointer", (*int64)(nil), "NULL"},
		{"pointer", &id, "42"},
		{"nil time pointer", (*time.Time)(nil), "NULL"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := sqlLiteral(c.value)
			if err != nil {
				t.Fatalf("sqlLiteral(%#v): %v", c.value, err)
			}
			if got != c.want {
				t.Errorf("sqlLiteral(%#v) = %s, want %s", c.value, got, c.want)
			}
		})
	}
}

func TestSQLLiteralRejects(t *testing.T) {
	for _, value := range []any{"a\x00b", struct{}{}, uint8(1)} {
		if got, err := sqlLiteral(value); err == nil {
			t.Errorf("sqlLiteral(%#v) = %s, want an error", value, got)
		}
	}
}

func TestSQLLiteralTimeMatchesDriver(t *testing.T) {
	requireSQLite(t, "SQLite stores a time literal as text")
	s := openTestStore(t)
	at := time.Date(2026, time.March, 5, 14, 30, 15, 250_000_000, time.UTC)

	var bound, literal string
	if err := s.db.Raw(`SELECT ?`, at).Scan(&bound).Error; err != nil {
		t.Fatalf("select bound time: %v", err)
	}
	text, _ := sqlLiteral(at)
	if err := s.db.Raw(`SELECT ` + text).Scan(&literal).Error; err != nil {
		t.Fatalf("select literal time: %v", err)
	}

	if literal != bound {
		t.Errorf("literal time %q, the driver binds %q", literal, bound)
	}
}

func TestInsertLiteralsRoundTrip(t *testing.T) {
	s := openTestStore(t)
	at := time.Date(2026, time.March, 5, 14, 30, 0, 0, time.UTC)
	rows := []companyRow{
		{ID: 1, Name: "O'Neill & Söhne GmbH", Sector: "Bau", Employees: 12, CreatedAt: at, UpdatedAt: at},
		{ID: 2, Name: "Größe AG", RevenueMinor: 1_000_00, RevenueCurrency: "EUR", CreatedAt: at, UpdatedAt: at},
	}
	parent := int64(1)
	rows[1].ParentID = &parent

	w := &literalInserter{ctx: context.Background(), tx: s.db, inserted: func(int) error { return nil }}
	if err := insertLiterals(w, rows); err != nil {
		t.Fatalf("insertLiterals: %v", err)
	}

	var stored []companyRow
	if err := s.db.Order("id").Find(&stored).Error; err != nil {
		t.Fatalf("read companies: %v", err)
	}
	for i := range stored {
		stored[i].CreatedAt, stored[i].UpdatedAt = stored[i].CreatedAt.UTC(), stored[i].UpdatedAt.UTC()
	}
	if !reflect.DeepEqual(stored, rows) {
		t.Errorf("stored %+v\nwant %+v", stored, rows)
	}

	if s.backend.isPostgres() {
		// PostgreSQL stores created_at as TIMESTAMPTZ, not as text.
		return
	}

	var text string
	s.db.Raw(`SELECT created_at || '' FROM companies WHERE id = 1`).Scan(&text)
	if text != "2026-03-05 14:30:00+00:00" {
		t.Errorf("created_at stored as %q", text)
	}
}

// benchSizeSmall reports whether LEADWERK_BENCH_SIZE requests the small
// dataset for benchmarks, as CI does.
func benchSizeSmall() bool {
	return os.Getenv("LEADWERK_BENCH_SIZE") == "small"
}
