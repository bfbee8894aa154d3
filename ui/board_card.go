package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// Shortcuts that move the selected card to the next or previous stage.
// KeyModifierShortcutDefault is Ctrl, or Cmd on macOS.
var (
	moveNextShortcut     = &desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierShortcutDefault}
	movePreviousShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierShortcutDefault}
)

// compactLinePadding is the space between the lines of a card or column
// header. It is negative because every label already pads its text.
const compactLinePadding = -6

// boardCardEvents are the board's callbacks for one card. dropAt gets the
// absolute canvas position where a drag ended, and dragAt gets it while
// the drag goes on. step is +1 for the next stage and -1 for the previous one.
type boardCardEvents struct {
	selected func(c *boardCard)
	dragAt   func(c *boardCard, at fyne.Position)
	dropAt   func(c *boardCard, at fyne.Position)
	step     func(c *boardCard, step int)
	// open shows the card's deal in the Opportunities tab.
	open func(c *boardCard)
}

// boardCard is the widget of one deal on the board. A column's list
// creates a few of them and rebinds each to whichever deal scrolls into
// its row, so card is the deal it shows now. A tap or keyboard focus
// selects the card, a drag moves its deal to the column it is dropped on,
// and the move shortcuts move it by one stage.
type boardCard struct {
	widget.BaseWidget

	card   app.BoardCard
	events boardCardEvents
	// row is the list row the card was last bound to, and generation the
	// column's generation at that time (see boardColumnView).
	row        int
	generation int

	selected bool
	hovered  bool
	dragging bool
	// dragStart is the card's absolute position when the drag began, and
	// dragOffset the pointer's latest position relative to it. grab is
	// where the pointer was pressed on the card, so the board can draw the
	// card's copy under the pointer at the same spot.
	dragStart  fyne.Position
	dragOffset fyne.Position
	grab       fyne.Position

	background *canvas.Rectangle
	border     *canvas.Rectangle
	content    *fyne.Container

	title   *widget.Label
	company *widget.Label
	amount  *widget.Label
	owner   *widget.Label
	idle    *widget.Label
	overdue *widget.Label
}

// newBoardCard returns a card that shows no deal until bind. Every card
// has the same height whatever its deal, because widget.List gives each
// row the height of one template card. So the title gets two lines and
// ends with an ellipsis when it needs more. An empty company or owner
// leaves its line blank.
func newBoardCard(events boardCardEvents) *boardCard {
	c := &boardCard{events: events, row: -1}
	c.ExtendBaseWidget(c)

	c.background = canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	c.background.CornerRadius = theme.InputRadiusSize()
	c.border = canvas.NewRectangle(color.Transparent)
	c.border.CornerRadius = theme.InputRadiusSize()
	c.border.StrokeWidth = 2

	c.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.title.Wrapping = fyne.TextWrapWord
	c.title.Truncation = fyne.TextTruncateEllipsis
	c.company = compactLabel("")
	c.amount = compactLabel("")
	c.owner = compactLabel("")
	c.idle = markerLabel(lang.L("Idle"), widget.WarningImportance)
	c.overdue = markerLabel(lang.L("Overdue"), widget.DangerImportance)

	markers := container.NewHBox(c.idle, c.overdue)
	ownerLine := container.NewBorder(nil, nil, nil, markers, c.owner)
	c.content = container.New(layout.NewCustomPaddedVBoxLayout(compactLinePadding),
		container.New(&twoLineLayout{}, c.title), c.company, c.amount, ownerLine)

	c.refreshColors()

	return c
}

// bind shows deal on the card. The label texts change only where they
// differ, because each change measures the text again.
func (c *boardCard) bind(deal app.BoardCard, language string, selected bool) {
	c.card = deal
	setLabelText(c.title, deal.Title)
	setLabelText(c.company, deal.Company)
	setLabelText(c.amount, cardAmountLine(deal, language))
	setLabelText(c.owner, deal.Owner)
	setShown(c.idle, deal.Idle)
	setShown(c.overdue, deal.Overdue)
	c.setSelected(selected)
}

func setLabelText(l *widget.Label, text string) {
	if l.Text != text {
		l.SetText(text)
	}
}

func setShown(o fyne.CanvasObject, shown bool) {
	switch {
	case shown && !o.Visible():
		o.Show()
	case !shown && o.Visible():
		o.Hide()
	}
}

// twoLineLayout gives its one object the height of two lines of bold
// label text, whatever the object's text, so every card has the same
// height.
type twoLineLayout struct {
	height float32
}

func (l *twoLineLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *twoLineLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	if l.height == 0 {
		sample := widget.NewLabelWithStyle("A\nA", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.height = sample.MinSize().Height
	}

	return fyne.NewSize(0, l.height)
}

// cardAmountLine joins the amount and the expected close date.
func cardAmountLine(card app.BoardCard, language string) string {
	line := app.FormatMoney(card.Amount, language)
	if !card.CloseDate.IsZero() {
		line += " · " + app.FormatDate(card.CloseDate, language)
	}

	return line
}

func markerLabel(text string, importance widget.Importance) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Importance = importance
	l.SizeName = theme.SizeNameCaptionText

	return l
}

func compactLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Truncation = fyne.TextTruncateEllipsis

	return l
}

// CreateRenderer stacks the card's text on its background, with the
// selection border on top.
func (c *boardCard) CreateRenderer() fyne.WidgetRenderer {
	body := container.NewPadded(c.content)
	return widget.NewSimpleRenderer(container.NewStack(c.background, body, c.border))
}

// setSelected draws or removes the selection border.
func (c *boardCard) setSelected(selected bool) {
	c.selected = selected
	c.refreshColors()
}

func (c *boardCard) refreshColors() {
	switch {
	case c.dragging:
		c.background.FillColor = theme.Color(theme.ColorNameDisabledButton)
	case c.hovered:
		c.background.FillColor = theme.Color(theme.ColorNameHover)
	default:
		c.background.FillColor = theme.Color(theme.ColorNameInputBackground)
	}

	c.border.StrokeColor = color.Transparent
	if c.selected {
		c.border.StrokeColor = theme.Color(theme.ColorNamePrimary)
	}

	c.background.Refresh()
	c.border.Refresh()
}

// Tapped selects the card.
func (c *boardCard) Tapped(*fyne.PointEvent) {
	c.events.selected(c)
}

// DoubleTapped opens the card's deal.
func (c *boardCard) DoubleTapped(*fyne.PointEvent) {
	c.events.selected(c)
	c.events.open(c)
}

// Dragged dims the card and reports the pointer's position, so the board
// can draw the card's copy there and highlight the column under it.
func (c *boardCard) Dragged(e *fyne.DragEvent) {
	if !c.dragging {
		c.dragging = true
		c.dragStart = fyne.CurrentApp().Driver().AbsolutePositionForObject(c)
		// The first event has already moved by e.Dragged from the press.
		c.grab = e.Position.Subtract(e.Dragged)
		c.refreshColors()
	}

	c.dragOffset = e.Position
	c.events.dragAt(c, c.dragStart.Add(c.dragOffset))
}

// DragEnd drops the card at the pointer's last position.
func (c *boardCard) DragEnd() {
	if !c.dragging {
		return
	}

	c.dragging = false
	c.refreshColors()
	c.events.dropAt(c, c.dragStart.Add(c.dragOffset))
}

// MouseIn lightens the card under the pointer.
func (c *boardCard) MouseIn(*desktop.MouseEvent) {
	c.hovered = true
	c.refreshColors()
}

// MouseMoved does nothing. It completes [desktop.Hoverable].
func (c *boardCard) MouseMoved(*desktop.MouseEvent) {}

// MouseOut restores the card's colour.
func (c *boardCard) MouseOut() {
	c.hovered = false
	c.refreshColors()
}

// FocusGained selects the card, so Tab reaches the cards by keyboard.
func (c *boardCard) FocusGained() {
	if !c.selected {
		c.events.selected(c)
	}
}

// FocusLost keeps the selection: the selected card stays the one the
// move shortcuts act on.
func (c *boardCard) FocusLost() {}

// TypedRune ignores text input.
func (c *boardCard) TypedRune(rune) {}

// TypedKey opens the card's deal on Enter or Return and ignores other
// keys without a modifier.
func (c *boardCard) TypedKey(e *fyne.KeyEvent) {
	if e.Name == fyne.KeyReturn || e.Name == fyne.KeyEnter {
		c.events.open(c)
	}
}

// TypedShortcut moves the card with the move shortcuts.
func (c *boardCard) TypedShortcut(s fyne.Shortcut) {
	switch s.ShortcutName() {
	case moveNextShortcut.ShortcutName():
		c.events.step(c, 1)
	case movePreviousShortcut.ShortcutName():
		c.events.step(c, -1)
	}
}

// newDragCopy returns the compact copy of card that follows the pointer
// during a drag: the title and the amount line, framed in the primary
// colour, at the given width.
func newDragCopy(card app.BoardCard, language string, width float32) fyne.CanvasObject {
	background := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	background.CornerRadius = theme.InputRadiusSize()
	background.StrokeColor = theme.Color(theme.ColorNamePrimary)
	background.StrokeWidth = 2

	title := widget.NewLabelWithStyle(card.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	lines := container.New(layout.NewCustomPaddedVBoxLayout(compactLinePadding), title, compactLabel(cardAmountLine(card, language)))

	frame := container.NewStack(background, container.NewPadded(lines))
	frame.Resize(fyne.NewSize(width, frame.MinSize().Height))

	return frame
}
