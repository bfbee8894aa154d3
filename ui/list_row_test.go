package ui

import (
	"runtime/debug"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

func TestLoadingRowsRedrawsPageOnly(t *testing.T) {
	var loading loadingRows
	first, second, third := &listRow{}, &listRow{}, &listRow{}
	loading.wait(first, 5)
	loading.wait(second, 250)
	loading.wait(third, 7)
	loading.loaded(third)

	drawn := map[*listRow]int{}
	loading.redraw(0, pageSize, func(id int, row *listRow) { drawn[row] = id })

	if id, ok := drawn[first]; !ok || id != 5 {
		t.Errorf("row waiting for 5 drawn as %d (drawn: %t), want 5", id, ok)
	}
	if _, ok := drawn[second]; ok {
		t.Error("row waiting for 250 drawn when the page of rows 0 to 199 landed")
	}
	if _, ok := drawn[third]; ok {
		t.Error("row that was loaded already drawn again")
	}
	if _, ok := loading.waiting[first]; ok {
		t.Error("drawn row still waiting")
	}
	if id, ok := loading.waiting[second]; !ok || id != 250 {
		t.Errorf("row waiting for 250 forgotten or changed to %d", id)
	}
}

// TestLeadListScrollKeepsRows scrolls the Leads tab over the demo leads
// page by page, as the scroll bar does, and checks that the list reuses
// its rows. Each page that lands used to refresh the whole list, which
// drops the list's unused rows, so every page created a screenful of new
// ones. The garbage collector is off meanwhile, because it also empties
// the list's pool.
func TestLeadListScrollKeepsRows(t *testing.T) {
	m, queue := openDemoTabs(t)
	screen := m.leads
	m.selectTab(screen.content)
	m.window.Resize(fyne.NewSize(1280, 800))
	// The learned chances reload the list when they are stored, which
	// refreshes it whole, so the scroll starts after them.
	queue.waitFor(t, "the learned chances", func() bool { return screen.learning.known && !screen.learning.running })
	queue.waitFor(t, "the first page", func() bool { _, ok := screen.rows.row(0); return ok })
	defer debug.SetGCPercent(debug.SetGCPercent(-1))

	created := 0
	createItem := screen.list.CreateItem
	screen.list.CreateItem = func() fyne.CanvasObject { created++; return createItem() }
	step := createItem().MinSize().Height + theme.Padding()

	firstPage, pages := 0, 0
	for id := pageSize; id < screen.rows.length(); id += pageSize {
		screen.list.ScrollToOffset(float32(id) * step)
		queue.waitFor(t, "the next page", func() bool { _, ok := screen.rows.row(id); return ok })
		pages++
		if pages == 1 {
			firstPage = created
		}
	}

	if pages < 3 {
		t.Fatalf("scrolled %d pages of the demo leads, want at least 3", pages)
	}
	if created > 2*firstPage {
		t.Errorf("created %d rows over %d pages, %d of them for the first; want at most %d",
			created, pages, firstPage, 2*firstPage)
	}
}
