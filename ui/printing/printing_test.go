package printing

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"leadwerk/app"
	"leadwerk/app/demo"
	"leadwerk/assets"
	"leadwerk/data"
)

func TestMain(m *testing.M) {
	// The tests assert German texts and number formats whatever the
	// machine's locale is. go-locale reads LANGUAGE first.
	_ = os.Setenv("LANGUAGE", "de")
	if err := assets.AddTranslations(); err != nil {
		panic(err)
	}

	os.Exit(m.Run())
}

// today is the fixed day the demo data and the report count from.
var today = time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)

// demoStore opens a fresh database with the demo data.
func demoStore(t *testing.T) *data.Store {
	t.Helper()

	store, err := data.Open(filepath.Join(t.TempDir(), "leadwerk.db"))
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { _ = store.Close() })

	batch := demo.Generate(demo.DefaultSeed, app.DateOf(today))
	if _, err := store.LoadDemo(context.Background(), batch, nil); err != nil {
		t.Fatal(err)
	}

	return store
}

// pdfText writes the report to a file and returns it with the text
// pdftotext extracts, one string per page. It skips the test when
// pdftotext is missing.
func pdfText(t *testing.T, src Source, req Request) (string, []string) {
	t.Helper()

	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext is not installed (Debian package poppler-utils), so the PDF text cannot be checked")
	}

	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, src, req, nil); err != nil {
		t.Fatal(err)
	}

	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	out, err := exec.Command(tool, "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}

	pages := strings.Split(string(out), "\f")

	return path, pages[:len(pages)-1]
}

// openTotals returns the open deals' count, amount and weighted amount of
// one pipeline and currency, summed by the store's SQL.
func openTotals(t *testing.T, store *data.Store, pipeline, currency string) (int, app.Money, app.Money) {
	t.Helper()

	summary, err := store.PipelineSummary(context.Background())
	if err != nil {
		t.Fatal(err)
	}

	count := 0
	amount := app.Money{Currency: currency}
	weighted := app.Money{Currency: currency}
	for _, s := range summary {
		if s.Pipeline == pipeline && s.Kind == app.StageOpen && s.Amount.Currency == currency {
			count += s.Count
			amount.Minor += s.Amount.Minor
			weighted.Minor += s.Weighted.Minor
		}
	}

	return count, amount, weighted
}

func TestWriteDemoReport(t *testing.T) {
	store := demoStore(t)
	pipelines, err := store.Pipelines(context.Background())
	if err != nil {
		t.Fatal(err)
	}

	pipeline := pipelines[0]
	req := Request{Pipeline: pipeline.Name, Company: "Müller & Söhne GmbH", Language: "de-DE", Now: today}
	_, pages := pdfText(t, store, req)
	first := pages[0]

	count, amount, weighted := openTotals(t, store, pipeline.Name, pipeline.Currency)
	if count == 0 {
		t.Fatalf("the demo pipeline %q has no open deals in %s", pipeline.Name, pipeline.Currency)
	}

	for _, want := range []string{
		"Müller & Söhne GmbH", "Pipeline-Bericht", "Stand: 04.12.2026", "Pipeline: " + pipeline.Name,
		"01.10.2026 – 31.12.2026", "Offene Deals nach Phase (" + pipeline.Currency + ")",
		app.FormatMoney(amount, "de"), app.FormatMoney(weighted, "de"),
	} {
		if !strings.Contains(first, want) {
			t.Errorf("page 1 lacks %q:\n%s", want, first)
		}
	}

	if pipeline.Currency == "EUR" && !strings.Contains(first, "€") {
		t.Errorf("page 1 shows no €:\n%s", first)
	}

	last := pages[len(pages)-1]
	if !strings.Contains(last, "Liegen gebliebene Deals") {
		t.Errorf("the last page is not the idle deals:\n%s", last)
	}
}

func TestWritePageCount(t *testing.T) {
	store := demoStore(t)
	pipelines, err := store.Pipelines(context.Background())
	if err != nil {
		t.Fatal(err)
	}

	req := Request{Pipeline: pipelines[0].Name, Language: "de-DE", Now: today}
	_, pages := pdfText(t, store, req)

	// Every section starts a page: the stage and forecast sections once
	// per currency, then the funnel, the key figures, four win/loss
	// groupings, the leads and the idle deals. No table of the demo data
	// is long enough to need a second page.
	facts := dealsOf(pipelines[0], mustDeals(t, store))
	stageSectionCount := len(currenciesOf(pipelines[0].Currency,
		stageCurrencies(app.PipelineByStage(pipelines[0], facts))))
	months := app.ForecastByMonth(facts, app.DateOf(today), forecastPastMonths, forecastFutureMonths, CommitPercent)
	var codes []string
	for _, m := range months {
		codes = append(codes, m.Currency)
	}
	sections := stageSectionCount + len(currenciesOf(pipelines[0].Currency, codes)) + 8

	if len(pages) != sections {
		t.Fatalf("got %d pages, want one per section, %d", len(pages), sections)
	}

	for i, page := range pages {
		want := "Seite " + itoa(i+1) + " von " + itoa(len(pages))
		if !strings.Contains(page, want) {
			t.Errorf("page %d lacks %q", i+1, want)
		}
	}
}

func mustDeals(t *testing.T, store *data.Store) []app.DealFact {
	t.Helper()

	deals, err := store.DealFacts(context.Background(), app.ReportFilter{})
	if err != nil {
		t.Fatal(err)
	}

	return deals
}

func itoa(n int) string { return app.FormatCount(n, "de") }

func TestWriteUnknownPipeline(t *testing.T) {
	store := demoStore(t)
	req := Request{Pipeline: "Gibt es nicht", Language: "de-DE", Now: today}

	err := Write(context.Background(), &bytes.Buffer{}, store, req, nil)
	if !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("Write returned %v, want app.ErrNotFound", err)
	}

	if !strings.Contains(err.Error(), `"Gibt es nicht"`) {
		t.Errorf("the message %q does not name the pipeline", err)
	}
}

func TestWriteReportsProgress(t *testing.T) {
	store := demoStore(t)
	var steps []int
	progress := func(done, total int) {
		if total != stepCount {
			t.Errorf("progress total = %d, want %d", total, stepCount)
		}
		steps = append(steps, done)
	}

	if err := Write(context.Background(), &bytes.Buffer{}, store, Request{Now: today}, progress); err != nil {
		t.Fatal(err)
	}

	if len(steps) != stepCount || steps[len(steps)-1] != stepCount {
		t.Errorf("progress steps = %v, want 1 to %d", steps, stepCount)
	}
}

func TestQuarterOf(t *testing.T) {
	tests := []struct {
		day  app.Date
		want app.Period
	}{
		{app.Date{Year: 2026, Month: 1, Day: 1}, app.Period{From: app.Date{Year: 2026, Month: 1, Day: 1},
			To: app.Date{Year: 2026, Month: 3, Day: 31}}},
		{app.Date{Year: 2026, Month: 6, Day: 30}, app.Period{From: app.Date{Year: 2026, Month: 4, Day: 1},
			To: app.Date{Year: 2026, Month: 6, Day: 30}}},
		{app.Date{Year: 2026, Month: 12, Day: 4}, app.Period{From: app.Date{Year: 2026, Month: 10, Day: 1},
			To: app.Date{Year: 2026, Month: 12, Day: 31}}},
	}

	for _, tt := range tests {
		if got := QuarterOf(tt.day); got != tt.want {
			t.Errorf("QuarterOf(%v) = %v, want %v", tt.day, got, tt.want)
		}
	}
}

// TestScreenshotPageOne renders page 1 of the demo report to
// report-page1.png in the folder that LEADWERK_SCREENSHOTS names, as the
// screenshot tests of package ui do.
func TestScreenshotPageOne(t *testing.T) {
	dir := os.Getenv("LEADWERK_SCREENSHOTS")
	if dir == "" {
		t.Skip("set LEADWERK_SCREENSHOTS to a folder to render page 1 of the report")
	}

	tool, err := exec.LookPath("pdftoppm")
	if err != nil {
		t.Skip("pdftoppm is not installed (Debian package poppler-utils), so no page can be rendered")
	}

	store := demoStore(t)
	req := Request{Company: "Müller & Söhne GmbH", Language: "de-DE", Now: today}
	path, _ := pdfText(t, store, req)

	// pdftoppm appends ".png" to the name it is given.
	out := filepath.Join(dir, "report-page1")
	if err := exec.Command(tool, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", path, out).Run(); err != nil {
		t.Fatalf("pdftoppm %s: %v", path, err)
	}
}

func TestWriteStopsWhenCancelled(t *testing.T) {
	store := demoStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()

	var buf bytes.Buffer
	err := Write(ctx, &buf, store, Request{Now: today}, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Write after cancel returned %v, want context.Canceled", err)
	}

	if buf.Len() != 0 {
		t.Errorf("Write after cancel wrote %d bytes", buf.Len())
	}
}
