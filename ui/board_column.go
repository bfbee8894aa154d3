package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// boardColumnView is one stage column on screen. Its cards sit in a
// widget.List, which creates card widgets only for the rows in view and
// rebinds them to other deals as the column scrolls, so the number of
// card widgets does not grow with the number of deals.
type boardColumnView struct {
	stage app.Stage
	deals []app.BoardCard

	background *canvas.Rectangle
	header     *fyne.Container
	more       *widget.Label
	list       *widget.List
	object     fyne.CanvasObject

	// generation counts the column's refreshes. cards are the card
	// widgets bound to a deal since the last refresh, and rowCards maps a
	// row to the card widget bound to it last. The list keeps cards that
	// scrolled out of view for reuse, or drops them, without telling us,
	// so a card shows its row only while the row is in view (inView) and
	// rowCards[c.row] == c.
	generation int
	cards      []*boardCard
	rowCards   map[int]*boardCard
	// created counts the card widgets the list has asked for, including
	// the one it measures at each refresh.
	created int
}

func (s *boardScreen) newColumnView(column app.BoardColumn) *boardColumnView {
	view := &boardColumnView{rowCards: map[int]*boardCard{}}

	events := boardCardEvents{
		selected: s.selectCard, dragAt: s.onCardDragged, dropAt: s.onCardDropped, step: s.onCardStepped,
		open: s.openCard,
	}
	view.list = widget.NewList(
		func() int { return len(view.deals) },
		func() fyne.CanvasObject {
			view.created++
			return newBoardCard(events)
		},
		func(row widget.ListItemID, o fyne.CanvasObject) { s.bindCard(view, row, o.(*boardCard)) },
	)
	view.list.HideSeparators = true

	view.header = container.New(layout.NewCustomPaddedVBoxLayout(compactLinePadding))
	view.more = widget.NewLabel("")
	view.more.Wrapping = fyne.TextWrapWord

	view.background = canvas.NewRectangle(columnColor(false))
	view.background.CornerRadius = theme.InputRadiusSize()
	view.background.SetMinSize(fyne.NewSize(boardColumnWidth, 0))
	body := container.NewBorder(view.header, view.more, nil, nil, view.list)
	view.object = container.NewStack(view.background, container.NewPadded(body))

	s.showColumn(view, column)

	return view
}

// showColumn shows column's header and deals in view and rebinds the
// cards in view to their rows' new deals.
func (s *boardScreen) showColumn(view *boardColumnView, column app.BoardColumn) {
	view.stage = column.Stage
	view.deals = column.Cards
	view.generation++
	view.cards = view.cards[:0]
	clear(view.rowCards)

	view.header.Objects = s.columnHeader(column)
	view.header.Refresh()

	if len(column.Cards) < column.Count {
		view.more.SetText(lang.X("board.more", "{{.Shown}} of {{.Count}} shown: filter to see the rest",
			map[string]any{"Shown": app.FormatCount(len(column.Cards), s.language), "Count": app.FormatCount(column.Count, s.language)}))
		view.more.Show()
	} else {
		view.more.Hide()
	}

	view.list.Refresh()
}

// bindCard shows the deal of row on c. A card that had the keyboard focus
// and now shows another deal gives the focus up, so that a move shortcut
// acts only on the deal the person selected.
func (s *boardScreen) bindCard(view *boardColumnView, row int, c *boardCard) {
	if row < 0 || row >= len(view.deals) {
		return
	}

	deal := view.deals[row]
	if c.card.ID != deal.ID && s.window.Canvas().Focused() == c {
		s.window.Canvas().Unfocus()
	}

	if c.generation != view.generation {
		c.generation = view.generation
		view.cards = append(view.cards, c)
	}
	if view.rowCards[c.row] == c {
		delete(view.rowCards, c.row)
	}
	c.row = row
	view.rowCards[row] = c

	c.bind(deal, s.language, deal.ID == s.selectedID)
}

// shownCard returns the card that shows the deal with id in view, or nil.
func (view *boardColumnView) shownCard(id int64) *boardCard {
	for _, c := range view.cards {
		if c.card.ID == id && view.rowCards[c.row] == c && view.inView(c) {
			return c
		}
	}

	return nil
}

// inView reports whether c's row lies at least partly inside the list's
// visible area. Every row has the height of c, and the list puts one
// theme padding between rows, as widget.List does in Fyne 2.7.
func (view *boardColumnView) inView(c *boardCard) bool {
	step := c.MinSize().Height + theme.Padding()
	top := float32(c.row) * step
	offset := view.list.GetScrollOffset()

	return top+step > offset && top < offset+view.list.Size().Height
}

// rowOf returns the row of the deal with id in the column, or -1.
func (view *boardColumnView) rowOf(id int64) int {
	for i, deal := range view.deals {
		if deal.ID == id {
			return i
		}
	}

	return -1
}

// columnHeader returns the lines of a column's header: the stage's name,
// its deal count and one line per currency with the total and the
// weighted total. Amounts in different currencies are never added.
func (s *boardScreen) columnHeader(column app.BoardColumn) []fyne.CanvasObject {
	name := column.Stage.Name
	if column.Stage.ID == 0 {
		name = lang.L("No stage")
	}

	lines := []fyne.CanvasObject{
		widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabel(lang.XN("board.count", "{{.Count}} deals", column.Count,
			map[string]any{"Count": app.FormatCount(column.Count, s.language)})),
	}
	for _, total := range column.Totals {
		lines = append(lines, s.totalLine(total))
	}

	return append(lines, widget.NewSeparator())
}

// totalLine shows a currency's total and weighted total as two labels
// that wrap as wholes, because Fyne wraps a label at any space, also
// the one between an amount and its currency.
func (s *boardScreen) totalLine(total app.CurrencyTotal) fyne.CanvasObject {
	amount := widget.NewLabel(lang.X("board.total.amount", "{{.Amount}} ·",
		map[string]any{"Amount": app.FormatMoney(total.Amount, s.language)}))
	weighted := widget.NewLabel(lang.X("board.total.weighted", "weighted {{.Weighted}}",
		map[string]any{"Weighted": app.FormatMoney(total.Weighted, s.language)}))

	return container.New(&wrapLayout{compact: true}, amount, weighted)
}
