package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"leadwerk/app"
	"leadwerk/data"
)

// addDuplicateLeads stores three pairs of duplicate leads and three
// people who share one info@ address.
func addDuplicateLeads(t *testing.T, store *data.Store) {
	t.Helper()

	leads := []app.Lead{
		{FirstName: "Jürgen", LastName: "Müller", CompanyName: "Müller GmbH & Co. KG", Email: "j.mueller@mueller.de"},
		{FirstName: "Juergen", LastName: "Mueller", CompanyName: "Mueller", Phone: "+49 30 1234567", City: "Berlin"},
		{FirstName: "Hans", LastName: "Meyer", CompanyName: "Weber und Söhne", Email: "hans.meyer@weber.de"},
		{FirstName: "Hans", LastName: "Meier", CompanyName: "Weber & Soehne GmbH", Phone: "+49 89 7654321"},
		{FirstName: "Lisa", LastName: "Kern", CompanyName: "Kern AG", Email: "lisa@kern.de"},
		{FirstName: "Lisa", LastName: "Kern", Email: "LISA@kern.de", City: "Hamburg"},
		{FirstName: "Anna", LastName: "Schulz", CompanyName: "Firma", Email: "info@firma.de"},
		{FirstName: "Otto", LastName: "Weber", CompanyName: "Firma", Email: "info@firma.de"},
		{FirstName: "Eva", LastName: "Lang", CompanyName: "Firma", Email: "info@firma.de"},
	}
	for _, l := range leads {
		if _, err := store.CreateLead(context.Background(), l); err != nil {
			t.Fatalf("CreateLead %s: %v", l.Name(), err)
		}
	}
}

// openDuplicatesView opens the dialog on store's window and waits for the
// search to end.
func openDuplicatesView(t *testing.T, store *data.Store) (*duplicatesView, *uiQueue, *mainWindow) {
	t.Helper()

	m, queue := openWindow(t, store)
	queue.waitFor(t, "the tabs", func() bool { return m.window.Content() == m.tabs })
	v := newDuplicatesView(store, m.window, queue.do, m.errors)
	v.dialog.Show()
	v.search()
	v.merges.reload()
	queue.waitFor(t, "the search", func() bool { return v.againButton.Disabled() == false })

	return v, queue, m
}

// groupIndex returns the index of the first group whose row text contains
// text, or -1.
func groupIndex(v *duplicatesView, text string) int {
	for i, g := range v.groups {
		for _, r := range g.Records {
			if strings.Contains(r.Title, text) {
				return i
			}
		}
	}

	return -1
}

func TestDuplicatesViewListsGroups(t *testing.T) {
	store := openStore(t)
	addDuplicateLeads(t, store)
	v, _, _ := openDuplicatesView(t, store)

	if len(v.groups) != 4 {
		t.Fatalf("groups = %d, want 4 (three pairs and one shared address)", len(v.groups))
	}
	if v.status.Text != "4 groups found" {
		t.Errorf("status = %q, want \"4 groups found\"", v.status.Text)
	}

	shared := groupIndex(v, "Otto Weber")
	if shared < 0 || !v.groups[shared].SharedEmailOnly() {
		t.Fatal("info@firma.de is not reported as a shared address")
	}

	v.list.Select(shared)
	if !findLabelContaining(v.compare.content, "shared e-mail info@firma.de") {
		t.Error("the comparison does not say that the address is shared")
	}
}

func TestDuplicatesViewMergeAndUndo(t *testing.T) {
	store := openStore(t)
	addDuplicateLeads(t, store)
	v, queue, _ := openDuplicatesView(t, store)

	index := groupIndex(v, "Jürgen Müller")
	if index < 0 {
		t.Fatal("no group for Jürgen Müller")
	}
	v.list.Select(index)
	phone := v.compare.fields["phone"]
	if phone == nil || !strings.Contains(phone.Selected, "+49 30 1234567") {
		t.Fatalf("phone choice = %v, want the only non-empty phone", phone)
	}
	if !strings.Contains(v.compare.keep.Selected, "Jürgen Müller") {
		t.Errorf("kept record = %q, want the older Jürgen Müller", v.compare.keep.Selected)
	}

	request := v.compare.request()
	v.merge(request)
	queue.waitFor(t, "the merge", func() bool { return len(v.merges.merges) == 1 })

	if len(v.groups) != 3 {
		t.Errorf("groups after merge = %d, want 3", len(v.groups))
	}
	kept, err := store.Lead(context.Background(), request.KeepID)
	if err != nil {
		t.Fatal(err)
	}
	if kept.Lead.Phone != "+49 30 1234567" || kept.Lead.City != "Berlin" {
		t.Errorf("kept lead phone %q city %q, want the chosen values", kept.Lead.Phone, kept.Lead.City)
	}
	if _, err := store.Lead(context.Background(), request.RemoveIDs[0]); err == nil {
		t.Error("the merged-away lead is still stored")
	}
	if v.merges.undo.Disabled() {
		t.Fatal("Undo merge is disabled right after the merge")
	}

	test.Tap(v.merges.undo)
	queue.waitFor(t, "the undo", func() bool {
		return len(v.merges.merges) == 1 && !v.merges.merges[0].UndoneAt.IsZero() && !v.againButton.Disabled()
	})

	if _, err := store.Lead(context.Background(), request.RemoveIDs[0]); err != nil {
		t.Errorf("the merged-away lead is not back: %v", err)
	}
	if len(v.groups) != 4 {
		t.Errorf("groups after undo = %d, want 4", len(v.groups))
	}
}

func TestDuplicatesMenuItem(t *testing.T) {
	store := openStore(t)
	m, _ := openWindow(t, store)

	found := false
	for _, menu := range m.window.MainMenu().Items {
		for _, item := range menu.Items {
			found = found || item.Label == "Find duplicates…"
		}
	}
	if !found {
		t.Error("the Leads menu has no \"Find duplicates…\" item")
	}
}
