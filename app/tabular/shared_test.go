package tabular

import (
	"path/filepath"
	"testing"

	"leadwerk/app/testenv"
)

func TestSalesforceExport(t *testing.T) {
	dir := testenv.SharedData(t, "salesforce-export-bsd")

	d, header, rows, rejected := openAll(t, filepath.Join(dir, "Opportunity.csv"), nil)
	if d.Encoding != EncodingUTF8 || !d.BOM {
		t.Errorf("encoding = %s BOM %v, want UTF-8 with BOM", d.Encoding, d.BOM)
	}
	if d.Delimiter != ',' {
		t.Errorf("delimiter = %q, want ','", d.Delimiter)
	}
	if header[0] != "Id" {
		t.Errorf("first header = %q, want Id without the byte order mark", header[0])
	}
	if len(rejected) != 0 {
		t.Errorf("rejected: %v", rejected)
	}
	if len(rows) == 0 {
		t.Fatal("no rows read")
	}

	if c := columnNamed(t, d, "CloseDate"); c.Date != DateISO {
		t.Errorf("CloseDate format = %q, want %s", c.Date, DateISO)
	}
	if c := columnNamed(t, d, "CreatedDate"); c.Date != DateTimestamp {
		t.Errorf("CreatedDate format = %q, want %s", c.Date, DateTimestamp)
	}
	if c := columnNamed(t, d, "Amount"); c.Kind != KindNumber || c.Number.Decimal != '.' {
		t.Errorf("Amount column = %+v, want numbers with '.'", c)
	}
	if c := columnNamed(t, d, "IsWon"); c.Kind != KindBool {
		t.Errorf("IsWon kind = %s, want bool", c.Kind)
	}
}

func TestSalesforceAccountJSONCells(t *testing.T) {
	dir := testenv.SharedData(t, "salesforce-export-bsd")

	_, header, rows, rejected := openAll(t, filepath.Join(dir, "Account.csv"), nil)
	if len(rejected) != 0 {
		t.Errorf("rejected: %v", rejected)
	}
	for _, r := range rows {
		if len(r.Cells) != len(header) {
			t.Fatalf("line %d has %d cells, header %d", r.Line, len(r.Cells), len(header))
		}
	}
}

func TestXEducationLeads(t *testing.T) {
	dir := testenv.SharedData(t, "xeducation-leads")

	d, _, rows, rejected := openAll(t, filepath.Join(dir, "Leads.csv"), nil)
	if d.Encoding != EncodingUTF8 || d.BOM || d.Delimiter != ',' || d.HeaderLine != 1 {
		t.Errorf("dialect = %s BOM %v delimiter %q header %d, want UTF-8, ',', 1", d.Encoding, d.BOM, d.Delimiter, d.HeaderLine)
	}
	if len(rows) != 9240 {
		t.Errorf("read %d leads, want 9240", len(rows))
	}
	if len(rejected) != 0 {
		t.Errorf("rejected: %v", rejected[:min(3, len(rejected))])
	}

	if c := columnNamed(t, d, "Do Not Email"); c.Kind != KindBool {
		t.Errorf("Do Not Email kind = %s, want bool", c.Kind)
	}
	if c := columnNamed(t, d, "Page Views Per Visit"); c.Kind != KindNumber || c.Number.Decimal != '.' {
		t.Errorf("Page Views Per Visit = %+v, want numbers with '.'", c)
	}
	if c := columnNamed(t, d, "Specialization"); c.Kind != KindText {
		t.Errorf("Specialization kind = %s, want text with Select as a placeholder", c.Kind)
	}
}

func TestMavenPipeline(t *testing.T) {
	dir := testenv.SharedData(t, "maven-crm")

	d, _, rows, rejected := openAll(t, filepath.Join(dir, "sales_pipeline.csv"), nil)
	if d.Encoding != EncodingUTF8 || d.Delimiter != ',' {
		t.Errorf("dialect = %s %q, want UTF-8 and ','", d.Encoding, d.Delimiter)
	}
	if len(rows) != 8800 || len(rejected) != 0 {
		t.Errorf("read %d rows and rejected %d, want 8800 and 0", len(rows), len(rejected))
	}

	for _, name := range []string{"engage_date", "close_date"} {
		if c := columnNamed(t, d, name); c.Date != DateISO {
			t.Errorf("%s format = %q, want %s", name, c.Date, DateISO)
		}
	}
	if c := columnNamed(t, d, "close_value"); c.Kind != KindNumber {
		t.Errorf("close_value kind = %s, want number", c.Kind)
	}
}
