package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"leadwerk/app"
	"leadwerk/data"
)

const (
	privacyTestName  = "Zyxwvuta Qqqqq"
	privacyTestEmail = "zyxwvuta.qqqqq@example.com"
)

// openPrivacyDialog stores the person as a lead and an old lead past the
// retention period, opens the dialog and waits for the retention list.
func openPrivacyDialog(t *testing.T) (*privacyDialog, *uiQueue, *data.Store) {
	t.Helper()

	store := openStore(t)
	ctx := context.Background()
	for _, l := range []app.Lead{
		{FirstName: "Zyxwvuta", LastName: "Qqqqq", CompanyName: "Cancity", Email: privacyTestEmail},
		{FirstName: "Mary", LastName: "Adams", CompanyName: "Adams Ltd", Email: "mary@adams.example"},
	} {
		if _, err := store.CreateLead(ctx, l); err != nil {
			t.Fatal(err)
		}
	}

	m, queue := openWindow(t, store)
	queue.waitFor(t, "the tabs", func() bool { return m.window.Content() == m.tabs })
	d := newPrivacyDialog(store, m.window, queue.do, m.errors, "en")
	d.retention.now = func() time.Time { return time.Now().AddDate(3, 0, 0) }
	d.dialog.Show()
	d.retention.load()
	queue.waitFor(t, "the retention list", func() bool {
		return d.retention.months.Text != "" &&
			!d.retention.listButton.Disabled()
	})

	return d, queue, store
}

func TestPrivacyDialogFindsPerson(t *testing.T) {
	d, queue, _ := openPrivacyDialog(t)

	if !d.eraseButton.Disabled() || !d.exportJSON.Disabled() {
		t.Error("export and erase are enabled before a search")
	}

	test.Type(d.email, strings.ToUpper(privacyTestEmail))
	test.Tap(d.findButton)
	queue.waitFor(t, "the search", func() bool { return d.found != nil })

	if !strings.Contains(d.summary.Text, privacyTestName) || !strings.Contains(d.summary.Text, "1 leads") {
		t.Errorf("summary = %q, want the name and 1 lead", d.summary.Text)
	}
	if d.eraseButton.Disabled() || d.exportPDF.Disabled() {
		t.Error("export and erase stay disabled after a match")
	}
}

func TestPrivacyDialogUnknownPerson(t *testing.T) {
	d, queue, _ := openPrivacyDialog(t)

	test.Type(d.email, "nobody@example.com")
	test.Tap(d.findButton)
	queue.waitFor(t, "the search", func() bool { return !d.findButton.Disabled() })

	if !strings.Contains(d.summary.Text, "No lead or contact") {
		t.Errorf("summary = %q, want the not-found message", d.summary.Text)
	}
	if !d.eraseButton.Disabled() {
		t.Error("erase is enabled without a match")
	}
}

func TestPrivacyDialogExportsFiles(t *testing.T) {
	d, queue, _ := openPrivacyDialog(t)
	test.Type(d.email, privacyTestEmail)
	test.Tap(d.findButton)
	queue.waitFor(t, "the search", func() bool { return d.found != nil })

	dir := t.TempDir()
	for _, name := range []string{"person.json", "person.pdf"} {
		path := filepath.Join(dir, name)
		d.export(*d.found, path)
		queue.waitFor(t, "the export of "+name, func() bool { return strings.Contains(d.summary.Text, path) })

		content, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if len(content) == 0 {
			t.Errorf("%s is empty", name)
		}
	}
}

func TestPrivacyDialogEraseMentionsBackups(t *testing.T) {
	d, queue, store := openPrivacyDialog(t)
	test.Type(d.email, privacyTestEmail)
	test.Tap(d.findButton)
	queue.waitFor(t, "the search", func() bool { return d.found != nil })

	test.Tap(d.eraseButton)
	if d.eraseConfirm == nil {
		t.Fatal("no confirmation dialog")
	}
	shown := d.window.Canvas().Overlays().Top()
	if !findLabelContaining(shown, "backups") || !findLabelContaining(shown, "4 weeks") {
		t.Error("the confirmation does not mention that backups expire within 4 weeks")
	}
	if !findLabelContaining(shown, privacyTestName) {
		t.Error("the confirmation does not name the person")
	}

	d.eraseConfirm.Confirm()
	queue.waitFor(t, "the erasure", func() bool { return strings.Contains(d.summary.Text, "Erased") })

	if !strings.Contains(d.summary.Text, "Erased 1 leads") || !strings.Contains(d.summary.Text, "4 weeks") {
		t.Errorf("summary = %q, want 1 lead erased and the backup notice", d.summary.Text)
	}
	leads, err := store.ListLeads(context.Background(), app.LeadQuery{Search: "Zyxwvuta"})
	if err != nil || len(leads) != 0 {
		t.Errorf("after erasing: %d leads, %v", len(leads), err)
	}
}

func TestPrivacyDialogRetentionList(t *testing.T) {
	d, queue, store := openPrivacyDialog(t)
	r := d.retention

	if r.months.Text != "24" {
		t.Errorf("months = %q, want the default 24", r.months.Text)
	}
	if len(r.stale) != 2 {
		t.Fatalf("stale = %d leads three years later, want 2", len(r.stale))
	}

	r.months.SetText("0")
	test.Tap(r.listButton)
	if !strings.Contains(r.status.Text, "from 1 to") {
		t.Errorf("status = %q, want the range message", r.status.Text)
	}

	r.months.SetText("48")
	test.Tap(r.listButton)
	queue.waitFor(t, "the new list", func() bool { return strings.Contains(r.status.Text, "48 months") })
	if len(r.stale) != 0 || !r.deleteButton.Disabled() {
		t.Errorf("48 months: %d stale leads, delete disabled %v", len(r.stale), r.deleteButton.Disabled())
	}
	if months, _ := store.RetentionMonths(context.Background()); months != 48 {
		t.Errorf("stored months = %d, want 48", months)
	}

	r.months.SetText("24")
	test.Tap(r.listButton)
	queue.waitFor(t, "the list", func() bool { return len(r.stale) == 2 })
	test.Tap(r.deleteButton)
	r.deleteConfirm.Confirm()
	queue.waitFor(t, "the delete", func() bool { return strings.Contains(r.status.Text, "Deleted 2") })

	if n, _ := store.CountLeads(context.Background(), app.LeadQuery{}); n != 0 {
		t.Errorf("%d leads left, want 0", n)
	}
}

func TestPrivacyDialogSharedEmailChoice(t *testing.T) {
	d, queue, store := openPrivacyDialog(t)
	for _, first := range []string{"Max", "Erika"} {
		l := app.Lead{FirstName: first, LastName: "Mustermann", CompanyName: "Müller GmbH", Email: "info@mueller.de"}
		if _, err := store.CreateLead(context.Background(), l); err != nil {
			t.Fatal(err)
		}
	}

	test.Type(d.email, "info@mueller.de")
	test.Tap(d.findButton)
	queue.waitFor(t, "the search", func() bool { return !d.findButton.Disabled() })

	if !strings.Contains(d.summary.Text, "Erika Mustermann, Max Mustermann") {
		t.Errorf("summary = %q, want both people listed", d.summary.Text)
	}
	if !d.eraseButton.Disabled() {
		t.Error("erase is enabled while the address names two people")
	}
	if !d.choose.Visible() || len(d.choose.Options) != 2 {
		t.Fatalf("choice visible %v with options %v, want both people", d.choose.Visible(), d.choose.Options)
	}

	d.choose.SetSelected("Erika Mustermann")
	queue.waitFor(t, "the search by name", func() bool { return d.found != nil })

	if names := d.found.Names(); len(names) != 1 || names[0] != "Erika Mustermann" {
		t.Errorf("found %v, want only Erika Mustermann", names)
	}
	if d.eraseButton.Disabled() {
		t.Error("erase stays disabled after choosing one person")
	}
}
