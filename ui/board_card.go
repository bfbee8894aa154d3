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
}

// boardCard is one deal on the board. A tap or keyboard focus selects it,
// a drag moves it to the column it is dropped on, and the move shortcuts
// move it by one stage.
type boardCard struct {
	widget.BaseWidget

	card   app.BoardCard
	events boardCardEvents

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
}

func newBoardCard(card app.BoardCard, language string, events boardCardEvents) *boardCard {
	c := &boardCard{card: card, events: events}
	c.ExtendBaseWidget(c)

	c.background = canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	c.background.CornerRadius = theme.InputRadiusSize()
	c.border = canvas.NewRectangle(color.Transparent)
	c.border.CornerRadius = theme.InputRadiusSize()
	c.border.StrokeWidth = 2

	title := widget.NewLabelWithStyle(card.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	lines := container.New(layout.NewCustomPaddedVBoxLayout(compactLinePadding), title)
	if card.Company != "" {
		lines.Add(compactLabel(card.Company))
	}
	lines.Add(compactLabel(cardAmountLine(card, language)))
	if card.Owner != "" {
		lines.Add(compactLabel(card.Owner))
	}
	if markers := cardMarkers(card); markers != nil {
		lines.Add(markers)
	}
	c.content = lines

	c.refreshColors()

	return c
}

// cardAmountLine joins the amount and the expected close date.
func cardAmountLine(card app.BoardCard, language string) string {
	line := app.FormatMoney(card.Amount, language)
	if !card.CloseDate.IsZero() {
		line += " · " + app.FormatDate(card.CloseDate, language)
	}

	return line
}

// cardMarkers returns the idle and overdue markers in warning and error
// colours, or nil when the deal has neither.
func cardMarkers(card app.BoardCard) fyne.CanvasObject {
	if !card.Idle && !card.Overdue {
		return nil
	}

	markers := container.NewHBox()
	if card.Idle {
		markers.Add(markerLabel(lang.L("Idle"), widget.WarningImportance))
	}
	if card.Overdue {
		markers.Add(markerLabel(lang.L("Overdue"), widget.DangerImportance))
	}

	return markers
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

// TypedKey ignores keys without a modifier.
func (c *boardCard) TypedKey(*fyne.KeyEvent) {}

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
