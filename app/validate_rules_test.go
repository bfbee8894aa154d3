package app

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestValidEmail(t *testing.T) {
	cases := []struct {
		email string
		want  bool
	}{
		{"anna@example.de", true},
		{"anna.berg+crm@mail.example.co.uk", true},
		{"jörg@müller.de", true},
		{"anna@localhost", false},
		{"anna@example.", false},
		{"anna@.example.de", false},
		{"anna@example..de", false},
		{"anna@-example.de", false},
		{"anna@example.d3", false},
		{"anna@[10.0.0.1]", false},
		{"anna@exa mple.de", false},
		{"Anna <anna@example.de>", false},
		{"anna", false},
		{"@example.de", false},
	}

	for _, c := range cases {
		if got := validEmail(c.email); got != c.want {
			t.Errorf("validEmail(%q) = %v, want %v", c.email, got, c.want)
		}
	}
}

func TestValidPhone(t *testing.T) {
	cases := []struct {
		phone string
		want  bool
	}{
		{"+49 (0)30 1234-567", true},
		{"030/1234567", true},
		{"030.123.4567", true},
		{"12345", true},
		{"1234", false},
		{"+49 30 1234567 ext. 5", false},
		{"0049#30", false},
	}

	for _, c := range cases {
		if got := validPhone(c.phone); got != c.want {
			t.Errorf("validPhone(%q) = %v, want %v", c.phone, got, c.want)
		}
	}
}

func TestValidateMoney(t *testing.T) {
	cases := []struct {
		name  string
		money Money
		code  string
	}{
		{"zero", Money{0, "EUR"}, ""},
		{"at the maximum", Money{MaxAmountMinor, "EUR"}, ""},
		{"above the maximum", Money{MaxAmountMinor + 1, "EUR"}, CodeTooLarge},
		{"negative", Money{-1, "EUR"}, CodeNegative},
		{"lower-case currency", Money{100, "eur"}, CodeInvalidCurrency},
		{"no currency", Money{100, ""}, CodeInvalidCurrency},
	}

	for _, c := range cases {
		errs := ValidateMoney(FieldAmount, c.money)
		assertOneCode(t, c.name, errs, FieldAmount, c.code)
	}
}

func TestValidateAmountText(t *testing.T) {
	cases := []struct {
		text     string
		currency string
		code     string
	}{
		{"12500", "EUR", ""},
		{"12500.50", "EUR", ""},
		{"12500.505", "EUR", CodeTooManyDecimals},
		{"12500", "JPY", ""},
		{"12500.5", "JPY", CodeTooManyDecimals},
		{"1.125", "KWD", ""},
		{"1.1255", "BHD", CodeTooManyDecimals},
	}

	for _, c := range cases {
		errs := ValidateAmountText(FieldAmount, c.text, c.currency)
		assertOneCode(t, c.text+" "+c.currency, errs, FieldAmount, c.code)
	}
}

func TestCurrencyDecimalsTable(t *testing.T) {
	want := map[string]int{"JPY": 0, "KWD": 3, "BHD": 3, "EUR": 2, "USD": 2, "CHF": 2}
	for code, digits := range want {
		if got := CurrencyDigits(code); got != digits {
			t.Errorf("CurrencyDigits(%s) = %d, want %d", code, got, digits)
		}
	}
}

func TestValidDate(t *testing.T) {
	cases := []struct {
		date Date
		want bool
	}{
		{Date{}, true},
		{Date{2024, time.February, 29}, true},
		{Date{2023, time.February, 29}, false},
		{Date{2026, time.April, 31}, false},
		{Date{2026, 13, 1}, false},
		{Date{2026, time.January, 0}, false},
		{Date{10000, time.January, 1}, false},
	}

	for _, c := range cases {
		if got := ValidDate(c.date); got != c.want {
			t.Errorf("ValidDate(%+v) = %v, want %v", c.date, got, c.want)
		}
	}
}

func TestValidateOpportunity(t *testing.T) {
	created := Date{2026, time.March, 1}
	valid := Opportunity{Title: "Cancity upgrade", Amount: Money{1_250_000, "EUR"}, Probability: 40,
		CloseDate: Date{2026, time.June, 30}}
	if errs := ValidateOpportunity(valid, created); errs != nil {
		t.Fatalf("valid deal rejected: %+v", errs)
	}

	cases := []struct {
		name  string
		edit  func(*Opportunity)
		field string
		code  string
	}{
		{"blank title", func(o *Opportunity) { o.Title = "  " }, FieldTitle, CodeRequired},
		{"title too long", func(o *Opportunity) { o.Title = strings.Repeat("x", 201) }, FieldTitle, CodeTooLong},
		{"negative amount", func(o *Opportunity) { o.Amount.Minor = -5 }, FieldAmount, CodeNegative},
		{"amount too large", func(o *Opportunity) { o.Amount.Minor = MaxAmountMinor + 1 }, FieldAmount, CodeTooLarge},
		{"negative budget", func(o *Opportunity) { o.CustomerBudget = Money{-1, "EUR"} }, FieldCustomerBudget,
			CodeNegative},
		{"probability above 100", func(o *Opportunity) { o.Probability = 101 }, FieldProbability, CodeOutOfRange},
		{"probability below 0", func(o *Opportunity) { o.Probability = -1 }, FieldProbability, CodeOutOfRange},
		{"close date not in calendar", func(o *Opportunity) { o.CloseDate = Date{2026, time.February, 30} },
			FieldCloseDate, CodeInvalidDate},
		{"close before creation", func(o *Opportunity) { o.CloseDate = Date{2026, time.February, 28} },
			FieldCloseDate, CodeCloseBeforeCreated},
		{"notes too long", func(o *Opportunity) { o.Notes = strings.Repeat("ü", 10_001) }, FieldNotes, CodeTooLong},
	}

	for _, c := range cases {
		o := valid
		c.edit(&o)
		assertOneCode(t, c.name, ValidateOpportunity(o, created), c.field, c.code)
	}
}

func TestCloseBeforeCreationIsConfirmable(t *testing.T) {
	o := Opportunity{Title: "Backdated", Amount: Money{0, "EUR"}, CloseDate: Date{2025, time.May, 1}}
	errs := ValidateOpportunity(o, Date{2026, time.May, 1})
	if len(errs) != 1 {
		t.Fatalf("errors = %+v, want one", errs)
	}
	if !errs[0].Confirmable() {
		t.Errorf("%+v is not confirmable", errs[0])
	}
	if blocking := Blocking(errs); blocking != nil {
		t.Errorf("Blocking = %+v, want none", blocking)
	}
	if errs := ValidateOpportunity(o, Date{}); errs != nil {
		t.Errorf("unsaved deal without creation day: errors = %+v, want none", errs)
	}
}

func TestMaxLengthCountsCharacters(t *testing.T) {
	name := strings.Repeat("ß", MaxLength(FieldCity))
	if errs := ValidateLead(Lead{LastName: "Berg", City: name}, Date{}); errs != nil {
		t.Errorf("city of %d two-byte characters rejected: %+v", MaxLength(FieldCity), errs)
	}

	errs := ValidateLead(Lead{LastName: "Berg", City: name + "ß"}, Date{})
	assertOneCode(t, "city one character too long", errs, FieldCity, CodeTooLong)
}

func TestValidateLeadLengths(t *testing.T) {
	cases := []struct {
		field string
		edit  func(*Lead, string)
	}{
		{FieldEmail, func(l *Lead, s string) { l.Email = "a@" + s[:len(s)-5] + ".de" }},
		{FieldPhone, func(l *Lead, s string) { l.Phone = strings.Repeat("1", len(s)) }},
		{FieldNotes, func(l *Lead, s string) { l.Notes = s }},
		{FieldCompanyName, func(l *Lead, s string) { l.CompanyName = s }},
		{FieldConsentSource, func(l *Lead, s string) { l.Consent.Obtained = s }},
	}

	for _, c := range cases {
		l := Lead{LastName: "Berg"}
		c.edit(&l, strings.Repeat("a", MaxLength(c.field)+1))
		errs := ValidateLead(l, Date{})
		found := false
		for _, e := range errs {
			found = found || (e.Field == c.field && e.Code == CodeTooLong)
		}
		if !found {
			t.Errorf("%s of %d characters: errors = %+v, want %s too_long", c.field, MaxLength(c.field)+1, errs,
				c.field)
		}
	}
}

func TestValidateCompanyAndContact(t *testing.T) {
	assertOneCode(t, "company without name", ValidateCompany(Company{Name: " "}), FieldName, CodeRequired)
	assertOneCode(t, "company revenue negative", ValidateCompany(Company{Name: "Berg", Revenue: Money{-1, "EUR"}}),
		FieldRevenue, CodeNegative)
	assertOneCode(t, "company revenue above the deal maximum",
		ValidateCompany(Company{Name: "Berg", Revenue: Money{MaxAmountMinor * 60, "USD"}}), "", "")
	assertOneCode(t, "contact without name", ValidateContact(Contact{Email: "a@b.de"}), FieldName, CodeRequired)
	assertOneCode(t, "contact bad e-mail", ValidateContact(Contact{LastName: "Berg", Email: "berg@"}), FieldEmail,
		CodeInvalidEmail)
	assertOneCode(t, "contact bad phone", ValidateContact(Contact{LastName: "Berg", Phone: "abc"}), FieldPhone,
		CodeInvalidPhone)
}

func TestValidateQualification(t *testing.T) {
	valid := Qualification{BudgetAmount: Money{1_000_000, "EUR"}, BudgetUpTo: Money{2_000_000, "EUR"}}
	assertOneCode(t, "valid budget range", ValidateQualification(valid), "", "")

	negative := valid
	negative.BudgetAmount.Minor = -100
	assertOneCode(t, "negative budget", ValidateQualification(negative), FieldBudgetAmount, CodeNegative)

	huge := valid
	huge.BudgetUpTo.Minor = MaxAmountMinor + 1
	assertOneCode(t, "upper end too large", ValidateQualification(huge), FieldBudgetUpTo, CodeTooLarge)

	long := valid
	long.Need = strings.Repeat("x", MaxLength(FieldNeed)+1)
	assertOneCode(t, "need too long", ValidateQualification(long), FieldNeed, CodeTooLong)
}

func TestValidateBatchNamesRows(t *testing.T) {
	b := ImportBatch{
		Companies: []CompanyImport{{Company: Company{Name: "Berg", SourceRef: "t:company:1"}}},
		Leads: []Lead{
			{LastName: "Ok", SourceRef: "t:lead:1"},
			{LastName: "Bad", Email: "bad@", SourceRef: "t:lead:2"},
		},
		Opportunities: []OpportunityImport{{Opportunity: Opportunity{Title: "Old deal", Amount: Money{-100, "USD"},
			CloseDate: Date{2016, time.May, 1}, SourceRef: "t:opportunity:1"}}},
	}

	problems := ValidateBatch(b, Date{2026, time.December, 4})
	want := []RowProblem{
		{RowLead, 2, "t:lead:2", FieldError{FieldEmail, CodeInvalidEmail}, "bad@"},
		{RowOpportunity, 1, "t:opportunity:1", FieldError{FieldAmount, CodeNegative}, "-1.00 USD"},
	}
	if len(problems) != len(want) {
		t.Fatalf("problems = %v, want %v", problems, want)
	}
	for i := range want {
		if problems[i] != want[i] {
			t.Errorf("problem %d = %v, want %v", i, problems[i], want[i])
		}
	}

	err := error(&ImportRowsError{Problems: problems})
	if !errors.Is(err, ErrInvalid) {
		t.Errorf("ImportRowsError does not match ErrInvalid")
	}
	if !strings.Contains(err.Error(), `lead 2 "t:lead:2": email "bad@": invalid_email`) {
		t.Errorf("message %q does not name the lead row", err)
	}
}

// assertOneCode checks that errs is exactly one problem of field with
// code, or no problem when code is empty.
func assertOneCode(t *testing.T, name string, errs []FieldError, field, code string) {
	t.Helper()
	if code == "" {
		if errs != nil {
			t.Errorf("%s: errors = %+v, want none", name, errs)
		}
		return
	}

	if len(errs) != 1 || errs[0].Field != field || errs[0].Code != code {
		t.Errorf("%s: errors = %+v, want one %s %s", name, errs, field, code)
	}
}
