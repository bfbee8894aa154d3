package ui

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"leadwerk/app"
	"leadwerk/data"
)

// leadWithAttachments creates Anna Becker with three activities and one
// qualification.
func leadWithAttachments(t *testing.T, store *data.Store) app.Lead {
	t.Helper()

	ctx := context.Background()
	lead := createLead(t, store, app.Lead{FirstName: "Anna", LastName: "Becker", CompanyName: "Becker GmbH"})
	for i := range 3 {
		a := app.Activity{LeadID: lead.ID, Kind: app.ActivityCall, Subject: fmt.Sprintf("Call %d", i+1), Done: true}
		if _, err := store.AddLeadActivity(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := store.SaveQualification(ctx, app.Qualification{LeadID: lead.ID, Budget: app.BudgetConfirmed}); err != nil {
		t.Fatal(err)
	}

	return lead
}

// deleteShownLead taps Delete… in the lead detail and waits for the
// confirmation.
func deleteShownLead(t *testing.T, m *mainWindow, queue *uiQueue, id int64) *deleteAction {
	t.Helper()

	d := m.leads.detail
	d.show(id)
	queue.waitFor(t, "the detail", func() bool { return d.lead.ID == id })
	test.Tap(d.deleteButton)
	queue.waitFor(t, "the confirmation", func() bool { return d.deleter.confirm != nil })

	return d.deleter
}

func TestLeadDeleteConfirmationNamesCounts(t *testing.T) {
	store := openStore(t)
	lead := leadWithAttachments(t, store)
	m, queue := openLeadsTab(t, store)
	queue.waitFor(t, "the list", func() bool { return m.leads.rows.ready() && m.leads.rows.length() == 1 })

	action := deleteShownLead(t, m, queue, lead.ID)
	want := "Lead Anna Becker (Becker GmbH), 3 activities, 1 qualification go to the trash. " +
		"You can restore them from Edit → Trash within 30 days."
	if !strings.HasPrefix(action.message, "Lead Anna Becker (Becker GmbH), 3 activities, 1 qualification") {
		t.Errorf("confirmation = %q, want %q", action.message, want)
	}
	if !strings.HasSuffix(action.message, "go to the trash. You can restore them from Edit → Trash within 30 days.") {
		t.Errorf("confirmation = %q, want the 30 days", action.message)
	}
	if _, err := store.Lead(context.Background(), lead.ID); err != nil {
		t.Errorf("the lead is gone before the confirmation: %v", err)
	}

	action.confirm.Confirm()
	queue.waitFor(t, "the reloaded list", func() bool { return m.leads.rows.ready() && m.leads.rows.length() == 0 })
	if d := m.leads.detail; d.lead.ID != 0 || d.content.Objects[0] != d.placeholder {
		t.Errorf("the detail still shows lead %d", d.lead.ID)
	}

	queue.waitFor(t, "the undo item", func() bool { return m.undo.top != nil })
	if got := m.undo.item.Label; got != "Undo delete of Anna Becker (Becker GmbH)" {
		t.Errorf("undo item = %q", got)
	}
}

func TestDeleteConfirmTextSingular(t *testing.T) {
	s := app.DeleteSummary{Kind: app.EntityOpportunity, Title: "Roof 2026", Counts: map[string]int{"offer_lines": 4}}
	want := "Opportunity Roof 2026 goes to the trash. You can restore it from Edit → Trash within 30 days."
	if got := deleteConfirmText(s); got != want {
		t.Errorf("text = %q, want %q", got, want)
	}
}

func TestDeletedLeadRestoredFromTrash(t *testing.T) {
	store := openStore(t)
	lead := leadWithAttachments(t, store)
	m, queue := openLeadsTab(t, store)
	queue.waitFor(t, "the list", func() bool { return m.leads.rows.ready() && m.leads.rows.length() == 1 })

	deleteShownLead(t, m, queue, lead.ID).confirm.Confirm()
	queue.waitFor(t, "the emptied list", func() bool { return m.leads.rows.ready() && m.leads.rows.length() == 0 })

	trash := m.showTrash()
	queue.waitFor(t, "the trash item", func() bool { return len(trash.items) == 1 })
	trash.list.Select(0)
	trash.onRestoreTapped()
	queue.waitFor(t, "the restored lead in the list", func() bool {
		row, ok := m.leads.rows.row(0)
		return ok && row.ID == lead.ID
	})

	detail := storedLead(t, store, lead.ID)
	if len(detail.Activities) != 3 || len(detail.Qualifications) != 1 {
		t.Errorf("restored lead has %d activities and %d qualifications, want 3 and 1",
			len(detail.Activities), len(detail.Qualifications))
	}
}

func TestOpportunityDeleteClearsDetail(t *testing.T) {
	d, store, queue := openDealDetail(t)
	id := d.deal.ID
	changed := 0
	d.onChanged = func() { changed++ }

	test.Tap(d.deleteButton)
	queue.waitFor(t, "the confirmation", func() bool { return d.deleter.confirm != nil })
	if !strings.HasPrefix(d.deleter.message, "Opportunity "+d.deal.Title+", ") {
		t.Errorf("confirmation = %q, want the deal's title first", d.deleter.message)
	}
	if !strings.Contains(d.deleter.message, "field change") {
		t.Errorf("confirmation = %q, want the field change of the note", d.deleter.message)
	}

	d.deleter.confirm.Confirm()
	queue.waitFor(t, "the cleared detail", func() bool { return d.deal.ID == 0 })
	if changed != 1 {
		t.Errorf("the list reloaded %d times, want 1", changed)
	}
	if _, err := store.Opportunity(context.Background(), id); err == nil {
		t.Error("the deal is still stored after the delete")
	}
}

func TestEmptyTrashRemovesAll(t *testing.T) {
	store := openStore(t)
	ctx := context.Background()
	for _, name := range []string{"Adams", "Brandt"} {
		lead := createLead(t, store, app.Lead{LastName: name})
		if _, err := store.Delete(ctx, app.EntityLead, lead.ID); err != nil {
			t.Fatal(err)
		}
	}
	m, queue := openWindow(t, store)

	trash := m.showTrash()
	queue.waitFor(t, "the trash items", func() bool { return len(trash.items) == 2 })
	if trash.empty.Disabled() {
		t.Fatal("Empty trash is disabled with two items")
	}
	test.Tap(trash.empty)
	if trash.confirm == nil {
		t.Fatal("Empty trash deleted without asking")
	}
	trash.confirm.Confirm()
	queue.waitFor(t, "the empty trash", func() bool { return len(trash.items) == 0 })

	items, err := store.TrashItems(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 0 {
		t.Errorf("trash holds %d items after emptying", len(items))
	}
	if !trash.empty.Disabled() {
		t.Error("Empty trash is enabled on an empty trash")
	}
}

// predatedTrashStore returns a store whose trash contains "Old" deleted 40
// days ago and "Recent" deleted now. The clock of data.Store cannot be
// set from this package, so the old item comes in through a JSON export
// whose deleted_at is moved back.
func predatedTrashStore(t *testing.T) *data.Store {
	t.Helper()

	ctx := context.Background()
	source := openStore(t)
	for _, name := range []string{"Old", "Recent"} {
		lead := createLead(t, source, app.Lead{LastName: name})
		if _, err := source.Delete(ctx, app.EntityLead, lead.ID); err != nil {
			t.Fatal(err)
		}
	}

	var export bytes.Buffer
	if err := source.ExportJSON(ctx, &export, nil); err != nil {
		t.Fatal(err)
	}

	old := time.Now().UTC().Add(-40 * 24 * time.Hour).Format(time.RFC3339)
	deletedAt := regexp.MustCompile(`"deleted_at":"[^"]*"`)
	lines := strings.Split(export.String(), "\n")
	moved := 0
	for i, line := range lines {
		if strings.Contains(line, `"title":"Old"`) && deletedAt.MatchString(line) {
			lines[i] = deletedAt.ReplaceAllString(line, `"deleted_at":"`+old+`"`)
			moved++
		}
	}
	if moved != 1 {
		t.Fatalf("moved the deletion time of %d trash items, want 1", moved)
	}

	target := openStore(t)
	if err := target.ImportJSON(ctx, strings.NewReader(strings.Join(lines, "\n")), nil); err != nil {
		t.Fatal(err)
	}

	return target
}

func TestStartPurgesOldTrash(t *testing.T) {
	store := predatedTrashStore(t)
	ctx := context.Background()
	before, err := store.TrashItems(ctx)
	if err != nil || len(before) != 2 {
		t.Fatalf("trash before start = %d items, %v; want 2", len(before), err)
	}

	_, queue := openWindow(t, store)
	var items []app.TrashItem
	queue.waitFor(t, "the purge", func() bool {
		items, err = store.TrashItems(ctx)
		return err == nil && len(items) < 2
	})

	if len(items) != 1 || items[0].Title != "Recent" {
		t.Errorf("trash after start = %+v, want only Recent", items)
	}
}
