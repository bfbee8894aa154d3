package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
)

// opportunityFrom joins what the opportunity list shows of each deal.
const opportunityFrom = `
	FROM opportunities o
	JOIN pipelines p ON p.id = o.pipeline_id
	JOIN stages st ON st.id = o.stage_id
	LEFT JOIN companies c ON c.id = o.company_id`

// opportunityListRow is one line of the ListOpportunities query.
type opportunityListRow struct {
	ID             int64
	Title          string
	Company        string
	Pipeline       string
	Stage          string
	StageKind      string
	AmountMinor    int64
	AmountCurrency string
	WeightedMinor  int64
	Probability    int
	CloseDate      string
	Owner          string
}

// likePattern returns a lower-case LIKE pattern matching text anywhere,
// with the wildcards % and _ and the escape character \ taken literally.
// Compare it with a column folded by foldedLike.
func likePattern(text string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

	return "%" + r.Replace(strings.ToLower(text)) + "%"
}

func opportunityWhere(b backend, q app.OpportunityQuery) (string, []any) {
	var terms []string
	var args []any
	if q.PipelineID != 0 {
		terms = append(terms, "o.pipeline_id = ?")
		args = append(args, q.PipelineID)
	}
	if q.OwnerID != 0 {
		terms = append(terms, "o.owner_id = ?")
		args = append(args, q.OwnerID)
	}

	if search := strings.TrimSpace(q.Search); search != "" {
		p := likePattern(search)
		terms = append(terms, "("+b.foldedLike("o.title", search)+" OR "+b.foldedLike("c.name", search)+
			" OR "+b.foldedLike("o.owner", search)+" OR "+b.foldedLike("o.product", search)+")")
		args = append(args, p, p, p, p)
	}

	if len(terms) == 0 {
		return "", nil
	}

	return " WHERE " + strings.Join(terms, " AND "), args
}

// CountOpportunities returns how many deals match q's search and pipeline.
func (s *Store) CountOpportunities(ctx context.Context, q app.OpportunityQuery) (int, error) {
	where, args := opportunityWhere(s.backend, q)

	var n int
	if err := s.db.WithContext(ctx).Raw("SELECT COUNT(*)"+opportunityFrom+where, args...).Scan(&n).Error; err != nil {
		return 0, fmt.Errorf("count opportunities: %w", err)
	}

	return n, nil
}

// ListOpportunities returns one page of deals matching q, sorted by q.Sort
// and then by id. An unknown or empty Sort orders by id alone.
func (s *Store) ListOpportunities(ctx context.Context, q app.OpportunityQuery) ([]app.OpportunityRow, error) {
	if q.Offset < 0 || q.Limit < 0 {
		return nil, fmt.Errorf("page offset %d and limit %d must not be negative: %w", q.Offset, q.Limit, app.ErrInvalid)
	}

	ids, err := s.opportunityPageIDs(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("list opportunities: %w", err)
	}

	if ids == nil {
		// An empty JSON array, because PostgreSQL cannot list null.
		ids = []int64{}
	}
	ordered, err := json.Marshal(ids)
	if err != nil {
		return nil, fmt.Errorf("list opportunities: %w", err)
	}

	pageJoin := ` JOIN json_each(?) page ON page.value = o.id`
	if s.backend.isPostgres() {
		pageJoin = ` JOIN json_array_elements_text(?::json) WITH ORDINALITY page(value, key) ON page.value::BIGINT = o.id`
	}

	query := `SELECT o.id, o.title, COALESCE(c.name, '') AS company, p.name AS pipeline,
		st.name AS stage, st.kind AS stage_kind, o.amount_minor, o.amount_currency,
		` + weightedSQL + ` AS weighted_minor, o.probability, o.close_date, o.owner` +
		opportunityFrom + pageJoin + ` ORDER BY page.key`

	var rows []opportunityListRow
	if err := s.db.WithContext(ctx).Raw(query, string(ordered)).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("list opportunities: %w", err)
	}

	list := make([]app.OpportunityRow, 0, len(rows))
	for _, r := range rows {
		closeDate, err := parseStoredDate(r.CloseDate, "close_date", r.ID)
		if err != nil {
			return nil, err
		}

		list = append(list, app.OpportunityRow{
			ID: r.ID, Title: r.Title, Company: r.Company, Pipeline: r.Pipeline,
			Stage: r.Stage, StageKind: app.StageKind(r.StageKind),
			Amount:      app.Money{Minor: r.AmountMinor, Currency: r.AmountCurrency},
			Weighted:    app.Money{Minor: r.WeightedMinor, Currency: r.AmountCurrency},
			Probability: r.Probability, CloseDate: closeDate, Owner: r.Owner,
		})
	}

	return list, nil
}

// Opportunity returns one deal with its company, pipeline, stage, stage
// history (oldest first) and activities (by due time, then creation). It
// reads in one transaction, so the parts agree with each other. An
// unknown id wraps [app.ErrNotFound].
func (s *Store) Opportunity(ctx context.Context, id int64) (app.OpportunityDetail, error) {
	var detail app.OpportunityDetail
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		detail, err = loadOpportunity(tx, id)

		return err
	}, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return app.OpportunityDetail{}, err
	}

	return detail, nil
}

func loadOpportunity(tx *gorm.DB, id int64) (app.OpportunityDetail, error) {
	var row opportunityRow
	err := tx.Where("id = ?", id).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return app.OpportunityDetail{}, fmt.Errorf("opportunity %d: %w", id, app.ErrNotFound)
	}
	if err != nil {
		return app.OpportunityDetail{}, fmt.Errorf("read opportunity %d: %w", id, err)
	}

	o, err := row.toApp()
	if err != nil {
		return app.OpportunityDetail{}, err
	}

	detail := app.OpportunityDetail{Opportunity: o, Weighted: o.Amount.Weighted(o.Probability)}
	if row.CompanyID != nil {
		var c companyRow
		if err := tx.Where("id = ?", *row.CompanyID).Take(&c).Error; err != nil {
			return app.OpportunityDetail{}, fmt.Errorf("read company %d of opportunity %d: %w", *row.CompanyID, id, err)
		}
		detail.Company = c.toApp()
	}

	var pipeline pipelineRow
	if err := tx.Where("id = ?", row.PipelineID).Take(&pipeline).Error; err != nil {
		return app.OpportunityDetail{}, fmt.Errorf("read pipeline %d of opportunity %d: %w", row.PipelineID, id, err)
	}
	detail.Pipeline = pipeline.Name

	var stage stageRow
	if err := tx.Where("id = ?", row.StageID).Take(&stage).Error; err != nil {
		return app.OpportunityDetail{}, fmt.Errorf("read stage %d of opportunity %d: %w", row.StageID, id, err)
	}
	detail.Stage = stage.toApp()

	if detail.History, err = loadHistory(tx, id); err != nil {
		return app.OpportunityDetail{}, err
	}

	if detail.Activities, err = loadActivities(tx, id); err != nil {
		return app.OpportunityDetail{}, err
	}

	return detail, nil
}

// historyRow is a stage change joined with the names of its stages.
// GORM does not fill an embedded struct of an unexported type, so the
// columns of stageChangeRow are repeated here.
type historyRow struct {
	ID             int64
	OpportunityID  int64
	FromStageID    *int64
	ToStageID      int64
	At             time.Time
	AmountMinor    int64
	AmountCurrency string
	Probability    int
	ChangedBy      string
	FromName       string
	ToName         string
}

func loadHistory(tx *gorm.DB, opportunityID int64) ([]app.StageChangeView, error) {
	var rows []historyRow
	err := tx.Raw(`
		SELECT sc.*, COALESCE(f.name, '') AS from_name, t.name AS to_name
		FROM stage_changes sc
		LEFT JOIN stages f ON f.id = sc.from_stage_id
		JOIN stages t ON t.id = sc.to_stage_id
		WHERE sc.opportunity_id = ?
		ORDER BY sc.at, sc.id`, opportunityID).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("read stage history of opportunity %d: %w", opportunityID, err)
	}

	history := make([]app.StageChangeView, 0, len(rows))
	for _, r := range rows {
		history = append(history, app.StageChangeView{
			StageChange: app.StageChange{
				ID: r.ID, OpportunityID: r.OpportunityID,
				FromStageID: idOf(r.FromStageID), ToStageID: r.ToStageID, At: r.At.UTC(),
				Amount:      app.Money{Minor: r.AmountMinor, Currency: r.AmountCurrency},
				Probability: r.Probability, By: r.ChangedBy,
			},
			From: r.FromName,
			To:   r.ToName,
		})
	}

	return history, nil
}

func loadActivities(tx *gorm.DB, opportunityID int64) ([]app.Activity, error) {
	var rows []activityRow
	err := tx.Where("opportunity_id = ?", opportunityID).
		Order("due IS NULL, due, created_at, id").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("read activities of opportunity %d: %w", opportunityID, err)
	}

	activities := make([]app.Activity, 0, len(rows))
	for _, r := range rows {
		activities = append(activities, r.toApp())
	}

	return activities, nil
}
