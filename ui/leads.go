package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/ui/words"
)

// leadLister is the store's read access for the lead list.
type leadLister interface {
	CountLeads(ctx context.Context, q app.LeadQuery) (int, error)
	ListLeads(ctx context.Context, q app.LeadQuery) ([]app.Lead, error)
}

// leadListStore is the store access of the Leads tab: the list and the
// learned scores behind two of its columns.
type leadListStore interface {
	leadLister
	leadModelStore
}

// leadStore is everything the Leads tab and its dialogs use.
type leadStore interface {
	leadLister
	leadWorkflow
	leadEditor
	qualificationSaver
}

// leadColumn is one column of the lead list. A column with an empty sort
// key has a plain heading; a numeric one aligns to the right.
type leadColumn struct {
	sort    app.LeadSort
	title   string
	weight  float32
	numeric bool
}

func leadColumns() []leadColumn {
	return []leadColumn{
		{app.SortLeadsByName, lang.L("Name"), 1.5, false},
		{"", lang.L("Company"), 1.5, false},
		{"", lang.L("Source"), 0.9, false},
		{"", lang.L("Status"), 0.9, false},
		{app.SortLeadsByScore, lang.L("Score"), 0.75, true},
		{app.SortLeadsByLearned, lang.L("Learned"), 0.85, true},
		{app.SortLeadsByValue, lang.L("Value"), 1.1, true},
		{"", lang.X("leads.column.temperature", "Temp."), 0.7, false},
		{app.SortLeadsByCreated, lang.L("Created"), 1.35, false},
		{app.SortLeadsByLastActivity, lang.L("Last activity"), 1.35, false},
	}
}

// numericColumns returns the indexes of the right-aligned columns.
func numericColumns(columns []leadColumn) []int {
	var numeric []int
	for i, c := range columns {
		if c.numeric {
			numeric = append(numeric, i)
		}
	}

	return numeric
}

// worklistRanks are the orders of "Work the best first", in the order
// of its select.
var worklistRanks = []app.LeadSort{
	app.SortLeadsByWorklist, app.SortLeadsByWorklistLearned, app.SortLeadsByWorklistValue,
}

// leadsScreen is the Leads tab: a toolbar, search and filters, sortable
// column headings, the paged list of leads and the selected lead's
// detail beside it.
type leadsScreen struct {
	store    leadLister
	learning *leadLearning
	do       uiRunner
	errors   errorReporter
	language string

	columns []leadColumn
	weights []float32
	// minWidths keep each heading and the widest typical value of its
	// column readable while the list is wide enough.
	minWidths []float32
	query     app.LeadQuery
	rows      *pagedRows[app.Lead]
	loading   loadingRows
	debounce  *debouncer
	// pending is the list item selected while its page was not loaded
	// yet, or -1. Its detail opens when the page lands, because the list
	// does not call OnSelected again for a row that is already selected.
	pending widget.ListItemID

	// onNewLead and onQuickCapture open the lead form and quick capture.
	onNewLead      func()
	onQuickCapture func()

	search      *widget.Entry
	worklist    *widget.Check
	rank        *widget.Select
	started     bool
	filters     *leadFilters
	qualityChip *qualityChip
	sortHeaders []*sortHeader
	header      *fyne.Container
	list        *widget.List
	count       *widget.Label
	detail      *leadDetail
	content     fyne.CanvasObject
}

func newLeadsScreen(store leadListStore, detail *leadDetail, do uiRunner, errors errorReporter, language string) *leadsScreen {
	s := &leadsScreen{
		store:    store,
		learning: newLeadLearning(store, do, errors, language),
		do:       do,
		errors:   errors,
		language: language,
		columns:  leadColumns(),
		query:    app.LeadQuery{Sort: app.SortLeadsByCreated, Descending: true},
		debounce: &debouncer{delay: searchDelay, do: do},
		pending:  -1,
		detail:   detail,
	}
	s.restoreSort()
	s.rows = newPagedRows[app.Lead](do, s.onRowsChanged, s.onRowsFailed)
	s.rows.onPage = s.onPageLoaded
	for _, c := range s.columns {
		s.weights = append(s.weights, c.weight)
	}
	s.minWidths = leadColumnMinWidths(s.columns, language, s.query.Sort)

	detail.learning = s.learning
	s.learning.onChanged = append(s.learning.onChanged, s.onPredictionsChanged)
	s.learning.onState = append(s.learning.onState, detail.onLearningChanged)
	s.build()

	return s
}

func (s *leadsScreen) build() {
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder(lang.L("Search name, company, e-mail or city"))
	s.search.OnChanged = s.onSearchChanged
	s.worklist = widget.NewCheck(lang.L("Work the best first"), s.onWorklistChanged)
	s.rank = newSelect([]string{lang.L("by score"), lang.L("by learned chance"), lang.L("by expected value")}, nil)
	s.rank.SetSelectedIndex(0)
	s.rank.OnChanged = s.onRankChanged
	s.filters = newLeadFilters(s.onFiltersChanged, s.store)
	s.qualityChip = newQualityChip(s.language, s.onQualityCleared)
	s.count = widget.NewLabel("")

	s.list = widget.NewList(s.rows.length, s.createRow, s.updateRow)
	s.list.OnSelected = s.onRowSelected

	newLead := widget.NewButtonWithIcon(lang.L("New lead"), theme.ContentAddIcon(), func() { s.onNewLead() })
	quick := widget.NewButton(lang.L("Quick capture"), func() { s.onQuickCapture() })
	toolbar := container.NewBorder(nil, nil, container.NewHBox(newLead, quick), container.NewHBox(s.worklist, s.rank),
		s.search)

	top := container.NewVBox(toolbar, s.filters.content, s.qualityChip.content, s.buildHeader())
	bottom := container.NewVBox(s.learning.content, s.count)
	left := container.NewBorder(top, bottom, nil, nil, s.list)
	split := container.NewHSplit(left, s.detail.content)
	split.Offset = 0.7
	s.content = split
}

func (s *leadsScreen) buildHeader() fyne.CanvasObject {
	headers := make([]fyne.CanvasObject, len(s.columns))
	for i, c := range s.columns {
		if c.sort == "" {
			label := headingLabel(c.title)
			label.Truncation = fyne.TextTruncateEllipsis
			headers[i] = label
			continue
		}

		header := newSortHeader(c.title, func() { s.onSortTapped(c.sort) })
		if c.numeric {
			header.label.Alignment = fyne.TextAlignTrailing
		}
		s.sortHeaders = append(s.sortHeaders, header)
		headers[i] = header
	}

	s.updateSortIcons()

	s.header = container.New(s.layout(), headers...)

	return s.header
}

func (s *leadsScreen) createRow() fyne.CanvasObject {
	return newListRow(s.layout(), numericColumns(s.columns)...)
}

// layout returns the column layout that the heading and every row share.
func (s *leadsScreen) layout() columnLayout {
	return columnLayout{weights: s.weights, minWidths: s.minWidths}
}

// leadColumnMinWidths returns per column the width of its bold heading,
// with room for the sort icon in the column sorted by, or of the widest
// typical value, whichever is wider: a short name, a date, or an
// expected value such as "98,8 Tsd. €". Only the sorted column shows an
// icon, so only it needs the room.
func leadColumnMinWidths(columns []leadColumn, language string, sorted app.LeadSort) []float32 {
	textSize := theme.TextSize()
	// The label pads its text on both sides. Text of exactly the
	// measured width still gets an ellipsis in Fyne v2.7.1, so one more
	// padding is slack.
	padding := 3 * theme.InnerPadding()
	samples := map[app.LeadSort]string{
		app.SortLeadsByName:         "Anna Müller",
		app.SortLeadsByValue:        app.FormatMoneyShort(app.Money{Minor: 98_800_00, Currency: "EUR"}, language),
		app.SortLeadsByCreated:      formatTimestamp(time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC), language),
		app.SortLeadsByLastActivity: formatTimestamp(time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC), language),
	}

	widths := make([]float32, len(columns))
	for i, c := range columns {
		heading := fyne.MeasureText(c.title, textSize, fyne.TextStyle{Bold: true}).Width + padding
		if c.sort != "" && c.sort == sorted {
			heading += theme.IconInlineSize() + theme.Padding()
		}

		value := float32(0)
		if sample, ok := samples[c.sort]; ok && c.sort != "" {
			value = fyne.MeasureText(sample, textSize, fyne.TextStyle{}).Width + padding
		}

		widths[i] = max(heading, value)
	}

	return widths
}

// updateRow draws row id from the page cache without I/O.
func (s *leadsScreen) updateRow(id widget.ListItemID, item fyne.CanvasObject) {
	row := item.(*listRow)
	lead, ok := s.rows.row(id)
	if !ok {
		s.loading.wait(row, id)
		row.SetTexts(lang.L("Loading…"))
		return
	}

	s.loading.loaded(row)
	row.SetTexts(
		lead.Name(),
		lead.CompanyName,
		words.LeadSource(lead.Source),
		words.LeadStatus(lead.Status),
		app.FormatCount(lead.Score, s.language),
		learnedText(lead, s.language),
		valueText(lead, s.language),
		temperatureText(lead),
		formatTimestamp(lead.CreatedAt, s.language),
		formatTimestamp(lead.LastActivityAt, s.language),
	)
}

// learnedText writes the learned chance as a whole percentage, or "–"
// when the lead has none.
func learnedText(l app.Lead, language string) string {
	if l.Predicted == nil {
		return "–"
	}

	return formatPercent(*l.Predicted, language)
}

// valueText writes the expected value in short form, such as "€30.1k",
// or "–" when the lead has none. The detail shows it in full.
func valueText(l app.Lead, language string) string {
	if l.Value.Currency == "" {
		return "–"
	}

	return app.FormatMoneyShort(l.Value, language)
}

// temperatureText marks a temperature set by hand with a pencil, such as
// "hot ✎".
func temperatureText(l app.Lead) string {
	text := words.Temperature(l.Temperature)
	if l.TemperatureManual {
		text += " ✎"
	}

	return text
}

// reload queries the list again with the current search, filters and
// order. The first reload, when the tabs show, also refreshes the learned
// chances in the background if the leads changed since they were stored.
func (s *leadsScreen) reload() {
	if !s.started {
		s.started = true
		s.learning.refreshIfStale()
	}

	q := s.query
	s.rows.reset(pageQuery[app.Lead]{
		count: func(ctx context.Context) (int, error) {
			return s.store.CountLeads(ctx, q)
		},
		page: func(ctx context.Context, offset, limit int) ([]app.Lead, error) {
			page := q
			page.Offset, page.Limit = offset, limit
			return s.store.ListLeads(ctx, page)
		},
	})
	s.pending = -1
	s.list.UnselectAll()
	s.count.SetText(lang.L("Loading…"))
}

func (s *leadsScreen) onRowsChanged() {
	if s.rows.ready() {
		s.count.SetText(lang.XN("leads.count", "{{.Count}} leads", s.rows.length(),
			map[string]any{"Count": app.FormatCount(s.rows.length(), s.language)}))
	}

	s.list.Refresh()
	s.selectPending()
}

// onPageLoaded draws the loaded rows that wait in view.
func (s *leadsScreen) onPageLoaded(first, count int) {
	s.loading.redraw(first, count, func(id int, row *listRow) { s.updateRow(id, row) })
	s.selectPending()
}

// selectPending opens the detail of the row selected while its page was
// loading, once the page is there.
func (s *leadsScreen) selectPending() {
	if s.pending < 0 {
		return
	}

	if _, ok := s.rows.row(s.pending); ok {
		s.onRowSelected(s.pending)
	}
}

func (s *leadsScreen) onRowsFailed(err error) {
	s.count.SetText("")
	s.errors.report(lang.L("The leads could not be loaded. The log file has the details."), err)
}

// onSearchChanged waits for typing to pause, then queries with the text
// that the box holds at that moment.
func (s *leadsScreen) onSearchChanged(string) {
	s.debounce.call(func() {
		if s.search.Text == s.query.Search {
			return
		}

		s.query.Search = s.search.Text
		s.reload()
	})
}

// onFiltersChanged waits like the search, because the score and owner
// filters are typed.
func (s *leadsScreen) onFiltersChanged() {
	s.debounce.call(func() {
		s.filters.apply(&s.query)
		s.reload()
	})
}

// onWorklistChanged switches to the worklist of open leads, ranked as
// the select beside it chooses, or back to the newest leads first.
func (s *leadsScreen) onWorklistChanged(on bool) {
	s.query.OpenOnly = on
	s.query.Sort, s.query.Descending = app.SortLeadsByCreated, true
	if on {
		s.query.Sort, s.query.Descending = worklistRanks[max(s.rank.SelectedIndex(), 0)], false
	}

	s.saveSort()
	s.updateSortIcons()
	s.reload()
}

// onRankChanged ranks the worklist by score, learned chance or expected
// value, and turns the worklist on when it is off.
func (s *leadsScreen) onRankChanged(string) {
	if !s.worklist.Checked {
		s.worklist.SetChecked(true)
		return
	}

	s.onWorklistChanged(true)
}

// onPredictionsChanged reloads the list after a refresh stored new
// learned chances and values.
func (s *leadsScreen) onPredictionsChanged() {
	s.reload()
	s.detail.reloadLearned()
}

// onSortTapped sorts by the column, or reverses the order when the list
// is already sorted by it. Sorting by a column leaves the worklist.
func (s *leadsScreen) onSortTapped(column app.LeadSort) {
	if s.query.Sort == column {
		s.query.Descending = !s.query.Descending
	} else {
		s.query.Sort = column
		s.query.Descending = column != app.SortLeadsByName
	}

	if s.worklist.Checked {
		s.query.OpenOnly = false
		s.worklist.OnChanged = nil
		s.worklist.SetChecked(false)
		s.worklist.OnChanged = s.onWorklistChanged
	}

	s.saveSort()
	s.updateSortIcons()
	s.reload()
}

func (s *leadsScreen) updateSortIcons() {
	i := 0
	for _, c := range s.columns {
		if c.sort == "" {
			continue
		}

		var icon fyne.Resource
		if c.sort == s.query.Sort {
			icon = theme.MenuDropUpIcon()
			if s.query.Descending {
				icon = theme.MenuDropDownIcon()
			}
		}
		s.sortHeaders[i].SetIcon(icon)
		i++
	}

	s.updateMinWidths()
}

// updateMinWidths gives the sorted column room for its icon. The heading
// and every row share the minWidths slice, so changing it in place and
// refreshing applies to all of them.
func (s *leadsScreen) updateMinWidths() {
	if s.minWidths == nil {
		return
	}

	copy(s.minWidths, leadColumnMinWidths(s.columns, s.language, s.query.Sort))
	if s.header != nil {
		s.header.Refresh()
	}
	if s.list != nil {
		s.list.Refresh()
	}
}

func (s *leadsScreen) onRowSelected(id widget.ListItemID) {
	lead, ok := s.rows.row(id)
	if !ok {
		s.pending = id
		return
	}

	s.pending = -1
	s.detail.show(lead.ID)
}

// onLeadChanged reloads the list and shows lead id in the detail after
// a dialog or an action changed it.
func (s *leadsScreen) onLeadChanged(id int64) {
	s.reload()
	s.detail.show(id)
}

// currentQuery returns the list's search, filters and order, which an
// export writes. It must be called on the UI goroutine.
func (s *leadsScreen) currentQuery() app.LeadQuery {
	return s.query
}
