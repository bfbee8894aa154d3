package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// findEntry returns the first entry drawn below root, or nil.
func findEntry(root fyne.CanvasObject) *widget.Entry {
	switch o := root.(type) {
	case *widget.Entry:
		return o
	case *fyne.Container:
		for _, child := range o.Objects {
			if e := findEntry(child); e != nil {
				return e
			}
		}
		return nil
	}

	if w, ok := root.(fyne.Widget); ok {
		for _, child := range test.WidgetRenderer(w).Objects() {
			if e := findEntry(child); e != nil {
				return e
			}
		}
	}

	return nil
}

// menuItem returns the item labelled label in menu menuLabel of the
// window's main menu.
func menuItem(t *testing.T, window fyne.Window, menuLabel, label string) *fyne.MenuItem {
	t.Helper()

	for _, menu := range window.MainMenu().Items {
		if menu.Label != menuLabel {
			continue
		}
		for _, item := range menu.Items {
			if item.Label == label {
				return item
			}
		}
	}
	t.Fatalf("menu %s has no item %s", menuLabel, label)

	return nil
}

func TestUserNameDialogRejectsInvalidNames(t *testing.T) {
	store := openStore(t)
	m, queue := openLeadsTab(t, store)
	d := newUserNameDialog(store, m.window, queue.do, m.errors, "Anna Schmidt")
	d.dialog.Show()

	cases := []struct {
		name, text, problem string
	}{
		{"empty", "", "Enter your name. It may not be empty or only spaces."},
		{"only spaces", "  \t ", "Enter your name. It may not be empty or only spaces."},
		{"too long", strings.Repeat("ä", app.MaxUserNameLength+1),
			"Your name has 81 characters, but at most 80 fit. Shorten it."},
		{"tab inside", "Anna\tSchmidt", "Remove tabs, line breaks and other control characters from your name."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d.name.SetText(c.text)

			if !d.saveButton.Disabled() {
				t.Errorf("Save is enabled for %q", c.text)
			}
			if d.problem.Text != c.problem {
				t.Errorf("problem = %q, want %q", d.problem.Text, c.problem)
			}
		})
	}

	d.name.SetText("   ")
	d.onSaveTapped()
	if name, err := store.UserName(context.Background()); err != nil || name == "   " {
		t.Errorf("UserName = %q, %v after saving only spaces, want nothing saved", name, err)
	}
	if d.name.Text != "   " {
		t.Errorf("entry = %q after the rejected save, want the typed text kept", d.name.Text)
	}
}

func TestUserNameDialogSavesTrimmedName(t *testing.T) {
	store := openStore(t)
	m, queue := openLeadsTab(t, store)
	d := newUserNameDialog(store, m.window, queue.do, m.errors, "")
	saved := false
	d.onSaved = func() { saved = true }
	d.dialog.Show()

	test.Type(d.name, "  Jürgen Müller  ")
	if d.saveButton.Disabled() {
		t.Fatalf("Save is disabled for a valid name: %q", d.problem.Text)
	}
	if d.problem.Text != "" {
		t.Errorf("problem = %q for a valid name, want none", d.problem.Text)
	}

	test.Tap(d.saveButton)
	queue.waitFor(t, "the saved name", func() bool { return saved })

	if name, err := store.UserName(context.Background()); err != nil || name != "Jürgen Müller" {
		t.Errorf("UserName = %q, %v; want the trimmed Jürgen Müller", name, err)
	}
}

func TestUserNameMenuShowsSavedName(t *testing.T) {
	store := openStore(t)
	if err := store.SaveUserName(context.Background(), "Carla Neumann"); err != nil {
		t.Fatal(err)
	}
	m, queue := openLeadsTab(t, store)

	menuItem(t, m.window, "Settings", "Your name…").Action()
	queue.waitFor(t, "the name dialog", func() bool { return m.window.Canvas().Overlays().Top() != nil })

	entry := findEntry(m.window.Canvas().Overlays().Top())
	if entry == nil {
		t.Fatal("the name dialog shows no entry")
	}
	if entry.Text != "Carla Neumann" {
		t.Errorf("entry = %q, want the saved Carla Neumann", entry.Text)
	}
}

func TestHistoryShowsWhoChanged(t *testing.T) {
	d, store, queue := openDealDetail(t)
	if err := store.SaveUserName(context.Background(), "Anna Schmidt"); err != nil {
		t.Fatal(err)
	}

	test.Tap(d.controls.edit)
	form := d.controls.editing
	form.notes.SetText("New note")
	test.Tap(form.saveButton)
	waitForDeal(t, queue, d, "the saved note", func(o app.OpportunityDetail) bool { return o.Notes == "New note" })

	if !findLabelContaining(d.changes, ", Anna Schmidt: Notes: Old note → New note") {
		t.Error("the field changes do not show Anna Schmidt beside the note change")
	}
}

func TestHistoryLineWithoutName(t *testing.T) {
	d, _, _ := openDealDetail(t)
	at := time.Date(2024, 5, 1, 8, 30, 0, 0, time.UTC)

	d.fillChanges([]app.FieldChange{{Field: "owner", Old: "Anna", New: "Ben", At: at}})

	want := formatDateTime(at, "en") + ": Owner: Anna → Ben"
	if !findLabel(d.changes, want) {
		t.Errorf("the field changes do not show %q for a change recorded without a name", want)
	}
}
