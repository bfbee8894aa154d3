package data

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"leadwerk/app/mapping"
	"leadwerk/app/tabular"
	"leadwerk/app/testenv"
)

// writeFile writes text to a new file in a temporary folder.
func writeFile(t testing.TB, name string, content []byte) string {
	t.Helper()

	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}

	return path
}

func preparePlan(t testing.TB, path string, kind mapping.Kind) mapping.Plan {
	t.Helper()

	plan, err := mapping.Prepare(path, mapping.Preset{}, kind)
	if err != nil {
		t.Fatalf("Prepare %s: %v", path, err)
	}

	return plan
}

func importFile(t testing.TB, s *Store, plan mapping.Plan) mapping.Report {
	t.Helper()

	report, err := s.ImportFile(context.Background(), plan, nil)
	if err != nil {
		t.Fatalf("ImportFile: %v", err)
	}

	return report
}

// tableState returns the row count of each table and a checksum of the
// leads, companies and deals, to tell whether anything changed.
func tableState(t testing.TB, s *Store) map[string]int64 {
	t.Helper()

	state := map[string]int64{}
	for _, table := range []string{"leads", "contacts", "companies", "opportunities", "stages", "stage_changes"} {
		state[table] = int64(countRows(t, s, table))
	}

	var sum int64
	err := s.db.Raw(`SELECT COALESCE((SELECT SUM(length(first_name || last_name || email) + score) FROM leads), 0)
		+ COALESCE((SELECT SUM(amount_minor + stage_id) FROM opportunities), 0)`).Scan(&sum).Error
	if err != nil {
		t.Fatal(err)
	}
	state["checksum"] = sum

	return state
}

const germanLeads = "Vorname;Nachname;Firma;E-Mail;Umsatz;Datum\r\n" +
	"Jürgen;Weber;Weber GmbH;jw@weber.example;1.234,56;31.12.2026\r\n" +
	"Anna;Schmidt;Müller & Söhne;anna@mueller.example;2.000,00;01.02.2026\r\n" +
	"Ödön;Öztürk;Öztürk KG;oe@oeztuerk.example;5,00;28.02.2026\r\n"

func TestImportFileGermanExcelCSV(t *testing.T) {
	s := openTestStore(t)
	encoded, err := charmap.Windows1252.NewEncoder().String(germanLeads)
	if err != nil {
		t.Fatal(err)
	}
	plan := preparePlan(t, writeFile(t, "leads.csv", []byte(encoded)), "")

	if plan.Dialect.Encoding != tabular.EncodingWindows1252 {
		t.Errorf("encoding = %q, want Windows-1252", plan.Dialect.Encoding)
	}
	if plan.Dialect.Delimiter != ';' {
		t.Errorf("delimiter = %q, want ;", plan.Dialect.Delimiter)
	}

	report := importFile(t, s, plan)
	if report.Kind != mapping.KindLeads || report.Rows != 3 || report.New != 3 || len(report.Rejected) != 0 {
		t.Fatalf("report = %+v, want 3 new leads", report)
	}

	var name string
	s.db.Raw(`SELECT first_name FROM leads WHERE email = 'oe@oeztuerk.example'`).Scan(&name)
	if name != "Ödön" {
		t.Errorf("first name = %q, want Ödön decoded from Windows-1252", name)
	}
}

func TestImportFileReimportUpdates(t *testing.T) {
	s := openTestStore(t)
	path := writeFile(t, "leads.csv", []byte(germanLeads))
	importFile(t, s, preparePlan(t, path, ""))

	before := countRows(t, s, "leads")
	report := importFile(t, s, preparePlan(t, path, ""))

	if report.New != 0 || report.Unchanged != 3 {
		t.Errorf("second import = %+v, want 0 new and 3 unchanged", report)
	}
	if after := countRows(t, s, "leads"); after != before {
		t.Errorf("leads after the second import = %d, want %d", after, before)
	}
}

func TestImportFileRejectsRows(t *testing.T) {
	s := openTestStore(t)
	path := writeFile(t, "deals.csv", []byte("Title,Amount,Close Date,Stage\n"+
		"Good deal,100.00 EUR,2026-12-31,Won\n"+
		"Bad amount,abc,2026-12-31,Won\n"+
		"Bad date,50.00 EUR,2026-02-31,Won\n"+
		",,,\n"+
		"\"Quoted\nnewline\",10.00 EUR,2026-01-01,Won\n"))

	report := importFile(t, s, preparePlan(t, path, ""))

	if report.New != 2 {
		t.Errorf("new = %d, want 2 (the good deal and the quoted newline)", report.New)
	}
	want := []mapping.Rejection{
		{Line: 3, Column: "Amount", Reason: tabular.ReasonInvalidNumber, Value: "abc"},
		{Line: 4, Column: "Close Date", Reason: tabular.ReasonImpossibleDate, Value: "2026-02-31"},
	}
	if len(report.Rejected) != len(want) {
		t.Fatalf("rejected = %+v, want %+v", report.Rejected, want)
	}
	for i, w := range want {
		got := report.Rejected[i]
		if got.Line != w.Line || got.Column != w.Column || got.Reason != w.Reason {
			t.Errorf("rejection %d = %+v, want %+v", i, got, w)
		}
	}
}

func TestImportFileSharedEmail(t *testing.T) {
	s := openTestStore(t)
	path := writeFile(t, "contacts.csv", []byte("First Name,Last Name,Company,Email\n"+
		"Anna,Schmidt,Weber GmbH,info@weber.example\n"+
		"Bernd,Klein,Weber GmbH,info@weber.example\n"+
		"Anna,Schmidt,Weber GmbH,info@weber.example\n"+
		"Clara,Lang,Weber AG,clara@weber.example\n"))

	report := importFile(t, s, preparePlan(t, path, mapping.KindContacts))

	if report.New != 3 || report.Duplicates != 1 {
		t.Errorf("report = %+v, want 3 new and 1 duplicate", report)
	}
	if len(report.SharedEmails) != 1 || report.SharedEmails[0] != "info@weber.example" {
		t.Errorf("shared e-mails = %v, want info@weber.example", report.SharedEmails)
	}
	if n := countRows(t, s, "companies"); n != 1 {
		t.Errorf("companies = %d, want 1 for Weber GmbH and Weber AG", n)
	}
}

func TestImportFileDryRunWritesNothing(t *testing.T) {
	s := openTestStore(t)
	path := writeFile(t, "deals.csv", []byte("Deal Name,Deal Stage,Amount,Company\n"+
		"Alpha,Verhandlung,1000,Acme\nBeta,Brand new stage,2000,Acme\n"))
	before := tableState(t, s)

	report, err := s.DryRunFile(context.Background(), preparePlan(t, path, ""), nil)
	if err != nil {
		t.Fatal(err)
	}

	if report.New != 2 || len(report.UnknownStages) != 1 || report.Companies != 1 {
		t.Errorf("dry run = %+v, want 2 new, 1 unknown stage, 1 company", report)
	}
	after := tableState(t, s)
	for key, value := range before {
		if after[key] != value {
			t.Errorf("%s = %d after the dry run, want %d", key, after[key], value)
		}
	}
}

func TestImportFileStrictRejectsUnknownStage(t *testing.T) {
	s := openTestStore(t)
	path := writeFile(t, "deals.csv", []byte("Deal Name,Deal Stage,Amount\nAlpha,Closed Won,1000\nBeta,Odd,2000\n"))
	plan := preparePlan(t, path, "")
	plan.Strict = true

	report := importFile(t, s, plan)

	if report.New != 1 || len(report.Rejected) != 1 || report.Rejected[0].Reason != mapping.ReasonUnknownStage {
		t.Errorf("report = %+v, want 1 new and the Odd row rejected", report)
	}
}

func TestImportFileCancelLeavesDatabase(t *testing.T) {
	s := openTestStore(t)
	mustImport(t, s, sampleBatch())
	path := writeFile(t, "leads.csv", generatedLeadFile(3*fileBatchSize))
	before := tableState(t, s)

	ctx, cancel := context.WithCancel(context.Background())
	progress := func(done, total int) {
		if done >= fileBatchSize {
			cancel()
		}
	}
	_, err := s.ImportFile(ctx, preparePlan(t, path, ""), progress)

	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	after := tableState(t, s)
	for key, value := range before {
		if after[key] != value {
			t.Errorf("%s = %d after the cancelled import, want %d", key, after[key], value)
		}
	}
}

func TestImportFileVCard(t *testing.T) {
	s := openTestStore(t)
	path := writeFile(t, "cards.vcf", []byte("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Müller;Jürgen;;;\r\n"+
		"FN:Jürgen Müller\r\nORG:Bäckerei Müller\r\nEMAIL;TYPE=work:jm@baeckerei.example\r\nEND:VCARD\r\n"+
		"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Zoë Weiß\r\nN:Weiß;Zoë;;;\r\nEND:VCARD\r\n"))

	report := importFile(t, s, preparePlan(t, path, mapping.KindContacts))

	if report.New != 2 {
		t.Fatalf("report = %+v, want 2 new contacts", report)
	}
	var last string
	s.db.Raw(`SELECT last_name FROM contacts WHERE first_name = 'Zoë'`).Scan(&last)
	if last != "Weiß" {
		t.Errorf("last name = %q, want Weiß", last)
	}
}

func TestImportFileSalesforceExport(t *testing.T) {
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

	for round := range 2 {
		for _, f := range files {
			report := importFile(t, s, preparePlan(t, filepath.Join(dir, f.name), ""))
			if report.Kind != f.kind || report.Rows != f.rows || len(report.Rejected) != 0 {
				t.Errorf("round %d %s: report = %+v, want %d rows of %s", round, f.name, report, f.rows, f.kind)
			}
			if round == 1 && (report.New != 0 || report.Unchanged != f.rows) {
				t.Errorf("re-import of %s: %d new, %d unchanged, want all %d unchanged", f.name, report.New,
					report.Unchanged, f.rows)
			}
		}
	}

	var linked int
	s.db.Raw(`SELECT COUNT(*) FROM opportunities WHERE company_id IS NOT NULL`).Scan(&linked)
	if linked != 50 {
		t.Errorf("deals linked to an account = %d, want 50", linked)
	}
}

func TestImportFileMavenPipeline(t *testing.T) {
	path := filepath.Join(testenv.SharedData(t, "maven-crm"), "sales_pipeline.csv")
	s := openTestStore(t)

	first := importFile(t, s, preparePlan(t, path, ""))
	second := importFile(t, s, preparePlan(t, path, ""))

	if first.New != 8800 || first.Companies != 85 {
		t.Errorf("first import = %d new deals, %d companies; want 8800 and 85", first.New, first.Companies)
	}
	if second.New != 0 || second.Unchanged != 8800 {
		t.Errorf("second import = %d new, %d unchanged; want 0 and 8800", second.New, second.Unchanged)
	}
}

func TestImportPresetsRoundTrip(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	preset := mapping.Preset{Name: "Messe", Kind: mapping.KindLeads, Delimiter: ';', Locale: "de-DE",
		Columns: map[string]mapping.Field{"Nachname": mapping.FieldLastName}}

	if err := s.SaveImportPreset(ctx, preset); err != nil {
		t.Fatal(err)
	}
	presets, err := s.ImportPresets(ctx)
	if err != nil {
		t.Fatal(err)
	}

	if len(presets) != 1 || presets[0].Delimiter != ';' || presets[0].Columns["Nachname"] != mapping.FieldLastName {
		t.Errorf("presets = %+v, want the saved preset", presets)
	}
	if err := s.DeleteImportPreset(ctx, "Messe"); err != nil {
		t.Errorf("delete: %v", err)
	}
	if err := s.DeleteImportPreset(ctx, "Messe"); err == nil {
		t.Error("second delete succeeded, want ErrNotFound")
	}
	if err := s.SaveImportPreset(ctx, mapping.Preset{Name: " "}); err == nil {
		t.Error("saving a preset without a name succeeded")
	}
}

// TestImportFileBacksUpFirst checks that a file import into a database
// with data leaves an import backup holding the state before it, and
// that a dry run leaves none.
func TestImportFileBacksUpFirst(t *testing.T) {
	requireSQLite(t, "a file is copied before an import")
	s := openTestStore(t)
	mustImport(t, s, sampleBatch())
	path := writeFile(t, "leads.csv", generatedLeadFile(10))
	plan := preparePlan(t, path, "")

	if _, err := s.DryRunFile(context.Background(), plan, nil); err != nil {
		t.Fatal(err)
	}
	if names := backupNames(t, s.Path()); len(names) != 0 {
		t.Fatalf("dry run made backups %v", names)
	}

	importFile(t, s, plan)
	backups, err := listBackups(s.Path(), BackupDir(s.Path()))
	if err != nil {
		t.Fatal(err)
	}
	if len(backups) != 1 || backups[0].kind != kindImport {
		t.Fatalf("backups = %+v, want one import backup", backups)
	}
	if n := countIn(t, backups[0].path, "leads"); n != 2 {
		t.Errorf("import backup has %d leads, want the 2 from before the import", n)
	}
}
