package data

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"leadwerk/app"
)

// ticking returns a clock that moves one second per call from start.
func ticking(start time.Time) func() time.Time {
	now := start
	return func() time.Time {
		now = now.Add(time.Second)
		return now
	}
}

// dumpTrashTables returns every row of every table except the audit log and
// the trash, which a delete and a restore change by design, and without
// the version column, which a restore raises (see
// TestTrashRestoreRaisesVersions).
func dumpTrashTables(t *testing.T, s *Store) map[string][]storedRow {
	t.Helper()

	query := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'leads_fts_%'
		AND name NOT IN ('audit_log', 'trash', 'trash_people', 'sqlite_sequence')`
	if s.backend.isPostgres() {
		query = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()
			AND table_type = 'BASE TABLE' AND table_name NOT IN ('audit_log', 'trash', 'trash_people')`
	}

	var tables []string
	err := s.db.Raw(query).Scan(&tables).Error
	if err != nil {
		t.Fatal(err)
	}

	dump := map[string][]storedRow{}
	for _, table := range tables {
		rows, err := readAnyRows(s.db, table, "1 = 1")
		if err != nil {
			t.Fatalf("dump %s: %v", table, err)
		}
		for _, r := range rows {
			delete(r, "version")
		}
		dump[table] = rows
	}

	return dump
}

func compareTrashDumps(t *testing.T, before, after map[string][]storedRow) {
	t.Helper()

	for table, rows := range before {
		if !reflect.DeepEqual(rows, after[table]) {
			t.Errorf("table %s differs after restore: %d rows before, %d after", table, len(rows), len(after[table]))
		}
	}
}

func firstID(t *testing.T, s *Store, query string) int64 {
	t.Helper()

	var id int64
	if err := s.db.Raw(query).Scan(&id).Error; err != nil || id == 0 {
		t.Fatalf("%s: id %d, %v", query, id, err)
	}

	return id
}

func TestTrashRestoreGivesIdenticalRows(t *testing.T) {
	cases := []struct {
		kind  app.EntityKind
		query string
	}{
		{app.EntityOpportunity, `SELECT MIN(opportunity_id) FROM offers`},
		{app.EntityLead, `SELECT MIN(id) FROM leads WHERE converted_opportunity_id IS NOT NULL`},
		{app.EntityLead, `SELECT MAX(lead_id) FROM activities WHERE opportunity_id IS NOT NULL`},
		{app.EntityContact, `SELECT MAX(contact_id) FROM opportunity_contacts`},
		{app.EntityCompany, `SELECT MIN(id) FROM companies WHERE id NOT IN (SELECT company_id FROM opportunities
			WHERE company_id IS NOT NULL)`},
	}
	for _, c := range cases {
		t.Run(string(c.kind), func(t *testing.T) {
			ctx := context.Background()
			s := richStore(t)
			id := firstID(t, s, c.query)
			before := dumpTrashTables(t, s)

			trashID, err := s.Delete(ctx, c.kind, id)
			if err != nil {
				t.Fatalf("Delete: %v", err)
			}
			if got := entityTitle(s.db, c.kind, id); got != "" {
				t.Errorf("%s %d still exists as %q", c.kind, id, got)
			}

			if err := s.RestoreFromTrash(ctx, trashID); err != nil {
				t.Fatalf("RestoreFromTrash: %v", err)
			}
			compareTrashDumps(t, before, dumpTrashTables(t, s))
			if n := countRows(t, s, "trash"); n != 1 {
				t.Errorf("trash holds %d items after restore, want only the seeded one", n)
			}
		})
	}
}

func TestDeleteLeadLeavesSearchIndex(t *testing.T) {
	ctx := context.Background()
	s := openLeadStore(t)
	l := mustCreate(t, s, person("Jürgen", "Weber", "Weber GmbH", "jw@weber.example"))

	trashID, err := s.Delete(ctx, app.EntityLead, l.ID)
	if err != nil {
		t.Fatal(err)
	}

	var hits int64
	hits = int64(searchHits(t, s, "Weber"))
	if hits != 0 {
		t.Errorf("search index has %d hits for a deleted lead", hits)
	}

	var people []trashPersonRow
	s.db.Where("email = ?", "jw@weber.example").Find(&people)
	if len(people) != 1 || people[0].TrashID != trashID {
		t.Errorf("trash_people by e-mail = %+v, want one row of item %d", people, trashID)
	}

	if err := s.RestoreFromTrash(ctx, trashID); err != nil {
		t.Fatal(err)
	}
	hits = int64(searchHits(t, s, "Weber"))
	if hits != 1 {
		t.Errorf("search index has %d hits after restore, want 1", hits)
	}
}

func TestDeleteCompanyWithDealsIsRejected(t *testing.T) {
	s := richStore(t)
	id := firstID(t, s, `SELECT MIN(company_id) FROM opportunities`)

	_, err := s.Delete(context.Background(), app.EntityCompany, id)
	if !errors.Is(err, app.ErrInvalid) {
		t.Fatalf("Delete = %v, want ErrInvalid", err)
	}
	if !strings.Contains(err.Error(), "move or delete them first") {
		t.Errorf("message %q does not say what to do", err)
	}
}

func TestPurgeTrashAfterRetention(t *testing.T) {
	ctx := context.Background()
	s := openLeadStore(t)
	start := time.Date(2026, time.March, 1, 9, 0, 0, 0, time.UTC)
	now := start
	s.now = func() time.Time { return now }

	old := mustCreate(t, s, person("Old", "Lead", "", ""))
	if _, err := s.Delete(ctx, app.EntityLead, old.ID); err != nil {
		t.Fatal(err)
	}

	now = start.Add(20 * 24 * time.Hour)
	recent := mustCreate(t, s, person("New", "Lead", "", ""))
	if _, err := s.Delete(ctx, app.EntityLead, recent.ID); err != nil {
		t.Fatal(err)
	}

	now = start.Add(app.TrashRetention + time.Hour)
	purged, err := s.PurgeTrash(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	if purged != 1 {
		t.Errorf("purged %d items, want 1", purged)
	}

	items, err := s.TrashItems(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || items[0].EntityID != recent.ID {
		t.Errorf("trash = %+v, want only lead %d", items, recent.ID)
	}
	if n := countRows(t, s, "trash_people"); n != 1 {
		t.Errorf("trash_people has %d rows, want 1", n)
	}
}

func TestPreviewDeleteCountsAttachedRows(t *testing.T) {
	s := richStore(t)
	id := firstID(t, s, `SELECT MIN(opportunity_id) FROM offers`)

	summary, err := s.PreviewDelete(context.Background(), app.EntityOpportunity, id)
	if err != nil {
		t.Fatal(err)
	}
	if summary.Counts["offers"] == 0 || summary.Counts["offer_lines"] == 0 {
		t.Errorf("counts %v lack the offers", summary.Counts)
	}
	if summary.Title == "" {
		t.Error("summary has no title")
	}
}

// searchHits counts the leads whose entry in the full-text index matches
// word.
func searchHits(t *testing.T, s *Store, word string) int {
	t.Helper()

	phrase, _ := s.backend.searchQuery(word, false)
	var hits int
	if err := s.db.Raw(s.backend.countSQL(), phrase).Scan(&hits).Error; err != nil {
		t.Fatal(err)
	}

	return hits
}
