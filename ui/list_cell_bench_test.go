package ui

import (
	"context"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/data"
	"leadwerk/data/benchdata"
)

// countingStore is the large demo database that counts the list and
// detail queries of the Leads and Opportunities tabs.
type countingStore struct {
	*data.Store
	queries atomic.Int64
}

func (s *countingStore) CountLeads(ctx context.Context, q app.LeadQuery) (int, error) {
	s.queries.Add(1)
	return s.Store.CountLeads(ctx, q)
}

func (s *countingStore) ListLeads(ctx context.Context, q app.LeadQuery) ([]app.Lead, error) {
	s.queries.Add(1)
	return s.Store.ListLeads(ctx, q)
}

func (s *countingStore) CountOpportunities(ctx context.Context, q app.OpportunityQuery) (int, error) {
	s.queries.Add(1)
	return s.Store.CountOpportunities(ctx, q)
}

func (s *countingStore) ListOpportunities(ctx context.Context, q app.OpportunityQuery) ([]app.OpportunityRow, error) {
	s.queries.Add(1)
	return s.Store.ListOpportunities(ctx, q)
}

func openCountingStore(b *testing.B) *countingStore {
	b.Helper()

	store, err := data.Open(benchdata.Large(b))
	if err != nil {
		b.Fatalf("Open: %v", err)
	}
	b.Cleanup(func() { _ = store.Close() })

	return &countingStore{Store: store}
}

// runQueueUntil runs the queued UI functions until done returns true.
func runQueueUntil(b *testing.B, queue *uiQueue, what string, done func() bool) {
	b.Helper()

	deadline := time.After(2 * time.Minute)
	for !done() {
		select {
		case f := <-queue.functions:
			f()
		case <-deadline:
			b.Fatalf("timed out waiting for %s", what)
		}
	}
}

// benchmarkCells calls update on every row of the first loaded page,
// row after row as scrolling does, and fails when a cell queried the
// store. Each operation is one cell update.
func benchmarkCells(b *testing.B, store *countingStore, rows int, cell fyne.CanvasObject,
	update func(widget.ListItemID, fyne.CanvasObject),
) {
	before := store.queries.Load()
	b.ReportAllocs()
	b.ResetTimer()

	i := 0
	for b.Loop() {
		update(i%rows, cell)
		i++
	}

	b.StopTimer()
	if after := store.queries.Load(); after != before {
		b.Fatalf("%d store queries during %d cell updates, want none", after-before, b.N)
	}
}

// BenchmarkLeadListCell updates one row of the Leads tab from loaded
// pages of the large demo dataset (100,000 leads).
func BenchmarkLeadListCell(b *testing.B) {
	store := openCountingStore(b)
	a := test.NewTempApp(b)
	a.Settings().SetTheme(theme.DefaultTheme())
	window := a.NewWindow("leads")
	b.Cleanup(window.Close)

	queue := newUIQueue()
	errors := errorReporter{window: window, logger: discardLogger()}
	detail := newLeadDetail(store, window, queue.do, errors, "en")
	screen := newLeadsScreen(store, detail, queue.do, errors, "en")
	window.SetContent(screen.content)
	window.Resize(fyne.NewSize(1280, 800))
	screen.reload()
	runQueueUntil(b, queue, "the first page", func() bool {
		_, ok := screen.rows.row(pageSize - 1)
		return ok
	})

	benchmarkCells(b, store, pageSize, screen.createRow(), screen.updateRow)
}

// BenchmarkOpportunityListCell updates one row of the Opportunities tab
// from loaded pages of the large demo dataset (20,000 deals).
func BenchmarkOpportunityListCell(b *testing.B) {
	store := openCountingStore(b)
	a := test.NewTempApp(b)
	a.Settings().SetTheme(theme.DefaultTheme())
	window := a.NewWindow("opportunities")
	b.Cleanup(window.Close)

	queue := newUIQueue()
	errors := errorReporter{window: window, logger: discardLogger()}
	detail := newOpportunityDetail(store, queue.do, errors, "en")
	screen := newOpportunitiesScreen(store, detail, queue.do, errors, "en")
	window.SetContent(screen.content)
	window.Resize(fyne.NewSize(1280, 800))
	screen.reload()
	runQueueUntil(b, queue, "the first page", func() bool {
		_, ok := screen.rows.row(pageSize - 1)
		return ok
	})

	benchmarkCells(b, store, pageSize, screen.createRow(), screen.updateRow)
}

// BenchmarkListScrollMemory scrolls the Leads tab over all 100,000 leads
// and the Opportunities tab over all 20,000 deals of the large demo
// dataset, page by page, in Fyne's test driver. It reports the peak
// resident set of the process (VmHWM) as peak-RSS-MB. The test driver
// draws no pixels, so the OpenGL textures of the real window are not
// included.
func BenchmarkListScrollMemory(b *testing.B) {
	store := openCountingStore(b)
	a := test.NewTempApp(b)
	a.Settings().SetTheme(theme.DefaultTheme())
	window := a.NewWindow("lists")
	b.Cleanup(window.Close)

	queue := newUIQueue()
	errors := errorReporter{window: window, logger: discardLogger()}
	leads := newLeadsScreen(store, newLeadDetail(store, window, queue.do, errors, "en"), queue.do, errors, "en")
	deals := newOpportunitiesScreen(store, newOpportunityDetail(store, queue.do, errors, "en"), queue.do, errors, "en")

	for b.Loop() {
		window.SetContent(leads.content)
		window.Resize(fyne.NewSize(1280, 800))
		leads.reload()
		scrollToEnd(b, queue, leads.list, leads.rows.length, func(i int) bool { _, ok := leads.rows.row(i); return ok })

		window.SetContent(deals.content)
		deals.reload()
		scrollToEnd(b, queue, deals.list, deals.rows.length, func(i int) bool { _, ok := deals.rows.row(i); return ok })
	}

	b.ReportMetric(float64(peakResidentKiB(b))/1024, "peak-RSS-MB")
}

// scrollToEnd waits for the list's length and then scrolls to every page
// in turn, waiting until the page has loaded.
func scrollToEnd(b *testing.B, queue *uiQueue, list *widget.List, length func() int, loaded func(int) bool) {
	b.Helper()

	runQueueUntil(b, queue, "the row count", func() bool { return length() > 0 })
	for i := 0; i < length(); i += pageSize {
		list.ScrollTo(i)
		runQueueUntil(b, queue, "a page", func() bool { return loaded(i) })
	}
	list.ScrollToBottom()
}

// peakResidentKiB returns VmHWM of /proc/self/status, the largest
// resident set of the process so far, in KiB.
func peakResidentKiB(b *testing.B) int {
	b.Helper()

	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		b.Skipf("peak resident set unknown: %v", err)
	}

	for _, line := range strings.Split(string(status), "\n") {
		if value, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kib, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(value), "kB")))
			if err != nil {
				b.Fatalf("read VmHWM %q: %v", value, err)
			}

			return kib
		}
	}

	b.Skip("/proc/self/status has no VmHWM")

	return 0
}
