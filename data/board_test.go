package data

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"leadwerk/app"
)

// boardToday is the fixed day that decides idle and overdue markers.
var boardToday = day(2024, time.June, 15)

func day(year int, month time.Month, d int) app.Date {
	return app.Date{Year: year, Month: month, Day: d}
}

// boardPipeline is a sales process with idle thresholds on some stages,
// including the won and lost stages, whose thresholds must never mark a deal.
func boardPipeline() app.Pipeline {
	return app.Pipeline{Name: "Board", Currency: "EUR", Stages: []app.Stage{
		{Name: "Lead", Probability: 10, IdleDays: 7},
		{Name: "Offer", Probability: 35},
		{Name: "Negotiation", Probability: 60, IdleDays: 3},
		{Name: "Contract", Probability: 80, IdleDays: 2},
		{Name: "Won", Probability: 100, Kind: app.StageWon, IdleDays: 5},
		{Name: "Lost", Probability: 0, Kind: app.StageLost, IdleDays: 5},
	}}
}

// boardDeal is one deal of a board test. Its title is its ref.
type boardDeal struct {
	ref     string
	stage   string
	amount  app.Money
	owner   string
	close   app.Date
	entered app.Date
}

func (d boardDeal) toImport() app.OpportunityImport {
	return app.OpportunityImport{
		Opportunity: app.Opportunity{
			Title: d.ref, Amount: d.amount, Owner: d.owner, CloseDate: d.close,
			StageEnteredOn: d.entered, SourceRef: d.ref,
		},
		CompanyRef: "acc:board",
		Stage:      d.stage,
	}
}

// openBoardStore creates boardPipeline and imports deals into it.
func openBoardStore(t testing.TB, deals []boardDeal) (*Store, app.Pipeline) {
	t.Helper()

	s := openTestStore(t)
	p, err := s.CreatePipeline(context.Background(), boardPipeline())
	if err != nil {
		t.Fatalf("CreatePipeline: %v", err)
	}

	b := app.ImportBatch{
		Source:    "test",
		Pipeline:  app.Pipeline{Name: p.Name},
		Companies: []app.CompanyImport{{Company: app.Company{Name: "Board GmbH", SourceRef: "acc:board"}}},
	}
	for _, d := range deals {
		b.Opportunities = append(b.Opportunities, d.toImport())
	}
	mustImport(t, s, b)

	return s, p
}

func eur(minor int64) app.Money { return app.Money{Minor: minor, Currency: "EUR"} }

// sampleBoardDeals returns deals whose amounts are 500 times distinct
// powers of two, so a sum of amounts shows which deals it contains.
func sampleBoardDeals() []boardDeal {
	return []boardDeal{
		{"d1", "Lead", eur(1000), "Anna", day(2024, time.June, 1), day(2024, time.June, 1)},
		{"d2", "Lead", eur(2000), "Ben", day(2024, time.July, 1), day(2024, time.June, 10)},
		{"d3", "Lead", usd(500), "Anna", app.Date{}, app.Date{}},
		{"d4", "Negotiation", eur(4000), "Ben", day(2024, time.June, 30), day(2024, time.June, 11)},
		{"d5", "Negotiation", eur(8000), "Anna", day(2024, time.June, 15), day(2024, time.June, 12)},
		{"d6", "Won", eur(16000), "Anna", day(2024, time.May, 1), day(2024, time.January, 1)},
		{"d7", "Lost", eur(32000), "Ben", day(2024, time.May, 1), day(2024, time.January, 1)},
		{"d8", "Offer", eur(64000), "Anna", day(2024, time.August, 1), day(2020, time.January, 1)},
	}
}

func mustBoard(t *testing.T, s *Store, f app.BoardFilter) app.Board {
	t.Helper()

	board, err := s.Board(context.Background(), f, boardToday)
	if err != nil {
		t.Fatalf("Board(%+v): %v", f, err)
	}

	return board
}

func cardTitles(board app.Board) []string {
	var titles []string
	for _, c := range board.Columns {
		for _, card := range c.Cards {
			titles = append(titles, card.Title)
		}
	}
	slices.Sort(titles)

	return titles
}

func columnNames(board app.Board) []string {
	var names []string
	for _, c := range board.Columns {
		names = append(names, c.Stage.Name)
	}

	return names
}

func TestBoardColumnsInStageOrder(t *testing.T) {
	s, p := openBoardStore(t, sampleBoardDeals())

	board := mustBoard(t, s, app.BoardFilter{PipelineID: p.ID})

	want := []string{"Lead", "Offer", "Negotiation", "Contract", "Won", "Lost"}
	if got := columnNames(board); !slices.Equal(got, want) {
		t.Errorf("columns = %v, want %v", got, want)
	}
	if board.Pipeline.ID != p.ID {
		t.Errorf("pipeline id = %d, want %d", board.Pipeline.ID, p.ID)
	}

	contract := board.Columns[3]
	if contract.Count != 0 {
		t.Errorf("empty stage count = %d, want 0", contract.Count)
	}
	if len(contract.Totals) != 0 {
		t.Errorf("empty stage totals = %v, want none", contract.Totals)
	}
	if len(contract.Cards) != 0 {
		t.Errorf("empty stage cards = %v, want none", contract.Cards)
	}
	if contract.Stage.IdleDays != 2 {
		t.Errorf("stage idle days = %d, want 2", contract.Stage.IdleDays)
	}
}

func TestBoardSkipsDeletedStage(t *testing.T) {
	s, p := openBoardStore(t, sampleBoardDeals())

	if err := s.DeleteStage(context.Background(), p.Stages[3].ID, 0); err != nil {
		t.Fatalf("DeleteStage: %v", err)
	}

	board := mustBoard(t, s, app.BoardFilter{PipelineID: p.ID})

	want := []string{"Lead", "Offer", "Negotiation", "Won", "Lost"}
	if got := columnNames(board); !slices.Equal(got, want) {
		t.Errorf("columns = %v, want %v", got, want)
	}
}

func TestBoardTotalsPerCurrency(t *testing.T) {
	s, p := openBoardStore(t, sampleBoardDeals())

	lead := mustBoard(t, s, app.BoardFilter{PipelineID: p.ID}).Columns[0]

	if lead.Count != 3 {
		t.Errorf("count = %d, want 3", lead.Count)
	}

	// Lead is at 10 %: EUR 1000+2000 weighs 100+200, USD 500 weighs 50.
	want := []app.CurrencyTotal{
		{Count: 2, Amount: eur(3000), Weighted: eur(300)},
		{Count: 1, Amount: usd(500), Weighted: usd(50)},
	}
	if !slices.Equal(lead.Totals, want) {
		t.Errorf("totals = %+v, want %+v", lead.Totals, want)
	}
}

func TestBoardWeightedRounding(t *testing.T) {
	// At 35 %: 1 → 0.35 → 0, 10 → 3.5 → 4 and 30 → 10.5 → 11, rounded
	// half away from zero. The column's weighted total is the sum of the
	// rounded amounts, 15: the three deals of 1 add 0, where rounding
	// their summed amount 3 would add 1.
	deals := []boardDeal{
		{"r1", "Offer", eur(1), "Anna", app.Date{}, app.Date{}},
		{"r2", "Offer", eur(1), "Anna", app.Date{}, app.Date{}},
		{"r3", "Offer", eur(1), "Anna", app.Date{}, app.Date{}},
		{"r4", "Offer", eur(10), "Anna", app.Date{}, app.Date{}},
		{"r5", "Offer", eur(30), "Anna", app.Date{}, app.Date{}},
	}
	s, p := openBoardStore(t, deals)

	offer := mustBoard(t, s, app.BoardFilter{PipelineID: p.ID}).Columns[1]

	wantCards := map[string]int64{"r1": 0, "r2": 0, "r3": 0, "r4": 4, "r5": 11}
	if len(offer.Cards) != len(wantCards) {
		t.Fatalf("cards = %d, want %d", len(offer.Cards), len(wantCards))
	}
	for _, card := range offer.Cards {
		if card.Weighted != eur(wantCards[card.Title]) {
			t.Errorf("card %s weighted = %v, want %d", card.Title, card.Weighted, wantCards[card.Title])
		}
		if card.Weighted != card.Amount.Weighted(35) {
			t.Errorf("card %s weighted = %v, app.Money.Weighted = %v", card.Title, card.Weighted, card.Amount.Weighted(35))
		}
	}

	want := []app.CurrencyTotal{{Count: 5, Amount: eur(43), Weighted: eur(15)}}
	if !slices.Equal(offer.Totals, want) {
		t.Errorf("totals = %+v, want %+v", offer.Totals, want)
	}
}

func TestBoardFilters(t *testing.T) {
	deals := sampleBoardDeals()
	s, p := openBoardStore(t, deals)

	tests := []struct {
		name   string
		filter app.BoardFilter
		want   []string
	}{
		{"none", app.BoardFilter{}, []string{"d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8"}},
		{"owner", app.BoardFilter{Owner: "Anna"}, []string{"d1", "d3", "d5", "d6", "d8"}},
		{"unknown owner", app.BoardFilter{Owner: "Nobody"}, nil},
		{"close from", app.BoardFilter{CloseFrom: boardToday}, []string{"d2", "d4", "d5", "d8"}},
		{"close to", app.BoardFilter{CloseTo: boardToday}, []string{"d1", "d5", "d6", "d7"}},
		{"close period", app.BoardFilter{CloseFrom: day(2024, time.June, 1), CloseTo: day(2024, time.June, 30)},
			[]string{"d1", "d4", "d5"}},
		{"idle only", app.BoardFilter{IdleOnly: true}, []string{"d1", "d4"}},
		{"idle and owner", app.BoardFilter{IdleOnly: true, Owner: "Ben"}, []string{"d4"}},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.filter.PipelineID = p.ID
			board := mustBoard(t, s, tt.filter)

			if got := cardTitles(board); !slices.Equal(got, tt.want) {
				t.Errorf("cards = %v, want %v", got, tt.want)
			}

			count, sums := boardSums(board)
			wantSums := map[string]int64{}
			for _, d := range deals {
				if slices.Contains(tt.want, d.ref) {
					wantSums[d.amount.Currency] += d.amount.Minor
				}
			}
			if count != len(tt.want) {
				t.Errorf("column counts add up to %d, want %d", count, len(tt.want))
			}
			if fmt.Sprint(sums) != fmt.Sprint(wantSums) {
				t.Errorf("amount totals = %v, want %v", sums, wantSums)
			}
		})
	}
}

// boardSums returns the sum of the column counts and of the total amounts
// by currency.
func boardSums(board app.Board) (int, map[string]int64) {
	count := 0
	sums := map[string]int64{}
	for _, c := range board.Columns {
		count += c.Count
		for _, total := range c.Totals {
			sums[total.Amount.Currency] += total.Amount.Minor
		}
	}

	return count, sums
}

func TestBoardMarkers(t *testing.T) {
	s, p := openBoardStore(t, sampleBoardDeals())

	board := mustBoard(t, s, app.BoardFilter{PipelineID: p.ID})

	// d1 entered Lead 8 days ago with a threshold of 7, and its close date
	// has passed. d4 entered Negotiation 4 days ago with a threshold of 3.
	// d5 entered exactly 3 days ago and closes today. d6 and d7 are closed,
	// and d8 sits in a stage without a threshold.
	want := map[string][2]bool{
		"d1": {true, true},
		"d2": {false, false},
		"d3": {false, false},
		"d4": {true, false},
		"d5": {false, false},
		"d6": {false, false},
		"d7": {false, false},
		"d8": {false, false},
	}
	seen := 0
	for _, c := range board.Columns {
		for _, card := range c.Cards {
			seen++
			if card.Idle != want[card.Title][0] {
				t.Errorf("card %s idle = %v, want %v", card.Title, card.Idle, want[card.Title][0])
			}
			if card.Overdue != want[card.Title][1] {
				t.Errorf("card %s overdue = %v, want %v", card.Title, card.Overdue, want[card.Title][1])
			}
			if card.StageID != c.Stage.ID {
				t.Errorf("card %s stage = %d, want column's %d", card.Title, card.StageID, c.Stage.ID)
			}
		}
	}
	if seen != len(want) {
		t.Errorf("cards = %d, want %d", seen, len(want))
	}
}

func TestBoardCardFields(t *testing.T) {
	s, p := openBoardStore(t, sampleBoardDeals())

	cards := mustBoard(t, s, app.BoardFilter{PipelineID: p.ID, Owner: "Ben"}).Columns[2].Cards
	if len(cards) != 1 {
		t.Fatalf("Negotiation cards = %d, want 1", len(cards))
	}
	card := cards[0]

	want := app.BoardCard{
		ID: idByRef(t, s, "d4"), Title: "d4", Company: "Board GmbH",
		Amount: eur(4000), Weighted: eur(2400), CloseDate: day(2024, time.June, 30),
		Owner: "Ben", StageID: p.Stages[2].ID, Idle: true,
	}
	if card != want {
		t.Errorf("card = %+v, want %+v", card, want)
	}
}

func TestBoardCardOrderAndLimit(t *testing.T) {
	closes := []app.Date{
		day(2024, time.March, 5), {}, day(2024, time.January, 1), day(2024, time.January, 1),
		{}, day(2024, time.February, 1), day(2024, time.January, 10),
	}
	var deals []boardDeal
	for i, c := range closes {
		deals = append(deals, boardDeal{fmt.Sprintf("c%d", i), "Lead", eur(100), "Anna", c, app.Date{}})
	}
	s, p := openBoardStore(t, deals)

	tests := []struct {
		name  string
		limit int
		want  []string
	}{
		{"all", 10, []string{"c2", "c3", "c6", "c5", "c0", "c1", "c4"}},
		{"limited", 4, []string{"c2", "c3", "c6", "c5"}},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lead := mustBoard(t, s, app.BoardFilter{PipelineID: p.ID, CardsPerColumn: tt.limit}).Columns[0]

			var got []string
			for _, card := range lead.Cards {
				got = append(got, card.Title)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("cards = %v, want %v", got, tt.want)
			}
			if lead.Count != len(closes) {
				t.Errorf("count = %d, want %d", lead.Count, len(closes))
			}

			want := []app.CurrencyTotal{{Count: len(closes), Amount: eur(700), Weighted: eur(70)}}
			if !slices.Equal(lead.Totals, want) {
				t.Errorf("totals = %+v, want %+v", lead.Totals, want)
			}
		})
	}
}

func TestBoardDefaultCardLimit(t *testing.T) {
	var deals []boardDeal
	for i := range defaultCardsPerColumn + 5 {
		deals = append(deals, boardDeal{fmt.Sprintf("x%03d", i), "Lead", eur(1), "Anna", app.Date{}, app.Date{}})
	}
	s, p := openBoardStore(t, deals)

	lead := mustBoard(t, s, app.BoardFilter{PipelineID: p.ID}).Columns[0]

	if len(lead.Cards) != defaultCardsPerColumn {
		t.Errorf("cards = %d, want %d", len(lead.Cards), defaultCardsPerColumn)
	}
	if lead.Count != len(deals) {
		t.Errorf("count = %d, want %d", lead.Count, len(deals))
	}
}

func TestBoardErrors(t *testing.T) {
	s, p := openBoardStore(t, nil)

	_, err := s.Board(context.Background(), app.BoardFilter{PipelineID: p.ID + 100}, boardToday)
	if !errors.Is(err, app.ErrNotFound) {
		t.Errorf("unknown pipeline: err = %v, want ErrNotFound", err)
	}

	_, err = s.Board(context.Background(), app.BoardFilter{PipelineID: p.ID, CardsPerColumn: -1}, boardToday)
	if !errors.Is(err, app.ErrInvalid) {
		t.Errorf("negative card limit: err = %v, want ErrInvalid", err)
	}
}
