package data

import (
	"context"
	"testing"

	"leadwerk/app"
)

// leadIDByEmail returns the id of the lead with email.
func leadIDByEmail(t *testing.T, s *Store, email string) int64 {
	t.Helper()

	var id int64
	if err := s.db.Raw(`SELECT id FROM leads WHERE email = ?`, email).Scan(&id).Error; err != nil || id == 0 {
		t.Fatalf("lead %s: id %d, err %v", email, id, err)
	}

	return id
}

func TestAuditImportSummaryInHistory(t *testing.T) {
	s := openTestStore(t)
	path := writeFile(t, "messe.csv", []byte("First Name,Last Name,Email,City\n"+
		"Anna,Schmidt,anna@example.de,Köln\nJan,Berg,jan@example.de,Bonn\nEva,Lang,eva@,Bonn\n"))
	importFile(t, s, preparePlan(t, path, ""))

	entries, err := s.AuditHistory(context.Background(), app.EntityLead, leadIDByEmail(t, s, "jan@example.de"), 0)
	if err != nil {
		t.Fatal(err)
	}

	if len(entries) != 1 {
		t.Fatalf("history = %+v, want only the import", entries)
	}
	e := entries[0]
	if e.Action != app.AuditImport || e.By != app.ChangedByImport || e.Import == nil {
		t.Fatalf("entry = %+v, want the import's summary stamped import", e)
	}
	want := app.ImportSummary{File: "messe.csv", Rows: 3, New: 2, Rejected: 1, FirstID: e.Import.FirstID,
		LastID: e.Import.FirstID + 1}
	if *e.Import != want {
		t.Errorf("summary = %+v, want %+v", *e.Import, want)
	}
}

func TestAuditImportUpdateRecordsFields(t *testing.T) {
	s := openTestStore(t)
	first := writeFile(t, "leads.csv", []byte("First Name,Last Name,Email,City\nAnna,Schmidt,anna@example.de,Köln\n"))
	importFile(t, s, preparePlan(t, first, ""))
	second := writeFile(t, "leads.csv", []byte("First Name,Last Name,Email,City\nAnna,Schmidt,anna@example.de,Berlin\n"))
	report := importFile(t, s, preparePlan(t, second, ""))
	if report.Updated != 1 {
		t.Fatalf("second import = %+v, want 1 updated", report)
	}

	fields := auditFields(t, s, app.EntityLead, leadIDByEmail(t, s, "anna@example.de"), app.AuditImport)

	city, ok := fields["city"]
	if !ok {
		t.Fatalf("import entries = %+v, want the city", fields)
	}
	if city.Old == nil || *city.Old != "Köln" || city.New == nil || *city.New != "Berlin" {
		t.Errorf("city changed from %v to %v, want Köln to Berlin", city.Old, city.New)
	}
	if city.By != app.ChangedByImport {
		t.Errorf("city changed by %q, want %q", city.By, app.ChangedByImport)
	}
	if _, ok := fields["first_name"]; ok {
		t.Errorf("unchanged first name recorded: %+v", fields["first_name"])
	}
	if summary := fields[""]; summary.Import == nil || summary.Import.New != 1 {
		t.Errorf("summary of the creating import = %+v, want 1 new", summary)
	}
}

func TestAuditImportCreatedCompanies(t *testing.T) {
	s := openTestStore(t)
	path := writeFile(t, "deals.csv", []byte("Deal Name,Company,Amount\nRahmenvertrag,Müller GmbH,1000\n"+
		"Wartung,Berg AG,500\nLizenz,Müller GmbH,200\n"))
	importFile(t, s, preparePlan(t, path, ""))

	var companyID int64
	if err := s.db.Raw(`SELECT id FROM companies WHERE name = 'Berg AG'`).Scan(&companyID).Error; err != nil {
		t.Fatal(err)
	}
	entries, err := s.AuditHistory(context.Background(), app.EntityCompany, companyID, 0)
	if err != nil {
		t.Fatal(err)
	}

	if len(entries) != 1 || entries[0].Import == nil {
		t.Fatalf("company history = %+v, want the import", entries)
	}
	if got := entries[0].Import; got.File != "deals.csv" || got.New != 2 {
		t.Errorf("company summary = %+v, want 2 companies of deals.csv", got)
	}
}

func TestAuditImportSkipsReusedID(t *testing.T) {
	s := openTestStore(t)
	path := writeFile(t, "leads.csv", []byte("First Name,Last Name,Email\nAnna,Schmidt,anna@example.de\n"))
	importFile(t, s, preparePlan(t, path, ""))
	id := leadIDByEmail(t, s, "anna@example.de")
	if err := s.db.Exec(`UPDATE leads SET created_at = ? WHERE id = ?`, s.now().AddDate(0, 0, 1), id).Error; err != nil {
		t.Fatal(err)
	}

	entries, err := s.AuditHistory(context.Background(), app.EntityLead, id, 0)
	if err != nil {
		t.Fatal(err)
	}

	if len(entries) != 0 {
		t.Errorf("history = %+v, want no import for a record created at another time", entries)
	}
}
