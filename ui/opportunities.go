package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// opportunityLister is the store's read access for the opportunity list.
type opportunityLister interface {
	CountOpportunities(ctx context.Context, q app.OpportunityQuery) (int, error)
	ListOpportunities(ctx context.Context, q app.OpportunityQuery) ([]app.OpportunityRow, error)
}

// opportunityColumn is one column of the list: the sort key, the
// relative width, and whether the column widens to every value it draws
// (amounts and dates).
type opportunityColumn struct {
	sort   app.OpportunitySort
	title  string
	weight float32
	fit    bool
}

func opportunityColumns() []opportunityColumn {
	return []opportunityColumn{
		{app.SortByTitle, lang.L("Title"), 2.6, false},
		{app.SortByCompany, lang.L("Company"), 2.2, false},
		{app.SortByStage, lang.L("Stage"), 1.4, false},
		{app.SortByAmount, lang.L("Amount"), 1.2, true},
		{app.SortByWeighted, lang.L("Weighted"), 1.2, true},
		{app.SortByCloseDate, lang.L("Close date"), 1, true},
		{app.SortByOwner, lang.L("Owner"), 1.4, false},
	}
}

// opportunitiesScreen is the Opportunities tab: a search box, sortable
// column headers, the paged list and the detail of the selected deal.
type opportunitiesScreen struct {
	store    opportunityLister
	do       uiRunner
	errors   errorReporter
	language string

	columns []opportunityColumn
	weights []float32
	// minWidths keep each heading and the widest amount and date drawn so
	// far readable while the list is wide enough. valueWidths are the
	// widest values per column, longestValues their lengths in characters,
	// and maxValueWidth caps how far a column widens for its values.
	minWidths     []float32
	valueWidths   []float32
	longestValues []int
	maxValueWidth float32
	// widthsQueued is set while a refresh with wider columns is queued.
	widthsQueued bool

	query    app.OpportunityQuery
	rows     *pagedRows[app.OpportunityRow]
	loading  loadingRows
	debounce *debouncer
	// pending is the list item selected while its page was not loaded
	// yet, or -1. Its detail opens when the page lands, because the list
	// does not call OnSelected again for a row that is already selected.
	pending widget.ListItemID

	search      *widget.Entry
	sortHeaders []*sortHeader
	header      *fyne.Container
	list        *widget.List
	count       *widget.Label
	detail      *opportunityDetail
	bulk        *opportunitySelection
	mine        *ownerFilter
	content     fyne.CanvasObject
}

func newOpportunitiesScreen(store opportunityLister, detail *opportunityDetail, do uiRunner,
	errors errorReporter, language string) *opportunitiesScreen {
	s := &opportunitiesScreen{
		store:    store,
		do:       do,
		errors:   errors,
		language: language,
		columns:  opportunityColumns(),
		query:    app.OpportunityQuery{Sort: app.SortByCloseDate, Descending: true},
		debounce: &debouncer{delay: searchDelay, do: do},
		detail:   detail,
		pending:  -1,
	}
	s.restoreSort()
	s.rows = newPagedRows[app.OpportunityRow](do, s.onRowsChanged, s.onRowsFailed)
	s.rows.onPage = s.onPageLoaded
	for _, c := range s.columns {
		s.weights = append(s.weights, c.weight)
	}
	s.initColumnWidths()

	s.bulk = newOpportunitySelection(s, store)
	s.build()
	detail.onChanged = s.reload

	return s
}

func (s *opportunitiesScreen) build() {
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder(lang.L("Search title, company, owner or product"))
	s.search.OnChanged = s.onSearchChanged
	s.mine = newOwnerFilter(s.store, s.onOwnerFilterChanged)
	s.count = widget.NewLabel("")

	s.list = widget.NewList(s.rows.length, s.createRow, s.updateRow)
	s.list.OnSelected = s.onRowSelected

	filterBar := container.NewBorder(nil, nil, nil, s.mine.choice, s.search)
	top := container.NewVBox(filterBar, s.bulk.toolbar, s.buildHeader())
	left := container.NewBorder(top, s.count, nil, nil, s.list)
	split := container.NewHSplit(left, s.detail.content)
	split.Offset = 0.7
	s.content = split
}

func (s *opportunitiesScreen) buildHeader() fyne.CanvasObject {
	headers := make([]fyne.CanvasObject, len(s.columns))
	for i, c := range s.columns {
		header := newSortHeader(c.title, func() { s.onSortTapped(c.sort) })
		if c.sort == app.SortByAmount || c.sort == app.SortByWeighted {
			header.label.Alignment = fyne.TextAlignTrailing
		}
		s.sortHeaders = append(s.sortHeaders, header)
		headers[i] = header
	}

	s.updateSortIcons()

	s.header = container.New(s.layout(), headers...)

	return s.header
}

func (s *opportunitiesScreen) createRow() fyne.CanvasObject {
	return newListRow(s.layout(), 3, 4)
}

// updateRow draws row id from the page cache. It does no I/O: a row whose
// page is not loaded shows a placeholder until the page lands.
func (s *opportunitiesScreen) updateRow(id widget.ListItemID, item fyne.CanvasObject) {
	cells := item.(*listRow)
	row, ok := s.rows.row(id)
	s.bulk.markRow(row.ID, cells)
	if !ok {
		s.loading.wait(cells, id)
		cells.SetTexts(lang.L("Loading…"))
		return
	}

	s.loading.loaded(cells)
	texts := []string{
		row.Title,
		row.Company,
		row.Stage,
		app.FormatMoney(row.Amount, s.language),
		app.FormatMoney(row.Weighted, s.language),
		app.FormatDate(row.CloseDate, s.language),
		row.Owner,
	}
	s.fitValues(texts)
	cells.SetTexts(texts...)
}

// reload queries the list again with the current search and sort.
func (s *opportunitiesScreen) reload() {
	q := s.query
	s.rows.reset(pageQuery[app.OpportunityRow]{
		count: func(ctx context.Context) (int, error) {
			return s.store.CountOpportunities(ctx, q)
		},
		page: func(ctx context.Context, offset, limit int) ([]app.OpportunityRow, error) {
			page := q
			page.Offset, page.Limit = offset, limit
			return s.store.ListOpportunities(ctx, page)
		},
	})
	s.pending = -1
	s.list.UnselectAll()
	s.count.SetText(lang.L("Loading…"))
}

func (s *opportunitiesScreen) onRowsChanged() {
	if s.rows.ready() {
		s.count.SetText(lang.XN("opportunities.count", "{{.Count}} opportunities", s.rows.length(),
			map[string]any{"Count": app.FormatCount(s.rows.length(), s.language)}))
	}

	s.list.Refresh()
	s.selectPending()
}

// onPageLoaded draws the loaded rows that wait in view.
func (s *opportunitiesScreen) onPageLoaded(first, count int) {
	s.loading.redraw(first, count, func(id int, row *listRow) { s.updateRow(id, row) })
	s.selectPending()
}

// selectPending opens the detail of the row selected while its page was
// loading, once the page is there.
func (s *opportunitiesScreen) selectPending() {
	if s.pending < 0 {
		return
	}

	if _, ok := s.rows.row(s.pending); ok {
		s.onRowSelected(s.pending)
	}
}

func (s *opportunitiesScreen) onRowsFailed(err error) {
	s.count.SetText("")
	s.errors.report(lang.L("The opportunities could not be loaded. The log file has the details."), err)
}

// onSearchChanged waits for typing to pause, then queries with the text
// that the box holds at that moment.
func (s *opportunitiesScreen) onSearchChanged(string) {
	s.debounce.call(func() {
		if s.search.Text == s.query.Search {
			return
		}

		s.query.Search = s.search.Text
		s.reload()
	})
}

func (s *opportunitiesScreen) onOwnerFilterChanged() {
	s.query.OwnerID = s.mine.ownerID()
	s.reload()
}

// onSortTapped sorts by the column, or reverses the order when the list
// is already sorted by it.
func (s *opportunitiesScreen) onSortTapped(column app.OpportunitySort) {
	if s.query.Sort == column {
		s.query.Descending = !s.query.Descending
	} else {
		s.query.Sort = column
		s.query.Descending = false
	}

	s.saveSort()
	s.updateSortIcons()
	s.reload()
}

func (s *opportunitiesScreen) updateSortIcons() {
	for i, c := range s.columns {
		var icon fyne.Resource
		if c.sort == s.query.Sort {
			icon = theme.MenuDropUpIcon()
			if s.query.Descending {
				icon = theme.MenuDropDownIcon()
			}
		}
		s.sortHeaders[i].SetIcon(icon)
	}

	if s.minWidths != nil {
		s.applyMinWidths()
	}
}

// onRowSelected opens the detail of the selected row, or toggles the row
// in select mode. A row whose page is not loaded yet is kept as pending.
func (s *opportunitiesScreen) onRowSelected(id widget.ListItemID) {
	row, ok := s.rows.row(id)
	if !ok {
		s.pending = id
		return
	}

	s.pending = -1
	if s.bulk.toggle(id, row) {
		return
	}

	s.detail.show(row.ID)
}

// currentQuery returns the list's search, filters and order, which an
// export writes. It must be called on the UI goroutine.
func (s *opportunitiesScreen) currentQuery() app.OpportunityQuery {
	return s.query
}
