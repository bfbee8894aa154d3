package data

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"leadwerk/app"
)

// execFixture runs a statement of a test fixture and returns the new row's id.
func execFixture(t *testing.T, s *Store, query string, args ...any) int64 {
	t.Helper()

	var id int64
	if s.backend.isPostgres() {
		if err := s.db.Raw(query+" RETURNING id", args...).Scan(&id).Error; err != nil {
			t.Fatalf("%s: %v", query, err)
		}

		return id
	}

	if err := s.db.Exec(query, args...).Error; err != nil {
		t.Fatalf("%s: %v", query, err)
	}

	s.db.Raw(`SELECT last_insert_rowid()`).Scan(&id)

	return id
}

func insertMergeCompany(t *testing.T, s *Store, name string, parent any) int64 {
	t.Helper()

	return execFixture(t, s, `INSERT INTO companies (name, name_key, parent_id, sector, created_at, updated_at)
		VALUES (?, ?, ?, 'retail', '2024-01-01 10:00:00+00:00', '2024-01-02 10:00:00+00:00')`,
		name, app.NormalizeCompany(name), parent)
}

func insertMergeContact(t *testing.T, s *Store, companyID any, first, last, email, phone string) int64 {
	t.Helper()

	return execFixture(t, s, `INSERT INTO contacts (company_id, first_name, last_name, email, phone, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, '2024-02-01 10:00:00+00:00', '2024-02-01 10:00:00+00:00')`,
		companyID, first, last, email, phone)
}

// insertMergeDeal stores a deal of the default pipeline's first stage.
func insertMergeDeal(t *testing.T, s *Store, title string, companyID, contactID any) int64 {
	t.Helper()

	var stage stageRow
	if err := s.db.Order("id").First(&stage).Error; err != nil {
		t.Fatal(err)
	}

	return execFixture(t, s, `INSERT INTO opportunities (title, company_id, contact_id, pipeline_id, stage_id,
		amount_minor, amount_currency, probability, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, 100000, 'EUR', 10, '2024-03-01 10:00:00+00:00', '2024-03-01 10:00:00+00:00')`,
		title, companyID, contactID, stage.PipelineID, stage.ID)
}

// dumpDatabase returns every row of every table as text, table by table,
// leaving out the merges table itself, the audit log, which keeps the
// merge after its undo, and the search index's internal tables (the
// index is compared through its own table).
func dumpDatabase(t *testing.T, s *Store) map[string][]string {
	t.Helper()

	query := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
		AND name NOT LIKE 'leads_fts_%' AND name NOT IN ('merges', 'audit_log') ORDER BY name`
	if s.backend.isPostgres() {
		query = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()
			AND table_type = 'BASE TABLE' AND table_name NOT IN ('merges', 'audit_log') ORDER BY table_name`
	}

	var tables []string
	if err := s.db.Raw(query).Scan(&tables).Error; err != nil {
		t.Fatal(err)
	}

	dump := map[string][]string{}
	for _, table := range tables {
		dump[table] = dumpTable(t, s, table)
	}

	return dump
}

// dumpTable returns the rows of table as text in rowid order, or in
// PostgreSQL, which has no stable row number, sorted as text.
func dumpTable(t *testing.T, s *Store, table string) []string {
	t.Helper()

	query := "SELECT rowid, * FROM " + quoteName(table) + " ORDER BY rowid"
	if s.backend.isPostgres() {
		query = "SELECT * FROM " + quoteName(table)
	}

	rows, err := s.db.Raw(query).Rows()
	if err != nil {
		t.Fatalf("dump %s: %v", table, err)
	}
	defer rows.Close()

	columns, _ := rows.Columns()
	var lines []string
	for rows.Next() {
		values := make([]any, len(columns))
		pointers := make([]any, len(columns))
		for i := range values {
			pointers[i] = &values[i]
		}
		if err := rows.Scan(pointers...); err != nil {
			t.Fatal(err)
		}

		cells := make([]string, 0, len(values))
		for i, v := range values {
			// An undo raises the versions of the rows it writes back,
			// which TestMergeAndUndoRaiseVersions checks.
			if columns[i] != "version" {
				cells = append(cells, fmt.Sprintf("%s=%v", columns[i], v))
			}
		}
		lines = append(lines, strings.Join(cells, " "))
	}
	if s.backend.isPostgres() {
		slices.Sort(lines)
	}

	return lines
}

// compareDumps reports each table whose rows differ.
func compareDumps(t *testing.T, before, after map[string][]string) {
	t.Helper()

	for table, rows := range before {
		if !slices.Equal(rows, after[table]) {
			t.Errorf("table %s differs after undo:\nbefore %v\nafter  %v", table, rows, after[table])
		}
	}
}

func mustMerge(t *testing.T, s *Store, r app.MergeRequest) int64 {
	t.Helper()

	id, err := s.MergeDuplicates(context.Background(), r)
	if err != nil {
		t.Fatalf("MergeDuplicates: %v", err)
	}

	return id
}

func countMergeRows(t *testing.T, s *Store, query string, args ...any) int64 {
	t.Helper()

	var n int64
	if err := s.db.Raw(query, args...).Scan(&n).Error; err != nil {
		t.Fatalf("%s: %v", query, err)
	}

	return n
}

func TestMergeLeadsMovesHistory(t *testing.T) {
	s := openLeadStore(t)
	ctx := context.Background()
	kept := mustCreate(t, s, person("Jürgen", "Müller", "Müller GmbH", "j.mueller@example.de"))
	removed := mustCreate(t, s, app.Lead{FirstName: "Juergen", LastName: "Mueller", CompanyName: "Mueller",
		Email: "j.mueller@example.de", Phone: "+49 30 1234", City: "Berlin"})
	addLeadActivity(t, s, kept.ID, "first call", testNow.Add(-48*3600e9))
	addLeadActivity(t, s, removed.ID, "second call", testNow.Add(-3600e9))
	qualify(t, s, removed.ID)
	budget := app.Qualification{LeadID: removed.ID, Budget: app.BudgetConfirmed, Authority: app.DecisionMaker}
	if _, err := s.SaveQualification(ctx, budget); err != nil {
		t.Fatal(err)
	}
	before := dumpDatabase(t, s)

	mergeID := mustMerge(t, s, app.MergeRequest{Kind: app.DuplicateLeads, KeepID: kept.ID,
		RemoveIDs: []int64{removed.ID}, Choices: map[string]int64{"phone": removed.ID, "city": removed.ID}})

	if n := countMergeRows(t, s, `SELECT COUNT(*) FROM leads WHERE id = ?`, removed.ID); n != 0 {
		t.Errorf("removed lead still stored (%d rows)", n)
	}
	if n := countMergeRows(t, s, `SELECT COUNT(*) FROM activities WHERE lead_id = ?`, kept.ID); n != 2 {
		t.Errorf("kept lead has %d activities, want 2", n)
	}
	if n := countMergeRows(t, s, `SELECT COUNT(*) FROM qualifications WHERE lead_id = ?`, kept.ID); n != 1 {
		t.Errorf("kept lead has %d qualifications, want 1", n)
	}
	if n := countMergeRows(t, s, `SELECT COUNT(*) FROM lead_status_changes WHERE lead_id = ?`, kept.ID); n < 2 {
		t.Errorf("kept lead has %d status changes, want the removed lead's 2", n)
	}

	detail := mustDetail(t, s, kept.ID)
	if detail.Lead.Phone != "+49 30 1234" || detail.Lead.City != "Berlin" {
		t.Errorf("kept lead phone %q city %q, want the removed lead's", detail.Lead.Phone, detail.Lead.City)
	}
	if detail.Lead.FirstName != "Jürgen" {
		t.Errorf("kept first name = %q, want its own", detail.Lead.FirstName)
	}
	search, _ := s.backend.searchQuery("Berlin", false)
	if n := countMergeRows(t, s, `SELECT COUNT(*) FROM leads l WHERE l.id = ? AND `+s.backend.matchEachSQL(),
		kept.ID, search); n != 1 {
		t.Error("search index does not find the kept lead by its new city")
	}

	if err := s.UndoMerge(ctx, mergeID); err != nil {
		t.Fatalf("UndoMerge: %v", err)
	}
	compareDumps(t, before, dumpDatabase(t, s))
}

func TestMergeContactsSharingDeal(t *testing.T) {
	s := openLeadStore(t)
	ctx := context.Background()
	company := insertMergeCompany(t, s, "Roth GmbH", nil)
	kept := insertMergeContact(t, s, company, "Anna", "Roth", "anna@roth.de", "")
	removed := insertMergeContact(t, s, company, "Anna", "Roth", "a.roth@roth.de", "+49 89 555")
	onlyRemoved := insertMergeDeal(t, s, "Shelves", company, removed)
	both := insertMergeDeal(t, s, "Counters", company, removed)
	execFixture(t, s, `INSERT INTO opportunity_contacts (opportunity_id, contact_id, role) VALUES (?, ?, 'influencer')`,
		both, kept)
	lead := mustCreate(t, s, person("Anna", "Roth", "Roth GmbH", "anna@roth.de"))
	execFixture(t, s, `UPDATE leads SET converted_contact_id = ? WHERE id = ?`, removed, lead.ID)
	before := dumpDatabase(t, s)

	mergeID := mustMerge(t, s, app.MergeRequest{Kind: app.DuplicateContacts, KeepID: kept,
		RemoveIDs: []int64{removed}, Choices: map[string]int64{"phone": removed}})

	if n := countMergeRows(t, s, `SELECT COUNT(*) FROM opportunities WHERE contact_id = ?`, kept); n != 2 {
		t.Errorf("kept contact is the contact of %d deals, want 2", n)
	}
	if n := countMergeRows(t, s, `SELECT COUNT(*) FROM opportunity_contacts WHERE contact_id = ?`, kept); n != 2 {
		t.Errorf("kept contact is a party of %d deals, want 2", n)
	}
	if n := countMergeRows(t, s, `SELECT COUNT(*) FROM opportunity_contacts WHERE opportunity_id = ? AND is_primary = 1
		AND contact_id = ?`, both, kept); n != 1 {
		t.Error("kept contact is not the primary contact of the shared deal")
	}
	if n := countMergeRows(t, s, `SELECT COUNT(*) FROM opportunity_contacts WHERE opportunity_id = ?`, onlyRemoved); n != 1 {
		t.Errorf("deal of the removed contact has %d parties, want 1", n)
	}
	if n := countMergeRows(t, s, `SELECT COUNT(*) FROM leads WHERE converted_contact_id = ?`, kept); n != 1 {
		t.Error("converted lead does not point to the kept contact")
	}
	if n := countMergeRows(t, s, `SELECT COUNT(*) FROM contacts WHERE id = ? AND phone = '+49 89 555'`, kept); n != 1 {
		t.Error("kept contact did not take the chosen phone")
	}

	if err := s.UndoMerge(ctx, mergeID); err != nil {
		t.Fatalf("UndoMerge: %v", err)
	}
	compareDumps(t, before, dumpDatabase(t, s))
}

func TestMergeCompaniesWithParents(t *testing.T) {
	s := openLeadStore(t)
	ctx := context.Background()
	removed := insertMergeCompany(t, s, "Meier Logistik AG", nil)
	kept := insertMergeCompany(t, s, "Meyer Logistik", removed)
	removedChild := insertMergeCompany(t, s, "Meyer Logistik GmbH", removed)
	child := insertMergeCompany(t, s, "Meyer Süd", removedChild)
	contact := insertMergeContact(t, s, removed, "Otto", "Weber", "otto@meier.de", "")
	deal := insertMergeDeal(t, s, "Fleet", removedChild, contact)
	lead := mustCreate(t, s, person("Otto", "Weber", "Meier Logistik", "otto@meier.de"))
	execFixture(t, s, `UPDATE leads SET converted_company_id = ? WHERE id = ?`, removed, lead.ID)
	execFixture(t, s, `UPDATE companies SET employees = 80 WHERE id = ?`, removedChild)
	before := dumpDatabase(t, s)

	mergeID := mustMerge(t, s, app.MergeRequest{Kind: app.DuplicateCompanies, KeepID: kept,
		RemoveIDs: []int64{removed, removedChild}, Choices: map[string]int64{"employees": removedChild}})

	if n := countMergeRows(t, s, `SELECT COUNT(*) FROM companies WHERE id = ? AND parent_id IS NULL AND employees = 80`,
		kept); n != 1 {
		t.Error("kept company is its own parent or lacks the chosen employees")
	}
	if n := countMergeRows(t, s, `SELECT COUNT(*) FROM companies WHERE id = ? AND parent_id = ?`, child, kept); n != 1 {
		t.Error("child of a removed company does not point to the kept company")
	}
	if n := countMergeRows(t, s, `SELECT COUNT(*) FROM contacts WHERE id = ? AND company_id = ?`, contact, kept); n != 1 {
		t.Error("contact did not move to the kept company")
	}
	if n := countMergeRows(t, s, `SELECT COUNT(*) FROM opportunities WHERE id = ? AND company_id = ?`, deal, kept); n != 1 {
		t.Error("deal did not move to the kept company")
	}
	if n := countMergeRows(t, s, `SELECT COUNT(*) FROM leads WHERE converted_company_id = ?`, kept); n != 1 {
		t.Error("converted lead does not point to the kept company")
	}

	if err := s.UndoMerge(ctx, mergeID); err != nil {
		t.Fatalf("UndoMerge: %v", err)
	}
	compareDumps(t, before, dumpDatabase(t, s))
}

func TestUndoMergeTwiceRejected(t *testing.T) {
	s := openLeadStore(t)
	ctx := context.Background()
	kept := mustCreate(t, s, person("Eva", "Lang", "Lang KG", "eva@lang.de"))
	removed := mustCreate(t, s, person("Eva", "Lang", "Lang", "eva@lang.de"))
	mergeID := mustMerge(t, s, app.MergeRequest{Kind: app.DuplicateLeads, KeepID: kept.ID, RemoveIDs: []int64{removed.ID}})

	if err := s.UndoMerge(ctx, mergeID); err != nil {
		t.Fatalf("UndoMerge: %v", err)
	}
	wantErrorIs(t, s.UndoMerge(ctx, mergeID), app.ErrInvalid)
	wantErrorIs(t, s.UndoMerge(ctx, mergeID+100), app.ErrNotFound)

	merges, err := s.RecentMerges(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(merges) != 1 || merges[0].UndoneAt.IsZero() || merges[0].KeptTitle != "Eva Lang" {
		t.Errorf("RecentMerges = %+v, want one undone merge of Eva Lang", merges)
	}
}

func TestMergeRejectsMissingRecord(t *testing.T) {
	s := openLeadStore(t)
	kept := mustCreate(t, s, person("Eva", "Lang", "Lang KG", "eva@lang.de"))

	_, err := s.MergeDuplicates(context.Background(), app.MergeRequest{Kind: app.DuplicateLeads, KeepID: kept.ID,
		RemoveIDs: []int64{kept.ID + 50}})
	wantErrorIs(t, err, app.ErrNotFound)
}
