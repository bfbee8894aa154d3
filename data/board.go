package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"leadwerk/app"
)

var _ app.BoardService = (*Store)(nil)

// defaultCardsPerColumn is the card limit of a column when
// [app.BoardFilter.CardsPerColumn] is 0.
const defaultCardsPerColumn = 200

// boardFrom joins each deal with its stage, so the filters can read the
// stage's kind and idle days.
const boardFrom = `
	FROM opportunities o
	JOIN stages st ON st.id = o.stage_id`

// idleSQL is true for a deal that [app.IsIdle] marks: an open stage with
// an idle threshold, a known entry day, and entry day plus threshold
// before today. The single parameter is today as "YYYY-MM-DD".
const idleSQL = `(st.kind = 'open' AND st.idle_days > 0 AND o.stage_entered_on <> ''
	AND date(o.stage_entered_on, '+' || st.idle_days || ' days') < ?)`

// boardTotalRow is one stage and currency of the board's totals query.
type boardTotalRow struct {
	StageID       int64
	Currency      string
	Count         int
	AmountMinor   int64
	WeightedMinor int64
}

// boardCardRow is one card of the board's card query.
type boardCardRow struct {
	ID             int64
	Title          string
	Company        string
	AmountMinor    int64
	AmountCurrency string
	WeightedMinor  int64
	CloseDate      string
	StageEnteredOn string
	Owner          string
	StageID        int64
}

// Board returns one column per live stage of f's pipeline in stage order,
// including stages without deals, which get Count 0 and no Totals.
// Totals are sorted by currency code. The filters apply to counts, totals
// and cards alike, but only CardsPerColumn cards per column are loaded,
// by close date with deals without one last, then by id. today decides
// the idle and overdue markers and the IdleOnly filter. Board reads in
// one read-only transaction. An unknown pipeline wraps [app.ErrNotFound]
// and a negative CardsPerColumn wraps [app.ErrInvalid].
func (s *Store) Board(ctx context.Context, f app.BoardFilter, today app.Date) (app.Board, error) {
	if f.CardsPerColumn < 0 {
		return app.Board{}, fmt.Errorf("cards per column %d must not be negative: %w", f.CardsPerColumn, app.ErrInvalid)
	}
	if f.CardsPerColumn == 0 {
		f.CardsPerColumn = defaultCardsPerColumn
	}

	var board app.Board
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		board, err = loadBoard(tx, f, today)

		return err
	}, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return app.Board{}, err
	}

	return board, nil
}

func loadBoard(tx *gorm.DB, f app.BoardFilter, today app.Date) (app.Board, error) {
	pipeline, err := loadPipeline(tx, f.PipelineID)
	if err != nil {
		return app.Board{}, err
	}

	totals, err := loadBoardTotals(tx, f, today)
	if err != nil {
		return app.Board{}, err
	}

	board := app.Board{Pipeline: pipeline, Columns: make([]app.BoardColumn, 0, len(pipeline.Stages))}
	for _, stage := range pipeline.Stages {
		column := app.BoardColumn{Stage: stage}
		for _, t := range totals[stage.ID] {
			column.Count += t.Count
			column.Totals = append(column.Totals, t)
		}

		if column.Count > 0 {
			if column.Cards, err = loadBoardCards(tx, f, stage, today); err != nil {
				return app.Board{}, err
			}
		}

		board.Columns = append(board.Columns, column)
	}

	return board, nil
}

// boardWhere returns the WHERE clause and its arguments that select the
// deals of f's pipeline which pass f's filters. A close period leaves out
// deals without a close date, because they have no date inside it.
func boardWhere(f app.BoardFilter, today app.Date) (string, []any) {
	terms := []string{"st.pipeline_id = ?", "st.deleted_at IS NULL"}
	args := []any{f.PipelineID}

	if f.Owner != "" {
		terms = append(terms, "o.owner = ?")
		args = append(args, f.Owner)
	}
	if f.OwnerID != 0 {
		terms = append(terms, "o.owner_id = ?")
		args = append(args, f.OwnerID)
	}

	if !f.CloseFrom.IsZero() || !f.CloseTo.IsZero() {
		terms = append(terms, "o.close_date <> ''")
	}
	if !f.CloseFrom.IsZero() {
		terms = append(terms, "o.close_date >= ?")
		args = append(args, f.CloseFrom.String())
	}
	if !f.CloseTo.IsZero() {
		terms = append(terms, "o.close_date <= ?")
		args = append(args, f.CloseTo.String())
	}

	if f.IdleOnly {
		terms = append(terms, idleSQL)
		args = append(args, today.String())
	}

	return " WHERE " + strings.Join(terms, " AND "), args
}

// loadBoardTotals returns the totals of each stage by stage id, one entry
// per currency in currency order. Amounts of different currencies are
// never added, so a stage with deals in two currencies has two entries.
func loadBoardTotals(tx *gorm.DB, f app.BoardFilter, today app.Date) (map[int64][]app.CurrencyTotal, error) {
	where, args := boardWhere(f, today)
	query := `SELECT o.stage_id, o.amount_currency AS currency, COUNT(*) AS count,
		SUM(o.amount_minor) AS amount_minor, SUM(` + weightedSQL + `) AS weighted_minor` +
		boardFrom + where + `
		GROUP BY o.stage_id, o.amount_currency
		ORDER BY o.stage_id, o.amount_currency`

	var rows []boardTotalRow
	if err := tx.Raw(query, args...).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("sum board of pipeline %d: %w", f.PipelineID, err)
	}

	totals := make(map[int64][]app.CurrencyTotal)
	for _, r := range rows {
		totals[r.StageID] = append(totals[r.StageID], app.CurrencyTotal{
			Count:    r.Count,
			Amount:   app.Money{Minor: r.AmountMinor, Currency: r.Currency},
			Weighted: app.Money{Minor: r.WeightedMinor, Currency: r.Currency},
		})
	}

	return totals, nil
}

// loadBoardCards returns the first f.CardsPerColumn cards of one stage
// that pass f's filters.
func loadBoardCards(tx *gorm.DB, f app.BoardFilter, stage app.Stage, today app.Date) ([]app.BoardCard, error) {
	where, args := boardWhere(f, today)
	query := `SELECT o.id, o.title, COALESCE(c.name, '') AS company, o.amount_minor, o.amount_currency,
		` + weightedSQL + ` AS weighted_minor, o.close_date, o.stage_entered_on, o.owner, o.stage_id` +
		boardFrom + `
	LEFT JOIN companies c ON c.id = o.company_id` + where + ` AND o.stage_id = ?
		ORDER BY o.close_date = '', o.close_date, o.id
		LIMIT ?`
	args = append(args, stage.ID, f.CardsPerColumn)

	var rows []boardCardRow
	if err := tx.Raw(query, args...).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("list cards of stage %d: %w", stage.ID, err)
	}

	cards := make([]app.BoardCard, 0, len(rows))
	for _, r := range rows {
		card, err := r.toCard(stage, today)
		if err != nil {
			return nil, err
		}
		cards = append(cards, card)
	}

	return cards, nil
}

// toCard converts the row and sets the markers with [app.IsIdle] and
// [app.IsOverdue], the same rules idleSQL follows for the IdleOnly filter.
func (r boardCardRow) toCard(stage app.Stage, today app.Date) (app.BoardCard, error) {
	closeDate, err := parseStoredDate(r.CloseDate, "close_date", r.ID)
	if err != nil {
		return app.BoardCard{}, err
	}

	entered, err := parseStoredDate(r.StageEnteredOn, "stage_entered_on", r.ID)
	if err != nil {
		return app.BoardCard{}, err
	}

	deal := app.Opportunity{StageEnteredOn: entered, CloseDate: closeDate}

	return app.BoardCard{
		ID: r.ID, Title: r.Title, Company: r.Company,
		Amount:    app.Money{Minor: r.AmountMinor, Currency: r.AmountCurrency},
		Weighted:  app.Money{Minor: r.WeightedMinor, Currency: r.AmountCurrency},
		CloseDate: closeDate, Owner: r.Owner, StageID: r.StageID,
		Idle:    app.IsIdle(deal, stage, today),
		Overdue: app.IsOverdue(deal, stage, today),
	}, nil
}
