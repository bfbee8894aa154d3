package ui

import (
	"context"
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// boardStore is the store access of the Board tab.
type boardStore interface {
	Pipelines(ctx context.Context) ([]app.Pipeline, error)
	Board(ctx context.Context, f app.BoardFilter, today app.Date) (app.Board, error)
	MoveOpportunity(ctx context.Context, id, stageID int64) error
	CloseOpportunity(ctx context.Context, id int64, r app.CloseRequest) error
}

// boardColumnWidth is the width of one stage column in device-independent
// pixels.
const boardColumnWidth = 290

// boardCardsPerColumn is the number of deals the board loads per column.
// A column creates card widgets only for the rows in view, so the limit
// bounds the store read and the memory of the loaded deals. With 20,000
// deals in BenchmarkBoardScreen, a refresh took 131–144 ms and 5.4 MB at
// 1,000 per column against 81–123 ms and 1.5 MB at 200, on 2 shared
// cores of an AMD EPYC.
const boardCardsPerColumn = 1000

// boardScreen is the Board tab: one column per stage of the chosen
// pipeline, with the deals as cards that move between stages by drag and
// drop or by keyboard.
type boardScreen struct {
	store    boardStore
	window   fyne.Window
	do       uiRunner
	errors   errorReporter
	language string
	today    func() app.Date
	debounce debouncer

	// generation drops store results of an older reload.
	generation int
	pipelines  []app.Pipeline
	pipelineID int64
	board      app.Board
	// shownFilter is the filter of the board on screen. A reload with
	// another filter scrolls the columns back to their first deal, and a
	// reload with the same one, as after a move, keeps their positions.
	shownFilter app.BoardFilter

	// selectedID is the selected deal, kept across reloads. refocus makes
	// the next reload give its card the keyboard focus.
	selectedID int64
	refocus    bool
	// onOpenOpportunity shows a deal in the Opportunities tab after a
	// double tap or Enter on its card.
	onOpenOpportunity func(id int64)
	columns           []*boardColumnView
	dropTarget        *boardColumnView
	// dragLayer lies over the columns and holds dragCopy, the copy of the
	// dragged card that follows the pointer, while a drag goes on.
	// dragged is the deal that the drag began on, kept apart from the
	// card widget because the widget shows another deal when its list
	// rebinds it.
	dragLayer *fyne.Container
	dragCopy  fyne.CanvasObject
	dragged   app.BoardCard
	// closing is the close dialog shown last, for tests to fill in.
	closing *closeDialog

	picker   *widget.Select
	owner    *widget.Entry
	mine     *ownerFilter
	from     *widget.Entry
	to       *widget.Entry
	idleOnly *widget.Check
	status   *widget.Label
	lanes    *fyne.Container
	scroll   *container.Scroll
	content  fyne.CanvasObject
}

func newBoardScreen(store boardStore, window fyne.Window, do uiRunner, errors errorReporter, language string) *boardScreen {
	s := &boardScreen{
		store: store, window: window, do: do, errors: errors, language: language,
		today:    func() app.Date { return app.DateOf(time.Now()) },
		debounce: debouncer{delay: searchDelay, do: do},
	}

	s.picker = newSelect(nil, s.onPipelineSelected)
	s.picker.Hide()
	s.owner = widget.NewEntry()
	s.owner.SetPlaceHolder(lang.L("Owner"))
	s.owner.OnChanged = s.onFilterTyped
	s.mine = newOwnerFilter(store, s.reload)
	s.from = s.newDayEntry()
	s.to = s.newDayEntry()
	s.idleOnly = widget.NewCheck(lang.L("Idle only"), func(bool) { s.reload() })
	s.status = widget.NewLabel(lang.L("Loading…"))
	s.lanes = container.NewHBox()
	s.scroll = container.NewHScroll(s.lanes)
	s.dragLayer = container.NewWithoutLayout()

	body := container.NewBorder(s.filterBar(), s.footer(), nil, nil, s.scroll)
	s.content = container.NewStack(body, s.dragLayer)

	return s
}

func (s *boardScreen) newDayEntry() *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(dayPlaceholder(s.language))
	e.Validator = func(text string) error {
		if _, err := parseDay(text, s.language); err != nil {
			return errors.New(dayProblem(text, s.language))
		}
		return nil
	}
	e.OnChanged = s.onFilterTyped

	return e
}

func (s *boardScreen) filterBar() fyne.CanvasObject {
	// The width leaves room for a German date next to the calendar button.
	dayWidth := fyne.NewSize(190, s.from.MinSize().Height)
	period := container.NewHBox(
		widget.NewLabel(lang.L("Close date")), container.NewGridWrap(dayWidth, newDateField(s.from, s.language)),
		widget.NewLabel("–"), container.NewGridWrap(dayWidth, newDateField(s.to, s.language)),
	)
	right := container.NewHBox(s.mine.choice, period, s.idleOnly)

	return container.NewBorder(nil, nil, s.picker, right, s.owner)
}

func (s *boardScreen) footer() fyne.CanvasObject {
	hint := widget.NewLabel(lang.L("Drag a card to another stage, or select it and press Ctrl+→ or Ctrl+← to move it."))
	hint.Importance = widget.LowImportance

	return container.NewBorder(nil, nil, nil, hint, s.status)
}

func (s *boardScreen) onFilterTyped(string) {
	s.debounce.call(s.reload)
}

func (s *boardScreen) onPipelineSelected(name string) {
	for _, p := range s.pipelines {
		if p.Name == name && p.ID != s.pipelineID {
			s.pipelineID = p.ID
			s.reload()
		}
	}
}

// filter reads the filter widgets. It returns false and shows the problem
// when a date cannot be read.
func (s *boardScreen) filter() (app.BoardFilter, bool) {
	f := app.BoardFilter{
		PipelineID:     s.pipelineID,
		Owner:          strings.TrimSpace(s.owner.Text),
		IdleOnly:       s.idleOnly.Checked,
		CardsPerColumn: boardCardsPerColumn,
		OwnerID:        s.mine.ownerID(),
	}

	var err error
	if f.CloseFrom, err = parseDay(s.from.Text, s.language); err != nil {
		s.status.SetText(dayProblem(s.from.Text, s.language))
		return f, false
	}
	if f.CloseTo, err = parseDay(s.to.Text, s.language); err != nil {
		s.status.SetText(dayProblem(s.to.Text, s.language))
		return f, false
	}

	return f, true
}

// reload reads the pipelines and the board of the chosen pipeline in a
// goroutine and shows them in one step on the UI goroutine.
func (s *boardScreen) reload() {
	f, ok := s.filter()
	if !ok {
		return
	}

	s.generation++
	generation := s.generation
	today := s.today()

	go func() {
		ctx := context.Background()
		pipelines, err := s.store.Pipelines(ctx)
		var board app.Board
		if err == nil {
			f.PipelineID = pickBoardPipeline(pipelines, f.PipelineID)
			if f.PipelineID != 0 {
				board, err = s.store.Board(ctx, f, today)
			}
		}
		s.do(func() { s.onLoaded(generation, pipelines, f, board, err) })
	}()
}

// pickBoardPipeline keeps the chosen pipeline if it still exists, else
// takes the first one, else returns 0.
func pickBoardPipeline(pipelines []app.Pipeline, chosen int64) int64 {
	for _, p := range pipelines {
		if p.ID == chosen {
			return chosen
		}
	}

	if len(pipelines) > 0 {
		return pipelines[0].ID
	}

	return 0
}

func (s *boardScreen) onLoaded(generation int, pipelines []app.Pipeline, f app.BoardFilter, board app.Board, err error) {
	if generation != s.generation {
		return
	}

	if err != nil {
		s.status.SetText("")
		s.errors.report(lang.L("The board could not be loaded. The log file has the details."), err)
		return
	}

	s.pipelines, s.pipelineID, s.board = pipelines, f.PipelineID, board
	s.updatePicker()
	s.status.SetText("")
	if f.PipelineID == 0 {
		s.status.SetText(lang.L("There is no pipeline yet."))
	}

	filterChanged := f != s.shownFilter
	s.shownFilter = f
	s.showColumns(filterChanged)
}

func (s *boardScreen) updatePicker() {
	names := make([]string, len(s.pipelines))
	selected := ""
	for i, p := range s.pipelines {
		names[i] = p.Name
		if p.ID == s.pipelineID {
			selected = p.Name
		}
	}

	s.picker.Options = names
	s.picker.Selected = selected
	s.picker.Refresh()
	if len(names) > 1 {
		s.picker.Show()
	} else {
		s.picker.Hide()
	}
}

// showColumns shows s.board. It keeps the column views, and with them
// the columns' scroll positions, when the stages are the same as before,
// and builds new ones otherwise. toTop scrolls every column back to its
// first deal. The selected deal stays selected if it is still on the
// board.
func (s *boardScreen) showColumns(toTop bool) {
	s.highlight(nil)
	if !sameStages(s.columns, s.board.Columns) {
		s.buildColumns()
	} else {
		for i, view := range s.columns {
			if toTop {
				view.list.ScrollToTop()
			}
			s.showColumn(view, s.board.Columns[i])
		}
	}

	s.showSelected()
}

// sameStages reports whether views show the stages of columns in the
// same order.
func sameStages(views []*boardColumnView, columns []app.BoardColumn) bool {
	if len(views) != len(columns) {
		return false
	}

	for i, view := range views {
		if view.stage.ID != columns[i].Stage.ID {
			return false
		}
	}

	return true
}

func (s *boardScreen) buildColumns() {
	s.columns = s.columns[:0]
	objects := make([]fyne.CanvasObject, 0, len(s.board.Columns))
	for _, column := range s.board.Columns {
		view := s.newColumnView(column)
		s.columns = append(s.columns, view)
		objects = append(objects, view.object)
	}

	// Refreshing the scroll, not only the lanes, resizes the lanes to their
	// new width at once, so the scroll offset and bars fit the new columns.
	s.lanes.Objects = objects
	s.scroll.Refresh()
}

// showSelected clears the selection if the board no longer shows the
// selected deal.
// After a move it scrolls the deal's column to it and gives its card the
// keyboard focus.
func (s *boardScreen) showSelected() {
	view, row := s.columnOf(s.selectedID)
	if view == nil {
		s.selectedID = 0
		s.refocus = false
		return
	}

	if !s.refocus {
		return
	}

	s.refocus = false
	view.list.ScrollTo(row)
	if card := view.shownCard(s.selectedID); card != nil {
		s.window.Canvas().Focus(card)
	}
}

// columnOf returns the column and row of the deal with id, or nil and -1.
func (s *boardScreen) columnOf(id int64) (*boardColumnView, int) {
	for _, view := range s.columns {
		if row := view.rowOf(id); row >= 0 {
			return view, row
		}
	}

	return nil, -1
}

// cardByID returns the card that shows the deal with id in view, or nil.
func (s *boardScreen) cardByID(id int64) *boardCard {
	for _, view := range s.columns {
		if card := view.shownCard(id); card != nil {
			return card
		}
	}

	return nil
}

// selectCard selects c's deal, moves the selection border to c and gives
// c the keyboard focus for the move shortcuts.
func (s *boardScreen) selectCard(c *boardCard) {
	s.selectedID = c.card.ID
	for _, view := range s.columns {
		for _, card := range view.cards {
			card.setSelected(card.card.ID == s.selectedID)
		}
	}

	s.window.Canvas().Focus(c)
}

// onCardStepped moves c to the neighbouring stage in the board's order,
// skipping the column of deals without a stage.
func (s *boardScreen) onCardStepped(c *boardCard, step int) {
	index := -1
	for i, column := range s.columns {
		if column.stage.ID == c.card.StageID {
			index = i
		}
	}

	for i := index + step; index >= 0 && i >= 0 && i < len(s.columns); i += step {
		if s.columns[i].stage.ID != 0 {
			s.moveCard(c.card, s.columns[i].stage)
			return
		}
	}
}

// moveCard moves a deal to stage. A won or lost stage first opens the
// close dialog, because both close the deal, and lost requires a reason.
// The column of deals without a stage rejects drops.
func (s *boardScreen) moveCard(card app.BoardCard, stage app.Stage) {
	if stage.ID == 0 || stage.ID == card.StageID {
		return
	}

	s.selectedID = card.ID
	switch stage.Kind {
	case app.StageWon, app.StageLost:
		won := stage.Kind == app.StageWon
		s.closing = openDealCloseDialog(s.window, s.store, s.do, s.errors, card.ID, won, func(r app.CloseRequest) {
			s.runMove(card.ID, func(ctx context.Context) error {
				return s.store.CloseOpportunity(ctx, card.ID, r)
			})
		})
	default:
		s.runMove(card.ID, func(ctx context.Context) error {
			return s.store.MoveOpportunity(ctx, card.ID, stage.ID)
		})
	}
}

// openCard shows the card's deal in the Opportunities tab, when the
// window has set onOpenOpportunity.
func (s *boardScreen) openCard(c *boardCard) {
	if s.onOpenOpportunity != nil {
		s.onOpenOpportunity(c.card.ID)
	}
}

// runMove runs change in a goroutine and then reloads the board, keeping
// the moved card selected and focused.
func (s *boardScreen) runMove(id int64, change func(ctx context.Context) error) {
	s.status.SetText(lang.L("Moving…"))

	go func() {
		err := change(context.Background())
		s.do(func() { s.onMoved(id, err) })
	}()
}

func (s *boardScreen) onMoved(id int64, err error) {
	s.status.SetText("")
	if errors.Is(err, app.ErrInvalid) {
		s.errors.report(lang.L("A closed deal does not move on the board. Reopen it in its detail first."), err)
	} else if err != nil {
		s.errors.report(lang.L("The deal could not be moved. The log file has the details."), err)
	}

	s.selectedID = id
	s.refocus = true
	s.reload()
}
