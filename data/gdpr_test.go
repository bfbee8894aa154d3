package data

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"leadwerk/app"
)

// The erased person's name and address are strings that appear nowhere
// else in a database, so finding their bytes means a copy survived.
const (
	erasedFirst = "Zyxwvuta"
	erasedLast  = "Qqqqq"
	erasedName  = erasedFirst + " " + erasedLast
	erasedEmail = "zyxwvuta.qqqqq@example.com"
)

// richPerson stores the person as a lead and as the contact of a deal,
// and puts their name or address in every place that can hold it: lead
// notes and activity, status reason, qualification, privacy record, a
// merged duplicate, the deal's activity, notes and field history, and an
// offer whose PDF names them. It returns the id of the deal.
func richPerson(t *testing.T, s *Store) int64 {
	t.Helper()
	ctx := context.Background()

	mustImport(t, s, sampleBatch())
	var dealID int64
	if err := s.db.Raw(`SELECT id FROM opportunities WHERE source_ref = 'opp:1'`).Scan(&dealID).Error; err != nil {
		t.Fatal(err)
	}

	lead := mustCreate(t, s, app.Lead{FirstName: erasedFirst, LastName: erasedLast, CompanyName: "Cancity",
		Email: erasedEmail, City: "Köln", Notes: "Met " + erasedName + " at the fair",
		Consent: app.Consent{Basis: app.BasisConsent, Date: app.Date{Year: 2025, Month: time.January, Day: 2},
			Obtained: "business card"}})
	twin := mustCreate(t, s, app.Lead{FirstName: erasedFirst, LastName: erasedLast, Email: erasedEmail,
		Phone: "+49 30 5555"})
	mustMerge(t, s, app.MergeRequest{Kind: app.DuplicateLeads, KeepID: lead.ID, RemoveIDs: []int64{twin.ID},
		Choices: map[string]int64{"phone": twin.ID}})

	lead = mustDetail(t, s, lead.ID).Lead
	lead.Notes = "Call " + erasedName + " back in May"
	if _, err := s.UpdateLead(ctx, lead); err != nil {
		t.Fatalf("UpdateLead: %v", err)
	}
	addLeadActivity(t, s, lead.ID, "Call with "+erasedName, testNow.Add(-time.Hour))
	if err := s.ChangeLeadStatus(ctx, lead.ID, app.LeadContacted, erasedName+" answered"); err != nil {
		t.Fatalf("ChangeLeadStatus: %v", err)
	}
	q := app.Qualification{LeadID: lead.ID, Budget: app.BudgetConfirmed, DecidedBy: erasedName}
	if _, err := s.SaveQualification(ctx, q); err != nil {
		t.Fatalf("SaveQualification: %v", err)
	}
	leadPrivacy := app.Privacy{Consent: app.Consent{Basis: app.BasisConsent, Date: app.Date{Year: 2025,
		Month: time.January, Day: 2}, Obtained: "business card"}, MarketingOptOut: true}
	if err := s.SavePrivacy(ctx, app.PersonRef{Kind: app.PersonKindLead, ID: lead.ID}, leadPrivacy); err != nil {
		t.Fatalf("SavePrivacy of lead: %v", err)
	}

	contact, err := s.SaveDealContact(ctx, app.DealContact{OpportunityID: dealID, Name: erasedName,
		Email: erasedEmail, Role: app.DealRoleDecisionMaker, Primary: true})
	if err != nil {
		t.Fatalf("SaveDealContact: %v", err)
	}
	contactPrivacy := app.Privacy{Consent: app.Consent{Basis: app.BasisContract}}
	ref := app.PersonRef{Kind: app.PersonKindContact, ID: contact.ContactID}
	if err := s.SavePrivacy(ctx, ref, contactPrivacy); err != nil {
		t.Fatalf("SavePrivacy of contact: %v", err)
	}

	_, err = s.AddOpportunityActivity(ctx, app.Activity{OpportunityID: dealID, Kind: app.ActivityMeeting,
		Subject: "Demo for " + erasedName, Notes: "Agenda sent to " + erasedEmail, CreatedAt: testNow})
	if err != nil {
		t.Fatalf("AddOpportunityActivity: %v", err)
	}

	detail, err := s.Opportunity(ctx, dealID)
	if err != nil {
		t.Fatal(err)
	}
	detail.Opportunity.Notes = strings.ToUpper(erasedName) + " prefers mornings"
	if _, err := s.UpdateOpportunity(ctx, detail.Opportunity); err != nil {
		t.Fatalf("UpdateOpportunity: %v", err)
	}

	trashed := mustCreate(t, s, app.Lead{FirstName: erasedFirst, LastName: erasedLast, CompanyName: "Old Firm",
		Email: erasedEmail})
	if _, err := s.Delete(ctx, app.EntityLead, trashed.ID); err != nil {
		t.Fatalf("Delete to the trash: %v", err)
	}

	render := func(o app.Offer) ([]byte, error) {
		return []byte("%PDF-1.4 " + o.Number + " to " + erasedName + " <" + erasedEmail + ">"), nil
	}
	draft := offerDraft(dealID, app.Date{Year: 2025, Month: time.March, Day: 1})
	_, err = s.CreateOffer(ctx, app.OfferRequest{Offer: draft, ActivityNotes: "Sent to " + erasedName,
		Render: render})
	if err != nil {
		t.Fatalf("CreateOffer: %v", err)
	}

	return dealID
}

func TestPersonalDataCoversEverySection(t *testing.T) {
	s := openLeadStore(t)
	richPerson(t, s)

	d, err := s.PersonalData(context.Background(), app.PersonQuery{Email: strings.ToUpper(erasedEmail)})
	if err != nil {
		t.Fatalf("PersonalData: %v", err)
	}

	if d.MatchedBy != app.MatchedByEmail {
		t.Errorf("matched by %q, want email", d.MatchedBy)
	}
	if len(d.Leads) != 1 || d.Leads[0].Notes != "Call "+erasedName+" back in May" {
		t.Errorf("leads = %+v, want the one kept by the merge with its notes", d.Leads)
	}
	if len(d.Leads) == 1 && !d.Leads[0].Privacy.MarketingOptOut {
		t.Error("lead privacy lost the marketing opt-out")
	}
	if len(d.Leads) == 1 && len(d.Leads[0].QualificationNotes) == 0 {
		t.Error("lead has no qualification notes")
	}
	if len(d.Contacts) != 1 || d.Contacts[0].Company != "Cancity" || d.Contacts[0].Privacy.LegalBasis != app.BasisContract {
		t.Errorf("contacts = %+v, want one at Cancity on a contract basis", d.Contacts)
	}
	if len(d.Opportunities) != 1 || d.Opportunities[0].Title != "Cancity GTX Pro" || !d.Opportunities[0].Primary {
		t.Errorf("opportunities = %+v, want Cancity GTX Pro as primary contact", d.Opportunities)
	}
	if len(d.Offers) != 1 {
		t.Errorf("offers = %+v, want 1", d.Offers)
	}

	kinds := map[string]int{}
	for _, h := range d.History {
		kinds[h.Source]++
	}
	for _, source := range []string{app.HistoryLeadStatus, app.HistoryFieldChange, app.HistoryMerge,
		app.HistoryAudit, app.HistoryTrash} {
		if kinds[source] == 0 {
			t.Errorf("history has no %s entry: %+v", source, d.History)
		}
	}

	subjects := map[string]bool{}
	for _, a := range d.Activities {
		subjects[a.Subject] = true
	}
	for _, want := range []string{"Call with " + erasedName, "Demo for " + erasedName} {
		if !subjects[want] {
			t.Errorf("activities lack %q: %v", want, subjects)
		}
	}
}

func TestPersonalDataFallsBackToName(t *testing.T) {
	s := openLeadStore(t)
	mustCreate(t, s, person(erasedFirst, erasedLast, "Cancity", ""))

	d, err := s.PersonalData(context.Background(), app.PersonQuery{Email: "nobody@example.com",
		Name: " zyxwvuta   QQQQQ "})
	if err != nil {
		t.Fatalf("PersonalData: %v", err)
	}
	if d.MatchedBy != app.MatchedByName || len(d.Leads) != 1 {
		t.Errorf("matched by %q with %d leads, want name and 1", d.MatchedBy, len(d.Leads))
	}
}

func TestPersonalDataUnknownPerson(t *testing.T) {
	s := openLeadStore(t)

	_, err := s.PersonalData(context.Background(), app.PersonQuery{Email: erasedEmail})
	if !errors.Is(err, app.ErrNotFound) {
		t.Errorf("err = %v, want ErrNotFound", err)
	}
}

// databaseFiles returns the database file and the journal files beside
// it that exist.
func databaseFiles(t *testing.T, path string) map[string][]byte {
	t.Helper()

	files := map[string][]byte{}
	for _, name := range []string{path, path + "-wal", path + "-journal"} {
		content, err := os.ReadFile(name)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		files[filepath.Base(name)] = content
	}

	return files
}

// personBytes are the encodings of the person that must not survive:
// UTF-8 as typed, lower and upper case, and the address.
func personBytes() []string {
	return []string{erasedName, strings.ToLower(erasedName), strings.ToUpper(erasedName), erasedEmail,
		strings.ToUpper(erasedEmail), erasedLast + ", " + erasedFirst}
}

func TestErasePersonLeavesNoBytes(t *testing.T) {
	requireSQLite(t, "it reads the bytes of the database files")
	s := openLeadStore(t)
	dealID := richPerson(t, s)
	path := s.Path()
	ctx := context.Background()

	before := databaseFiles(t, path)
	if !containsAny(before, erasedName) {
		t.Fatal("the name is not in the files before the erasure, so the test proves nothing")
	}

	result, err := s.ErasePerson(ctx, app.ErasureRequest{Query: app.PersonQuery{Email: erasedEmail},
		ReplaceOfferPDF: func(o app.Offer) ([]byte, error) { return []byte("%PDF-1.4 " + o.Number), nil }})
	if err != nil {
		t.Fatalf("ErasePerson: %v", err)
	}
	if result.Leads != 1 || result.Contacts != 1 || result.Offers != 1 || result.Merges != 1 {
		t.Errorf("result = %+v, want 1 lead, 1 contact, 1 offer and 1 merge", result)
	}

	leads, err := s.ListLeads(ctx, app.LeadQuery{Search: erasedName, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(leads) != 0 {
		t.Errorf("search for the name finds %d leads", len(leads))
	}

	detail, err := s.Opportunity(ctx, dealID)
	if err != nil {
		t.Fatalf("the deal is gone: %v", err)
	}
	if detail.ContactID != 0 {
		t.Errorf("deal still has contact %d", detail.ContactID)
	}

	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	for name, content := range databaseFiles(t, path) {
		for _, text := range personBytes() {
			if bytes.Contains(content, []byte(text)) {
				t.Errorf("%s still contains %q", name, text)
			}
		}
	}
}

func containsAny(files map[string][]byte, text string) bool {
	for _, content := range files {
		if bytes.Contains(content, []byte(text)) {
			return true
		}
	}

	return false
}

func TestErasePersonKeepsDealScrubbed(t *testing.T) {
	s := openLeadStore(t)
	dealID := richPerson(t, s)
	ctx := context.Background()

	if _, err := s.ErasePerson(ctx, app.ErasureRequest{Query: app.PersonQuery{Email: erasedEmail}}); err != nil {
		t.Fatalf("ErasePerson: %v", err)
	}

	detail, err := s.Opportunity(ctx, dealID)
	if err != nil {
		t.Fatal(err)
	}
	if want := app.ErasedText + " prefers mornings"; detail.Notes != want {
		t.Errorf("deal notes = %q, want %q", detail.Notes, want)
	}

	found := false
	for _, a := range detail.Activities {
		if a.Subject == "Demo for "+app.ErasedText {
			found = true
			if a.Notes != "Agenda sent to "+app.ErasedText {
				t.Errorf("activity notes = %q", a.Notes)
			}
		}
	}
	if !found {
		t.Errorf("the deal's meeting is not kept with a scrubbed subject: %+v", detail.Activities)
	}

	offers, err := s.Offers(ctx, dealID)
	if err != nil || len(offers) != 1 {
		t.Fatalf("offers = %v, %v; want the one offer kept", offers, err)
	}
	pdf, err := s.OfferPDF(ctx, offers[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(pdf) != 0 {
		t.Errorf("offer PDF = %q, want empty without a replacement renderer", pdf)
	}
}

func TestErasePersonAllowsAddingAgain(t *testing.T) {
	s := openLeadStore(t)
	richPerson(t, s)
	ctx := context.Background()

	if _, err := s.ErasePerson(ctx, app.ErasureRequest{Query: app.PersonQuery{Email: erasedEmail}}); err != nil {
		t.Fatalf("ErasePerson: %v", err)
	}

	again := mustCreate(t, s, person(erasedFirst, erasedLast, "Cancity", erasedEmail))
	d, err := s.PersonalData(ctx, app.PersonQuery{Email: erasedEmail})
	if err != nil {
		t.Fatalf("PersonalData after adding again: %v", err)
	}
	if len(d.Leads) != 1 || d.Leads[0].ID != again.ID || len(d.Contacts) != 0 || len(d.Activities) != 0 {
		t.Errorf("after adding again: %+v, want only the new lead", d)
	}
	for _, h := range d.History {
		if h.Source != app.HistoryAudit || h.RecordID != again.ID {
			t.Errorf("history entry %+v survived the erasure", h)
		}
	}
}

func TestEraseUnknownPerson(t *testing.T) {
	s := openLeadStore(t)

	_, err := s.ErasePerson(context.Background(), app.ErasureRequest{Query: app.PersonQuery{Email: erasedEmail}})
	if !errors.Is(err, app.ErrNotFound) {
		t.Errorf("err = %v, want ErrNotFound", err)
	}
}

func TestPrivacyRoundTrip(t *testing.T) {
	s := openLeadStore(t)
	ctx := context.Background()
	lead := mustCreate(t, s, person(erasedFirst, erasedLast, "Cancity", erasedEmail))
	ref := app.PersonRef{Kind: app.PersonKindLead, ID: lead.ID}
	want := app.Privacy{Consent: app.Consent{Basis: app.BasisConsent,
		Date: app.Date{Year: 2025, Month: time.January, Day: 2}, Obtained: "web form"},
		WithdrawnOn: app.Date{Year: 2025, Month: time.February, Day: 3}, MarketingOptOut: true}

	if err := s.SavePrivacy(ctx, ref, want); err != nil {
		t.Fatalf("SavePrivacy: %v", err)
	}
	got, err := s.Privacy(ctx, ref)
	if err != nil {
		t.Fatalf("Privacy: %v", err)
	}
	if got != want {
		t.Errorf("Privacy = %+v, want %+v", got, want)
	}

	lead = mustDetail(t, s, lead.ID).Lead
	lead.Notes = "edited in the form"
	if _, err := s.UpdateLead(ctx, lead); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Privacy(ctx, ref); got.WithdrawnOn != want.WithdrawnOn || !got.MarketingOptOut {
		t.Errorf("a lead edit lost the withdrawal or opt-out: %+v", got)
	}
}

func TestSavePrivacyRejects(t *testing.T) {
	s := openLeadStore(t)
	ctx := context.Background()
	lead := mustCreate(t, s, person(erasedFirst, erasedLast, "Cancity", erasedEmail))

	cases := map[string]struct {
		ref  app.PersonRef
		p    app.Privacy
		want error
	}{
		"withdrawn before consent": {app.PersonRef{Kind: app.PersonKindLead, ID: lead.ID},
			app.Privacy{Consent: app.Consent{Date: app.Date{Year: 2025, Month: 2, Day: 1}},
				WithdrawnOn: app.Date{Year: 2025, Month: 1, Day: 1}}, app.ErrWithdrawnBeforeConsent},
		"unknown basis":   {app.PersonRef{Kind: app.PersonKindLead, ID: lead.ID}, app.Privacy{Consent: app.Consent{Basis: "whim"}}, app.ErrInvalid},
		"unknown contact": {app.PersonRef{Kind: app.PersonKindContact, ID: 999}, app.Privacy{}, app.ErrNotFound},
		"unknown kind":    {app.PersonRef{Kind: "company", ID: 1}, app.Privacy{}, app.ErrInvalid},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			if err := s.SavePrivacy(ctx, c.ref, c.p); !errors.Is(err, c.want) {
				t.Errorf("err = %v, want %v", err, c.want)
			}
		})
	}
}

func TestStaleLeadsWithFakeClock(t *testing.T) {
	s := openLeadStore(t)
	ctx := context.Background()
	old := mustCreate(t, s, person("Old", "Lead", "Acme", "old@example.com"))
	busy := mustCreate(t, s, person("Busy", "Lead", "Acme", "busy@example.com"))
	addLeadActivity(t, s, busy.ID, "call", testNow.AddDate(0, 20, 0))

	later := testNow.AddDate(0, 25, 0)
	stale, err := s.StaleLeads(ctx, later, app.DefaultRetentionMonths)
	if err != nil {
		t.Fatalf("StaleLeads: %v", err)
	}
	if len(stale) != 1 || stale[0].ID != old.ID || stale[0].Name != "Old Lead" {
		t.Fatalf("stale = %+v, want only the old lead", stale)
	}

	if stale, _ := s.StaleLeads(ctx, testNow.AddDate(0, 23, 0), app.DefaultRetentionMonths); len(stale) != 0 {
		t.Errorf("stale before 24 months = %+v, want none", stale)
	}

	if n, err := s.DeleteLeads(ctx, []int64{old.ID}); err != nil || n != 1 {
		t.Fatalf("DeleteLeads = %d, %v", n, err)
	}
	if stale, _ := s.StaleLeads(ctx, later, app.DefaultRetentionMonths); len(stale) != 0 {
		t.Errorf("stale after delete = %+v", stale)
	}
}

func TestRetentionMonthsSetting(t *testing.T) {
	s := openLeadStore(t)
	ctx := context.Background()

	if months, err := s.RetentionMonths(ctx); err != nil || months != app.DefaultRetentionMonths {
		t.Errorf("default = %d, %v", months, err)
	}
	if err := s.SaveRetentionMonths(ctx, 36); err != nil {
		t.Fatal(err)
	}
	if months, _ := s.RetentionMonths(ctx); months != 36 {
		t.Errorf("after save = %d, want 36", months)
	}
	if err := s.SaveRetentionMonths(ctx, 0); !errors.Is(err, app.ErrInvalid) {
		t.Errorf("0 months: err = %v, want ErrInvalid", err)
	}
}
