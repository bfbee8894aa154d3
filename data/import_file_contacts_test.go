package data

import (
	"context"
	"path/filepath"
	"testing"

	"leadwerk/app/mapping"
	"leadwerk/app/testenv"
)

func TestImportFileContactMatchesSourceID(t *testing.T) {
	s := openTestStore(t)
	first := writeFile(t, "contacts.csv", []byte("ID,First Name,Last Name,Email\n"+
		"7,Anna,Schmidt,anna@old.example\n"))
	importFile(t, s, preparePlan(t, first, mapping.KindContacts))

	// The e-mail and the last name change, so only the id matches.
	second := writeFile(t, "contacts.csv", []byte("ID,First Name,Last Name,Email\n"+
		"7,Anna,Weber,anna@new.example\n"))
	report := importFile(t, s, preparePlan(t, second, mapping.KindContacts))

	if report.New != 0 {
		t.Errorf("new = %d, want 0", report.New)
	}
	if report.Updated != 1 {
		t.Errorf("updated = %d, want 1", report.Updated)
	}
	if n := countRows(t, s, "contacts"); n != 1 {
		t.Errorf("contacts = %d, want 1", n)
	}

	var stored struct{ LastName, Email, SourceRef string }
	s.db.Raw(`SELECT last_name, email, source_ref FROM contacts`).Scan(&stored)
	if stored.Email != "anna@new.example" {
		t.Errorf("e-mail = %q, want anna@new.example", stored.Email)
	}
	if stored.LastName != "Weber" {
		t.Errorf("last name = %q, want Weber", stored.LastName)
	}
	if stored.SourceRef != "file:id:contact:7" {
		t.Errorf("source_ref = %q, want file:id:contact:7", stored.SourceRef)
	}
}

func TestImportFileContactWithoutIDMatchesEmail(t *testing.T) {
	s := openTestStore(t)
	path := writeFile(t, "contacts.csv", []byte("First Name,Last Name,Email\nAnna,Schmidt,anna@example.com\n"))
	importFile(t, s, preparePlan(t, path, mapping.KindContacts))

	report := importFile(t, s, preparePlan(t, path, mapping.KindContacts))

	if report.New != 0 || report.Unchanged != 1 {
		t.Errorf("second import = %d new, %d unchanged; want 0 and 1", report.New, report.Unchanged)
	}
	var ref string
	s.db.Raw(`SELECT source_ref FROM contacts`).Scan(&ref)
	if ref != "" {
		t.Errorf("source_ref = %q, want empty for a file without ids", ref)
	}
}

// TestImportFileSalesforceDryRun reads a real Salesforce Data Export
// through the same detection and dry run as any other file.
func TestImportFileSalesforceDryRun(t *testing.T) {
	dir := testenv.SharedData(t, "salesforce-export-bsd")
	s := openTestStore(t)
	files := []struct {
		name string
		kind mapping.Kind
		rows int
	}{
		{"Account.csv", mapping.KindCompanies, 22}, {"Contact.csv", mapping.KindContacts, 102},
		{"Lead.csv", mapping.KindLeads, 60}, {"Opportunity.csv", mapping.KindOpportunities, 50},
	}

	for _, f := range files {
		plan := preparePlan(t, filepath.Join(dir, f.name), "")
		report, err := s.DryRunFile(context.Background(), plan, nil)
		if err != nil {
			t.Fatalf("dry run of %s: %v", f.name, err)
		}

		if plan.Mapping.CRM != mapping.CRMSalesforce {
			t.Errorf("%s: CRM = %q, want salesforce", f.name, plan.Mapping.CRM)
		}
		if report.Kind != f.kind {
			t.Errorf("%s: kind = %q, want %q", f.name, report.Kind, f.kind)
		}
		if report.Rows != f.rows || report.New != f.rows {
			t.Errorf("%s: %d rows, %d new; want %d of each", f.name, report.Rows, report.New, f.rows)
		}
		if len(report.Rejected) != 0 {
			t.Errorf("%s: rejected = %+v, want none", f.name, report.Rejected)
		}
	}
}

func TestImportFileSalesforceContactRefs(t *testing.T) {
	dir := testenv.SharedData(t, "salesforce-export-bsd")
	s := openTestStore(t)

	importFile(t, s, preparePlan(t, filepath.Join(dir, "Contact.csv"), ""))

	var refs int
	s.db.Raw(`SELECT COUNT(*) FROM contacts WHERE source_ref LIKE 'salesforce:contact:003%'`).Scan(&refs)
	if refs != 102 {
		t.Errorf("contacts with a Salesforce id = %d, want 102", refs)
	}
}
