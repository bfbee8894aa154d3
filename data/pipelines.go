package data

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
)

// weightedSQL computes a deal's weighted amount in minor units exactly as
// [app.Money.Weighted] does: amount times percent, rounded half away from
// zero. SQLite's integer division truncates toward zero like Go's, so
// adding ±50 before dividing by 100 gives the same result.
const weightedSQL = `((o.amount_minor * o.probability +
	CASE WHEN o.amount_minor * o.probability < 0 THEN -50 ELSE 50 END) / 100)`

// createPipeline inserts p and its stages, numbering positions in the
// order given, and returns the stored pipeline.
func createPipeline(tx *gorm.DB, p app.Pipeline) (app.Pipeline, error) {
	row := pipelineRow{Name: p.Name, Position: p.Position, Currency: p.Currency}
	if err := tx.Create(&row).Error; err != nil {
		return app.Pipeline{}, fmt.Errorf("create pipeline %q: %w", p.Name, err)
	}

	stored := app.Pipeline{ID: row.ID, Name: row.Name, Position: row.Position, Currency: row.Currency}
	for i, s := range p.Stages {
		st, err := createStage(tx, row.ID, i, s)
		if err != nil {
			return app.Pipeline{}, err
		}
		stored.Stages = append(stored.Stages, st)
	}

	return stored, nil
}

func createStage(tx *gorm.DB, pipelineID int64, position int, s app.Stage) (app.Stage, error) {
	if err := app.ValidateProbability(s.Probability); err != nil {
		return app.Stage{}, fmt.Errorf("stage %q: %w", s.Name, err)
	}

	kind := s.Kind
	if kind == "" {
		kind = app.StageOpen
	}

	row := stageRow{PipelineID: pipelineID, Name: s.Name, Position: position,
		Probability: s.Probability, Kind: string(kind)}
	if err := tx.Create(&row).Error; err != nil {
		return app.Stage{}, fmt.Errorf("create stage %q: %w", s.Name, err)
	}

	return row.toApp(), nil
}

// Pipelines returns every pipeline with its stages, both in position order.
// Deleted stages are left out.
func (s *Store) Pipelines(ctx context.Context) ([]app.Pipeline, error) {
	return loadPipelines(s.db.WithContext(ctx))
}

func loadPipelines(db *gorm.DB) ([]app.Pipeline, error) {
	var rows []pipelineRow
	if err := db.Order("position, id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list pipelines: %w", err)
	}

	var stages []stageSettingsRow
	if err := db.Where("deleted_at IS NULL").Order("pipeline_id, position, id").Find(&stages).Error; err != nil {
		return nil, fmt.Errorf("list stages: %w", err)
	}

	byPipeline := make(map[int64][]app.Stage, len(rows))
	for _, row := range stages {
		st, err := row.toApp()
		if err != nil {
			return nil, err
		}
		byPipeline[row.PipelineID] = append(byPipeline[row.PipelineID], st)
	}

	pipelines := make([]app.Pipeline, 0, len(rows))
	for _, r := range rows {
		pipelines = append(pipelines, app.Pipeline{
			ID: r.ID, Name: r.Name, Position: r.Position, Currency: r.Currency,
			Stages: byPipeline[r.ID],
		})
	}

	return pipelines, nil
}

// stageSettingsRow is a stages row with the columns schemaV6 added.
// stageRow leaves them out because the seed of migration 1 creates stages
// with it before those columns exist.
type stageSettingsRow struct {
	ID          int64      `gorm:"column:id;primaryKey"`
	PipelineID  int64      `gorm:"column:pipeline_id"`
	Name        string     `gorm:"column:name"`
	Position    int        `gorm:"column:position"`
	Probability int        `gorm:"column:probability"`
	Kind        string     `gorm:"column:kind"`
	IdleDays    int        `gorm:"column:idle_days"`
	Milestones  string     `gorm:"column:milestones"`
	DeletedAt   *time.Time `gorm:"column:deleted_at"`
}

func (stageSettingsRow) TableName() string { return "stages" }

func stageToSettingsRow(pipelineID int64, s app.Stage) (stageSettingsRow, error) {
	milestones := s.Milestones
	if milestones == nil {
		milestones = []string{}
	}

	text, err := json.Marshal(milestones)
	if err != nil {
		return stageSettingsRow{}, fmt.Errorf("encode milestones of stage %q: %w", s.Name, err)
	}

	return stageSettingsRow{
		ID: s.ID, PipelineID: pipelineID, Name: s.Name, Position: s.Position,
		Probability: s.Probability, Kind: string(s.Kind), IdleDays: s.IdleDays, Milestones: string(text),
	}, nil
}

// toApp returns the stage with its milestones decoded. The CHECK of
// schemaV6 only lets a JSON array in, so a decoding error means a damaged
// file or an array of something other than strings.
func (r stageSettingsRow) toApp() (app.Stage, error) {
	var milestones []string
	if err := json.Unmarshal([]byte(r.Milestones), &milestones); err != nil {
		return app.Stage{}, fmt.Errorf("read milestones of stage %d: %w", r.ID, err)
	}

	return app.Stage{
		ID: r.ID, PipelineID: r.PipelineID, Name: r.Name, Position: r.Position,
		Probability: r.Probability, Kind: app.StageKind(r.Kind),
		IdleDays: r.IdleDays, Milestones: milestones,
	}, nil
}

// summaryRow is one line of the PipelineSummary query.
type summaryRow struct {
	PipelineID    int64
	PipelineName  string
	StageID       int64
	StageName     string
	Kind          string
	Currency      string
	Count         int
	AmountMinor   int64
	WeightedMinor int64
}

// PipelineSummary returns one entry per pipeline, stage and currency, in
// pipeline and stage order, and by currency code within a stage. A stage
// without deals appears once with count 0 in its pipeline's currency, and
// a deleted stage not at all. The weighted total is the sum of each
// deal's rounded weighted amount.
func (s *Store) PipelineSummary(ctx context.Context) ([]app.StageSummary, error) {
	var rows []summaryRow
	err := s.db.WithContext(ctx).Raw(pipelineSummarySQL).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("sum pipeline: %w", err)
	}

	summary := make([]app.StageSummary, 0, len(rows))
	for _, r := range rows {
		summary = append(summary, app.StageSummary{
			PipelineID: r.PipelineID, Pipeline: r.PipelineName,
			StageID: r.StageID, Stage: r.StageName, Kind: app.StageKind(r.Kind),
			Count:    r.Count,
			Amount:   app.Money{Minor: r.AmountMinor, Currency: r.Currency},
			Weighted: app.Money{Minor: r.WeightedMinor, Currency: r.Currency},
		})
	}

	return summary, nil
}

// pipelineSummarySQL sums the deals per pipeline, stage and currency for
// [Store.PipelineSummary].
const pipelineSummarySQL = `
		SELECT p.id AS pipeline_id, p.name AS pipeline_name,
			st.id AS stage_id, st.name AS stage_name, st.kind AS kind,
			COALESCE(o.amount_currency, p.currency) AS currency,
			COUNT(o.id) AS count,
			COALESCE(SUM(o.amount_minor), 0) AS amount_minor,
			COALESCE(SUM(` + weightedSQL + `), 0) AS weighted_minor
		FROM pipelines p
		JOIN stages st ON st.pipeline_id = p.id AND st.deleted_at IS NULL
		LEFT JOIN opportunities o ON o.stage_id = st.id
		GROUP BY p.id, st.id, o.amount_currency
		ORDER BY p.position, p.id, st.position, st.id, currency`
