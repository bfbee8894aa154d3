package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"github.com/xuri/excelize/v2"

	"leadwerk/app"
	"leadwerk/app/demo"
	"leadwerk/ui/exporting"
)

// saveIn returns a file chooser that saves under dir with the proposed
// name, as if the person pressed Save in the dialog.
func saveIn(dir string) fileChooser {
	return func(name string, _ []string, done func(fyne.URIWriteCloser, error)) {
		w, err := storage.Writer(storage.NewFileURI(filepath.Join(dir, name)))
		done(w, err)
	}
}

func demoWindow(t *testing.T) (*mainWindow, *uiQueue) {
	t.Helper()

	store := openStore(t)
	batch := demo.Generate(3, app.Date{Year: 2026, Month: time.March, Day: 31})
	if _, err := store.LoadDemo(context.Background(), batch, nil); err != nil {
		t.Fatal(err)
	}

	return openWindow(t, store)
}

func TestExportLeadsDialogWritesFilteredXLSX(t *testing.T) {
	m, queue := demoWindow(t)
	queue.waitFor(t, "the tabs", func() bool { return m.window.Content() == m.tabs })

	m.leads.search.SetText("an")
	queue.waitFor(t, "the search to apply", func() bool { return m.leads.currentQuery().Search == "an" })

	d, ok := m.newExportDialog(exporting.Request{What: exporting.Leads, Leads: m.leads.currentQuery()})
	if !ok {
		t.Fatal("the store cannot export")
	}
	dir := t.TempDir()
	d.choose = saveIn(dir)
	d.showFormats()
	d.formats.SetSelected(d.choices[1].label)
	d.onFormatConfirmed(true)
	queue.waitFor(t, "the export", func() bool { return d.written != nil })

	want, err := m.store.CountLeads(context.Background(), app.LeadQuery{Search: "an"})
	if err != nil {
		t.Fatal(err)
	}
	if want == 0 || want == 1000 {
		t.Fatalf("the search matches %d leads, so it does not test the filter", want)
	}

	f, err := excelize.OpenFile(d.written.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != want+1 {
		t.Errorf("workbook has %d rows, want a header and the %d matching leads", len(rows), want)
	}
	if !strings.HasSuffix(d.written.Name(), ".xlsx") {
		t.Errorf("file %s does not end in .xlsx", d.written.Name())
	}
}

func TestExportEverythingDialogWritesJSON(t *testing.T) {
	m, queue := demoWindow(t)
	d, ok := m.newExportDialog(exporting.Request{What: exporting.All, Format: exporting.JSON})
	if !ok {
		t.Fatal("the store cannot export")
	}
	d.choose = saveIn(t.TempDir())
	d.chooseFile(".json")
	queue.waitFor(t, "the export", func() bool { return d.written != nil })

	content, err := os.ReadFile(d.written.Path())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(content), `{"format":"leadwerk-export","version":1,`) {
		t.Errorf("file starts with %.60q, want the JSON export header", content)
	}
}

func TestExportCancelledRemovesFile(t *testing.T) {
	m, _ := demoWindow(t)
	d, ok := m.newExportDialog(exporting.Request{What: exporting.Activities, Format: exporting.ICS})
	if !ok {
		t.Fatal("the store cannot export")
	}

	path := filepath.Join(t.TempDir(), "open.ics")
	if err := os.WriteFile(path, []byte("BEGIN:VCALENDAR\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	d.onWritten(storage.NewFileURI(path), fmt.Errorf("write: %w", context.Canceled))

	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("stat %s = %v, want the partial file removed", path, err)
	}
	if d.written != nil {
		t.Error("a cancelled export is marked written")
	}
}

// TestExportDialogScreenshot writes export.png to the folder named by
// LEADWERK_SCREENSHOTS, like TestScreenshots. Without it, it skips.
func TestExportDialogScreenshot(t *testing.T) {
	dir := os.Getenv("LEADWERK_SCREENSHOTS")
	if dir == "" {
		t.Skip("set LEADWERK_SCREENSHOTS=DIR to write the screenshot")
	}

	m, queue := demoWindow(t)
	queue.waitFor(t, "the tabs", func() bool { return m.window.Content() == m.tabs })
	d, ok := m.newExportDialog(exporting.Request{What: exporting.Leads, Leads: m.leads.currentQuery()})
	if !ok {
		t.Fatal("the store cannot export")
	}
	d.showFormats()
	writePNG(t, filepath.Join(dir, "export.png"), m.window.Canvas().Capture())
}
