package mapping

import (
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
