package ui

import (
	"context"
	"strings"
	"testing"

	"leadwerk/app"
)

func TestUndoMenuNamesAndUndoesEdit(t *testing.T) {
	store := openStore(t)
	m, queue := openWindow(t, store)
	ctx := context.Background()

	lead, err := store.CreateLead(ctx, app.Lead{FirstName: "Jürgen", LastName: "Weber", Email: "jw@weber.example"})
	if err != nil {
		t.Fatal(err)
	}
	lead.City = "Köln"
	if _, err := store.UpdateLead(ctx, lead); err != nil {
		t.Fatal(err)
	}

	m.undo.refresh()
	queue.waitFor(t, "undo item", func() bool { return m.undo.top != nil })
	if !strings.Contains(m.undo.item.Label, "Jürgen Weber") || m.undo.item.Disabled {
		t.Fatalf("undo item = %q, disabled %v", m.undo.item.Label, m.undo.item.Disabled)
	}

	m.undo.onUndo()
	queue.waitFor(t, "undo done", func() bool { return m.undo.top == nil && m.undo.item.Disabled })

	detail, err := store.Lead(ctx, lead.ID)
	if err != nil {
		t.Fatal(err)
	}
	if detail.City != "" {
		t.Errorf("city after undo = %q, want empty", detail.City)
	}
}

func TestTrashDialogListsDeletedLead(t *testing.T) {
	store := openStore(t)
	m, queue := openWindow(t, store)
	ctx := context.Background()

	lead, err := store.CreateLead(ctx, app.Lead{FirstName: "Mary", LastName: "Adams", CompanyName: "Adams Ltd"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Delete(ctx, app.EntityLead, lead.ID); err != nil {
		t.Fatal(err)
	}

	dialog := m.showTrash()
	queue.waitFor(t, "trash items", func() bool { return len(dialog.items) == 1 })
	if got := trashRowText(dialog.items[0]); !strings.HasPrefix(got, "Lead: Mary Adams (Adams Ltd)") {
		t.Errorf("trash row = %q", got)
	}

	dialog.list.Select(0)
	dialog.onRestoreTapped()
	queue.waitFor(t, "restored", func() bool { return len(dialog.items) == 0 })
	if _, err := store.Lead(ctx, lead.ID); err != nil {
		t.Errorf("lead after restore: %v", err)
	}
}
