package ui

import (
	"context"
)

// pageSize is how many rows one database query loads for a list.
const pageSize = 200

// pageQuery counts and loads the rows of one list query. Both functions
// run off the UI goroutine.
type pageQuery[T any] struct {
	count func(ctx context.Context) (int, error)
	page  func(ctx context.Context, offset, limit int) ([]T, error)
}

// maxCachedPages is how many pages of one list stay loaded. Scrolling
// past more drops the least recently drawn page, so a list of 100,000
// leads keeps 3,200 of them in memory, not all.
const maxCachedPages = 16

// pagedRows caches the rows of one query in pages that are loaded in
// goroutines, so a widget.List can draw any row without I/O. Every method
// must be called on the UI goroutine. Results of an older query, one
// replaced by reset, are dropped by comparing generations. At most
// maxCachedPages pages stay cached; a dropped page loads again when a row
// of it is drawn.
type pagedRows[T any] struct {
	do       uiRunner
	onChange func()
	// onPage, when set, runs in place of onChange when a page lands, with
	// the id of the page's first row and its number of rows.
	onPage  func(first, count int)
	onError func(error)

	generation int
	ctx        context.Context
	cancel     context.CancelFunc
	query      pageQuery[T]
	total      int
	counted    bool
	failed     bool
	pages      map[int][]T
	loading    map[int]bool
	// lastUse is the value of uses when row last read each cached page.
	lastUse map[int]uint64
	uses    uint64
}

func newPagedRows[T any](do uiRunner, onChange func(), onError func(error)) *pagedRows[T] {
	return &pagedRows[T]{do: do, onChange: onChange, onError: onError}
}

// reset replaces the query, drops the cached pages and starts counting.
// Until the count lands, length keeps the previous total.
func (p *pagedRows[T]) reset(q pageQuery[T]) {
	if p.cancel != nil {
		p.cancel()
	}

	p.generation++
	p.ctx, p.cancel = context.WithCancel(context.Background())
	p.query = q
	p.counted = false
	p.failed = false
	p.pages = map[int][]T{}
	p.loading = map[int]bool{}
	p.lastUse = map[int]uint64{}

	generation, ctx := p.generation, p.ctx
	go func() {
		total, err := q.count(ctx)
		p.do(func() { p.onCounted(generation, total, err) })
	}()
}

func (p *pagedRows[T]) onCounted(generation, total int, err error) {
	if generation != p.generation {
		return
	}

	if err != nil {
		p.fail(err)
		return
	}

	p.total = total
	p.counted = true
	p.onChange()
}

// length returns the number of rows of the current query.
func (p *pagedRows[T]) length() int {
	return p.total
}

// ready reports whether the current query has been counted.
func (p *pagedRows[T]) ready() bool {
	return p.counted
}

// row returns row i, or false when its page is not loaded yet. In that
// case it starts loading the page, and onChange runs once it is there.
func (p *pagedRows[T]) row(i int) (T, bool) {
	var zero T
	if p.pages == nil || i < 0 {
		return zero, false
	}

	page := i / pageSize
	rows, ok := p.pages[page]
	if ok {
		p.uses++
		p.lastUse[page] = p.uses
	}
	if ok && i%pageSize < len(rows) {
		return rows[i%pageSize], true
	}

	if !ok {
		p.requestPage(page)
	}

	return zero, false
}

func (p *pagedRows[T]) requestPage(page int) {
	if p.loading[page] || p.failed || !p.counted {
		return
	}

	p.loading[page] = true
	generation, ctx, q := p.generation, p.ctx, p.query
	go func() {
		rows, err := q.page(ctx, page*pageSize, pageSize)
		p.do(func() { p.onPageLoaded(generation, page, rows, err) })
	}()
}

func (p *pagedRows[T]) onPageLoaded(generation, page int, rows []T, err error) {
	if generation != p.generation {
		return
	}

	delete(p.loading, page)
	if err != nil {
		p.fail(err)
		return
	}

	p.pages[page] = rows
	p.uses++
	p.lastUse[page] = p.uses
	p.dropLeastRecentPage()
	if p.onPage != nil {
		p.onPage(page*pageSize, len(rows))
		return
	}

	p.onChange()
}

// dropLeastRecentPage removes the page that row read longest ago while
// more than maxCachedPages pages are cached.
func (p *pagedRows[T]) dropLeastRecentPage() {
	if len(p.pages) <= maxCachedPages {
		return
	}

	oldest, oldestUse := -1, uint64(0)
	for page := range p.pages {
		if use := p.lastUse[page]; oldest < 0 || use < oldestUse {
			oldest, oldestUse = page, use
		}
	}

	delete(p.pages, oldest)
	delete(p.lastUse, oldest)
}

// fail stops further loads of the current query, so a broken database
// shows one error and not one per drawn row.
func (p *pagedRows[T]) fail(err error) {
	p.failed = true
	p.onError(err)
}
