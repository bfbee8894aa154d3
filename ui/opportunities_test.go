package ui

import (
	"context"
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"leadwerk/app"
)

// fakeOpportunities serves n generated rows, titled "Deal 0" to "Deal n-1"
// in ascending order, and records the page queries and the ids of the
// details read.
type fakeOpportunities struct {
	n       int
	queries chan app.OpportunityQuery
	details chan int64
}

func (f *fakeOpportunities) CountOpportunities(context.Context, app.OpportunityQuery) (int, error) {
	return f.n, nil
}

func (f *fakeOpportunities) ListOpportunities(_ context.Context, q app.OpportunityQuery) ([]app.OpportunityRow, error) {
	f.queries <- q

	var rows []app.OpportunityRow
	for i := q.Offset; i < min(q.Offset+q.Limit, f.n); i++ {
		index := i
		if q.Descending {
			index = f.n - 1 - i
		}
		rows = append(rows, app.OpportunityRow{
			ID:     int64(index + 1),
			Title:  fmt.Sprintf("Deal %d", index),
			Amount: app.Major(int64(index), "EUR"),
		})
	}

	return rows, nil
}

func (f *fakeOpportunities) Opportunity(_ context.Context, id int64) (app.OpportunityDetail, error) {
	f.details <- id

	return app.OpportunityDetail{}, app.ErrNotFound
}

// newFakeScreen shows an opportunity list over n fake rows in a window.
func newFakeScreen(t *testing.T, n int) (*opportunitiesScreen, *fakeOpportunities, *uiQueue) {
	t.Helper()

	a := test.NewTempApp(t)
	a.Settings().SetTheme(theme.DefaultTheme())
	window := a.NewWindow("list")
	t.Cleanup(window.Close)

	queue := newUIQueue()
	store := &fakeOpportunities{n: n, queries: make(chan app.OpportunityQuery, 1000), details: make(chan int64, 100)}
	errors := errorReporter{window: window, logger: discardLogger()}
	detail := newOpportunityDetail(store, queue.do, errors, "en")
	screen := newOpportunitiesScreen(store, detail, queue.do, errors, "en")
	window.SetContent(screen.content)
	window.Resize(fyne.NewSize(1280, 800))
	screen.query = app.OpportunityQuery{Sort: app.SortByTitle}
	screen.reload()

	return screen, store, queue
}

func TestOpportunityListScrollsToLastOf100000(t *testing.T) {
	screen, _, queue := newFakeScreen(t, 100_000)
	queue.waitFor(t, "the count", func() bool { return screen.count.Text == "100,000 opportunities" })

	screen.list.ScrollToBottom()
	queue.waitFor(t, "the last row", func() bool { return findLabel(screen.list, "Deal 99999") })

	screen.list.ScrollTo(54_321)
	queue.waitFor(t, "row 54,321", func() bool { return findLabel(screen.list, "Deal 54321") })
}

func TestOpportunityListLoadsOnlyVisiblePages(t *testing.T) {
	screen, store, queue := newFakeScreen(t, 100_000)
	queue.waitFor(t, "the first row", func() bool { return findLabel(screen.list, "Deal 0") })

	screen.list.ScrollTo(50_000)
	queue.waitFor(t, "row 50,000", func() bool { return findLabel(screen.list, "Deal 50000") })

	if got := len(store.queries); got > 3 {
		t.Errorf("list ran %d page queries for two screens of rows, want at most 3", got)
	}
	for len(store.queries) > 0 {
		if q := <-store.queries; q.Limit != pageSize {
			t.Errorf("page query limit = %d, want %d", q.Limit, pageSize)
		}
	}
}

func TestOpportunitySortHeaderTogglesOrder(t *testing.T) {
	screen, _, queue := newFakeScreen(t, 1_000)
	queue.waitFor(t, "the first row", func() bool { return findLabel(screen.list, "Deal 0") })

	amount := screen.sortHeaders[3]
	test.Tap(amount)
	if screen.query.Sort != app.SortByAmount || screen.query.Descending {
		t.Fatalf("after one tap: sort %q descending %v, want amount ascending", screen.query.Sort, screen.query.Descending)
	}

	test.Tap(amount)
	if !screen.query.Descending {
		t.Fatal("second tap did not reverse the order")
	}
	queue.waitFor(t, "the reversed first row", func() bool { return findLabel(screen.list, "Deal 999") })
}

func TestOpportunitySearchDropsStaleQuery(t *testing.T) {
	screen, _, queue := newFakeScreen(t, 10)
	queue.waitFor(t, "the count", func() bool { return screen.rows.ready() })

	test.Type(screen.search, "Deal")
	generation := screen.rows.generation
	queue.waitFor(t, "the debounced search", func() bool { return screen.rows.generation > generation })

	stale := screen.rows.generation - 1
	screen.rows.onCounted(stale, 99, nil)
	if screen.rows.length() == 99 {
		t.Error("a count from an older query replaced the current one")
	}
}

// TestOpportunitySelectBeforePageLoads selects a row after the count
// landed but before its page did, as a click right after startup does.
func TestOpportunitySelectBeforePageLoads(t *testing.T) {
	screen, store, queue := newFakeScreen(t, 1_000)
	queue.waitFor(t, "the count", func() bool { return screen.rows.ready() })
	if _, loaded := screen.rows.row(2); loaded {
		t.Fatal("the page of row 2 landed with the count, so the test cannot select before it")
	}

	screen.list.Select(2)
	queue.waitFor(t, "the page of row 2", func() bool { _, ok := screen.rows.row(2); return ok })

	select {
	case id := <-store.details:
		if id != 3 {
			t.Errorf("detail of deal %d opened, want deal 3 of row 2", id)
		}
	case <-time.After(5 * time.Second):
		t.Error("the detail of the row selected before its page loaded never opened")
	}
}
