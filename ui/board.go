package ui

import (
	"context"
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
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

	// selectedID is the selected deal, kept across reloads. refocus makes
	// the next reload give its card the keyboard focus.
	selectedID int64
	refocus    bool
	columns    []*boardColumnView
	dropTarget *boardColumnView
	// dragLayer lies over the columns and holds dragCopy, the copy of the
	// dragged card that follows the pointer, while a drag goes on.
	dragLayer *fyne.Container
	dragCopy  fyne.CanvasObject
	// closing is the close dialog shown last, for tests to fill in.
	closing *closeDialog

	picker   *widget.Select
	owner    *widget.Entry
	from     *widget.Entry
	to       *widget.Entry
	idleOnly *widget.Check
	status   *widget.Label
	lanes    *fyne.Container
	scroll   *container.Scroll
	content  fyne.CanvasObject
}

// boardColumnView is one stage column on screen.
type boardColumnView struct {
	stage      app.Stage
	background *canvas.Rectangle
	object     fyne.CanvasObject
	cards      []*boardCard
}

func newBoardScreen(store boardStore, window fyne.Window, do uiRunner, errors errorReporter, language string) *boardScreen {
	s := &boardScreen{
		store: store, window: window, do: do, errors: errors, language: language,
		today:    func() app.Date { return app.DateOf(time.Now()) },
		debounce: debouncer{delay: searchDelay, do: do},
	}

	s.picker = widget.NewSelect(nil, s.onPipelineSelected)
	s.picker.Hide()
	s.owner = widget.NewEntry()
	s.owner.SetPlaceHolder(lang.L("Owner"))
	s.owner.OnChanged = s.onFilterTyped
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
	right := container.NewHBox(period, s.idleOnly)

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
		PipelineID: s.pipelineID,
		Owner:      strings.TrimSpace(s.owner.Text),
		IdleOnly:   s.idleOnly.Checked,
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
		s.do(func() { s.onLoaded(generation, pipelines, f.PipelineID, board, err) })
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

func (s *boardScreen) onLoaded(generation int, pipelines []app.Pipeline, pipelineID int64, board app.Board, err error) {
	if generation != s.generation {
		return
	}

	if err != nil {
		s.status.SetText("")
		s.errors.report(lang.L("The board could not be loaded. The log file has the details."), err)
		return
	}

	s.pipelines, s.pipelineID, s.board = pipelines, pipelineID, board
	s.updatePicker()
	s.status.SetText("")
	if pipelineID == 0 {
		s.status.SetText(lang.L("There is no pipeline yet."))
	}
	s.showColumns()
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

// showColumns rebuilds the columns from s.board and selects the selected
// deal's new card, if it is still on the board.
//
// TODO: a full board (1,000 cards) takes seconds to build, almost all of
// it Fyne shaping the cards' truncated labels. Reusing the cards of
// deals that did not change would avoid most of it.
func (s *boardScreen) showColumns() {
	s.columns = s.columns[:0]
	s.dropTarget = nil
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

	card := s.cardByID(s.selectedID)
	if card == nil {
		s.selectedID = 0
		s.refocus = false
		return
	}

	card.setSelected(true)
	if s.refocus {
		s.refocus = false
		s.window.Canvas().Focus(card)
	}
}

func (s *boardScreen) newColumnView(column app.BoardColumn) *boardColumnView {
	view := &boardColumnView{stage: column.Stage}

	events := boardCardEvents{selected: s.selectCard, dragAt: s.onCardDragged, dropAt: s.onCardDropped, step: s.onCardStepped}
	// The cards go into the box at once, because each Add lays out the
	// whole box again, so adding them one by one costs the square of
	// their number.
	objects := make([]fyne.CanvasObject, 0, len(column.Cards))
	for _, c := range column.Cards {
		card := newBoardCard(c, s.language, events)
		view.cards = append(view.cards, card)
		objects = append(objects, card)
	}
	cards := container.NewVBox(objects...)

	var more fyne.CanvasObject
	if len(column.Cards) < column.Count {
		more = widget.NewLabel(lang.X("board.more", "{{.Shown}} of {{.Count}} shown: filter to see the rest",
			map[string]any{"Shown": app.FormatCount(len(column.Cards), s.language), "Count": app.FormatCount(column.Count, s.language)}))
	}

	view.background = canvas.NewRectangle(columnColor(false))
	view.background.CornerRadius = theme.InputRadiusSize()
	view.background.SetMinSize(fyne.NewSize(boardColumnWidth, 0))
	body := container.NewBorder(s.columnHeader(column), more, nil, nil, container.NewVScroll(cards))
	view.object = container.NewStack(view.background, container.NewPadded(body))

	return view
}

// columnHeader shows the stage's name, its deal count and one line per
// currency with the total and the weighted total. Amounts in different
// currencies are never added.
func (s *boardScreen) columnHeader(column app.BoardColumn) fyne.CanvasObject {
	name := column.Stage.Name
	if column.Stage.ID == 0 {
		name = lang.L("No stage")
	}

	header := container.New(layout.NewCustomPaddedVBoxLayout(compactLinePadding),
		widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabel(lang.XN("board.count", "{{.Count}} deals", column.Count,
			map[string]any{"Count": app.FormatCount(column.Count, s.language)})),
	)
	for _, total := range column.Totals {
		line := widget.NewLabel(s.totalLine(total))
		line.Wrapping = fyne.TextWrapWord
		header.Add(line)
	}
	header.Add(widget.NewSeparator())

	return header
}

func (s *boardScreen) totalLine(total app.CurrencyTotal) string {
	return lang.X("board.total", "{{.Amount}} · weighted {{.Weighted}}", map[string]any{
		"Amount":   app.FormatMoney(total.Amount, s.language),
		"Weighted": app.FormatMoney(total.Weighted, s.language),
	})
}

func (s *boardScreen) cardByID(id int64) *boardCard {
	for _, column := range s.columns {
		for _, card := range column.cards {
			if card.card.ID == id {
				return card
			}
		}
	}

	return nil
}

// selectCard selects c, clears the previous selection and gives c the
// keyboard focus for the move shortcuts.
func (s *boardScreen) selectCard(c *boardCard) {
	if previous := s.cardByID(s.selectedID); previous != nil && previous != c {
		previous.setSelected(false)
	}

	s.selectedID = c.card.ID
	c.setSelected(true)
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
		s.closing = openCloseDialog(s.window, s.store, s.do, s.errors, won, func(r app.CloseRequest) {
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
