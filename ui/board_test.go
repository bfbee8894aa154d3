package ui

import (
	"context"
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"leadwerk/app"
	"leadwerk/data"
)

// boardBatch is a small sales pipeline with two euro deals and one dollar
// deal in Proposal and one euro deal in Negotiation.
func boardBatch() app.ImportBatch {
	today := app.DateOf(time.Now())
	deal := func(ref, title, stage string, amount app.Money) app.OpportunityImport {
		return app.OpportunityImport{
			Opportunity: app.Opportunity{
				Title: title, Amount: amount, Owner: "Anna Berg", CloseDate: today,
				StageEnteredOn: today, SourceRef: ref,
			},
			CompanyRef: "c:1",
			Stage:      stage,
		}
	}

	return app.ImportBatch{
		Source:    "board-test",
		Pipeline:  app.DefaultPipeline(),
		Companies: []app.CompanyImport{{Company: app.Company{Name: "Nordlicht GmbH", SourceRef: "c:1"}}},
		Opportunities: []app.OpportunityImport{
			deal("o:1", "Server rollout", "Proposal", app.Major(1000, "EUR")),
			deal("o:2", "Support contract", "Proposal", app.Major(2000, "EUR")),
			deal("o:3", "US licences", "Proposal", app.Major(500, "USD")),
			deal("o:4", "Training", "Negotiation", app.Major(700, "EUR")),
		},
	}
}

// openBoard imports boardBatch and shows the Board tab once its columns
// are loaded.
func openBoard(t *testing.T) (*mainWindow, *uiQueue, *data.Store) {
	t.Helper()

	store := openStore(t)
	if _, err := store.Import(context.Background(), boardBatch(), nil); err != nil {
		t.Fatalf("import: %v", err)
	}

	m, queue := openWindow(t, store)
	queue.waitFor(t, "the tabs", func() bool { return m.window.Content() == m.tabs })
	m.tabs.SelectIndex(2)
	queue.waitFor(t, "the board", func() bool { return len(m.board.columns) > 0 })

	return m, queue, store
}

func boardColumnNamed(t *testing.T, s *boardScreen, name string) *boardColumnView {
	t.Helper()

	for _, column := range s.columns {
		if column.stage.Name == name {
			return column
		}
	}
	t.Fatalf("board has no column %q", name)

	return nil
}

func boardCardTitled(t *testing.T, s *boardScreen, title string) *boardCard {
	t.Helper()

	for _, column := range s.columns {
		for _, card := range column.cards {
			if card.card.Title == title {
				return card
			}
		}
	}
	t.Fatalf("board has no card %q", title)

	return nil
}

// waitForStage waits until the card titled title sits in the column named
// stage, after the reload that follows a move.
func waitForStage(t *testing.T, queue *uiQueue, s *boardScreen, title, stage string) {
	t.Helper()

	queue.waitFor(t, title+" in "+stage, func() bool {
		for _, column := range s.columns {
			for _, card := range column.cards {
				if card.card.Title == title && column.stage.Name == stage {
					return true
				}
			}
		}
		return false
	})
}

// dragCardTo starts dragging card and moves the pointer to the absolute
// canvas position at, the way Fyne's desktop driver does: each event
// carries the pointer's position relative to the card where the drag
// began. test.Drag cannot be used, because it sends the press position
// and not the position after the move. The first call presses at (10, 10)
// on the card.
func dragCardTo(card *boardCard, at fyne.Position) {
	if !card.dragging {
		card.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(12, 10)}, Dragged: fyne.NewDelta(2, 0)})
	}

	card.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: at.Subtract(card.dragStart)}})
}

// dragCard drags card onto column and drops it there.
func dragCard(card *boardCard, column *boardColumnView) {
	dragCardTo(card, insideColumn(column))
	card.DragEnd()
}

// insideColumn returns an absolute canvas position inside column, below
// its header.
func insideColumn(column *boardColumnView) fyne.Position {
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(column.object).AddXY(40, 200)
}

func isHighlighted(column *boardColumnView) bool {
	return column.background.FillColor == columnColor(true)
}

func storedStage(t *testing.T, store *data.Store, id int64) int64 {
	t.Helper()

	detail, err := store.Opportunity(context.Background(), id)
	if err != nil {
		t.Fatalf("read deal %d: %v", id, err)
	}

	return detail.StageID
}

func TestBoardHeaderTotalsByCurrency(t *testing.T) {
	m, _, _ := openBoard(t)
	proposal := boardColumnNamed(t, m.board, "Proposal")

	if !findLabel(proposal.object, "3 deals") {
		t.Error("Proposal header does not show 3 deals")
	}

	for _, want := range []string{
		app.FormatMoney(app.Major(3000, "EUR"), "en") + " ·", "weighted " + app.FormatMoney(app.Major(1800, "EUR"), "en"),
		app.FormatMoney(app.Major(500, "USD"), "en") + " ·", "weighted " + app.FormatMoney(app.Major(300, "USD"), "en"),
	} {
		if !findLabel(proposal.object, want) {
			t.Errorf("Proposal header does not show %q", want)
		}
	}

	mixed := app.FormatMoney(app.Major(3500, "EUR"), "en")
	if findLabelContaining(proposal.object, mixed) {
		t.Errorf("Proposal header adds euros and dollars to %s", mixed)
	}

	if !findLabel(boardColumnNamed(t, m.board, "Won").object, "0 deals") {
		t.Error("empty Won column does not show 0 deals")
	}
}

func TestBoardCardShowsDeal(t *testing.T) {
	m, _, _ := openBoard(t)
	card := boardCardTitled(t, m.board, "Server rollout")

	if !findLabel(card, "Nordlicht GmbH") {
		t.Error("card does not show the company")
	}
	if !findLabel(card, "Anna Berg") {
		t.Error("card does not show the owner")
	}

	amount := app.FormatMoney(app.Major(1000, "EUR"), "en") + " · " + app.FormatDate(app.DateOf(time.Now()), "en")
	if !findLabel(card, amount) {
		t.Errorf("card does not show %q", amount)
	}
}

func TestBoardDragMovesStage(t *testing.T) {
	m, queue, store := openBoard(t)
	s := m.board
	card := boardCardTitled(t, s, "Server rollout")
	// The column's list rebinds the card widget to another deal after the
	// move, so the deal's id is read first.
	id := card.card.ID
	target := boardColumnNamed(t, s, "Negotiation")

	dragCard(card, target)

	waitForStage(t, queue, s, "Server rollout", "Negotiation")
	if got := storedStage(t, store, id); got != target.stage.ID {
		t.Errorf("stored stage = %d, want Negotiation %d", got, target.stage.ID)
	}
	if s.selectedID != id {
		t.Errorf("selected deal = %d, want the moved deal %d", s.selectedID, id)
	}
}

func TestBoardDragShowsCopyAndTarget(t *testing.T) {
	m, _, _ := openBoard(t)
	s := m.board
	card := boardCardTitled(t, s, "Server rollout")
	target := boardColumnNamed(t, s, "Negotiation")
	at := insideColumn(target)

	dragCardTo(card, at)

	if s.dragCopy == nil || len(s.dragLayer.Objects) != 1 || s.dragLayer.Objects[0] != s.dragCopy {
		t.Fatal("no copy of the card is drawn during the drag")
	}
	if !findLabel(s.dragCopy, "Server rollout") {
		t.Error("the drag copy does not show the card's title")
	}

	// The first event pressed at (10, 10) on the card, so the copy's top
	// left corner stays 10 pixels left of and above the pointer.
	copyAt := fyne.CurrentApp().Driver().AbsolutePositionForObject(s.dragCopy)
	if want := at.SubtractXY(10, 10); copyAt != want {
		t.Errorf("copy at %v, want %v under the pointer", copyAt, want)
	}

	if !isHighlighted(target) {
		t.Error("the column under the pointer is not highlighted")
	}
	if isHighlighted(boardColumnNamed(t, s, "Proposal")) {
		t.Error("the card's own column is highlighted")
	}

	proposal := boardColumnNamed(t, s, "Proposal")
	dragCardTo(card, insideColumn(proposal))
	if isHighlighted(target) || isHighlighted(proposal) {
		t.Error("a column is still highlighted over the card's own column")
	}

	card.DragEnd()
}

func TestBoardDropOutsideCancels(t *testing.T) {
	m, _, store := openBoard(t)
	s := m.board
	card := boardCardTitled(t, s, "Server rollout")
	proposal := boardColumnNamed(t, s, "Proposal")

	dragCardTo(card, insideColumn(boardColumnNamed(t, s, "Negotiation")))
	// The owner filter above the columns lies outside every column.
	dragCardTo(card, fyne.CurrentApp().Driver().AbsolutePositionForObject(s.owner).AddXY(5, 5))
	card.DragEnd()

	if s.dragCopy != nil || len(s.dragLayer.Objects) != 0 {
		t.Error("the drag copy is still drawn after the drop")
	}
	for _, column := range s.columns {
		if isHighlighted(column) {
			t.Errorf("column %q is still highlighted after the drop", column.stage.Name)
		}
	}
	if s.status.Text != "" {
		t.Errorf("status = %q after a cancelled drop, want empty", s.status.Text)
	}

	if got := storedStage(t, store, card.card.ID); got != proposal.stage.ID {
		t.Errorf("stored stage = %d after a cancelled drop, want Proposal %d", got, proposal.stage.ID)
	}
	if card.dragging {
		t.Error("card still dimmed as dragged after the drop")
	}
}

func TestBoardDragScrollsAtEdge(t *testing.T) {
	m, _, _ := openBoard(t)
	s := m.board
	card := boardCardTitled(t, s, "Server rollout")
	if s.lanes.MinSize().Width <= s.scroll.Size().Width {
		t.Fatalf("columns %v wide fit the board %v, so nothing can scroll", s.lanes.MinSize().Width, s.scroll.Size().Width)
	}

	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(s.scroll)
	edge := origin.AddXY(s.scroll.Size().Width-10, 200)
	dragCardTo(card, edge)
	dragCardTo(card, edge.AddXY(1, 0))

	if s.scroll.Offset.X != 2*dragScrollStep {
		t.Errorf("scroll offset = %v after two moves at the right edge, want %v", s.scroll.Offset.X, 2*dragScrollStep)
	}

	dragCardTo(card, origin.AddXY(10, 200))
	if s.scroll.Offset.X != dragScrollStep {
		t.Errorf("scroll offset = %v after a move at the left edge, want %v", s.scroll.Offset.X, dragScrollStep)
	}
	card.DragEnd()
}

func TestBoardKeyboardMovesStage(t *testing.T) {
	m, queue, store := openBoard(t)
	s := m.board
	card := boardCardTitled(t, s, "Training")
	id := card.card.ID
	test.Tap(card)

	focused, ok := m.window.Canvas().Focused().(fyne.Shortcutable)
	if !ok {
		t.Fatal("tapped card has no keyboard focus")
	}
	focused.TypedShortcut(movePreviousShortcut)
	waitForStage(t, queue, s, "Training", "Proposal")

	if got := storedStage(t, store, id); got != boardColumnNamed(t, s, "Proposal").stage.ID {
		t.Errorf("stored stage = %d, want Proposal", got)
	}

	moved := boardCardTitled(t, s, "Training")
	if !moved.selected {
		t.Error("moved card is not selected")
	}
	if m.window.Canvas().Focused() != moved {
		t.Fatal("moved card lost the keyboard focus")
	}

	moved.TypedShortcut(moveNextShortcut)
	waitForStage(t, queue, s, "Training", "Negotiation")
}

func TestBoardDropOnLostNeedsReason(t *testing.T) {
	m, queue, store := openBoard(t)
	s := m.board
	card := boardCardTitled(t, s, "US licences")
	id := card.card.ID
	lost := boardColumnNamed(t, s, "Lost")

	dragCard(card, lost)

	if s.closing == nil || m.window.Canvas().Overlays().Top() == nil {
		t.Fatal("drop on Lost shows no close dialog")
	}

	s.closing.form.Submit()
	if m.window.Canvas().Overlays().Top() == nil {
		t.Error("close dialog closed without a reason")
	}
	if got := storedStage(t, store, id); got == lost.stage.ID {
		t.Fatal("deal closed as lost without a reason")
	}

	s.closing.reason.SetText("Price too high")
	s.closing.competitor.SetText("Acme")
	s.closing.form.Submit()
	waitForStage(t, queue, s, "US licences", "Lost")

	detail, err := store.Opportunity(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if detail.CloseReason != "Price too high" {
		t.Errorf("close reason = %q, want %q", detail.CloseReason, "Price too high")
	}
	if detail.CloseCompetitor != "Acme" {
		t.Errorf("competitor = %q, want Acme", detail.CloseCompetitor)
	}
}

func TestBoardOwnerFilter(t *testing.T) {
	m, queue, _ := openBoard(t)
	s := m.board

	test.Type(s.owner, "Nobody")
	queue.waitFor(t, "the filtered board", func() bool {
		return len(s.columns) > 0 && len(boardColumnNamed(t, s, "Proposal").cards) == 0
	})

	s.owner.SetText("Anna Berg")
	queue.waitFor(t, "the owner's deals", func() bool {
		return len(s.columns) > 0 && len(boardColumnNamed(t, s, "Proposal").cards) == 3
	})
}

// longColumnDeals is the number of deals in the one stage of
// longColumnBatch, more than the board loads per column.
const longColumnDeals = boardCardsPerColumn + 200

// longColumnBatch puts longColumnDeals deals into Prospecting. The first
// half closed yesterday and is overdue, so it fills the top of the
// column, and the second half closes today.
func longColumnBatch() app.ImportBatch {
	now := time.Now()
	today, yesterday := app.DateOf(now), app.DateOf(now.AddDate(0, 0, -1))
	b := app.ImportBatch{
		Source:    "board-long-column",
		Pipeline:  app.DefaultPipeline(),
		Companies: []app.CompanyImport{{Company: app.Company{Name: "Nordlicht GmbH", SourceRef: "c:1"}}},
	}

	for i := range longColumnDeals {
		closeDate := today
		if i < longColumnDeals/2 {
			closeDate = yesterday
		}
		b.Opportunities = append(b.Opportunities, app.OpportunityImport{
			Opportunity: app.Opportunity{
				Title: fmt.Sprintf("Deal %04d", i), Amount: app.Major(100, "EUR"), Owner: "Anna Berg",
				CloseDate: closeDate, StageEnteredOn: today, SourceRef: fmt.Sprintf("o:%d", i),
			},
			CompanyRef: "c:1",
			Stage:      "Prospecting",
		})
	}

	return b
}

// openLongColumn shows the Board tab on longColumnBatch and returns its
// Prospecting column.
func openLongColumn(t *testing.T) (*mainWindow, *uiQueue, *boardColumnView) {
	t.Helper()

	store := openStore(t)
	if _, err := store.Import(context.Background(), longColumnBatch(), nil); err != nil {
		t.Fatalf("import: %v", err)
	}

	m, queue := openWindow(t, store)
	queue.waitFor(t, "the tabs", func() bool { return m.window.Content() == m.tabs })
	m.tabs.SelectIndex(2)
	queue.waitFor(t, "the board", func() bool { return len(m.board.columns) > 0 })

	return m, queue, boardColumnNamed(t, m.board, "Prospecting")
}

// checkShownCards fails unless every card in view shows the selection
// border exactly when it shows the selected deal, and a focused card shows
// the selected deal.
func checkShownCards(t *testing.T, s *boardScreen, view *boardColumnView) {
	t.Helper()

	for row, card := range view.rowCards {
		if card.card.ID != view.deals[row].ID {
			t.Errorf("row %d shows deal %d, want %d", row, card.card.ID, view.deals[row].ID)
		}
		if card.selected != (card.card.ID == s.selectedID) {
			t.Errorf("card of %q selected = %v with deal %d selected", card.card.Title, card.selected, s.selectedID)
		}
	}

	if focused, ok := s.window.Canvas().Focused().(*boardCard); ok && focused.card.ID != s.selectedID {
		t.Errorf("focused card shows %q, not the selected deal %d", focused.card.Title, s.selectedID)
	}
}

func TestBoardLongColumnCreatesFewCards(t *testing.T) {
	_, _, view := openLongColumn(t)

	if len(view.deals) != boardCardsPerColumn {
		t.Fatalf("column loaded %d deals, want %d", len(view.deals), boardCardsPerColumn)
	}
	if !findLabel(view.object, app.FormatCount(longColumnDeals, "en")+" deals") {
		t.Errorf("header does not count all %d deals", longColumnDeals)
	}
	more := app.FormatCount(boardCardsPerColumn, "en") + " of " + app.FormatCount(longColumnDeals, "en") +
		" shown: filter to see the rest"
	if !view.more.Visible() || view.more.Text != more {
		t.Errorf("note = %q (visible %v), want %q", view.more.Text, view.more.Visible(), more)
	}

	first, last := view.deals[0], view.deals[len(view.deals)-1]
	if !findLabel(view.list, first.Title) {
		t.Errorf("first deal %q is not shown", first.Title)
	}
	if findLabel(view.list, last.Title) {
		t.Errorf("last deal %q is shown before scrolling", last.Title)
	}
	if card := view.shownCard(first.ID); card == nil || !card.overdue.Visible() {
		t.Errorf("first deal %q has no overdue marker", first.Title)
	}

	view.list.ScrollToBottom()

	if !findLabel(view.list, last.Title) {
		t.Errorf("last deal %q is not shown after scrolling to the bottom", last.Title)
	}
	if card := view.shownCard(last.ID); card == nil || card.overdue.Visible() {
		t.Errorf("last deal %q is not shown without an overdue marker", last.Title)
	}

	// The list measures one card at each refresh and creates cards for
	// the rows in view, about six at 800 pixels.
	if view.created > 40 {
		t.Errorf("the list created %d card widgets for %d deals, want at most 40", view.created, len(view.deals))
	}
}

func TestBoardScrolledCardsKeepSelection(t *testing.T) {
	m, _, view := openLongColumn(t)
	s := m.board

	first := view.shownCard(view.deals[0].ID)
	test.Tap(first)
	if s.selectedID != view.deals[0].ID {
		t.Fatalf("selected deal = %d after a tap, want %d", s.selectedID, view.deals[0].ID)
	}

	// Each step scrolls the rows in view out, so the next step reuses
	// their card widgets, among them the selected and focused one.
	step := view.list.Size().Height
	for i := 1; i <= 6; i++ {
		view.list.ScrollToOffset(float32(i) * step)
		checkShownCards(t, s, view)
	}
	if view.shownCard(s.selectedID) != nil {
		t.Error("the selected deal is still shown after scrolling six pages down")
	}

	view.list.ScrollToTop()
	checkShownCards(t, s, view)
	if card := view.shownCard(s.selectedID); card == nil || !card.selected {
		t.Error("the selected deal has no selection border after scrolling back")
	}
}

func TestBoardKeyboardMoveScrollsToCard(t *testing.T) {
	m, queue, view := openLongColumn(t)
	s := m.board

	view.list.ScrollToBottom()
	last := view.deals[len(view.deals)-1]
	card := view.shownCard(last.ID)
	if card == nil {
		t.Fatalf("last deal %q is not shown after scrolling", last.Title)
	}
	test.Tap(card)
	card.TypedShortcut(moveNextShortcut)
	waitForStage(t, queue, s, last.Title, "Qualification")

	// Back in Prospecting, the deal is the last loaded row again, far
	// below the rows in view once the column is at its top.
	view.list.ScrollToTop()
	focused, ok := m.window.Canvas().Focused().(*boardCard)
	if !ok || focused.card.ID != last.ID {
		t.Fatalf("moved deal %q has no keyboard focus in Qualification", last.Title)
	}
	focused.TypedShortcut(movePreviousShortcut)
	waitForStage(t, queue, s, last.Title, "Prospecting")

	moved := view.shownCard(last.ID)
	if moved == nil {
		t.Fatalf("Prospecting did not scroll to the moved deal %q", last.Title)
	}
	if m.window.Canvas().Focused() != moved {
		t.Error("the moved deal's card has no keyboard focus")
	}
	if !moved.selected {
		t.Error("the moved deal's card has no selection border")
	}
}

func TestBoardDropOnLostListsCompetitors(t *testing.T) {
	m, queue, store := openBoard(t)
	s := m.board
	card := boardCardTitled(t, s, "Training")
	_, err := store.SaveCompetitor(context.Background(), app.Competitor{
		OpportunityID: card.card.ID, Name: "Konkurrenz AG", Status: app.CompetitorActive,
	})
	if err != nil {
		t.Fatal(err)
	}

	dragCard(card, boardColumnNamed(t, s, "Lost"))
	if s.closing == nil {
		t.Fatal("drop on Lost shows no close dialog")
	}

	queue.waitFor(t, "the deal's competitors", func() bool { return len(s.closing.competitors) == 1 })
	if got := s.closing.competitors[0].Name; got != "Konkurrenz AG" {
		t.Errorf("close dialog offers %q, want the deal's competitor Konkurrenz AG", got)
	}
}

func TestBoardOpensDealOnDoubleTapAndEnter(t *testing.T) {
	m, queue, _ := openBoard(t)
	s := m.board

	card := boardCardTitled(t, s, "Support contract")
	id := card.card.ID
	card.DoubleTapped(&fyne.PointEvent{})

	if m.tabs.Selected().Content != m.opportunities.content {
		t.Fatal("a double tap on a card does not switch to the Opportunities tab")
	}
	queue.waitFor(t, "the deal's detail", func() bool { return m.opportunities.detail.deal.ID == id })

	m.tabs.SelectIndex(2)
	card = boardCardTitled(t, s, "Training")
	id = card.card.ID
	card.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})

	if m.tabs.Selected().Content != m.opportunities.content {
		t.Fatal("Enter on a card does not switch to the Opportunities tab")
	}
	queue.waitFor(t, "the deal's detail", func() bool { return m.opportunities.detail.deal.ID == id })
}
