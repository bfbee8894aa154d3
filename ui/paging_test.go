package ui

import (
	"context"
	"testing"
)

// numberedRows returns a pagedRows over the numbers 0 to total-1 that
// counts how often each page was loaded.
func numberedRows(t *testing.T, total int) (*pagedRows[int], *uiQueue, map[int]int) {
	t.Helper()

	queue := newUIQueue()
	loads := map[int]int{}
	rows := newPagedRows[int](queue.do, func() {}, func(err error) { t.Errorf("page load failed: %v", err) })
	rows.reset(pageQuery[int]{
		count: func(context.Context) (int, error) { return total, nil },
		page: func(_ context.Context, offset, limit int) ([]int, error) {
			queue.do(func() { loads[offset/pageSize]++ })
			page := make([]int, 0, limit)
			for i := offset; i < min(offset+limit, total); i++ {
				page = append(page, i)
			}
			return page, nil
		},
	})
	queue.waitFor(t, "the count", rows.ready)

	return rows, queue, loads
}

// readRow waits until row i has loaded and returns it.
func readRow(t *testing.T, rows *pagedRows[int], queue *uiQueue, i int) int {
	t.Helper()

	var value int
	queue.waitFor(t, "a row", func() bool {
		v, ok := rows.row(i)
		value = v
		return ok
	})

	return value
}

func TestPagedRowsKeepsRecentPages(t *testing.T) {
	total := (maxCachedPages + 10) * pageSize
	rows, queue, _ := numberedRows(t, total)

	for i := 0; i < total; i += pageSize {
		if got := readRow(t, rows, queue, i); got != i {
			t.Fatalf("row %d = %d", i, got)
		}
	}

	if n := len(rows.pages); n != maxCachedPages {
		t.Errorf("cached pages after scrolling %d pages = %d, want %d", total/pageSize, n, maxCachedPages)
	}
	last := total/pageSize - 1
	if _, ok := rows.pages[last]; !ok {
		t.Errorf("the last page read, %d, was dropped", last)
	}
	if _, ok := rows.pages[0]; ok {
		t.Error("the first page is still cached after scrolling to the end")
	}
}

func TestPagedRowsReloadsDroppedPage(t *testing.T) {
	total := (maxCachedPages + 2) * pageSize
	rows, queue, loads := numberedRows(t, total)

	for i := 0; i < total; i += pageSize {
		readRow(t, rows, queue, i)
	}
	if got := readRow(t, rows, queue, 5); got != 5 {
		t.Errorf("row 5 after its page was dropped = %d, want 5", got)
	}

	queue.waitFor(t, "the load count", func() bool { return loads[0] == 2 })
}

func TestPagedRowsKeepsPageInUse(t *testing.T) {
	total := (maxCachedPages + 10) * pageSize
	rows, queue, _ := numberedRows(t, total)

	for i := pageSize; i < total; i += pageSize {
		readRow(t, rows, queue, 0)
		readRow(t, rows, queue, i)
	}

	if _, ok := rows.pages[0]; !ok {
		t.Error("page 0, read between every other page, was dropped")
	}
}
