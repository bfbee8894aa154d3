package ui

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"leadwerk/app"
)

// writeLeadsFile writes a CSV of three leads, the third with an invalid
// e-mail address on line 4.
func writeLeadsFile(t *testing.T) string {
	t.Helper()

	path := filepath.Join(t.TempDir(), "leads.csv")
	text := "Name,E-mail,Company,Lead source\n" +
		"Anna Berger,anna@berger.example,Berger GmbH,Trade fair\n" +
		"Jonas Keller,jonas@keller.example,Keller AG,Website\n" +
		"Lena Vogt,not an address,Vogt KG,Website\n"
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}

	return path
}

func TestWelcomeFileImportDryRunFirst(t *testing.T) {
	store := openStore(t)
	m, queue := openWindow(t, store)
	queue.waitFor(t, "the welcome panel", func() bool { return m.window.Content() == m.welcome.content })
	canvas := m.window.Canvas()

	m.welcome.dryRunFile(writeLeadsFile(t))
	queue.waitFor(t, "the dry run's counts", func() bool {
		return canvas.Overlays().Top() != nil && findButton(canvas.Overlays().Top(), "Import") != nil
	})

	preview := canvas.Overlays().Top()
	if !findLabelContaining(preview, "3 rows of leads: 2 new, 0 updated, 0 duplicates, 1 rejected") {
		t.Error("the dry run does not show its counts")
	}
	if !findLabelContaining(preview, "Line 4, column E-mail: not an e-mail address") {
		t.Error("the dry run does not show the rejected row")
	}
	if empty, err := store.IsEmpty(context.Background()); err != nil || !empty {
		t.Errorf("after the dry run IsEmpty = %v, %v, want true", empty, err)
	}

	test.Tap(findButton(preview, "Import"))
	queue.waitFor(t, "the import's summary", func() bool {
		top := canvas.Overlays().Top()
		return top != nil && findLabelContaining(top, "The import is finished")
	})

	leads, err := store.CountLeads(context.Background(), app.LeadQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if leads != 2 {
		t.Errorf("stored %d leads, want 2", leads)
	}

	test.Tap(findButton(canvas.Overlays().Top(), "Close"))
	if m.window.Content() != m.tabs {
		t.Error("closing the summary does not open the tabs")
	}
}

func TestWelcomeFileImportUnknownColumns(t *testing.T) {
	m, queue := openWindow(t, openStore(t))
	queue.waitFor(t, "the welcome panel", func() bool { return m.window.Content() == m.welcome.content })
	path := filepath.Join(t.TempDir(), "colours.csv")
	if err := os.WriteFile(path, []byte("Colour,Shade\nred,dark\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	m.welcome.dryRunFile(path)
	queue.waitFor(t, "the error", func() bool {
		top := m.window.Canvas().Overlays().Top()
		return top != nil && findLabelContaining(top, "name no known fields")
	})

	if m.window.Content() != m.welcome.content {
		t.Error("a failed dry run left the welcome panel")
	}
}
