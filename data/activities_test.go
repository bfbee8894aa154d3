package data

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"leadwerk/app"
)

// todayNow is the fixed clock of the Today tests: noon UTC on 4 March 2026.
var todayNow = time.Date(2026, time.March, 4, 12, 0, 0, 0, time.UTC)

// dealIDByTitle returns the id of the imported deal with title.
func dealIDByTitle(t *testing.T, s *Store, title string) int64 {
	t.Helper()

	var id int64
	if err := s.db.Raw(`SELECT id FROM opportunities WHERE title = ?`, title).Scan(&id).Error; err != nil || id == 0 {
		t.Fatalf("deal %q not found (err %v)", title, err)
	}

	return id
}

func mustAddDealActivity(t *testing.T, s *Store, a app.Activity) app.Activity {
	t.Helper()

	stored, err := s.AddOpportunityActivity(context.Background(), a)
	if err != nil {
		t.Fatalf("AddOpportunityActivity(%q): %v", a.Subject, err)
	}

	return stored
}

func TestAddOpportunityActivity(t *testing.T) {
	s := openEditStore(t)
	id := dealIDByTitle(t, s, "Cancity GTX Pro")
	due := todayNow.Add(time.Hour)

	a := mustAddDealActivity(t, s, app.Activity{OpportunityID: id, Kind: app.ActivityTask, Subject: "Send price list",
		Notes: "both variants", Due: due})

	if a.ID == 0 {
		t.Fatal("stored activity has no ID")
	}
	d := mustDeal(t, s, id)
	if len(d.Activities) != 1 {
		t.Fatalf("deal has %d activities, want 1", len(d.Activities))
	}
	got := d.Activities[0]
	if got.Kind != app.ActivityTask || got.Subject != "Send price list" || got.Notes != "both variants" {
		t.Errorf("activity = %+v, want the task as added", got)
	}
	if !got.Due.Equal(due) {
		t.Errorf("due = %v, want %v", got.Due, due)
	}
	if !got.CreatedAt.Equal(editNow) {
		t.Errorf("created = %v, want the store clock %v", got.CreatedAt, editNow)
	}
}

func TestAddOpportunityActivityRejects(t *testing.T) {
	s := openEditStore(t)
	id := dealIDByTitle(t, s, "Cancity GTX Pro")
	ctx := context.Background()

	_, err := s.AddOpportunityActivity(ctx, app.Activity{OpportunityID: id, Kind: app.ActivityCall})
	wantErrorIs(t, err, app.ErrInvalid)

	_, err = s.AddOpportunityActivity(ctx, app.Activity{OpportunityID: 9999, Kind: app.ActivityCall, Subject: "x"})
	wantErrorIs(t, err, app.ErrNotFound)
}

func TestCompleteAndReopenActivity(t *testing.T) {
	s := openEditStore(t)
	ctx := context.Background()
	id := dealIDByTitle(t, s, "Cancity GTX Pro")
	a := mustAddDealActivity(t, s, app.Activity{OpportunityID: id, Kind: app.ActivityCall, Subject: "Follow up"})

	if err := s.CompleteActivity(ctx, a.ID, "  agreed on a trial "); err != nil {
		t.Fatal(err)
	}
	got := mustDeal(t, s, id).Activities[0]
	if !got.Done {
		t.Error("completed activity is not done")
	}
	if got.Outcome != "agreed on a trial" {
		t.Errorf("outcome = %q, want %q", got.Outcome, "agreed on a trial")
	}

	if err := s.ReopenActivity(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	got = mustDeal(t, s, id).Activities[0]
	if got.Done {
		t.Error("reopened activity is still done")
	}
	if got.Outcome != "" {
		t.Errorf("outcome after reopening = %q, want empty", got.Outcome)
	}

	wantErrorIs(t, s.CompleteActivity(ctx, 9999, ""), app.ErrNotFound)
	wantErrorIs(t, s.ReopenActivity(ctx, 9999), app.ErrNotFound)
}

func TestTodayOrderAndOverdue(t *testing.T) {
	s := openEditStore(t)
	ctx := context.Background()
	cancity := dealIDByTitle(t, s, "Cancity GTX Pro")
	lead := mustCreate(t, s, person("Jana", "Berg", "Bergbau AG", "jana@example.com"))

	add := func(subject string, due time.Time, done bool) {
		mustAddDealActivity(t, s, app.Activity{OpportunityID: cancity, Kind: app.ActivityCall, Subject: subject,
			Due: due, Done: done})
	}
	add("later today", todayNow.Add(3*time.Hour), false)
	add("yesterday", todayNow.Add(-24*time.Hour), false)
	add("tomorrow", todayNow.Add(24*time.Hour), false)
	add("done yesterday", todayNow.Add(-24*time.Hour), true)
	add("no due time", time.Time{}, false)
	_, err := s.AddLeadActivity(ctx, app.Activity{LeadID: lead.ID, Kind: app.ActivityTask, Subject: "this morning",
		Due: todayNow.Add(-2 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}

	err = s.db.Exec(`UPDATE opportunities SET next_step = 'Call the buyer', close_date = '2026-03-01' WHERE id = ?`,
		cancity).Error
	if err != nil {
		t.Fatal(err)
	}
	walkIn := dealIDByTitle(t, s, "Walk-in GTK 500")
	err = s.db.Exec(`UPDATE opportunities SET next_step = 'Demo', close_date = '2026-03-04' WHERE id = ?`, walkIn).Error
	if err != nil {
		t.Fatal(err)
	}
	acme := dealIDByTitle(t, s, "Acme MG Special")
	err = s.db.Exec(`UPDATE opportunities SET next_step = 'Invoice', close_date = '2026-03-01' WHERE id = ?`, acme).Error
	if err != nil {
		t.Fatal(err)
	}

	items, err := s.Today(ctx, app.TodayQuery{Now: todayNow})
	if err != nil {
		t.Fatal(err)
	}

	type line struct {
		kind    app.TodayKind
		title   string
		what    string
		overdue bool
	}
	want := []line{
		{app.TodayOverdue, "Cancity GTX Pro", "yesterday", true},
		{app.TodayOverdue, "Jana Berg", "this morning", true},
		{app.TodayDue, "Cancity GTX Pro", "later today", false},
		{app.TodayNextStep, "Cancity GTX Pro", "Call the buyer", true},
		{app.TodayNextStep, "Walk-in GTK 500", "Demo", false},
	}
	var got []line
	for _, item := range items {
		what := item.Activity.Subject
		if item.Kind == app.TodayNextStep {
			what = item.NextStep
		}
		got = append(got, line{item.Kind, item.Title, what, item.Overdue})
	}
	if len(got) != len(want) {
		t.Fatalf("Today = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("item %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if items[1].LeadID != lead.ID {
		t.Errorf("lead item has lead id %d, want %d", items[1].LeadID, lead.ID)
	}
}

func TestMigration8KeepsActivities(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leadwerk.db")
	db, err := openGorm(path)
	if err != nil {
		t.Fatal(err)
	}
	var before8 []migration
	for _, m := range migrations {
		if m.version < 8 {
			before8 = append(before8, m)
		}
	}
	if err := migrateTo(context.Background(), db, before8); err != nil {
		t.Fatal(err)
	}
	created := time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)
	err = db.Exec(`INSERT INTO activities (id, kind, subject, due, done, created_at) VALUES (3, 'call', 'Old call', ?, 0, ?)`,
		created, created).Error
	if err != nil {
		t.Fatal(err)
	}
	if sqlDB, err := db.DB(); err == nil {
		sqlDB.Close()
	}

	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open on a version 7 database: %v", err)
	}
	defer s.Close()

	if v, err := s.SchemaVersion(context.Background()); err != nil || v < 8 {
		t.Fatalf("SchemaVersion = %d, %v; want 8 or later", v, err)
	}
	var row activityRow
	if err := s.db.Where("id = 3").Take(&row).Error; err != nil {
		t.Fatal(err)
	}
	if row.Subject != "Old call" || row.Outcome != "" {
		t.Errorf("activity = %q with outcome %q, want the old call without outcome", row.Subject, row.Outcome)
	}
	var indexes int
	s.db.Raw(`SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'activities_open_due'`).Scan(&indexes)
	if indexes != 1 {
		t.Error("index activities_open_due missing")
	}
}
