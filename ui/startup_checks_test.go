package ui

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"leadwerk/app"
	"leadwerk/data"
)

// damagedDeferredStore returns a store opened with data.OpenDeferred on a
// file whose last quarter, all lead pages, is overwritten, and the
// manual backup taken when it had one lead.
func damagedDeferredStore(t *testing.T) (*data.Store, string) {
	t.Helper()

	path := filepath.Join(t.TempDir(), "leadwerk.db")
	store, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.CreateLead(context.Background(), app.Lead{FirstName: "Eva", LastName: "Roth",
		Status: app.LeadNew}); err != nil {
		t.Fatal(err)
	}
	backup, err := store.Backup(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 1500 {
		lead := app.Lead{FirstName: "Lead", LastName: strconv.Itoa(i), Status: app.LeadNew,
			Notes: strings.Repeat("notes ", 100)}
		if _, err := store.CreateLead(context.Background(), lead); err != nil {
			t.Fatal(err)
		}
	}
	store.Close()
	overwriteLastQuarter(t, path)

	store, err = data.OpenDeferred(path)
	if err != nil {
		t.Fatalf("OpenDeferred of a file damaged in its lead pages: %v", err)
	}
	t.Cleanup(func() { _ = store.Close() })

	return store, backup
}

func overwriteLastQuarter(t *testing.T, path string) {
	t.Helper()

	content, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := len(content) * 3 / 4; i < len(content); i++ {
		content[i] = 0xA5
	}
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestStartupChecksOfferRestore(t *testing.T) {
	store, backup := damagedDeferredStore(t)
	m, queue := openWindow(t, store)
	checks := newStartupChecks(m, store)
	checks.reload = func() {}

	checks.start()
	canvas := m.window.Canvas()
	queue.waitFor(t, "the damage message", func() bool {
		top := canvas.Overlays().Top()
		return top != nil && findLabelContaining(top, store.Path()+" is damaged")
	})
	if !findLabelContaining(canvas.Overlays().Top(), backup) {
		t.Errorf("damage message does not name the backup %s", backup)
	}
	if m.window.Title() != "Leadwerk" {
		t.Errorf("window title after the check = %q, want Leadwerk", m.window.Title())
	}

	restore := findButton(canvas.Overlays().Top(), "Restore newest backup")
	if restore == nil {
		t.Fatal("damage message has no restore button")
	}
	test.Tap(restore)
	queue.waitFor(t, "the restore", func() bool {
		top := canvas.Overlays().Top()
		return top != nil && findLabelContaining(top, "The damaged file is kept in")
	})

	if n := leadTotal(t, store); n != 1 {
		t.Errorf("leads after the restore = %d, want the backup's 1", n)
	}
	if err := store.CheckAndBackUp(context.Background()); err != nil {
		t.Errorf("check after the restore: %v", err)
	}
}

func TestStartupChecksSoundDatabase(t *testing.T) {
	store := openStore(t)
	m, queue := openWindow(t, store)
	checks := newStartupChecks(m, store)

	checks.start()
	if !strings.Contains(m.window.Title(), "checking") {
		t.Errorf("window title while checking = %q, want it to say so", m.window.Title())
	}
	queue.waitFor(t, "the check", func() bool { return m.window.Title() == "Leadwerk" })
	checks.stop()

	if top := m.window.Canvas().Overlays().Top(); top != nil {
		t.Error("a dialog opened after the check of a sound database")
	}
}
