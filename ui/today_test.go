package ui

import (
	"context"
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

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
	s.content.Resize(fyne.NewSize(800, 400))

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

// TestTodayCreatesRowsInView checks that the Today list creates row
// widgets for the items in view only, so thousands of due items cost a
// screenful of widgets, and that each row is two lines high.
func TestTodayCreatesRowsInView(t *testing.T) {
	store := openStore(t)
	ctx := context.Background()
	lead, err := store.CreateLead(ctx, app.Lead{FirstName: "Jana", LastName: "Berg", CompanyName: "Bergbau AG"})
	if err != nil {
		t.Fatal(err)
	}
	due := time.Now().Add(-time.Hour).UTC()
	const items = 300
	for i := range items {
		_, err := store.AddLeadActivity(ctx, app.Activity{LeadID: lead.ID, Kind: app.ActivityCall,
			Subject: fmt.Sprintf("Call %d", i), Due: due})
		if err != nil {
			t.Fatal(err)
		}
	}

	queue := newUIQueue()
	s := newTodayScreen(store, queue.do, errorReporter{logger: discardLogger()}, "en")
	s.notify = func(*fyne.Notification) {}
	created := 0
	createItem := s.list.CreateItem
	s.list.CreateItem = func() fyne.CanvasObject { created++; return createItem() }
	s.reload()
	queue.waitFor(t, "the Today list", func() bool { return len(s.items) == items })
	s.content.Resize(fyne.NewSize(800, 400))

	if !findLabelContaining(s.list, "OVERDUE · call · Call 0") {
		t.Error("first item not shown")
	}
	if created == 0 || created > 30 {
		t.Errorf("created %d row widgets for %d items in 400 pixels, want 1 to 30", created, items)
	}
	twoLines := widget.NewLabel("one\ntwo").MinSize().Height
	if height := newTodayRow(nil).MinSize().Height; height < twoLines {
		t.Errorf("row height = %v, want at least two lines (%v)", height, twoLines)
	}
}

func TestTodayEmptyShowsNothingDue(t *testing.T) {
	store := openStore(t)
	queue := newUIQueue()
	s := newTodayScreen(store, queue.do, errorReporter{logger: discardLogger()}, "en")
	s.notify = func(*fyne.Notification) {}

	s.reload()
	queue.waitFor(t, "the empty Today list", func() bool { return s.summary.Text != "" })

	if !s.empty.Visible() {
		t.Error("no \"Nothing is due today.\" label without due items")
	}
	if s.list.Length() != 0 {
		t.Errorf("list length = %d, want 0", s.list.Length())
	}
}
