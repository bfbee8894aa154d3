package mapping

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"leadwerk/app"

	"leadwerk/app/tabular"
)

func TestCurrencyCellCodesAndSymbols(t *testing.T) {
	records, rejections := convertCSV(t, KindOpportunities, "Deal Name,Company,Amount,Currency\n"+
		"C1,Acme,100,ABC\nC2,Acme,100,EURO\nC3,Acme,100,€\nC4,Acme,100,chf\nC5,Acme,100,Fr.\nC6,Acme,100,£\n")

	if len(rejections) != 2 {
		t.Fatalf("rejections = %v, want ABC and EURO", rejections)
	}
	for i, value := range []string{"ABC", "EURO"} {
		if rejections[i].Reason != ReasonInvalidCurrency || rejections[i].Value != value {
			t.Errorf("rejection %d = %+v, want invalid currency %s", i, rejections[i], value)
		}
	}

	want := []string{"EUR", "CHF", "CHF", "GBP"}
	if len(records) != len(want) {
		t.Fatalf("read %d records, want %d", len(records), len(want))
	}
	for i, code := range want {
		if got := records[i].Deal.Amount.Currency; got != code {
			t.Errorf("line %d: currency = %q, want %q", records[i].Line, got, code)
		}
	}
}

func TestAmountWithUnknownCode(t *testing.T) {
	_, err := tabular.ParseAmount("100 XYZ", tabular.NumberFormat{Decimal: '.', Currency: "EUR"})
	if err == nil {
		t.Error("ParseAmount accepted the unknown currency XYZ")
	}
}

func TestVCard40TelURIAndTitle(t *testing.T) {
	card := "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Zoë Long-Line\r\nN:Long-Line;Zoë;;;\r\nORG:Gamma Ltd\r\n" +
		"TITLE:Geschäftsführer\r\nEMAIL;TYPE=work:zoe@gamma.example\r\n" +
		"TEL;VALUE=uri;TYPE=\"voice,work\":tel:+1-555-555-5555;ext=5555\r\nEND:VCARD\r\n"
	path := filepath.Join(t.TempDir(), "zoe.vcf")
	if err := os.WriteFile(path, []byte(card), 0o600); err != nil {
		t.Fatal(err)
	}

	records, rejections := convertFile(t, path, KindLeads)

	if len(rejections) != 0 {
		t.Fatalf("rejections = %v, want none", rejections)
	}
	if len(records) != 1 {
		t.Fatalf("read %d records, want 1", len(records))
	}
	if got := records[0].Lead.Phone; got != "+1-555-555-5555-5555" {
		t.Errorf("phone = %q, want +1-555-555-5555-5555", got)
	}
	if got := records[0].Lead.Role; got != "Geschäftsführer" {
		t.Errorf("role = %q, want Geschäftsführer", got)
	}
}

// convertCSVIn converts content like convertCSV, in the locale.
func convertCSVIn(t *testing.T, locale, content string) ([]Record, []Rejection) {
	t.Helper()

	path := filepath.Join(t.TempDir(), "rows.csv")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	plan, err := Prepare(path, Preset{Locale: locale}, KindOpportunities)
	if err != nil {
		t.Fatalf("Prepare: %v", err)
	}

	return convertPlan(t, plan)
}

func TestImpossibleDateIsRejected(t *testing.T) {
	records, rejections := convertCSV(t, KindOpportunities, "Deal Name;Company;Amount;Close Date\n"+
		"D1;Acme;100;31.02.2026\nD2;Acme;200;31.12.2026\nD3;Beta;300;01.06.2026\n")

	if len(rejections) != 1 {
		t.Fatalf("rejections = %v, want line 2 only", rejections)
	}
	if rejections[0].Line != 2 || rejections[0].Reason != tabular.ReasonImpossibleDate {
		t.Errorf("rejection = %+v, want an impossible date on line 2", rejections[0])
	}
	if len(records) != 2 {
		t.Fatalf("read %d records, want 2", len(records))
	}
	if got := records[0].Deal.CloseDate.String(); got != "2026-12-31" {
		t.Errorf("close date of D2 = %s, want 2026-12-31", got)
	}
}

func TestDottedTextIsNoSerial(t *testing.T) {
	records, rejections := convertCSV(t, KindOpportunities, "Deal Name,Company,Amount,Close Date\n"+
		"D1,Acme,100,5.3.2026\nD2,Acme,200,hello\nD3,Acme,200,12.foo\n")

	if len(rejections) != 2 {
		t.Fatalf("rejections = %v, want lines 3 and 4", rejections)
	}
	for i, line := range []int{3, 4} {
		if rejections[i].Line != line || rejections[i].Reason != tabular.ReasonInvalidDate {
			t.Errorf("rejection %d = %+v, want an invalid date on line %d", i, rejections[i], line)
		}
	}
	if len(records) != 1 {
		t.Fatalf("read %d records, want 1", len(records))
	}
	if got := records[0].Deal.CloseDate.String(); got != "2026-03-05" {
		t.Errorf("close date of D1 = %s, want 2026-03-05", got)
	}
}

func TestMixedSlashDatesFollowLocale(t *testing.T) {
	content := "Deal Name,Company,Amount,Close Date\n" +
		"D1,Acme,100,12/31/2026\nD2,Beta,300,13/01/2026\n"
	cases := []struct {
		locale       string
		rejectedLine int
		date         string
	}{
		{"en-US", 3, "2026-12-31"},
		{"de-DE", 2, "2026-01-13"},
	}

	for _, tc := range cases {
		t.Run(tc.locale, func(t *testing.T) {
			records, rejections := convertCSVIn(t, tc.locale, content)

			if len(rejections) != 1 || rejections[0].Line != tc.rejectedLine {
				t.Errorf("rejections = %v, want line %d only", rejections, tc.rejectedLine)
			}
			if len(records) != 1 {
				t.Fatalf("read %d records, want 1", len(records))
			}
			if got := records[0].Deal.CloseDate.String(); got != tc.date {
				t.Errorf("close date = %s, want %s", got, tc.date)
			}
		})
	}
}

func TestXLSXPercentProbability(t *testing.T) {
	book := excelize.NewFile()
	defer book.Close()

	percent, _ := book.NewStyle(&excelize.Style{NumFmt: 9})
	rows := [][]any{{"Deal Name", "Company", "Probability"}, {"A", "Acme", 1}, {"B", "Acme", 0.25}}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := book.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	if err := book.SetCellStyle("Sheet1", "C2", "C3", percent); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "pct.xlsx")
	if err := book.SaveAs(path); err != nil {
		t.Fatal(err)
	}

	records, rejections := convertFile(t, path, KindOpportunities)

	if len(rejections) != 0 || len(records) != 2 {
		t.Fatalf("records = %d, rejections = %v; want 2 records", len(records), rejections)
	}
	for i, want := range []int{100, 25} {
		if got := records[i].Deal.Probability; got != want {
			t.Errorf("probability of row %d = %d, want %d", i+2, got, want)
		}
	}
}

func TestOptOutColumns(t *testing.T) {
	records, rejections := convertCSV(t, KindLeads, "First Name,Last Name,Company,Email,Email Opt Out\n"+
		"A,B,Co,a@b.de,true\nC,D,Co,c@d.de,false\nE,F,Co,e@f.de,\n")

	if len(rejections) != 0 || len(records) != 3 {
		t.Fatalf("records = %d, rejections = %v; want 3 records", len(records), rejections)
	}
	for i, want := range []bool{true, false, false} {
		if got := records[i].MarketingOptOut; got != want {
			t.Errorf("opt-out of line %d = %v, want %v", records[i].Line, got, want)
		}
	}
}

func TestOptOutWords(t *testing.T) {
	for _, header := range []string{"Email Opt Out", "Marketing Opt Out", "Unsubscribed", "HasOptedOutOfEmail",
		"Werbewiderspruch"} {
		for _, cell := range []string{"ja", "x", "1", "yes", "TRUE"} {
			records, rejections := convertCSV(t, KindContacts, "First Name,Last Name,"+header+"\nA,B,"+cell+"\n")
			if len(rejections) != 0 || len(records) != 1 {
				t.Fatalf("%s=%s: records = %d, rejections = %v", header, cell, len(records), rejections)
			}
			if !records[0].MarketingOptOut {
				t.Errorf("%s=%s: opt-out = false, want true", header, cell)
			}
		}
	}
}

func TestCreatedDateColumns(t *testing.T) {
	cases := []struct {
		name    string
		kind    Kind
		content string
		want    string
	}{
		{"salesforce", KindLeads, "Id,LastName,Company,CreatedDate\n00Q1,Meier,Acme,2024-01-19T09:42:24.000+0100\n",
			"2024-01-19T08:42:24Z"},
		{"hubspot", KindContacts, "Record ID,First Name,Last Name,Create Date\n7,Anna,Schmidt,2023-05-02 14:30\n",
			"2023-05-02T14:30:00Z"},
		{"zoho", KindLeads, "Record Id,Lead Owner,Last Name,Company,Created Time\nz1,Ben,Weber,Co,2022-11-30 08:15:00\n",
			"2022-11-30T08:15:00Z"},
		{"german", KindCompanies, "Firma;Erstellt am\nMüller GmbH;31.12.2025\n", "2025-12-31T00:00:00Z"},
	}

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			records, rejections := convertCSV(t, tc.kind, tc.content)
			if len(rejections) != 0 || len(records) != 1 {
				t.Fatalf("records = %d, rejections = %v; want 1 record", len(records), rejections)
			}
			if got := records[0].Created.Format(time.RFC3339); got != tc.want {
				t.Errorf("created = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestCreatedDateInvalidKeepsRow(t *testing.T) {
	records, rejections := convertCSV(t, KindLeads, "Last Name,Company,Created\nMeier,Acme,soon\n")

	if len(rejections) != 0 || len(records) != 1 {
		t.Fatalf("records = %d, rejections = %v; want 1 record", len(records), rejections)
	}
	if !records[0].Created.IsZero() {
		t.Errorf("created = %v, want zero for the import time", records[0].Created)
	}
}

func TestDealStatusClosesDeal(t *testing.T) {
	cases := []struct {
		name    string
		content string
		stages  []string
	}{
		{"pipedrive", "Deal - ID,Deal - Title,Deal - Value,Deal - Currency,Deal - Stage,Deal - Status," +
			"Deal - Organization,Deal - Probability\n" +
			"1,Big deal,5000,USD,Qualified,open,PipeCo,\n" +
			"2,Won deal,1200,USD,Negotiations Started,won,PipeCo,80\n" +
			"3,Lost deal,900,USD,Negotiations Started,lost,PipeCo,40\n",
			[]string{"Qualified", "Won", "Lost"}},
		{"salesforce", "Id,Name,StageName,Amount,IsClosed,IsWon\n" +
			"0061,Big deal,Prospecting,5000,false,false\n" +
			"0062,Won deal,Negotiation/Review,1200,true,true\n" +
			"0063,Lost deal,Negotiation/Review,900,true,false\n",
			[]string{"Prospecting", "Won", "Lost"}},
		{"hubspot", "Record ID,Deal Name,Deal Stage,Amount\n" +
			"1,Big deal,Appointment Scheduled,5000\n2,Won deal,Closed Won,1200\n3,Lost deal,Closed Lost,900\n",
			[]string{"Appointment Scheduled", "Closed Won", "Closed Lost"}},
	}

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			records, rejections := convertCSV(t, KindOpportunities, tc.content)
			if len(rejections) != 0 || len(records) != 3 {
				t.Fatalf("records = %d, rejections = %v; want 3 records", len(records), rejections)
			}

			for i, want := range tc.stages {
				if got := records[i].Deal.Stage; got != want {
					t.Errorf("stage of line %d = %q, want %q", records[i].Line, got, want)
				}
			}
			for i, want := range []app.StageKind{app.StageOpen, app.StageWon, app.StageLost} {
				if got := StageKindOf(records[i].Deal.Stage); got != want {
					t.Errorf("stage kind of line %d = %q, want %q", records[i].Line, got, want)
				}
			}
			if records[1].Deal.HasProbability {
				t.Error("the won deal keeps the file's probability, want the won stage's")
			}
		})
	}
}

func TestSerialColumnWithoutDateHeader(t *testing.T) {
	records, rejections := convertCSV(t, KindOpportunities,
		"Deal Name,Company,Erwarteter Abschluss\nD1,Acme,46387\nD2,Acme,12\n")

	if len(rejections) != 1 || rejections[0].Line != 3 {
		t.Errorf("rejections = %v, want line 3 only, whose 12 is no plausible day", rejections)
	}
	if len(records) != 1 {
		t.Fatalf("read %d records, want 1", len(records))
	}
	if got := records[0].Deal.CloseDate.String(); got != "2026-12-31" {
		t.Errorf("close date = %s, want 2026-12-31", got)
	}
}
