package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// dragScrollMargin is the distance from the board's left or right edge,
// in device-independent pixels, within which a drag scrolls the columns.
// dragScrollStep is how far each pointer movement there scrolls them.
const (
	dragScrollMargin = 48
	dragScrollStep   = 32
)

// columnColor returns a column's background, highlighted while a card
// is dragged over it.
func columnColor(target bool) color.Color {
	if target {
		return theme.Color(theme.ColorNameSelection)
	}

	return theme.Color(theme.ColorNameHeaderBackground)
}

// columnAt returns the column under the absolute canvas position at, or
// nil.
func (s *boardScreen) columnAt(at fyne.Position) *boardColumnView {
	driver := fyne.CurrentApp().Driver()
	for _, column := range s.columns {
		origin := driver.AbsolutePositionForObject(column.object)
		size := column.object.Size()
		if at.X >= origin.X && at.X < origin.X+size.Width && at.Y >= origin.Y && at.Y < origin.Y+size.Height {
			return column
		}
	}

	return nil
}

// dropTargetAt returns the column under at that the dragged deal can move
// to, or nil over the deal's own column, the column of deals without a
// stage, or no column at all.
func (s *boardScreen) dropTargetAt(at fyne.Position) *boardColumnView {
	column := s.columnAt(at)
	if column == nil || column.stage.ID == 0 || column.stage.ID == s.dragged.StageID {
		return nil
	}

	return column
}

// onCardDragged draws the card's copy under the pointer, scrolls the
// columns near an edge and highlights the column the card would move to.
// The first event of a drag records the card's deal as the dragged one.
func (s *boardScreen) onCardDragged(c *boardCard, at fyne.Position) {
	if s.dragCopy == nil {
		s.dragged = c.card
	}

	s.showDragCopy(c, at)
	s.scrollNearEdge(at)
	s.highlight(s.dropTargetAt(at))
}

// onCardDropped selects the dragged deal and moves it to the highlighted
// column. A drop outside every column, or on one that cannot take the
// deal, changes nothing.
func (s *boardScreen) onCardDropped(c *boardCard, at fyne.Position) {
	target := s.dropTargetAt(at)
	s.hideDragCopy()
	s.highlight(nil)
	if c.card.ID == s.dragged.ID {
		s.selectCard(c)
	}

	if target != nil {
		s.moveCard(s.dragged, target.stage)
	}
}

// showDragCopy places the copy of the dragged deal's card so that the
// pointer at holds it at the spot on c where the drag began.
func (s *boardScreen) showDragCopy(c *boardCard, at fyne.Position) {
	if s.dragCopy == nil {
		s.dragCopy = newDragCopy(s.dragged, s.language, c.Size().Width)
		s.dragLayer.Objects = []fyne.CanvasObject{s.dragCopy}
	}

	layer := fyne.CurrentApp().Driver().AbsolutePositionForObject(s.dragLayer)
	s.dragCopy.Move(at.Subtract(c.grab).Subtract(layer))
	s.dragLayer.Refresh()
}

func (s *boardScreen) hideDragCopy() {
	s.dragCopy = nil
	s.dragLayer.Objects = nil
	s.dragLayer.Refresh()
}

// scrollNearEdge scrolls the columns by one step when the pointer is near
// the left or right edge of the board, so a card reaches columns outside
// the window. It scrolls only while the pointer moves.
func (s *boardScreen) scrollNearEdge(at fyne.Position) {
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(s.scroll)
	x := at.X - origin.X
	if at.Y < origin.Y || at.Y >= origin.Y+s.scroll.Size().Height {
		return
	}

	maxOffset := max(s.lanes.MinSize().Width-s.scroll.Size().Width, 0)
	offset := s.scroll.Offset.X
	switch {
	case x < dragScrollMargin:
		offset = max(offset-dragScrollStep, 0)
	case x > s.scroll.Size().Width-dragScrollMargin:
		offset = min(offset+dragScrollStep, maxOffset)
	}

	if offset != s.scroll.Offset.X {
		s.scroll.ScrollToOffset(fyne.NewPos(offset, s.scroll.Offset.Y))
	}
}

func (s *boardScreen) highlight(target *boardColumnView) {
	if target == s.dropTarget {
		return
	}

	for _, column := range []*boardColumnView{s.dropTarget, target} {
		if column != nil {
			column.background.FillColor = columnColor(column == target)
			column.background.Refresh()
		}
	}
	s.dropTarget = target
}
