package mapping

import (
	"os"
	"path/filepath"
	"testing"

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
