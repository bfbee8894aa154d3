package data

import (
	"context"
	"slices"
	"testing"
	"time"

	"leadwerk/app"
)

// daysBefore returns the time that many days before testNow.
func daysBefore(days int) time.Time {
	return testNow.AddDate(0, 0, -days)
}

// createLeadAt stores l as if created at the given time.
func createLeadAt(t *testing.T, s *Store, l app.Lead, at time.Time) app.Lead {
	t.Helper()

	s.now = func() time.Time { return at }
	defer func() { s.now = func() time.Time { return testNow } }()

	return mustCreate(t, s, l)
}

// qualifyAt stores a qualification of lead id as if saved at the given
// time.
func qualifyAt(t *testing.T, s *Store, id int64, q app.Qualification, at time.Time) {
	t.Helper()

	s.now = func() time.Time { return at }
	defer func() { s.now = func() time.Time { return testNow } }()

	q.LeadID = id
	if _, err := s.SaveQualification(context.Background(), q); err != nil {
		t.Fatalf("SaveQualification of lead %d: %v", id, err)
	}
}

func addContact(t *testing.T, s *Store, last, email, phone string) {
	t.Helper()

	row := contactRow{LastName: last, Email: email, Phone: phone, CreatedAt: testNow, UpdatedAt: testNow}
	if err := s.db.Create(&row).Error; err != nil {
		t.Fatalf("create contact %s: %v", last, err)
	}
}

// complete returns a lead that has every field the data-quality view
// checks.
func complete(first, last, company, email string) app.Lead {
	l := person(first, last, company, email)
	l.Phone, l.Industry, l.SizeBand, l.Region, l.Persona = "+49 221 123456", "Retail", app.Size10to49, "NRW", "Buyer"

	return l
}

var fullBANT = app.Qualification{Budget: app.BudgetConfirmed, Authority: app.DecisionMaker,
	Need: "Slow quotes", Timeframe: app.Time1To3Months}

// qualityFixture is a hand-made set of leads and contacts with the leads
// expected behind each gap, by name.
type qualityFixture struct {
	store *Store
	ids   map[string]int64
	want  map[app.QualityGap][]string
}

// newQualityFixture stores eight leads and four contacts. The idle cut-off
// of the tests is 30 days before testNow.
func newQualityFixture(t *testing.T) qualityFixture {
	t.Helper()

	s := openLeadStore(t)
	ids := map[string]int64{}
	add := func(key string, l app.Lead, createdDaysAgo int) int64 {
		ids[key] = createLeadAt(t, s, l, daysBefore(createdDaysAgo)).ID
		return ids[key]
	}

	// Complete, fully qualified and created today.
	anna := add("anna", complete("Anna", "Weber", "Weber GmbH", "anna@weber.example"), 0)
	qualifyAt(t, s, anna, fullBANT, testNow)

	// Nothing but a name and a company, waiting 60 days without activity.
	add("juergen", person("Jürgen", "Müller", "Müller GmbH", ""), 60)

	// The same person spelt otherwise, with an activity 5 days ago and only
	// a budget answered.
	juergen2 := complete("juergen", "mueller", "Mueller GmbH & Co. KG", "jm@mueller.example")
	juergen2.Phone, juergen2.Region = "", "  "
	id := add("juergen2", juergen2, 60)
	addLeadActivity(t, s, id, "Call", daysBefore(5))
	qualifyAt(t, s, id, app.Qualification{Budget: app.BudgetIndicated}, testNow)

	// A closed lead whose newest qualification answers nothing, although
	// an older one answered all.
	eva := complete("Eva", "Klein", "Klein KG", "Eva.Klein@Example.com")
	eva.Industry = ""
	eva.Status, eva.DisqualifyReason = app.LeadDisqualified, "No budget"
	id = add("eva", eva, 60)
	qualifyAt(t, s, id, fullBANT, daysBefore(10))
	qualifyAt(t, s, id, app.Qualification{Need: " \n", BudgetNote: "asked nobody"}, daysBefore(2))

	// The same e-mail as Eva under another name, created 31 days ago but
	// with its last activity 40 days ago, which counts. Its newest
	// qualification answers three questions, an older one none.
	evaMail := complete("E.", "Klein", "Other AG", " eva.klein@example.com ")
	evaMail.SizeBand = ""
	id = add("evaMail", evaMail, 31)
	addLeadActivity(t, s, id, "Mail", daysBefore(40))
	qualifyAt(t, s, id, app.Qualification{}, daysBefore(3))
	qualifyAt(t, s, id, app.Qualification{Budget: app.BudgetUnknown, Authority: app.Influencer, NeedPriority: 2},
		daysBefore(1))

	// The same name as Jürgen at another company is no duplicate. It was
	// created exactly at the cut-off, so it is not idle.
	other := complete("Jürgen", "Müller", "Meier Ltd", "jm@meier.example")
	other.Persona = ""
	add("otherJuergen", other, 30)

	// Two leads of the same name without a company are no duplicates, and
	// one created a second before the cut-off is idle.
	solo := complete("Solo", "Trader", "", "")
	soloID := add("solo", solo, 0)
	ids["solo2"] = createLeadAt(t, s, solo, daysBefore(30).Add(-time.Second)).ID
	qualifyAt(t, s, soloID, fullBANT, testNow)
	qualifyAt(t, s, ids["solo2"], fullBANT, testNow)

	addContact(t, s, "Full", "full@example.com", "+49 1")
	addContact(t, s, "NoMail", "", "+49 2")
	addContact(t, s, "NoPhone", "nophone@example.com", " ")
	addContact(t, s, "Nothing", "", "")

	return qualityFixture{store: s, ids: ids, want: map[app.QualityGap][]string{
		app.GapMissingEmail:         {"juergen", "solo", "solo2"},
		app.GapMissingPhone:         {"juergen", "juergen2"},
		app.GapMissingIndustry:      {"juergen", "eva"},
		app.GapMissingSizeBand:      {"juergen", "evaMail"},
		app.GapMissingRegion:        {"juergen", "juergen2"},
		app.GapMissingPersona:       {"juergen", "otherJuergen"},
		app.GapNoQualification:      {"juergen", "eva", "otherJuergen"},
		app.GapPartialQualification: {"juergen2", "evaMail"},
		app.GapLikelyDuplicate:      {"juergen", "juergen2", "eva", "evaMail"},
		app.GapNoActivity:           {"juergen", "evaMail", "solo2"},
	}}
}

func (f qualityFixture) idsOf(t *testing.T, names []string) []int64 {
	t.Helper()

	var ids []int64
	for _, name := range names {
		id, ok := f.ids[name]
		if !ok {
			t.Fatalf("the fixture has no lead %q", name)
		}
		ids = append(ids, id)
	}
	slices.Sort(ids)

	return ids
}

func TestDataQualityCounts(t *testing.T) {
	f := newQualityFixture(t)

	got, err := f.store.DataQuality(context.Background(), daysBefore(app.DefaultIdleDays))
	if err != nil {
		t.Fatal(err)
	}

	if got.Leads != 8 {
		t.Errorf("Leads = %d, want 8", got.Leads)
	}
	if got.OpenLeads != 7 {
		t.Errorf("OpenLeads = %d, want 7 (all but Eva)", got.OpenLeads)
	}
	if got.Contacts != 4 {
		t.Errorf("Contacts = %d, want 4", got.Contacts)
	}
	if !got.IdleSince.Equal(daysBefore(30)) {
		t.Errorf("IdleSince = %v, want %v", got.IdleSince, daysBefore(30))
	}

	for gap, names := range f.want {
		if got.Counts[gap] != len(names) {
			t.Errorf("count of %s = %d, want %d (%v)", gap, got.Counts[gap], len(names), names)
		}
	}
	if got.Counts[app.GapContactMissingEmail] != 2 {
		t.Errorf("contacts missing e-mail = %d, want 2", got.Counts[app.GapContactMissingEmail])
	}
	if got.Counts[app.GapContactMissingPhone] != 2 {
		t.Errorf("contacts missing phone = %d, want 2", got.Counts[app.GapContactMissingPhone])
	}
}

// TestQualityFilterMatchesCounts checks, for every lead gap, that the
// lead list filtered by it shows exactly the leads behind the view's
// count, and that CountLeads returns that count.
func TestQualityFilterMatchesCounts(t *testing.T) {
	f := newQualityFixture(t)
	ctx := context.Background()
	quality, err := f.store.DataQuality(ctx, daysBefore(app.DefaultIdleDays))
	if err != nil {
		t.Fatal(err)
	}

	for _, gap := range app.LeadGaps() {
		t.Run(string(gap), func(t *testing.T) {
			q := app.LeadQuery{Quality: quality.Filter(gap)}
			n, err := f.store.CountLeads(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if n != quality.Counts[gap] {
				t.Errorf("CountLeads = %d, view count = %d", n, quality.Counts[gap])
			}

			leads, err := f.store.ListLeads(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, l := range leads {
				ids = append(ids, l.ID)
			}
			slices.Sort(ids)
			if want := f.idsOf(t, f.want[gap]); !slices.Equal(ids, want) {
				t.Errorf("ListLeads ids = %v, want %v (%v)", ids, want, f.want[gap])
			}
		})
	}
}

func TestQualityFilterCombinesWithSearch(t *testing.T) {
	f := newQualityFixture(t)
	ctx := context.Background()

	// A search alone is counted by the full-text index, which must not
	// drop the quality filter.
	q := app.LeadQuery{Search: "Müller", Quality: app.LeadQualityFilter{Gap: app.GapMissingEmail}}
	n, err := f.store.CountLeads(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("CountLeads(Müller, missing e-mail) = %d, want 1", n)
	}

	leads, err := f.store.ListLeads(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if len(leads) != 1 || leads[0].ID != f.ids["juergen"] {
		t.Errorf("ListLeads(Müller, missing e-mail) = %v, want only Jürgen Müller (%d)", leads, f.ids["juergen"])
	}
}

func TestQualityFilterUnknownGapKeepsNothing(t *testing.T) {
	f := newQualityFixture(t)

	for _, gap := range []app.QualityGap{app.GapContactMissingEmail, "no_such_gap"} {
		n, err := f.store.CountLeads(context.Background(), app.LeadQuery{Quality: app.LeadQualityFilter{Gap: gap}})
		if err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("CountLeads with gap %q = %d, want 0", gap, n)
		}
	}
}

func TestIdleCutoffInLocalTime(t *testing.T) {
	f := newQualityFixture(t)

	// The same instant as the UTC cut-off, written in a zone east of UTC,
	// must count the same leads, because the store compares UTC text.
	zone := time.FixedZone("UTC+5", 5*60*60)
	got, err := f.store.DataQuality(context.Background(), daysBefore(30).In(zone))
	if err != nil {
		t.Fatal(err)
	}
	if want := len(f.want[app.GapNoActivity]); got.Counts[app.GapNoActivity] != want {
		t.Errorf("idle leads with a cut-off in UTC+5 = %d, want %d", got.Counts[app.GapNoActivity], want)
	}
}

func TestDataQualityEmptyDatabase(t *testing.T) {
	s := openLeadStore(t)

	got, err := s.DataQuality(context.Background(), testNow)
	if err != nil {
		t.Fatal(err)
	}
	if got.Leads != 0 || got.OpenLeads != 0 || got.Contacts != 0 {
		t.Errorf("totals = %d leads, %d open, %d contacts, want all 0", got.Leads, got.OpenLeads, got.Contacts)
	}
	for gap, n := range got.Counts {
		if n != 0 {
			t.Errorf("count of %s = %d, want 0", gap, n)
		}
	}
}
