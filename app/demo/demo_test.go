package demo_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"leadwerk/app"
	"leadwerk/app/demo"
)

var today = app.Date{Year: 2026, Month: time.May, Day: 15}

// window returns the first instant of the demo history and midnight UTC
// of today.
func window() (start, end time.Time) {
	return windowOf(today)
}

func windowOf(day app.Date) (start, end time.Time) {
	end = time.Date(day.Year, day.Month, day.Day, 0, 0, 0, 0, time.UTC)

	return end.AddDate(0, -18, 0), end
}

// generateCases are seeds and days to check the deal invariants on,
// including month ends and a leap day.
var generateCases = []struct {
	name  string
	seed  uint64
	today app.Date
}{
	{"seed 1 mid-May", 1, today},
	{"seed 7 leap day", 7, app.Date{Year: 2028, Month: time.February, Day: 29}},
	{"seed 99 end of August", 99, app.Date{Year: 2025, Month: time.August, Day: 31}},
	{"seed 0 new year", 0, app.Date{Year: 2027, Month: time.January, Day: 1}},
}

func TestGenerateDeterministic(t *testing.T) {
	a := demo.Generate(42, today)
	b := demo.Generate(42, today)

	if !reflect.DeepEqual(a, b) {
		t.Error("two batches from seed 42 differ")
	}
}

func TestGenerateSeedMatters(t *testing.T) {
	a := demo.Generate(1, today)
	b := demo.Generate(2, today)

	if reflect.DeepEqual(a.Companies, b.Companies) {
		t.Error("seeds 1 and 2 give the same companies")
	}
	if reflect.DeepEqual(a.Opportunities, b.Opportunities) {
		t.Error("seeds 1 and 2 give the same deals")
	}
}

func TestGenerateCounts(t *testing.T) {
	b := demo.Generate(1, today)

	if b.Source != "demo" {
		t.Errorf("source %q, want demo", b.Source)
	}
	if len(b.Companies) != 200 {
		t.Errorf("%d companies, want 200", len(b.Companies))
	}
	if len(b.Leads) != 1000 {
		t.Errorf("%d leads, want 1000", len(b.Leads))
	}
	if len(b.Opportunities) != 300 {
		t.Errorf("%d deals, want 300", len(b.Opportunities))
	}
	if !reflect.DeepEqual(b.Pipeline, app.DefaultPipeline()) {
		t.Errorf("pipeline %+v, want app.DefaultPipeline()", b.Pipeline)
	}
}

func TestGenerateSourceRefs(t *testing.T) {
	b := demo.Generate(1, today)

	seen := map[string]bool{}
	check := func(ref string) {
		t.Helper()
		if !strings.HasPrefix(ref, "demo:") {
			t.Errorf("source ref %q does not start with demo:", ref)
		}
		if seen[ref] {
			t.Errorf("source ref %q is used twice", ref)
		}
		seen[ref] = true
	}

	for _, c := range b.Companies {
		check(c.SourceRef)
	}
	for _, l := range b.Leads {
		check(l.SourceRef)
	}
	for _, d := range b.Opportunities {
		check(d.SourceRef)
	}
}

func TestGenerateCompanies(t *testing.T) {
	b := demo.Generate(1, today)

	refs := map[string]bool{}
	names := map[string]bool{}
	for _, c := range b.Companies {
		refs[c.SourceRef] = true
		if names[c.Name] {
			t.Errorf("company name %q is used twice", c.Name)
		}
		names[c.Name] = true
	}

	suffixes := []string{" GmbH", " AG", " KG", " Ltd", " Inc"}
	countries := map[string]int{}
	umlauts, subsidiaries := 0, 0
	for _, c := range b.Companies {
		countries[c.Country]++
		if strings.ContainsAny(c.Name, "äöüÄÖÜß") {
			umlauts++
		}
		if !hasAnySuffix(c.Name, suffixes) && !strings.Contains(c.Name, " GmbH & Co. KG") {
			t.Errorf("company %q has no legal form", c.Name)
		}
		if c.Sector == "" || c.Employees <= 0 || c.Revenue.Minor <= 0 || c.YearFounded < 1800 {
			t.Errorf("company %+v lacks sector, size, revenue or founding year", c)
		}
		if c.ParentRef != "" {
			subsidiaries++
			if !refs[c.ParentRef] || c.ParentRef == c.SourceRef {
				t.Errorf("company %s has parent %q, not another company", c.SourceRef, c.ParentRef)
			}
		}
	}

	for _, country := range []string{"Germany", "Austria", "Switzerland", "United Kingdom", "United States"} {
		if countries[country] == 0 {
			t.Errorf("no company in %s", country)
		}
	}
	if countries["Germany"] < len(b.Companies)/3 {
		t.Errorf("%d of %d companies in Germany, want the largest share", countries["Germany"], len(b.Companies))
	}
	if umlauts == 0 {
		t.Error("no company name has an umlaut")
	}
	if subsidiaries == 0 {
		t.Error("no company is a subsidiary")
	}
}

func hasAnySuffix(s string, suffixes []string) bool {
	for _, suffix := range suffixes {
		if strings.HasSuffix(s, suffix) {
			return true
		}
	}

	return false
}

func TestGenerateLeads(t *testing.T) {
	b := demo.Generate(1, today)
	start, end := window()

	sources := map[string]int{}
	statuses := map[app.LeadStatus]int{}
	umlauts := 0
	for _, l := range b.Leads {
		sources[l.Source]++
		statuses[l.Status]++
		if strings.ContainsAny(l.FirstName+l.LastName, "äöüÄÖÜß") {
			umlauts++
		}

		domain := l.Email[strings.LastIndex(l.Email, "@")+1:]
		if !strings.HasPrefix(domain, "example.") {
			t.Errorf("lead %s: e-mail %q is not at an example domain", l.SourceRef, l.Email)
		}
		if strings.ContainsAny(l.Email, "äöüß ") {
			t.Errorf("lead %s: e-mail %q is not ASCII", l.SourceRef, l.Email)
		}
		if l.FirstName == "" || l.LastName == "" || l.CompanyName == "" || l.City == "" || l.Owner == "" {
			t.Errorf("lead %+v lacks a name, company, city or owner", l)
		}
		if l.CreatedAt.Before(start) || !l.CreatedAt.Before(end) || l.CreatedAt.Location() != time.UTC {
			t.Errorf("lead %s created at %v, outside [%v, %v) UTC", l.SourceRef, l.CreatedAt, start, end)
		}
	}

	for _, s := range []string{"trade fair", "website", "e-mail campaign", "referral", "cold call", "partner"} {
		if sources[s] == 0 {
			t.Errorf("no lead from source %q", s)
		}
	}
	if len(sources) != 6 {
		t.Errorf("lead sources %v, want exactly the six channels", sources)
	}

	all := []app.LeadStatus{app.LeadNew, app.LeadContacted, app.LeadNurturing, app.LeadQualified,
		app.LeadHandedOver, app.LeadConverted, app.LeadDisqualified}
	for _, s := range all {
		if statuses[s] < 20 {
			t.Errorf("%d leads in status %s, want at least 20", statuses[s], s)
		}
	}
	if umlauts == 0 {
		t.Error("no lead name has an umlaut")
	}
}

func TestGenerateDealStages(t *testing.T) {
	b := demo.Generate(1, today)

	stages := map[string]app.Stage{}
	for _, s := range b.Pipeline.Stages {
		stages[s.Name] = s
	}

	used := map[string]int{}
	for _, d := range b.Opportunities {
		stage, ok := stages[d.Stage]
		if !ok {
			t.Fatalf("deal %s in stage %q, which the pipeline lacks", d.SourceRef, d.Stage)
		}
		used[d.Stage]++

		want := app.EffectiveProbability(stage, d.ProbabilityManual, d.Probability)
		if d.Probability != want {
			t.Errorf("deal %s in %s: probability %d, want %d", d.SourceRef, d.Stage, d.Probability, want)
		}
	}

	for name := range stages {
		if used[name] == 0 {
			t.Errorf("no deal in stage %s", name)
		}
	}
}

func TestGenerateDealHistory(t *testing.T) {
	for _, c := range generateCases {
		t.Run(c.name, func(t *testing.T) {
			checkHistory(t, demo.Generate(c.seed, c.today), c.today)
		})
	}
}

func checkHistory(t *testing.T, b app.ImportBatch, today app.Date) {
	start, end := windowOf(today)

	stages := map[string]app.Stage{}
	for _, s := range b.Pipeline.Stages {
		stages[s.Name] = s
	}

	for _, d := range b.Opportunities {
		h := d.History
		if len(h) == 0 {
			t.Fatalf("deal %s has no history", d.SourceRef)
		}
		if h[0].From != "" {
			t.Errorf("deal %s: first change from %q, want \"\"", d.SourceRef, h[0].From)
		}
		if last := h[len(h)-1]; last.To != d.Stage || last.Amount != d.Amount || last.Probability != d.Probability {
			t.Errorf("deal %s: last change %+v, want to %s with %v at %d %%", d.SourceRef, last, d.Stage, d.Amount, d.Probability)
		}
		if app.DateOf(h[len(h)-1].At) != d.StageEnteredOn {
			t.Errorf("deal %s: entered stage on %v, last change at %v", d.SourceRef, d.StageEnteredOn, h[len(h)-1].At)
		}

		for i, c := range h {
			if _, ok := stages[c.To]; !ok {
				t.Errorf("deal %s: change %d to unknown stage %q", d.SourceRef, i, c.To)
			}
			if i > 0 && c.From != h[i-1].To {
				t.Errorf("deal %s: change %d from %q, previous went to %q", d.SourceRef, i, c.From, h[i-1].To)
			}
			if i > 0 && !c.At.After(h[i-1].At) {
				t.Errorf("deal %s: change %d at %v is not after %v", d.SourceRef, i, c.At, h[i-1].At)
			}
			if c.At.Location() != time.UTC || c.At.Before(start) || !c.At.Before(end) {
				t.Errorf("deal %s: change %d at %v, outside [%v, %v) UTC", d.SourceRef, i, c.At, start, end)
			}
			if c.Amount.Currency != d.Amount.Currency || c.Amount.Minor <= 0 {
				t.Errorf("deal %s: change %d amount %v, deal in %s", d.SourceRef, i, c.Amount, d.Amount.Currency)
			}
		}
	}
}

func TestGenerateDealDates(t *testing.T) {
	for _, c := range generateCases {
		t.Run(c.name, func(t *testing.T) {
			checkDates(t, demo.Generate(c.seed, c.today), c.today)
		})
	}
}

func checkDates(t *testing.T, b app.ImportBatch, today app.Date) {
	start, _ := windowOf(today)
	first := app.DateOf(start)

	stages := map[string]app.Stage{}
	for _, s := range b.Pipeline.Stages {
		stages[s.Name] = s
	}

	future := 0
	for _, d := range b.Opportunities {
		if d.CloseDate.IsZero() || d.CloseDate.Before(first) {
			t.Errorf("deal %s: close date %v before %v", d.SourceRef, d.CloseDate, first)
		}
		if d.CreatedAt.IsZero() || d.CreatedAt.Before(start) {
			t.Errorf("deal %s: created at %v", d.SourceRef, d.CreatedAt)
		}

		if stages[d.Stage].Kind == app.StageOpen {
			if today.Before(d.CloseDate) {
				future++
			}
			continue
		}
		if !d.CloseDate.Before(today) {
			t.Errorf("closed deal %s: close date %v not before today %v", d.SourceRef, d.CloseDate, today)
		}
		if d.CloseDate != d.StageEnteredOn {
			t.Errorf("closed deal %s: close date %v, closed on %v", d.SourceRef, d.CloseDate, d.StageEnteredOn)
		}
	}

	if future == 0 {
		t.Error("no open deal expects to close after today")
	}
}

func TestGenerateDealAmounts(t *testing.T) {
	b := demo.Generate(1, today)

	currencies := map[string]int{}
	for _, d := range b.Opportunities {
		currencies[d.Amount.Currency]++
		if d.Amount.Minor < 1000_00 || d.Amount.Minor > 1_000_000_00 {
			t.Errorf("deal %s: amount %v, want 1,000 to 1,000,000", d.SourceRef, d.Amount)
		}
		if d.Title == "" || d.Product == "" || d.Owner == "" || d.CompanyRef == "" {
			t.Errorf("deal %+v lacks title, product, owner or company", d.Opportunity)
		}
	}

	if currencies["EUR"] < len(b.Opportunities)/2 {
		t.Errorf("currencies %v, want mostly EUR", currencies)
	}
	if currencies["CHF"] == 0 || currencies["USD"] == 0 {
		t.Errorf("currencies %v, want some CHF and USD", currencies)
	}
	if len(currencies) != 3 {
		t.Errorf("currencies %v, want only EUR, CHF and USD", currencies)
	}
}

func TestGenerateActivities(t *testing.T) {
	for _, c := range generateCases {
		t.Run(c.name, func(t *testing.T) {
			checkActivities(t, demo.Generate(c.seed, c.today), c.today)
		})
	}
}

func checkActivities(t *testing.T, b app.ImportBatch, today app.Date) {
	start, end := windowOf(today)

	kinds := map[string]bool{"call": true, "e-mail": true, "meeting": true, "offer": true, "presentation": true}
	done, planned := 0, 0
	for _, d := range b.Opportunities {
		if n := len(d.Activities); n < 1 || n > 5 {
			t.Errorf("deal %s has %d activities, want 1 to 5", d.SourceRef, n)
		}

		for _, a := range d.Activities {
			if !kinds[a.Kind] {
				t.Errorf("deal %s: activity kind %q", d.SourceRef, a.Kind)
			}
			if a.Subject == "" || strings.Contains(a.Subject, "%") {
				t.Errorf("deal %s: activity subject %q", d.SourceRef, a.Subject)
			}
			if a.Due.Location() != time.UTC || a.Due.Before(start) {
				t.Errorf("deal %s: activity due %v, before %v or not UTC", d.SourceRef, a.Due, start)
			}
			if a.Done && !a.Due.Before(end) {
				t.Errorf("deal %s: activity due %v is done before it is due", d.SourceRef, a.Due)
			}

			if a.Done {
				done++
			}
			if !a.Due.Before(end) {
				planned++
			}
		}
	}

	if done == 0 || planned == 0 {
		t.Errorf("%d activities done, %d due after today; want both", done, planned)
	}
}

func TestClosedDemoDealsHaveReasons(t *testing.T) {
	b := demo.Generate(demo.DefaultSeed, app.Date{Year: 2026, Month: 12, Day: 4})
	stages := map[string]app.StageKind{}
	for _, s := range b.Pipeline.Stages {
		stages[s.Name] = s.Kind
	}

	for _, d := range b.Opportunities {
		closed := stages[d.Stage] != app.StageOpen
		if closed && d.CloseReason == "" {
			t.Errorf("closed deal %s in %s has no close reason", d.SourceRef, d.Stage)
		}
		if !closed && d.CloseReason != "" {
			t.Errorf("open deal %s has close reason %q", d.SourceRef, d.CloseReason)
		}
	}
}

func TestDefaultDemoHasEnoughClosedLeads(t *testing.T) {
	b := demo.Generate(demo.DefaultSeed, today)

	closed, converted, lost := 0, 0, 0
	for _, l := range b.Leads {
		switch l.Status {
		case app.LeadConverted:
			closed++
			converted++
		case app.LeadDisqualified:
			closed++
			lost++
		}
	}

	if closed < app.MinClosedLeads {
		t.Errorf("%d closed leads, want at least %d for the learned lead score", closed, app.MinClosedLeads)
	}
	if converted < app.MinLeadsPerOutcome || lost < app.MinLeadsPerOutcome {
		t.Errorf("%d converted and %d disqualified leads, want at least %d of each",
			converted, lost, app.MinLeadsPerOutcome)
	}
}

// midSize is large enough for wider source references and exact activity
// totals, and small enough to generate in a test.
var midSize = demo.Size{Companies: 1500, Leads: 12_000, Opportunities: 1200, ContactsPerCompany: 2, Activities: 20_000}

func TestGenerateSizeCounts(t *testing.T) {
	d := demo.GenerateSize(5, today, midSize)

	if len(d.Companies) != 1500 {
		t.Errorf("%d companies, want 1500", len(d.Companies))
	}
	if len(d.Leads) != 12_000 {
		t.Errorf("%d leads, want 12000", len(d.Leads))
	}
	if len(d.Opportunities) != 1200 {
		t.Errorf("%d deals, want 1200", len(d.Opportunities))
	}
	if len(d.Contacts) != 3000 {
		t.Errorf("%d contacts, want 3000", len(d.Contacts))
	}

	activities := len(d.LeadActivities)
	for _, o := range d.Opportunities {
		activities += len(o.Activities)
	}
	if activities != 20_000 {
		t.Errorf("%d activities, want 20000", activities)
	}
}

func TestGenerateSizeSourceRefs(t *testing.T) {
	d := demo.GenerateSize(5, today, midSize)

	if got := d.Leads[0].SourceRef; got != "demo:lead:00001" {
		t.Errorf("first lead ref %q, want demo:lead:00001", got)
	}
	if got := d.Companies[len(d.Companies)-1].SourceRef; got != "demo:company:1500" {
		t.Errorf("last company ref %q, want demo:company:1500", got)
	}

	companies := map[string]bool{}
	for _, c := range d.Companies {
		companies[c.SourceRef] = true
	}
	contacts := map[string]bool{}
	for _, c := range d.Contacts {
		if !companies[c.CompanyRef] {
			t.Fatalf("contact %s at unknown company %q", c.SourceRef, c.CompanyRef)
		}
		if contacts[c.SourceRef] {
			t.Fatalf("contact ref %q is used twice", c.SourceRef)
		}
		contacts[c.SourceRef] = true
	}
}

func TestGenerateSizeUniqueNamesAndEmails(t *testing.T) {
	d := demo.GenerateSize(5, today, midSize)

	names := map[string]bool{}
	for _, c := range d.Companies {
		if names[c.Name] {
			t.Fatalf("company name %q is used twice", c.Name)
		}
		names[c.Name] = true
	}

	emails := map[string]bool{}
	umlauts := 0
	for _, l := range d.Leads {
		if emails[l.Email] {
			t.Fatalf("lead e-mail %q is used twice", l.Email)
		}
		emails[l.Email] = true
		if strings.ContainsAny(l.LastName, "äöüß") {
			umlauts++
		}
	}
	if umlauts < len(d.Leads)/10 {
		t.Errorf("%d of %d lead last names have an umlaut or ß, want at least a tenth", umlauts, len(d.Leads))
	}
}

func TestGenerateSizeLeadActivities(t *testing.T) {
	d := demo.GenerateSize(5, today, midSize)
	_, end := window()

	leads := map[string]app.Lead{}
	for _, l := range d.Leads {
		leads[l.SourceRef] = l
	}
	for _, a := range d.LeadActivities {
		l, ok := leads[a.LeadRef]
		if !ok {
			t.Fatalf("activity of unknown lead %q", a.LeadRef)
		}
		if l.Status == app.LeadNew {
			t.Errorf("new lead %s has an activity", l.SourceRef)
		}
		if a.CreatedAt.Before(l.CreatedAt) || !a.CreatedAt.Before(end) {
			t.Errorf("activity of lead %s at %v, outside [%v, %v)", l.SourceRef, a.CreatedAt, l.CreatedAt, end)
		}
	}
}

func TestGenerateSizeSmallEqualsGenerate(t *testing.T) {
	a := demo.Generate(9, today)
	d := demo.GenerateSize(9, today, demo.Small)

	if !reflect.DeepEqual(a, d.ImportBatch) {
		t.Error("GenerateSize with Small differs from Generate")
	}
	if len(d.Contacts) != 0 {
		t.Errorf("%d contacts in the small demo, want none", len(d.Contacts))
	}
}
