package ui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"leadwerk/app"
)

func TestTodayListsAndRemindsOnce(t *testing.T) {
	store := openStore(t)
	ctx := context.Background()
	lead, err := store.CreateLead(ctx, app.Lead{FirstName: "Jana", LastName: "Berg", CompanyName: "Bergbau AG"})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	_, err = store.AddLeadActivity(ctx, app.Activity{LeadID: lead.ID, Kind: app.ActivityTask,
		Subject: "Send the brochure", Due: now.Add(-time.Hour).UTC()})
	if err != nil {
		t.Fatal(err)
	}

	queue := newUIQueue()
	s := newTodayScreen(store, queue.do, errorReporter{logger: discardLogger()}, "en")
	var sent []*fyne.Notification
	s.notify = func(n *fyne.Notification) { sent = append(sent, n) }
	var opened int64
	s.onOpenLead = func(id int64) { opened = id }

	s.reload()
	queue.waitFor(t, "the Today list", func() bool { return len(s.items) == 1 })

	if !findLabelContaining(s.list, "OVERDUE · task · Send the brochure") {
		t.Error("overdue task not shown with its marker")
	}
	if !findLabelContaining(s.list, "Jana Berg") {
		t.Error("lead name not shown")
	}
	if len(sent) != 1 {
		t.Fatalf("sent %d notifications, want 1", len(sent))
	}
	if sent[0].Title != "Due: Send the brochure" {
		t.Errorf("notification title = %q", sent[0].Title)
	}

	s.reload()
	generation := s.generation
	queue.waitFor(t, "the second load", func() bool { return s.generation == generation && len(s.items) == 1 })
	time.Sleep(50 * time.Millisecond)
	queue.waitFor(t, "queued work", func() bool { return len(queue.functions) == 0 })
	if len(sent) != 1 {
		t.Errorf("sent %d notifications after reload, want still 1", len(sent))
	}

	s.onOpenTapped(s.items[0])
	if opened != lead.ID {
		t.Errorf("opened lead %d, want %d", opened, lead.ID)
	}
}
