package ui

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"leadwerk/app"
	"leadwerk/data"
)

// openConflict opens the lead form on a stored lead, lets Ben
// save city Bonn and another phone behind its back, types city Düsseldorf
// into the form and taps Save, which shows the conflict dialog.
func openConflict(t *testing.T) (*data.Store, *leadForm, *uiQueue, *app.Lead) {
	t.Helper()

	store := openStore(t)
	created := createLead(t, store, app.Lead{FirstName: "Jürgen", LastName: "Weber", City: "Köln", Phone: "+49 221 111111"})
	m, queue := openLeadsTab(t, store)

	original := storedLead(t, store, created.ID).Lead
	f := newLeadForm(store, m.window, queue.do, m.errors, "en", original)
	saved := &app.Lead{}
	f.onSaved = func(l app.Lead) { *saved = l }
	f.show()

	// Ben is the name stamped on the other save.
	if err := store.SaveUserName(context.Background(), "Ben"); err != nil {
		t.Fatal(err)
	}
	theirs := original
	theirs.City, theirs.Phone = "Bonn", "+49 228 222222"
	if _, err := store.UpdateLead(context.Background(), theirs); err != nil {
		t.Fatal(err)
	}

	f.city.SetText("Düsseldorf")
	test.Tap(f.saveButton)
	queue.waitFor(t, "the conflict dialog", func() bool { return f.conflict != nil })

	return store, f, queue, saved
}

func TestConflictDialogSavesChosenFields(t *testing.T) {
	store, f, queue, saved := openConflict(t)

	d := f.conflict
	if len(d.values) != 2 {
		t.Fatalf("dialog lists %d fields, want phone and city: %+v", len(d.values), d.values)
	}
	for i, want := range []struct{ key, selected string }{{"phone", "Theirs: +49 228 222222"}, {"city", "Mine: Düsseldorf"}} {
		if d.values[i].key != want.key {
			t.Errorf("field %d = %s, want %s", i, d.values[i].key, want.key)
		}
		if got := d.choices[i].Selected; got != want.selected {
			t.Errorf("%s starts on %q, want %q", want.key, got, want.selected)
		}
	}

	test.Tap(d.saveChoice)
	queue.waitFor(t, "the merged save", func() bool { return saved.ID != 0 })
	stored := storedLead(t, store, saved.ID).Lead
	if stored.City != "Düsseldorf" {
		t.Errorf("city = %q, want mine, Düsseldorf", stored.City)
	}
	if stored.Phone != "+49 228 222222" {
		t.Errorf("phone = %q, want theirs, +49 228 222222", stored.Phone)
	}
}

func TestConflictDialogNamesLastSaver(t *testing.T) {
	_, f, _, _ := openConflict(t)

	want := "Ben saved a newer version of this record while you edited it. Choose for each field which value to keep."
	if !findLabel(f.window.Canvas().Overlays().Top(), want) {
		t.Errorf("the dialog does not show %q", want)
	}
}

func TestConflictIntroWithoutName(t *testing.T) {
	want := "Someone else saved this record while you edited it. Choose for each field which value to keep."
	if got := conflictIntro(""); got != want {
		t.Errorf("intro = %q, want %q", got, want)
	}
}

func TestConflictDialogKeepMineOverwritesAll(t *testing.T) {
	store, f, queue, saved := openConflict(t)

	test.Tap(f.conflict.keepMine)
	queue.waitFor(t, "the save of mine", func() bool { return saved.ID != 0 })
	stored := storedLead(t, store, saved.ID).Lead
	if stored.City != "Düsseldorf" || stored.Phone != "+49 221 111111" {
		t.Errorf("stored city %q phone %q, want mine: Düsseldorf and +49 221 111111", stored.City, stored.Phone)
	}
}

// TestConflictDialogScreenshot writes conflict-dialog.png into the folder
// that LEADWERK_SCREENSHOTS names.
func TestConflictDialogScreenshot(t *testing.T) {
	dir := os.Getenv("LEADWERK_SCREENSHOTS")
	if dir == "" {
		t.Skip("set LEADWERK_SCREENSHOTS=DIR to write the screenshot")
	}

	_, f, _, _ := openConflict(t)
	f.window.Resize(fyne.NewSize(1000, 700))
	writePNG(t, filepath.Join(dir, "conflict-dialog.png"), f.window.Canvas().Capture())
}
