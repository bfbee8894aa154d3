package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"leadwerk/app"
	"leadwerk/data"
)

// benchBoardDeals is the number of open deals on the benchmarked board.
const benchBoardDeals = 20_000

// benchBoardBatch returns n open deals spread over the five open stages
// of the default pipeline, 35 owners, 85 companies and two currencies,
// with close dates over 2024 and every tenth one empty.
func benchBoardBatch(n int) app.ImportBatch {
	b := app.ImportBatch{Source: "board-bench", Pipeline: app.DefaultPipeline()}
	for i := range 85 {
		b.Companies = append(b.Companies, app.CompanyImport{Company: app.Company{
			Name: fmt.Sprintf("Company %02d", i), SourceRef: fmt.Sprintf("c:%d", i)}})
	}

	stages := []string{"Prospecting", "Qualification", "Needs analysis", "Proposal", "Negotiation"}
	currencies := []string{"EUR", "USD"}
	for i := range n {
		o := app.Opportunity{
			Title:          fmt.Sprintf("Deal %05d", i),
			Amount:         app.Money{Minor: int64(i%977) * 1013, Currency: currencies[i%len(currencies)]},
			Owner:          fmt.Sprintf("Agent %02d", i%35),
			CloseDate:      app.Date{Year: 2024, Month: time.Month(1 + i%12), Day: 1 + i%28},
			StageEnteredOn: app.Date{Year: 2024, Month: time.Month(1 + i%6), Day: 1 + i%28},
			SourceRef:      fmt.Sprintf("o:%d", i),
		}
		if i%10 == 0 {
			o.CloseDate = app.Date{}
		}

		b.Opportunities = append(b.Opportunities, app.OpportunityImport{
			Opportunity: o, CompanyRef: fmt.Sprintf("c:%d", i%85), Stage: stages[i%len(stages)],
		})
	}

	return b
}

// openBenchBoard stores benchBoardBatch in a fresh SQLite file and
// returns it with a 1280×800 test window and a UI queue.
func openBenchBoard(b *testing.B) (*data.Store, fyne.Window, *uiQueue) {
	b.Helper()

	store, err := data.Open(filepath.Join(b.TempDir(), "leadwerk.db"))
	if err != nil {
		b.Fatalf("open store: %v", err)
	}
	b.Cleanup(func() { _ = store.Close() })

	if _, err := store.Import(context.Background(), benchBoardBatch(benchBoardDeals), nil); err != nil {
		b.Fatalf("import: %v", err)
	}

	a := test.NewTempApp(b)
	a.Settings().SetTheme(theme.DefaultTheme())
	window := test.NewWindow(nil)
	b.Cleanup(window.Close)
	window.Resize(fyne.NewSize(1280, 800))

	return store, window, newUIQueue()
}

// reloadBoard reloads s and waits for the one function that the reload
// queues, which shows the loaded deals in the columns.
func reloadBoard(b *testing.B, s *boardScreen, queue *uiQueue) {
	s.reload()
	apply := <-queue.functions
	apply()

	if len(s.columns) != 7 || len(s.columns[0].cards) == 0 {
		b.Fatalf("board shows %d columns, want the 7 stages with cards; status %q", len(s.columns), s.status.Text)
	}
	if s.columns[0].cards[0].Size().Height == 0 {
		b.Fatal("the first card has no size, so the board was not laid out")
	}
}

// BenchmarkBoardScreen measures the Board tab over 20,000 open deals in a
// real SQLite file, with boardCardsPerColumn deals loaded per column.
// "build" is a new screen's first load: the store read, the widgets and
// their layout. "refresh" reloads an open screen, as after a move or a
// filter change. "scroll" moves the first column down by one page of
// cards and back to the top when it reaches the bottom. Fyne's test
// driver does no drawing, so painting is not included.
func BenchmarkBoardScreen(b *testing.B) {
	store, window, queue := openBenchBoard(b)
	errors := errorReporter{window: window, logger: discardLogger()}

	b.Run("build", func(b *testing.B) {
		for b.Loop() {
			s := newBoardScreen(store, window, queue.do, errors, "en")
			window.SetContent(s.content)
			reloadBoard(b, s, queue)
		}
	})

	b.Run("refresh", func(b *testing.B) {
		s := newBoardScreen(store, window, queue.do, errors, "en")
		window.SetContent(s.content)
		reloadBoard(b, s, queue)

		for b.Loop() {
			reloadBoard(b, s, queue)
		}
	})

	b.Run("scroll", func(b *testing.B) {
		s := newBoardScreen(store, window, queue.do, errors, "en")
		window.SetContent(s.content)
		reloadBoard(b, s, queue)
		list := s.columns[0].list
		page := list.Size().Height

		for b.Loop() {
			before := list.GetScrollOffset()
			list.ScrollToOffset(before + page)
			if list.GetScrollOffset() == before {
				list.ScrollToTop()
			}
		}
	})
}
