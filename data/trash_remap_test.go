package data

import (
	"context"
	"testing"
	"time"

	"leadwerk/app"
	"leadwerk/app/mapping"
)

// importNewLead imports one lead from a CSV file and returns its id, which
// SQLite takes from a freed newest lead, and PostgreSQL too after
// reuseFreedIDs, because the import takes its ids from the sequence.
func importNewLead(t *testing.T, s *Store) int64 {
	t.Helper()

	reuseFreedIDs(t, s, "leads")
	path := writeFile(t, "new.csv", []byte("First Name,Last Name,Company,Email\nPaul,Kern,Kern AG,paul@kern.de\n"))
	if report := importFile(t, s, preparePlan(t, path, mapping.KindLeads)); report.New != 1 {
		t.Fatalf("import report = %+v, want 1 new lead", report)
	}

	return firstID(t, s, `SELECT id FROM leads WHERE email = 'paul@kern.de'`)
}

func auditCount(t *testing.T, s *Store, id int64, action app.AuditAction) int64 {
	t.Helper()

	return countMergeRows(t, s, `SELECT COUNT(DISTINCT change_id) FROM audit_log WHERE entity_kind = 'lead' AND entity_id = ?
		AND action = ?`, id, string(action))
}

// reuseFreedIDs makes PostgreSQL hand out the freed ids of deleted newest
// rows of tables again, as SQLite does for tables without AUTOINCREMENT,
// by setting each id sequence to just past the highest stored id.
func reuseFreedIDs(t *testing.T, s *Store, tables ...string) {
	t.Helper()

	if !s.backend.isPostgres() {
		return
	}

	for _, table := range tables {
		query := `SELECT setval(pg_get_serial_sequence(?, 'id'), COALESCE(MAX(id), 0) + 1, false) FROM ` + quoteName(table)
		if err := s.db.Exec(query, table).Error; err != nil {
			t.Fatalf("reset the id sequence of %s: %v", table, err)
		}
	}
}

func TestRestoreAfterIDReused(t *testing.T) {
	s := openTestStore(t)
	s.now = ticking(testNow)
	ctx := context.Background()
	mustCreate(t, s, person("Eva", "Lang", "Lang KG", "eva@lang.de"))
	gone := mustCreate(t, s, person("Hans", "Meier", "Meier GmbH", "hans@meier.de"))
	addLeadActivity(t, s, gone.ID, "first call", testNow)
	trashID, err := s.Delete(ctx, app.EntityLead, gone.ID)
	if err != nil {
		t.Fatal(err)
	}

	newID := importNewLead(t, s)
	if newID != gone.ID {
		t.Fatalf("the imported lead got id %d, want the freed %d for this test", newID, gone.ID)
	}

	if err := s.RestoreFromTrash(ctx, trashID); err != nil {
		t.Fatalf("RestoreFromTrash: %v", err)
	}

	restored := firstID(t, s, `SELECT id FROM leads WHERE email = 'hans@meier.de'`)
	if restored == gone.ID {
		t.Errorf("restored lead kept id %d, which the imported lead holds", restored)
	}
	if n := countMergeRows(t, s, `SELECT COUNT(*) FROM activities WHERE lead_id = ?`, restored); n != 1 {
		t.Errorf("restored lead has %d activities, want 1", n)
	}
	if n := countMergeRows(t, s, `SELECT COUNT(*) FROM activities WHERE lead_id = ?`, newID); n != 0 {
		t.Errorf("imported lead has %d activities, want 0", n)
	}
	search, _ := s.backend.searchQuery("Meier", false)
	if n := countMergeRows(t, s, `SELECT COUNT(*) FROM leads l WHERE l.id = ? AND `+s.backend.matchEachSQL(),
		restored, search); n != 1 {
		t.Error("search index does not find the restored lead")
	}
	if n := auditCount(t, s, restored, app.AuditCreate); n != 1 {
		t.Errorf("restored lead has %d create entries, want its own 1", n)
	}
	if n := auditCount(t, s, restored, app.AuditRestore); n != 1 {
		t.Errorf("restored lead has %d restore entries, want 1", n)
	}
	if n := auditCount(t, s, newID, app.AuditDelete); n != 0 {
		t.Errorf("imported lead has %d delete entries of the restored lead, want 0", n)
	}
}

func TestRestoreCompanyAfterContactIDReused(t *testing.T) {
	s := openTestStore(t)
	s.now = ticking(testNow)
	ctx := context.Background()
	company := insertMergeCompany(t, s, "Weber GmbH", nil)
	contact := insertMergeContact(t, s, company, "Anna", "Weber", "anna@weber.de", "")
	trashID, err := s.Delete(ctx, app.EntityCompany, company)
	if err != nil {
		t.Fatal(err)
	}

	reuseFreedIDs(t, s, "companies", "contacts")
	other := insertMergeCompany(t, s, "Klein AG", nil)
	reused := insertMergeContact(t, s, other, "Bernd", "Klein", "bernd@klein.de", "")
	if reused != contact || other != company {
		t.Fatalf("new company %d and contact %d, want the freed ids %d and %d", other, reused, company, contact)
	}

	if err := s.RestoreFromTrash(ctx, trashID); err != nil {
		t.Fatalf("RestoreFromTrash: %v", err)
	}

	restored := firstID(t, s, `SELECT id FROM companies WHERE name = 'Weber GmbH'`)
	anna := firstID(t, s, `SELECT company_id FROM contacts WHERE email = 'anna@weber.de'`)
	if anna != restored {
		t.Errorf("restored contact points to company %d, want the restored %d", anna, restored)
	}
	if n := countMergeRows(t, s, `SELECT COUNT(*) FROM contacts WHERE company_id = ?`, other); n != 1 {
		t.Errorf("new company has %d contacts, want 1", n)
	}
}

func TestUndoMergeAfterReimport(t *testing.T) {
	s := openTestStore(t)
	s.now = ticking(testNow)
	ctx := context.Background()
	kept := mustCreate(t, s, person("Eva", "Lang", "Lang KG", "eva@lang.de"))
	removed := mustCreate(t, s, person("Eva", "Lang", "Lang", "eva.lang@lang.de"))
	addLeadActivity(t, s, removed.ID, "second call", testNow.Add(-time.Hour))
	mergeID := mustMerge(t, s, app.MergeRequest{Kind: app.DuplicateLeads, KeepID: kept.ID, RemoveIDs: []int64{removed.ID}})

	newID := importNewLead(t, s)
	if newID != removed.ID {
		t.Fatalf("the imported lead got id %d, want the freed %d for this test", newID, removed.ID)
	}

	if err := s.UndoMerge(ctx, mergeID); err != nil {
		t.Fatalf("UndoMerge: %v", err)
	}

	back := firstID(t, s, `SELECT id FROM leads WHERE email = 'eva.lang@lang.de'`)
	if back == removed.ID {
		t.Errorf("removed lead came back as %d, which the imported lead holds", back)
	}
	if n := countMergeRows(t, s, `SELECT COUNT(*) FROM activities WHERE lead_id = ?`, back); n != 1 {
		t.Errorf("lead back from the merge has %d activities, want 1", n)
	}
	if n := countMergeRows(t, s, `SELECT COUNT(*) FROM activities WHERE lead_id IN (?, ?)`, kept.ID, newID); n != 0 {
		t.Errorf("kept and imported leads have %d activities, want 0", n)
	}
	if n := countMergeRows(t, s, `SELECT COUNT(*) FROM leads WHERE email = 'paul@kern.de'`); n != 1 {
		t.Errorf("imported lead stored %d times, want 1", n)
	}
	if n := auditCount(t, s, back, app.AuditMerge); n != 1 {
		t.Errorf("lead back from the merge has %d merge entries, want its own 1", n)
	}
}
