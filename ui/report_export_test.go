package ui

import (
	"bytes"
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"leadwerk/app"
	"leadwerk/app/demo"
	"leadwerk/ui/printing"
)

// exportToday is the fixed day of the export tests' demo data and report.
var exportToday = time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)

// openExport shows the export dialog on a demo database and waits until
// the pipeline names are loaded. opened collects the URLs it opens.
func openExport(t *testing.T) (*reportExport, *uiQueue, *[]*url.URL) {
	t.Helper()

	store := openStore(t)
	batch := demo.Generate(demo.DefaultSeed, app.DateOf(exportToday))
	if _, err := store.LoadDemo(context.Background(), batch, nil); err != nil {
		t.Fatal(err)
	}

	a := test.NewTempApp(t)
	a.Settings().SetTheme(theme.DefaultTheme())
	window := a.NewWindow("export")
	window.Resize(fyne.NewSize(1000, 700))
	window.Show()
	t.Cleanup(window.Close)

	queue := newUIQueue()
	var opened []*url.URL
	openURL := func(u *url.URL) error {
		opened = append(opened, u)
		return nil
	}

	e := newReportExport(window, store, queue.do, errorReporter{window: window, logger: discardLogger()}, "en",
		a.Preferences(), openURL)
	e.now = func() time.Time { return exportToday }
	e.show()
	queue.waitFor(t, "the pipeline names", func() bool { return len(e.pipeline.Options) > 1 })

	return e, queue, &opened
}

// fileWriter returns a writer for path, as the save dialog hands over.
func fileWriter(t *testing.T, path string) fyne.URIWriteCloser {
	t.Helper()

	writer, err := storage.Writer(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}

	return writer
}

func TestReportExportFillsQuarter(t *testing.T) {
	e, _, _ := openExport(t)

	if e.from.Text != "2026-10-01" {
		t.Errorf("from = %q, want the quarter's first day 2026-10-01", e.from.Text)
	}

	if e.to.Text != "2026-12-31" {
		t.Errorf("to = %q, want the quarter's last day 2026-12-31", e.to.Text)
	}

	if e.pipeline.Selected != "First with open deals" {
		t.Errorf("pipeline = %q, want the first with open deals", e.pipeline.Selected)
	}
}

func TestReportExportWritesAndOpens(t *testing.T) {
	e, queue, opened := openExport(t)
	test.Type(e.company, "Müller & Söhne GmbH")
	e.pipeline.SetSelectedIndex(1)

	req, ok := e.request()
	if !ok {
		t.Fatalf("the form was rejected: %q", e.problem.Text)
	}

	path := filepath.Join(t.TempDir(), "report.pdf")
	e.write(req, "", fileWriter(t, path))
	queue.waitFor(t, "the PDF viewer", func() bool { return len(*opened) > 0 })

	written, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	if !bytes.HasPrefix(written, []byte("%PDF-")) {
		t.Errorf("%s does not start like a PDF: %q", path, written[:min(len(written), 8)])
	}

	if got, want := (*opened)[0].String(), storage.NewFileURI(path).String(); got != want {
		t.Errorf("opened %s, want %s", got, want)
	}

	if !findLabelContaining(e.window.Canvas().Overlays().Top(), path) {
		t.Error("no message says where the report was saved")
	}

	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext is not installed (Debian package poppler-utils), so the PDF text cannot be checked")
	}

	text, err := exec.Command(tool, "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}

	for _, want := range []string{"Müller & Söhne GmbH", "Pipeline: " + e.pipeline.Selected, "Page 1 of"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("the report lacks %q", want)
		}
	}
}

func TestReportExportKeepsBadDate(t *testing.T) {
	e, _, _ := openExport(t)
	e.from.SetText("")
	test.Type(e.from, "2026-13-01")

	test.Tap(findButton(e.window.Canvas().Overlays().Top(), "Save PDF…"))

	if e.from.Text != "2026-13-01" {
		t.Errorf("from = %q, want the typed text kept", e.from.Text)
	}

	if e.problem.Text == "" {
		t.Error("no message explains the invalid date")
	}

	if e.prefs.String(companyPreference) != "" {
		t.Error("a rejected form saved the company preference")
	}
}

func TestReportExportRejectsReversedPeriod(t *testing.T) {
	e, _, _ := openExport(t)
	e.from.SetText("2026-12-31")
	e.to.SetText("2026-10-01")

	if _, ok := e.request(); ok {
		t.Fatal("a period that ends before it starts was accepted")
	}

	if e.problem.Text != "The end of the period lies before its start." {
		t.Errorf("problem = %q", e.problem.Text)
	}
}

func TestReportExportBadLogoRemovesFile(t *testing.T) {
	e, queue, opened := openExport(t)
	logo := filepath.Join(t.TempDir(), "logo.gif")
	if err := os.WriteFile(logo, []byte("GIF89a\x01\x00\x01\x00"), 0o644); err != nil {
		t.Fatal(err)
	}

	req, ok := e.request()
	if !ok {
		t.Fatalf("the form was rejected: %q", e.problem.Text)
	}

	path := filepath.Join(t.TempDir(), "report.pdf")
	e.write(req, logo, fileWriter(t, path))
	queue.waitFor(t, "the error message", func() bool {
		top := e.window.Canvas().Overlays().Top()
		return top != nil && findLabelContaining(top, "not a PNG or JPEG image")
	})

	if len(*opened) != 0 {
		t.Error("a failed report was opened")
	}

	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("the unfinished file %s was not removed", path)
	}
}

func TestReportExportRemembersCompany(t *testing.T) {
	e, _, _ := openExport(t)
	test.Type(e.company, "Weiß KG")

	test.Tap(findButton(e.window.Canvas().Overlays().Top(), "Save PDF…"))

	if got := e.prefs.String(companyPreference); got != "Weiß KG" {
		t.Errorf("company preference = %q, want %q", got, "Weiß KG")
	}
}

// blockingSource holds DealFacts until its context is cancelled, so a
// test can cancel a report while it runs.
type blockingSource struct {
	printing.Source
	started chan struct{}
}

func (s blockingSource) DealFacts(ctx context.Context, _ app.ReportFilter) ([]app.DealFact, error) {
	close(s.started)
	<-ctx.Done()

	return nil, ctx.Err()
}

func TestReportExportCancel(t *testing.T) {
	e, queue, opened := openExport(t)
	started := make(chan struct{})
	e.store = blockingSource{Source: e.store, started: started}

	req, ok := e.request()
	if !ok {
		t.Fatalf("the form was rejected: %q", e.problem.Text)
	}

	path := filepath.Join(t.TempDir(), "report.pdf")
	e.write(req, "", fileWriter(t, path))
	<-started
	test.Tap(findButton(e.window.Canvas().Overlays().Top(), "Cancel"))
	queue.waitFor(t, "the cancel message", func() bool {
		top := e.window.Canvas().Overlays().Top()
		return top != nil && findLabelContaining(top, "The report was cancelled. No file was saved.")
	})

	if len(*opened) != 0 {
		t.Error("a cancelled report was opened")
	}

	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("the cancelled file %s was not removed", path)
	}
}
