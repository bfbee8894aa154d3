package data

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"leadwerk/app/mapping"
)

// writeSameFile writes content under name into dir, for imports of one
// export under several file names.
func writeSameFile(t *testing.T, dir, name string, content []byte) string {
	t.Helper()

	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}

	return path
}

const genericDeals = "Opportunity ID,Deal Name,Company,Amount,Close Date\n" +
	"OP-1,Renewal,Acme,1000,2026-12-31\n" +
	"OP-2,Upgrade,Acme,2000,2027-01-31\n"

func TestImportFileRenamedFileUpdates(t *testing.T) {
	s := openTestStore(t)
	dir := t.TempDir()
	first := writeSameFile(t, dir, "sales_pipeline.csv", []byte(genericDeals))
	second := writeSameFile(t, dir, "sales_pipeline (1).csv", []byte(genericDeals))
	importFile(t, s, preparePlan(t, first, mapping.KindOpportunities))

	report := importFile(t, s, preparePlan(t, second, mapping.KindOpportunities))

	if report.New != 0 {
		t.Errorf("second import under another name: %d new, want 0", report.New)
	}
	if n := countRows(t, s, "opportunities"); n != 2 {
		t.Errorf("deals = %d, want 2", n)
	}
}

func TestImportFileSourceRefIgnoresFileName(t *testing.T) {
	dir := t.TempDir()
	first := preparePlan(t, writeSameFile(t, dir, "a.csv", []byte(genericDeals)), mapping.KindOpportunities)
	second := preparePlan(t, writeSameFile(t, dir, "b.csv", []byte(genericDeals)), mapping.KindOpportunities)

	a, b := first.SourceRef(mapping.KindOpportunities, "OP-1"), second.SourceRef(mapping.KindOpportunities, "OP-1")
	if a != b {
		t.Errorf("source refs differ by file name: %q and %q", a, b)
	}
}

const hubspotLeads = "Record ID,First Name,Last Name,Company Name,Email,Phone Number,Lead Status\n" +
	"201,Hans,Meier,Mueller GmbH,hans@mueller.de,+49 89 333333,NEW\n" +
	"202,Hans,Meier,Müller GmbH,h.meier@mueller.de,+49 89 444444,NEW\n" +
	"203,Eva,Kurz,Kurz AG,eva@kurz.de,+49 89 555555,NEW\n"

func TestImportFileOtherSourceIDIsNewLead(t *testing.T) {
	s := openTestStore(t)

	report := importFile(t, s, preparePlan(t, writeFile(t, "duplead.csv", []byte(hubspotLeads)), ""))

	if report.New != 3 {
		t.Errorf("new = %d, want 3", report.New)
	}
	if report.Duplicates != 0 {
		t.Errorf("duplicates = %d, want 0: Record IDs 201 and 202 are two people", report.Duplicates)
	}
}

func TestImportFileOtherSourceIDKeepsStoredLead(t *testing.T) {
	s := openTestStore(t)
	lines := []byte(hubspotLeads)
	only201 := lines[:slices.Index(lines, '\n')+1]
	only201 = append(only201, "201,Hans,Meier,Mueller GmbH,hans@mueller.de,+49 89 333333,NEW\n"...)
	importFile(t, s, preparePlan(t, writeFile(t, "201.csv", only201), ""))
	only202 := "Record ID,First Name,Last Name,Company Name,Email,Phone Number,Lead Status\n" +
		"202,Hans,Meier,Müller GmbH,h.meier@mueller.de,+49 89 444444,NEW\n"

	report := importFile(t, s, preparePlan(t, writeFile(t, "202.csv", []byte(only202)), ""))

	if report.New != 1 || report.Updated != 0 {
		t.Errorf("report = %+v, want 1 new and 0 updated", report)
	}
	var email string
	s.db.Raw(`SELECT email FROM leads WHERE phone = '+49 89 333333'`).Scan(&email)
	if email != "hans@mueller.de" {
		t.Errorf("e-mail of lead 201 = %q, want hans@mueller.de kept", email)
	}
}

func TestImportFileIDRowMatchesLeadWithoutRef(t *testing.T) {
	s := openTestStore(t)
	manual := "First Name,Last Name,Company,Email\nEva,Kurz,Kurz AG,eva@kurz.de\n"
	importFile(t, s, preparePlan(t, writeFile(t, "manual.csv", []byte(manual)), ""))

	report := importFile(t, s, preparePlan(t, writeFile(t, "duplead.csv", []byte(hubspotLeads)), ""))

	if report.New != 2 || report.Updated != 1 {
		t.Errorf("report = %+v, want 2 new and Eva Kurz updated by e-mail", report)
	}
	if n := countRows(t, s, "leads"); n != 3 {
		t.Errorf("leads = %d, want 3", n)
	}
}

const sameTitleDeals = "Deal Name,Company,Amount,Close Date\n" +
	"Renewal,Acme,1000,2026-12-31\n" +
	"Renewal,Acme,2000,2027-12-31\n" +
	"Renewal,ACME GmbH,3000,2027-06-30\n"

func TestImportFileSameTitleDealsStaySeparate(t *testing.T) {
	s := openTestStore(t)

	report := importFile(t, s, preparePlan(t, writeFile(t, "samedeal.csv", []byte(sameTitleDeals)), ""))

	if report.New != 3 || report.Duplicates != 0 {
		t.Errorf("report = %+v, want 3 new and 0 duplicates", report)
	}
	if n := countRows(t, s, "companies"); n != 1 {
		t.Errorf("companies = %d, want 1: Acme and ACME GmbH are one company", n)
	}
}

func TestImportFileSameDealTwiceIsDuplicate(t *testing.T) {
	s := openTestStore(t)
	file := sameTitleDeals + "Renewal,Acme,1000,2026-12-31\n"

	report := importFile(t, s, preparePlan(t, writeFile(t, "samedeal.csv", []byte(file)), ""))

	if report.New != 3 || report.Duplicates != 1 {
		t.Errorf("report = %+v, want 3 new and 1 duplicate", report)
	}
	want := []mapping.DuplicateRow{{Line: 5, OfLine: 2}}
	if !slices.Equal(report.DuplicateRows, want) {
		t.Errorf("duplicate rows = %+v, want %+v", report.DuplicateRows, want)
	}
}

func TestImportFileNamesFoldedCompanies(t *testing.T) {
	s := openTestStore(t)
	file := "Company Name,Industry,City\nMüller GmbH,Bakery,München\nMüller AG,Steel,Duisburg\n" +
		"Mueller KG,Software,Berlin\nKurz AG,Retail,Köln\n"

	report := importFile(t, s, preparePlan(t, writeFile(t, "comps.csv", []byte(file)), mapping.KindCompanies))

	want := []mapping.DuplicateRow{{Line: 3, OfLine: 2}, {Line: 4, OfLine: 2}}
	if report.New != 2 || report.Duplicates != 2 {
		t.Errorf("report = %+v, want 2 new and 2 duplicates", report)
	}
	if !slices.Equal(report.DuplicateRows, want) {
		t.Errorf("duplicate rows = %+v, want %+v", report.DuplicateRows, want)
	}
}

func TestImportFileUnchangedReimport(t *testing.T) {
	s := openTestStore(t)
	path := writeFile(t, "leads.csv", []byte(germanLeads))
	importFile(t, s, preparePlan(t, path, ""))
	auditBefore := countRows(t, s, "audit_log")
	stateBefore := tableState(t, s)

	report := importFile(t, s, preparePlan(t, path, ""))

	if report.Unchanged != 3 || report.Updated != 0 || report.New != 0 {
		t.Errorf("report = %+v, want 3 unchanged", report)
	}
	// The import's summary entry is the one new audit row.
	if n := countRows(t, s, "audit_log"); n != auditBefore+1 {
		t.Errorf("audit rows = %d, want %d", n, auditBefore+1)
	}
	if after := tableState(t, s); !maps.Equal(after, stateBefore) {
		t.Errorf("tables after = %v, want %v", after, stateBefore)
	}
}

func TestImportFileReimportCountsChangedRows(t *testing.T) {
	s := openTestStore(t)
	importFile(t, s, preparePlan(t, writeFile(t, "leads.csv", []byte(germanLeads)), ""))
	changed := "Vorname;Nachname;Firma;E-Mail;Umsatz;Datum\r\n" +
		"Jürgen;Weber;Weber GmbH;jw@weber.example;1.234,56;31.12.2026\r\n" +
		"Anna;Schmidt-Berg;Müller & Söhne;anna@mueller.example;2.000,00;01.02.2026\r\n"

	report := importFile(t, s, preparePlan(t, writeFile(t, "leads.csv", []byte(changed)), ""))

	if report.Updated != 1 || report.Unchanged != 1 {
		t.Errorf("report = %+v, want 1 updated and 1 unchanged", report)
	}
	var last string
	s.db.Raw(`SELECT last_name FROM leads WHERE email = 'anna@mueller.example'`).Scan(&last)
	if last != "Schmidt-Berg" {
		t.Errorf("last name = %q, want Schmidt-Berg", last)
	}
	var audited int
	s.db.Raw(`SELECT COUNT(*) FROM audit_log WHERE field = 'last_name' AND new_value = 'Schmidt-Berg'`).Scan(&audited)
	if audited != 1 {
		t.Errorf("audit entries of the new last name = %d, want 1", audited)
	}
}

func TestImportFileDryRunCountsUnchanged(t *testing.T) {
	s := openTestStore(t)
	path := writeFile(t, "leads.csv", []byte(germanLeads))
	importFile(t, s, preparePlan(t, path, ""))

	report, err := s.DryRunFile(t.Context(), preparePlan(t, path, ""), nil)
	if err != nil {
		t.Fatal(err)
	}

	if report.Unchanged != 3 || report.Updated != 0 {
		t.Errorf("dry run = %+v, want 3 unchanged", report)
	}
}
