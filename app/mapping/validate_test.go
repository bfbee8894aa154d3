package mapping

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"leadwerk/app"
	"leadwerk/app/tabular"
	"leadwerk/app/testenv"
)

// convertFile converts every row of the file at path as an import of kind
// does and returns the records and the rejections.
func convertFile(t testing.TB, path string, kind Kind) ([]Record, []Rejection) {
	t.Helper()

	plan, err := Prepare(path, Preset{}, kind)
	if err != nil {
		t.Fatalf("Prepare: %v", err)
	}

	return convertPlan(t, plan)
}

// convertPlan converts every row of the plan's file.
func convertPlan(t testing.TB, plan Plan) ([]Record, []Rejection) {
	t.Helper()

	converter := NewConverter(plan, "EUR")
	reader, _, err := tabular.Open(plan.Path, &plan.Dialect)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer reader.Close()

	var records []Record
	var rejections []Rejection
	for {
		row, err := reader.Read()
		if errors.Is(err, io.EOF) {
			return records, rejections
		}
		if err != nil {
			r, ok := RejectRead(row, err)
			if !ok {
				t.Fatalf("Read: %v", err)
			}
			rejections = append(rejections, r)
			continue
		}

		rec, rejection := converter.Convert(row)
		if rejection != nil {
			rejections = append(rejections, *rejection)
			continue
		}
		records = append(records, rec)
	}
}

// convertCSV writes content to a CSV file in a temporary folder and
// converts it.
func convertCSV(t *testing.T, kind Kind, content string) ([]Record, []Rejection) {
	t.Helper()

	path := filepath.Join(t.TempDir(), "rows.csv")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}

	return convertFile(t, path, kind)
}

// rejectionCase is one invalid row: the line it is on and the rejection
// it must get.
type rejectionCase struct {
	name   string
	row    string
	column string
	reason tabular.Reason
	value  string
	field  string
}

// checkRejections converts a file of header and one row per case, after
// a valid first row, and checks each case's rejection and that only the
// valid row converts.
func checkRejections(t *testing.T, kind Kind, header, valid string, cases []rejectionCase) {
	t.Helper()

	lines := []string{header, valid}
	for _, c := range cases {
		lines = append(lines, c.row)
	}
	records, rejections := convertCSV(t, kind, strings.Join(lines, "\n")+"\n")

	if len(records) != 1 || records[0].Line != 2 {
		t.Errorf("records = %+v, want only the row of line 2", records)
	}
	if len(rejections) != len(cases) {
		t.Fatalf("rejections = %+v, want %d", rejections, len(cases))
	}

	for i, c := range cases {
		got := rejections[i]
		if got.Line != i+3 {
			t.Errorf("%s: line = %d, want %d", c.name, got.Line, i+3)
		}
		if got.Column != c.column {
			t.Errorf("%s: column = %q, want %q", c.name, got.Column, c.column)
		}
		if got.Reason != c.reason {
			t.Errorf("%s: reason = %q, want %q", c.name, got.Reason, c.reason)
		}
		if got.Value != c.value {
			t.Errorf("%s: value = %q, want %q", c.name, got.Value, c.value)
		}
		if got.Field != c.field {
			t.Errorf("%s: field = %q, want %q", c.name, got.Field, c.field)
		}
	}
}

func TestValidateLeadRules(t *testing.T) {
	header := "First Name,Last Name,Company,Email,Phone,Website,Notes"
	valid := "Anna,Schmidt,Müller GmbH,anna@mueller.de,+49 30 1234-567,mueller.de,"
	long := strings.Repeat("ä", app.MaxLength(app.FieldNotes)+1)

	checkRejections(t, KindLeads, header, valid, []rejectionCase{
		{"required", ",,,ohne.namen@example.de,,,", "Last Name", ReasonMissingName, "", app.FieldName},
		{"e-mail without domain", "Jan,Berg,,jan@berg,,,", "Email", ReasonInvalidEmail, "jan@berg", app.FieldEmail},
		{"e-mail with ip", "Jan,Berg,,jan@[10.0.0.1],,,", "Email", ReasonInvalidEmail, "jan@[10.0.0.1]",
			app.FieldEmail},
		{"phone with letters", "Jan,Berg,,,030 CALL NOW,,", "Phone", ReasonInvalidPhone, "030 CALL NOW",
			app.FieldPhone},
		{"phone too short", "Jan,Berg,,,1234,,", "Phone", ReasonInvalidPhone, "1234", app.FieldPhone},
		{"website", "Jan,Berg,,,,ftp://berg.de,", "Website", ReasonInvalidURL, "ftp://berg.de", app.FieldWebsite},
		{"text length", "Jan,Berg,,,,," + long, "Notes", ReasonTooLong, strings.Repeat("ä", 40) + "…",
			app.FieldNotes},
	})
}

func TestValidateLeadFullNameColumn(t *testing.T) {
	long := strings.Repeat("x", app.MaxLength(app.FieldLastName)+1)
	_, rejections := convertCSV(t, KindLeads, "Name,Email\nAnna "+long+",anna@example.de\n")

	if len(rejections) != 1 {
		t.Fatalf("rejections = %+v, want 1", rejections)
	}
	if rejections[0].Column != "Name" {
		t.Errorf("column = %q, want the full name's column", rejections[0].Column)
	}
	if rejections[0].Field != app.FieldLastName {
		t.Errorf("field = %q, want %q", rejections[0].Field, app.FieldLastName)
	}
}

func TestValidateDealRules(t *testing.T) {
	header := "Deal Name,Amount,Probability,Close Date,Owner"
	valid := "Rahmenvertrag,12500.50,40,2026-03-31,Anna"

	checkRejections(t, KindOpportunities, header, valid, []rejectionCase{
		{"negative amount", "Wartung,-100,40,2026-03-31,Anna", "Amount", ReasonNegative, "-100", app.FieldAmount},
		{"amount above the maximum", "Lizenz,10000000001,40,2026-03-31,Anna", "Amount", tabular.ReasonTooLarge,
			"10000000001", app.FieldAmount},
		{"amount with three decimals", "Beratung,12.505,40,2026-03-31,Anna", "Amount",
			tabular.ReasonTooManyDecimals, "12.505", ""},
		{"probability above 100", "Schulung,500,150,2026-03-31,Anna", "Probability",
			tabular.ReasonInvalidProbability, "150", ""},
		{"impossible date", "Server,500,40,2026-02-30,Anna", "Close Date", tabular.ReasonImpossibleDate,
			"2026-02-30", ""},
		{"owner too long", "Support,500,40,2026-03-31," + strings.Repeat("o", 201), "Owner", ReasonTooLong,
			strings.Repeat("o", 40) + "…", app.FieldOwner},
	})
}

func TestValidateCompanyRules(t *testing.T) {
	header := "Account Name,Industry,Annual Revenue"
	valid := "Müller GmbH,Maschinenbau,2500000"

	checkRejections(t, KindCompanies, header, valid, []rejectionCase{
		{"negative revenue", "Berg AG,Handel,-5", "Annual Revenue", ReasonNegative, "-5", app.FieldRevenue},
		{"sector too long", "Berg AG," + strings.Repeat("s", 201) + ",5", "Industry", ReasonTooLong,
			strings.Repeat("s", 40) + "…", app.FieldSector},
	})
}

func TestValidateContactRules(t *testing.T) {
	header := "First Name,Last Name,Email,Phone,Mobile"
	valid := "Anna,Schmidt,anna@example.de,,"

	checkRejections(t, KindContacts, header, valid, []rejectionCase{
		{"required", ",,nur.mail@example.de,,", "Last Name", ReasonMissingName, "", app.FieldName},
		{"mobile with letters", "Jan,Berg,,,0170 ABC", "Mobile", ReasonInvalidPhone, "0170 ABC", app.FieldPhone},
	})
}

// TestValidateRealLeadFile converts the leads of a real Salesforce export
// with one e-mail address broken: every record that converts passes the
// rules of the lead form, and the broken row is rejected on its line.
func TestValidateRealLeadFile(t *testing.T) {
	original, err := os.ReadFile(filepath.Join(testenv.SharedData(t, "salesforce-export-bsd"), "Lead.csv"))
	if err != nil {
		t.Fatal(err)
	}

	lines := strings.Split(string(original), "\n")
	at := strings.Index(lines[4], "@")
	if at < 0 {
		t.Fatalf("line 5 of Lead.csv has no e-mail address: %q", lines[4])
	}
	lines[4] = lines[4][:at] + "@@" + lines[4][at+1:]
	path := filepath.Join(t.TempDir(), "Lead.csv")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o600); err != nil {
		t.Fatal(err)
	}

	records, rejections := convertFile(t, path, KindLeads)
	for _, rec := range records {
		if problems := app.Blocking(app.ValidateLead(rec.Lead, app.Date{})); len(problems) > 0 {
			t.Errorf("line %d converted with problems %+v", rec.Line, problems)
		}
	}

	if len(rejections) != 1 {
		t.Fatalf("rejections = %+v, want only the broken e-mail", rejections)
	}
	if rejections[0].Line != 5 || rejections[0].Column != "Email" || rejections[0].Reason != ReasonInvalidEmail {
		t.Errorf("rejection = %+v, want line 5, column Email, invalid_email", rejections[0])
	}
	if len(records) < 50 {
		t.Errorf("%d records converted, want the other rows of the file", len(records))
	}
}

// BenchmarkConvertLeads converts rows of a lead file with every rule of
// the lead form applied.
func BenchmarkConvertLeads(b *testing.B) {
	path := filepath.Join(b.TempDir(), "leads.csv")
	content := "ID,First Name,Last Name,Company,Email,Phone,City,Lead Source\n" +
		strings.Repeat("1,Vorname,Nachname,Firma GmbH,person@firma.example,+49 30 1234567,Köln,Messe\n", 1000)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		b.Fatal(err)
	}

	plan, err := Prepare(path, Preset{}, KindLeads)
	if err != nil {
		b.Fatal(err)
	}
	converter := NewConverter(plan, "EUR")
	reader, _, err := tabular.Open(path, &plan.Dialect)
	if err != nil {
		b.Fatal(err)
	}
	row, err := reader.Read()
	reader.Close()
	if err != nil {
		b.Fatal(err)
	}

	b.ReportAllocs()
	for b.Loop() {
		if _, rejection := converter.Convert(row); rejection != nil {
			b.Fatal(rejection)
		}
	}
}
