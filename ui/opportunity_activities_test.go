package ui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"leadwerk/app"
	"leadwerk/app/demo"
)

// activityBySubject returns the deal's stored activity with the subject.
func activityBySubject(t *testing.T, store app.Store, dealID int64, subject string) (app.Activity, bool) {
	t.Helper()

	detail, err := store.Opportunity(context.Background(), dealID)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range detail.Activities {
		if a.Subject == subject {
			return a, true
		}
	}

	return app.Activity{}, false
}

func TestDealActivitiesAddCompleteReopen(t *testing.T) {
	store := openStore(t)
	batch := demo.Generate(demo.DefaultSeed, app.DateOf(time.Now()))
	if _, err := store.LoadDemo(context.Background(), batch, nil); err != nil {
		t.Fatal(err)
	}
	rows, err := store.ListOpportunities(context.Background(), app.OpportunityQuery{Limit: 1})
	if err != nil || len(rows) == 0 {
		t.Fatalf("no demo deal: %v", err)
	}
	dealID := rows[0].ID

	test.NewTempApp(t)
	window := test.NewWindow(nil)
	defer window.Close()
	queue := newUIQueue()
	section := newDealActivitiesSection(store, queue.do, errorReporter{window: window, logger: discardLogger()}, "en")
	window.SetContent(section.content)

	section.show(dealID)
	queue.waitFor(t, "the timeline", func() bool { return section.opportunityID == dealID && len(section.timeline.Objects) > 0 })

	if !section.addButton.Disabled() {
		t.Error("Add is enabled before kind and subject are set")
	}

	section.kind.SetSelectedIndex(0)
	test.Type(section.subject, "Called about the revised offer")
	section.dueDay.SetText("2026-13-01")
	if !section.addButton.Disabled() {
		t.Error("Add is enabled with an impossible due date")
	}
	section.dueDay.SetText("")
	if section.addButton.Disabled() {
		t.Fatalf("Add stays disabled for a valid activity: %q", section.problem.Text)
	}

	test.Tap(section.addButton)
	subject := "Called about the revised offer"
	var stored app.Activity
	queue.waitFor(t, "the stored activity", func() bool {
		a, ok := activityBySubject(t, store, dealID, subject)
		stored = a
		return ok && section.subject.Text == ""
	})
	if stored.Kind != app.ActivityKinds[0] || stored.Done {
		t.Errorf("stored activity = %+v, want kind %s, not done", stored, app.ActivityKinds[0])
	}

	section.complete(stored.ID, "Agreed on a trial")
	queue.waitFor(t, "the done activity", func() bool {
		a, _ := activityBySubject(t, store, dealID, subject)
		return a.Done && a.Outcome == "Agreed on a trial"
	})

	section.onReopenTapped(stored.ID)
	queue.waitFor(t, "the reopened activity", func() bool {
		a, _ := activityBySubject(t, store, dealID, subject)
		return !a.Done && a.Outcome == ""
	})
}
