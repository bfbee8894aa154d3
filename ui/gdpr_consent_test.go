package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"leadwerk/app"
	"leadwerk/data"
)

// openPrivacyFromForm opens the lead form on a stored lead, opens its
// privacy dialog, enters a consent there and saves it. The queue
// runs the dialog's load only inside waitFor, so the load cannot replace
// the entered values before the dialog saves them.
func openPrivacyFromForm(t *testing.T) (*data.Store, *leadForm, *uiQueue, *app.Lead) {
	t.Helper()

	store := openStore(t)
	created := createLead(t, store, app.Lead{FirstName: "Jürgen", LastName: "Weber", City: "Köln"})
	m, queue := openLeadsTab(t, store)

	f := newLeadForm(store, m.window, queue.do, m.errors, "en", storedLead(t, store, created.ID).Lead)
	saved := &app.Lead{}
	f.onSaved = func(l app.Lead) { *saved = l }
	f.show()

	ref := app.PersonRef{Kind: app.PersonKindLead, ID: created.ID}
	consent := openConsentForm(store, ref, "Privacy", m.window, queue.do, m.errors, f.onPrivacySaved)
	consent.basis.SetSelectedIndex(indexOf(legalBasisValues(), string(app.BasisConsent)))
	consent.date.SetText("2025-01-02")
	consent.obtained.SetText("web form")
	consent.onClosed(true)
	queue.waitFor(t, "the privacy save", func() bool { return f.obtained.Text == "web form" })

	return store, f, queue, saved
}

func TestFormSavesAfterOwnPrivacySave(t *testing.T) {
	store, f, queue, saved := openPrivacyFromForm(t)

	f.city.SetText("Bonn")
	test.Tap(f.saveButton)
	queue.waitFor(t, "the form save", func() bool { return saved.ID != 0 || f.conflict != nil })

	if f.conflict != nil {
		t.Fatalf("the form's save after its own privacy save shows a conflict with %d fields", len(f.conflict.values))
	}
	stored := storedLead(t, store, saved.ID).Lead
	if stored.City != "Bonn" {
		t.Errorf("city = %q, want Bonn", stored.City)
	}
	if stored.Consent.Obtained != "web form" {
		t.Errorf("consent source = %q, want the privacy dialog's web form", stored.Consent.Obtained)
	}
}

func TestPrivacyThenOtherSaveConflicts(t *testing.T) {
	store, f, queue, saved := openPrivacyFromForm(t)
	theirs := storedLead(t, store, f.original.ID).Lead
	theirs.Phone = "+49 228 222222"
	if _, err := store.UpdateLead(context.Background(), theirs); err != nil {
		t.Fatal(err)
	}

	f.city.SetText("Bonn")
	test.Tap(f.saveButton)
	queue.waitFor(t, "the conflict dialog", func() bool { return saved.ID != 0 || f.conflict != nil })

	if f.conflict == nil {
		t.Fatal("the form saved over a change that someone else made after the privacy save")
	}
}
