package data

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
)

var _ app.AnalyticsService = (*Store)(nil)

// dealFactRow is one deal of the facts query.
type dealFactRow struct {
	ID              int64
	Title           string
	Company         string
	PipelineID      int64
	StageID         int64
	StageKind       string
	AmountMinor     int64
	AmountCurrency  string
	Probability     int
	CloseDate       string
	StageEnteredOn  string
	Owner           string
	Source          string
	CloseReason     string
	CloseCompetitor string
	CreatedOn       string
}

// competitorNameRow is one competitor of the competitors query.
type competitorNameRow struct {
	OpportunityID int64
	Name          string
}

// leadFactRow is one lead of the lead facts query.
type leadFactRow struct {
	ID            int64
	Source        string
	Origin        string
	Status        string
	CreatedAt     time.Time
	OpportunityID int64
}

// DealFacts returns the deals f selects in id order, each with its stage
// visits and competitor names. It runs three queries in one read-only
// transaction, whatever the number of deals: the deals, the history of all
// of them, and their competitors. Dates are the UTC days of the stored
// timestamps, as the imports compute a deal's stage entry day.
func (s *Store) DealFacts(ctx context.Context, f app.ReportFilter) ([]app.DealFact, error) {
	var facts []app.DealFact
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		facts, err = loadDealFacts(tx, f)

		return err
	}, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}

	return facts, nil
}

func loadDealFacts(tx *gorm.DB, f app.ReportFilter) ([]app.DealFact, error) {
	where, args := dealFactWhere(f)

	rows, err := loadDealFactRows(tx, where, args)
	if err != nil {
		return nil, err
	}

	history, err := loadStageVisits(tx, where, args)
	if err != nil {
		return nil, err
	}

	competitors, err := loadCompetitorNames(tx, where, args)
	if err != nil {
		return nil, err
	}

	facts := make([]app.DealFact, 0, len(rows))
	for _, r := range rows {
		fact, err := r.toFact(history[r.ID], competitors[r.ID])
		if err != nil {
			return nil, err
		}
		facts = append(facts, fact)
	}

	return facts, nil
}

// loadDealFactRows reads the selected deals in id order. It scans the
// columns by hand, because GORM's reflection took a large share of the
// load time in BenchmarkDealFacts. CreatedOn is the UTC day of created_at.
func loadDealFactRows(tx *gorm.DB, where string, args []any) ([]dealFactRow, error) {
	rows, err := tx.Raw(dealFactRowsSQL(tx, where), args...).Rows()
	if err != nil {
		return nil, fmt.Errorf("load deal facts: %w", err)
	}
	defer rows.Close()

	var out []dealFactRow
	for rows.Next() {
		var r dealFactRow
		err := rows.Scan(&r.ID, &r.Title, &r.Company, &r.PipelineID, &r.StageID, &r.StageKind,
			&r.AmountMinor, &r.AmountCurrency, &r.Probability, &r.CloseDate, &r.StageEnteredOn,
			&r.Owner, &r.Source, &r.CloseReason, &r.CloseCompetitor, &r.CreatedOn)
		if err != nil {
			return nil, fmt.Errorf("read deal facts: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read deal facts: %w", err)
	}

	return out, nil
}

// dealFactRowsSQL selects the deals of the WHERE clause where, in the
// dialect of db (nil for SQLite).
func dealFactRowsSQL(db *gorm.DB, where string) string {
	return `SELECT o.id, o.title, COALESCE(c.name, ''), o.pipeline_id, o.stage_id, st.kind,
		o.amount_minor, o.amount_currency, o.probability, o.close_date, o.stage_entered_on,
		o.owner, o.source, o.close_reason, o.close_competitor, ` + utcDaySQL(db, "o.created_at") + `
	FROM opportunities o
	JOIN stages st ON st.id = o.stage_id
	LEFT JOIN companies c ON c.id = o.company_id` + where + `
	ORDER BY o.id`
}

// stageVisitsSQL selects the stage changes of the deals of the WHERE
// clause where.
func stageVisitsSQL(where string) string {
	return `SELECT sc.opportunity_id, sc.to_stage_id, unixepoch(sc.at)
	FROM stage_changes sc
	JOIN opportunities o ON o.id = sc.opportunity_id` + where + `
	ORDER BY sc.opportunity_id, sc.at, sc.id`
}

// competitorNamesSQL selects the competitors of the deals of the WHERE
// clause where.
func competitorNamesSQL(where string) string {
	return `SELECT cp.opportunity_id, cp.name
	FROM competitors cp
	JOIN opportunities o ON o.id = cp.opportunity_id` + where + `
	ORDER BY cp.opportunity_id, cp.id`
}

// dealFactWhere returns the WHERE clause and its arguments that select the
// deals of f, on the alias o for opportunities.
func dealFactWhere(f app.ReportFilter) (string, []any) {
	var terms []string
	var args []any

	if f.PipelineID != 0 {
		terms = append(terms, "o.pipeline_id = ?")
		args = append(args, f.PipelineID)
	}
	if f.Owner != "" {
		terms = append(terms, "o.owner = ?")
		args = append(args, f.Owner)
	}
	if f.Source != "" {
		terms = append(terms, "o.source = ?")
		args = append(args, f.Source)
	}

	if len(terms) == 0 {
		return "", nil
	}

	return " WHERE " + strings.Join(terms, " AND "), args
}

// loadStageVisits returns the stage visits of the selected deals by deal
// id, oldest first. Changes at the same time keep the order they were
// recorded in. SQLite turns each time into Unix seconds, because the
// driver's parsing of timestamp text took a large share of the load time
// in BenchmarkDealFacts. Fractions of a second are dropped.
func loadStageVisits(tx *gorm.DB, where string, args []any) (map[int64][]app.StageVisit, error) {
	rows, err := tx.Raw(stageVisitsSQL(where), args...).Rows()
	if err != nil {
		return nil, fmt.Errorf("load stage history of deal facts: %w", err)
	}
	defer rows.Close()

	history := make(map[int64][]app.StageVisit)
	for rows.Next() {
		var dealID, stageID, seconds int64
		if err := rows.Scan(&dealID, &stageID, &seconds); err != nil {
			return nil, fmt.Errorf("read stage history of deal facts: %w", err)
		}
		history[dealID] = append(history[dealID], app.StageVisit{StageID: stageID, At: time.Unix(seconds, 0).UTC()})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read stage history of deal facts: %w", err)
	}

	return history, nil
}

// loadCompetitorNames returns the competitor names of the selected deals
// by deal id, each name once, in the order they were first added.
func loadCompetitorNames(tx *gorm.DB, where string, args []any) (map[int64][]string, error) {
	var rows []competitorNameRow
	if err := tx.Raw(competitorNamesSQL(where), args...).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("load competitors of deal facts: %w", err)
	}

	names := make(map[int64][]string)
	for _, r := range rows {
		if !slices.Contains(names[r.OpportunityID], r.Name) {
			names[r.OpportunityID] = append(names[r.OpportunityID], r.Name)
		}
	}

	return names, nil
}

// toFact converts the row. CreatedOn is the day of the first stage visit,
// or of created_at without history. ClosedOn of a closed deal is its stage
// entry day, or else the day of its last visit when that visit entered the
// current stage. ClosedOn stays zero when neither is known.
func (r dealFactRow) toFact(history []app.StageVisit, competitors []string) (app.DealFact, error) {
	closeDate, err := parseStoredDate(r.CloseDate, "close_date", r.ID)
	if err != nil {
		return app.DealFact{}, err
	}

	entered, err := parseStoredDate(r.StageEnteredOn, "stage_entered_on", r.ID)
	if err != nil {
		return app.DealFact{}, err
	}

	created, err := parseStoredDate(r.CreatedOn, "created_at", r.ID)
	if err != nil {
		return app.DealFact{}, err
	}

	fact := app.DealFact{
		ID: r.ID, Title: r.Title, Company: r.Company, PipelineID: r.PipelineID, StageID: r.StageID,
		StageKind:   app.StageKind(r.StageKind),
		Amount:      app.Money{Minor: r.AmountMinor, Currency: r.AmountCurrency},
		Probability: r.Probability, CloseDate: closeDate, StageEnteredOn: entered,
		CreatedOn: created,
		Owner:     r.Owner, Source: r.Source, CloseReason: r.CloseReason, CloseCompetitor: r.CloseCompetitor,
		Competitors: competitors, History: history,
	}

	if len(history) > 0 {
		fact.CreatedOn = app.DateOf(history[0].At)
	}

	if !fact.Open() {
		fact.ClosedOn = closedOn(fact)
	}

	return fact, nil
}

func closedOn(d app.DealFact) app.Date {
	if !d.StageEnteredOn.IsZero() {
		return d.StageEnteredOn
	}

	if n := len(d.History); n > 0 && d.History[n-1].StageID == d.StageID {
		return app.DateOf(d.History[n-1].At)
	}

	return app.Date{}
}

// LeadFacts returns the leads whose source f selects, in id order. A
// lead's CreatedOn is the UTC day of its created_at.
func (s *Store) LeadFacts(ctx context.Context, f app.ReportFilter) ([]app.LeadFact, error) {
	query := `SELECT id, source, origin, status, created_at,
		COALESCE(converted_opportunity_id, 0) AS opportunity_id
	FROM leads`
	var args []any
	if f.Source != "" {
		query += " WHERE source = ?"
		args = append(args, f.Source)
	}
	query += " ORDER BY id"

	var rows []leadFactRow
	if err := s.db.WithContext(ctx).Raw(query, args...).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("load lead facts: %w", err)
	}

	facts := make([]app.LeadFact, 0, len(rows))
	for _, r := range rows {
		facts = append(facts, app.LeadFact{
			ID: r.ID, Source: r.Source, Origin: r.Origin, Status: app.LeadStatus(r.Status),
			CreatedOn: app.DateOf(r.CreatedAt.UTC()), OpportunityID: r.OpportunityID,
		})
	}

	return facts, nil
}
