package data

import (
	"context"
	"testing"
	"time"

	"leadwerk/app"
	"leadwerk/app/mapping"
)

// storedTime returns the column of the row with id as a UTC time.
func storedTime(t testing.TB, s *Store, table, column string, id int64) time.Time {
	t.Helper()

	var at time.Time
	if err := s.db.Table(table).Select(column).Where("id = ?", id).Scan(&at).Error; err != nil {
		t.Fatalf("read %s.%s: %v", table, column, err)
	}

	return at.UTC()
}

// optedOut returns the marketing_opt_out of the row with id.
func optedOut(t testing.TB, s *Store, table string, id int64) bool {
	t.Helper()

	var optOut bool
	if err := s.db.Table(table).Select("marketing_opt_out").Where("id = ?", id).Scan(&optOut).Error; err != nil {
		t.Fatalf("read %s.marketing_opt_out: %v", table, err)
	}

	return optOut
}

func TestImportFileKeepsCreatedAndOptOut(t *testing.T) {
	s := openTestStore(t)
	path := writeFile(t, "leads.csv", []byte("ID,First Name,Last Name,Company,Email,Created Date,Email Opt Out\n"+
		"1,Anna,Schmidt,Acme,anna@acme.example,2024-01-19T09:42:24Z,true\n"+
		"2,Ben,Weber,Acme,ben@acme.example,,false\n"+
		"3,Cem,Öz,Acme,cem@acme.example,2099-01-01T00:00:00Z,\n"))

	before := time.Now().UTC().Add(-time.Minute)
	report := importFile(t, s, preparePlan(t, path, mapping.KindLeads))
	if report.New != 3 {
		t.Fatalf("report = %+v, want 3 new", report)
	}

	want := time.Date(2024, 1, 19, 9, 42, 24, 0, time.UTC)
	if got := storedTime(t, s, "leads", "created_at", 1); !got.Equal(want) {
		t.Errorf("created_at of lead 1 = %v, want %v", got, want)
	}
	for _, id := range []int64{2, 3} {
		if got := storedTime(t, s, "leads", "created_at", id); got.Before(before) || got.Year() == 2099 {
			t.Errorf("created_at of lead %d = %v, want the import time", id, got)
		}
	}
	for id, want := range map[int64]bool{1: true, 2: false, 3: false} {
		if got := optedOut(t, s, "leads", id); got != want {
			t.Errorf("opt-out of lead %d = %v, want %v", id, got, want)
		}
	}
}

func TestReimportSetsOptOutNeverClears(t *testing.T) {
	s := openTestStore(t)
	first := writeFile(t, "a.csv", []byte("ID,Last Name,Company,Unsubscribed\n1,Schmidt,Acme,x\n2,Weber,Acme,\n"))
	importFile(t, s, preparePlan(t, first, mapping.KindLeads))

	second := writeFile(t, "b.csv", []byte("ID,Last Name,Company,Unsubscribed\n1,Schmidt,Acme,nein\n2,Weber,Acme,ja\n"))
	importFile(t, s, preparePlan(t, second, mapping.KindLeads))

	if !optedOut(t, s, "leads", 1) {
		t.Error("a re-import with nein cleared the opt-out of lead 1")
	}
	if !optedOut(t, s, "leads", 2) {
		t.Error("a re-import with ja did not set the opt-out of lead 2")
	}
}

func TestImportFileContactsAndDealsCreated(t *testing.T) {
	s := openTestStore(t)
	contacts := writeFile(t, "contacts.csv", []byte("Record ID,First Name,Last Name,Create Date,Marketing Opt Out\n"+
		"7,Anna,Schmidt,2023-05-02 14:30,ja\n"))
	importFile(t, s, preparePlan(t, contacts, mapping.KindContacts))

	deals := writeFile(t, "deals.csv", []byte("Deal Name,Company,Amount,Created\nD1,Acme,100,31.12.2025\n"))
	importFile(t, s, preparePlan(t, deals, mapping.KindOpportunities))

	if got, want := storedTime(t, s, "contacts", "created_at", 1), time.Date(2023, 5, 2, 14, 30, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("created_at of the contact = %v, want %v", got, want)
	}
	if !optedOut(t, s, "contacts", 1) {
		t.Error("the contact's opt-out was not stored")
	}
	if got, want := storedTime(t, s, "opportunities", "created_at", 1), time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("created_at of the deal = %v, want %v", got, want)
	}
}

func TestImportFilePipedriveWonStatus(t *testing.T) {
	s := openTestStore(t)
	if _, err := s.CreatePipeline(context.Background(), hardwarePipeline()); err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, "deals.csv", []byte("Deal - ID,Deal - Title,Deal - Value,Deal - Currency,Deal - Stage,"+
		"Deal - Status,Deal - Probability\n1,Open deal,5000,USD,Engaging,open,\n2,Won deal,1200,USD,Engaging,won,80\n"))

	report := importFile(t, s, preparePlan(t, path, mapping.KindOpportunities))
	if report.New != 2 || len(report.CreatedStages) != 0 {
		t.Fatalf("report = %+v, want 2 new and no created stage", report)
	}

	var won struct {
		Kind        string
		Probability int
	}
	err := s.db.Raw(`SELECT s.kind, o.probability FROM opportunities o JOIN stages s ON s.id = o.stage_id
		WHERE o.title = 'Won deal'`).Scan(&won).Error
	if err != nil {
		t.Fatal(err)
	}
	if won.Kind != string(app.StageWon) || won.Probability != 100 {
		t.Errorf("won deal is in a %q stage at %d %%, want the won stage at 100 %%", won.Kind, won.Probability)
	}
}
