package data

import (
	"context"
	"testing"

	"leadwerk/app"
)

func TestAuditMergeNamesRecordsAndFields(t *testing.T) {
	s := openLeadStore(t)
	kept := mustCreate(t, s, person("Jürgen", "Müller", "Müller GmbH", "j.mueller@example.de"))
	removed := mustCreate(t, s, app.Lead{FirstName: "Juergen", LastName: "Mueller", CompanyName: "Mueller",
		Email: "j.mueller@example.de", City: "Berlin"})

	mustMerge(t, s, app.MergeRequest{Kind: app.DuplicateLeads, KeepID: kept.ID, RemoveIDs: []int64{removed.ID},
		Choices: map[string]int64{"city": removed.ID}})

	fields := auditFields(t, s, app.EntityLead, kept.ID, app.AuditMerge)
	if from := fields[auditMergedFrom]; from.New == nil || *from.New != "Juergen Mueller (#2)" {
		t.Errorf("merged_from = %q, want the removed lead", textOf(from.New))
	}
	if city := fields["city"]; city.New == nil || *city.New != "Berlin" {
		t.Errorf("city taken = %q, want Berlin", textOf(city.New))
	}
	if city := fields["city"]; city.ChangeID != fields[auditMergedFrom].ChangeID {
		t.Errorf("city change %d, merged_from change %d, want one change", city.ChangeID,
			fields[auditMergedFrom].ChangeID)
	}
	if _, ok := fields["first_name"]; ok {
		t.Error("the kept first name is recorded as changed")
	}

	into := auditFields(t, s, app.EntityLead, removed.ID, app.AuditMerge)[auditMergedInto]
	if into.New == nil || *into.New != "Jürgen Müller (#1)" {
		t.Errorf("merged_into = %q, want the kept lead", textOf(into.New))
	}
}

func TestAuditDealActivity(t *testing.T) {
	s := openEditStore(t)
	ctx := context.Background()
	id := dealIDByTitle(t, s, "Cancity GTX Pro")
	a := mustAddDealActivity(t, s, app.Activity{OpportunityID: id, Kind: app.ActivityCall, Subject: "Rückruf"})
	if err := s.CompleteActivity(ctx, a.ID, "Angebot gewünscht"); err != nil {
		t.Fatal(err)
	}
	if err := s.ReopenActivity(ctx, a.ID); err != nil {
		t.Fatal(err)
	}

	entries, err := s.AuditHistory(ctx, app.EntityOpportunity, id, 0)
	if err != nil {
		t.Fatal(err)
	}
	var values [][2]string
	for _, e := range entries {
		if e.Action == app.AuditActivity && e.Field == auditActivityField {
			values = append(values, [2]string{textOf(e.Old), textOf(e.New)})
		}
	}

	want := [][2]string{
		{"call: Rückruf (done: Angebot gewünscht)", "call: Rückruf (open)"},
		{"call: Rückruf (open)", "call: Rückruf (done: Angebot gewünscht)"},
		{"", "call: Rückruf (open)"},
	}
	if len(values) != len(want) {
		t.Fatalf("activity entries = %q, want %q", values, want)
	}
	for i := range want {
		if values[i] != want[i] {
			t.Errorf("entry %d = %q, want %q", i, values[i], want[i])
		}
	}
}

func TestAuditLeadActivity(t *testing.T) {
	s := openLeadStore(t)
	lead := mustCreate(t, s, person("Anna", "Schmidt", "Müller GmbH", "anna@example.de"))
	_, err := s.AddLeadActivity(context.Background(), app.Activity{LeadID: lead.ID, Kind: app.ActivityCall,
		Subject: "Messegespräch"})
	if err != nil {
		t.Fatal(err)
	}

	entry, ok := auditFields(t, s, app.EntityLead, lead.ID, app.AuditActivity)[auditActivityField]

	if !ok || entry.Old != nil || textOf(entry.New) != "call: Messegespräch (open)" {
		t.Errorf("activity entry = %+v, want the added activity", entry)
	}
}

func textOf(s *string) string {
	if s == nil {
		return ""
	}

	return *s
}
