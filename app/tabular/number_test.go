package tabular

import (
	"errors"
	"strings"
	"testing"

	"leadwerk/app"
)

var (
	german  = NumberFormat{Decimal: ',', Currency: "EUR"}
	english = NumberFormat{Decimal: '.', Currency: "USD"}
)

// amountCases are shared with FuzzParseAmount as its seed corpus.
var amountCases = []struct {
	name   string
	text   string
	format NumberFormat
	want   app.Money
}{
	{"german grouped", "1.234,56", german, app.Money{Minor: 123456, Currency: "EUR"}},
	{"english grouped", "1,234.56", english, app.Money{Minor: 123456, Currency: "USD"}},
	{"space grouped", "1 234,56", german, app.Money{Minor: 123456, Currency: "EUR"}},
	{"no-break space grouped", "1\u00a0234\u00a0567,5", german, app.Money{Minor: 123456750, Currency: "EUR"}},
	{"swiss apostrophe", "CHF 1'234.50", NumberFormat{Decimal: '.'}, app.Money{Minor: 123450, Currency: "CHF"}},
	{"euro after", "1.234,56 €", NumberFormat{Decimal: ','}, app.Money{Minor: 123456, Currency: "EUR"}},
	{"euro before", "€1,234.56", NumberFormat{Decimal: '.'}, app.Money{Minor: 123456, Currency: "EUR"}},
	{"dollar", "$99", NumberFormat{Decimal: '.'}, app.Money{Minor: 9900, Currency: "USD"}},
	{"pound", "£12.5", NumberFormat{Decimal: '.'}, app.Money{Minor: 1250, Currency: "GBP"}},
	{"iso code after", "1.234,56 EUR", german, app.Money{Minor: 123456, Currency: "EUR"}},
	{"iso code before", "USD 1,000", NumberFormat{Decimal: '.'}, app.Money{Minor: 100000, Currency: "USD"}},
	{"text currency wins", "100 USD", german, app.Money{Minor: 10000, Currency: "USD"}},
	{"thousand suffix", "12K", english, app.Money{Minor: 1200000, Currency: "USD"}},
	{"lower thousand suffix", "1,5k €", NumberFormat{Decimal: ','}, app.Money{Minor: 150000, Currency: "EUR"}},
	{"million suffix", "1.2M", english, app.Money{Minor: 120000000, Currency: "USD"}},
	{"mio suffix", "2,5 Mio. €", NumberFormat{Decimal: ','}, app.Money{Minor: 250000000, Currency: "EUR"}},
	{"minus", "-1.234,56", german, app.Money{Minor: -123456, Currency: "EUR"}},
	{"unicode minus", "−5", german, app.Money{Minor: -500, Currency: "EUR"}},
	{"parentheses", "(1,234.56)", english, app.Money{Minor: -123456, Currency: "USD"}},
	{"parentheses with symbol", "($50)", NumberFormat{Decimal: '.'}, app.Money{Minor: -5000, Currency: "USD"}},
	{"minus before symbol", "-€5", NumberFormat{Decimal: '.'}, app.Money{Minor: -500, Currency: "EUR"}},
	{"trailing minus", "1.234,56-", german, app.Money{Minor: -123456, Currency: "EUR"}},
	{"dash cents", "5,-", german, app.Money{Minor: 500, Currency: "EUR"}},
	{"plain integer", "1054", english, app.Money{Minor: 105400, Currency: "USD"}},
	{"leading point", ".5", english, app.Money{Minor: 50, Currency: "USD"}},
	{"trailing zeros dropped", "1,500", NumberFormat{Decimal: ',', Currency: "EUR"}, app.Money{Minor: 150, Currency: "EUR"}},
	{"yen has no cents", "¥1,000", NumberFormat{Decimal: '.'}, app.Money{Minor: 1000, Currency: "JPY"}},
	{"salesforce amount", "1124741.15", english, app.Money{Minor: 112474115, Currency: "USD"}},
	{"spaces around", "  42,00 ", german, app.Money{Minor: 4200, Currency: "EUR"}},
}

func TestParseAmountCases(t *testing.T) {
	for _, tc := range amountCases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseAmount(tc.text, tc.format)
			if err != nil {
				t.Fatalf("ParseAmount(%q): %v", tc.text, err)
			}
			if got != tc.want {
				t.Errorf("ParseAmount(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
}

func TestParseAmountRejects(t *testing.T) {
	cases := []struct {
		name   string
		text   string
		format NumberFormat
		reason Reason
	}{
		{"empty", "  ", german, ReasonEmpty},
		{"word", "abc", german, ReasonInvalidNumber},
		{"wrong decimal", "1,234.56", german, ReasonInvalidNumber},
		{"bad group", "1.23,4", german, ReasonInvalidNumber},
		{"two decimals", "1,2,3", german, ReasonInvalidNumber},
		{"mixed groups", "1.234 567,00", german, ReasonInvalidNumber},
		{"double separator", "1..234", german, ReasonInvalidNumber},
		{"sub-cent", "1,234", german, ReasonTooManyDecimals},
		{"no currency", "12", NumberFormat{Decimal: '.'}, ReasonMissingCurrency},
		{"overflow", "99999999999999999", english, ReasonTooLarge},
		{"above the parse bound", "10000000000000000", english, ReasonTooLarge},
		{"too many digits", "1234567890123456789012", english, ReasonInvalidNumber},
		{"suffix overflow", "99999999999999999M", english, ReasonTooLarge},
		{"suffix alone", "K", english, ReasonInvalidNumber},
		{"two signs", "--5", english, ReasonInvalidNumber},
		{"lone symbol", "€", german, ReasonInvalidNumber},
	}

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseAmount(tc.text, tc.format)
			if err == nil {
				t.Fatalf("ParseAmount(%q) = %v, want an error", tc.text, got)
			}
			if r := reasonOf(err); r != tc.reason {
				t.Errorf("reason = %q, want %q (%v)", r, tc.reason, err)
			}
			if !errors.Is(err, app.ErrInvalid) {
				t.Errorf("error %v does not match app.ErrInvalid", err)
			}
		})
	}
}

func TestParseNumberKeepsScale(t *testing.T) {
	got, err := ParseNumber("2,50", NumberFormat{Decimal: ','})
	if err != nil {
		t.Fatal(err)
	}

	if got.String() != "2.50" {
		t.Errorf("String() = %q, want 2.50", got.String())
	}
	if _, ok := got.Int(); ok {
		t.Error("Int() of 2.50 reported a whole number")
	}
	if got.Float64() != 2.5 {
		t.Errorf("Float64() = %v, want 2.5", got.Float64())
	}
}

func TestCellErrorMessage(t *testing.T) {
	_, err := ParseAmount("1,2,3", german)

	var cellErr *CellError
	if !errors.As(err, &cellErr) {
		t.Fatalf("error %v is no *CellError", err)
	}
	cellErr.Line, cellErr.Column = 12, "Betrag"

	msg := cellErr.Error()
	for _, part := range []string{"line 12", `"Betrag"`, `"1,2,3"`, "not a number", "1234,56 EUR", "separators"} {
		if !strings.Contains(msg, part) {
			t.Errorf("message %q lacks %q", msg, part)
		}
	}
}

func TestDetectNumberFormat(t *testing.T) {
	cases := []struct {
		name      string
		values    []string
		locale    string
		decimal   rune
		thousands rune
		currency  string
		ambiguous bool
	}{
		{"german", []string{"1.234,56", "99,00", "12"}, "en-US", ',', '.', "", false},
		{"english", []string{"1,234.56", "99.00"}, "de-DE", '.', ',', "", false},
		{"repeated dot groups", []string{"1.234.567"}, "en-US", ',', '.', "", false},
		{"space groups", []string{"1 234,5", "12"}, "en-US", ',', ' ', "", false},
		{"euro column", []string{"1.234,56 €", "5 €"}, "en-US", ',', '.', "EUR", false},
		{"ambiguous german locale", []string{"1.234", "5.678"}, "de-DE", ',', '.', "", true},
		{"ambiguous english locale", []string{"1.234", "5.678"}, "en-US", '.', 0, "", true},
		{"leading zero decides", []string{"0.125", "1.234"}, "de-DE", '.', 0, "", false},
		{"integers follow locale", []string{"12", "13"}, "de-AT", ',', 0, "", false},
		{"swiss locale", []string{"12"}, "de-CH", '.', 0, "", false},
	}

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f, ambiguous, ok := detectNumberFormat(tc.values, tc.locale)
			if !ok {
				t.Fatalf("detectNumberFormat(%q) found no format", tc.values)
			}
			if f.Decimal != tc.decimal {
				t.Errorf("Decimal = %q, want %q", f.Decimal, tc.decimal)
			}
			if f.Thousands != tc.thousands {
				t.Errorf("Thousands = %q, want %q", f.Thousands, tc.thousands)
			}
			if f.Currency != tc.currency {
				t.Errorf("Currency = %q, want %q", f.Currency, tc.currency)
			}
			if ambiguous != tc.ambiguous {
				t.Errorf("ambiguous = %v, want %v", ambiguous, tc.ambiguous)
			}
		})
	}
}

func TestDetectNumberFormatRejectsText(t *testing.T) {
	if _, _, ok := detectNumberFormat([]string{"12", "twelve"}, "en"); ok {
		t.Error("a column with a word was taken as numbers")
	}
}
