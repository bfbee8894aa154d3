package data

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"

	"leadwerk/app"
)

var _ app.PipelineEditor = (*Store)(nil)

// CreatePipeline stores p with its stages in their Position order and
// returns it with ids and positions from 0. It wraps [app.ErrInvalid]
// when [checkPipeline] rejects p or another pipeline has the same name,
// ignoring case.
func (s *Store) CreatePipeline(ctx context.Context, p app.Pipeline) (app.Pipeline, error) {
	p, err := checkPipeline(p)
	if err != nil {
		return app.Pipeline{}, err
	}

	var stored app.Pipeline
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := checkPipelineNameFree(tx, p.Name, 0); err != nil {
			return err
		}

		row := pipelineRow{Name: p.Name, Position: p.Position, Currency: p.Currency}
		if err := tx.Create(&row).Error; err != nil {
			return fmt.Errorf("create pipeline %q: %w", p.Name, err)
		}

		for _, st := range p.Stages {
			if _, err := insertStage(tx, row.ID, st); err != nil {
				return err
			}
		}

		stored, err = loadPipeline(tx, row.ID)

		return err
	})
	if err != nil {
		return app.Pipeline{}, err
	}

	return stored, nil
}

// UpdatePipeline saves p's name, currency and stages as
// [app.PipelineEditor] describes. Open deals of a stage whose default
// probability changed take the new probability unless it was set by
// hand. Nothing else of those deals changes, and no stage change is
// recorded. It wraps [app.ErrInvalid] when [checkPipeline] rejects p, a
// stored stage is missing from p.Stages, a stage belongs to another
// pipeline, or the kind of a stage that holds deals changes, because that
// would close or reopen those deals without a person deciding it.
func (s *Store) UpdatePipeline(ctx context.Context, p app.Pipeline) (app.Pipeline, error) {
	p, err := checkPipeline(p)
	if err != nil {
		return app.Pipeline{}, err
	}

	var stored app.Pipeline
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := updatePipeline(tx, p); err != nil {
			return err
		}

		stored, err = loadPipeline(tx, p.ID)

		return err
	})
	if err != nil {
		return app.Pipeline{}, err
	}

	return stored, nil
}

func updatePipeline(tx *gorm.DB, p app.Pipeline) error {
	if _, err := findPipelineRow(tx, p.ID); err != nil {
		return err
	}

	if err := checkPipelineNameFree(tx, p.Name, p.ID); err != nil {
		return err
	}

	before, err := storedStages(tx, p.ID)
	if err != nil {
		return err
	}

	if err := checkStageUpdates(tx, p, before); err != nil {
		return err
	}

	err = tx.Model(&pipelineRow{}).Where("id = ?", p.ID).
		Updates(map[string]any{"name": p.Name, "currency": p.Currency}).Error
	if err != nil {
		return fmt.Errorf("update pipeline %q: %w", p.Name, err)
	}

	// UNIQUE (pipeline_id, name) would reject swapping two names in place,
	// so every stage first takes a name no person types: U+0001 and its id.
	// The character comes as an argument, because PostgreSQL has no char()
	// function.
	err = tx.Exec(`UPDATE stages SET name = ? || CAST(id AS TEXT) WHERE pipeline_id = ? AND deleted_at IS NULL`,
		"\x01", p.ID).Error
	if err != nil {
		return fmt.Errorf("clear stage names of pipeline %q: %w", p.Name, err)
	}

	for _, st := range p.Stages {
		if err := saveStage(tx, p.ID, st, before); err != nil {
			return err
		}
	}

	return nil
}

// saveStage inserts a new stage or writes every column of a stored one,
// zero values included. A new stage named like a deleted stage of the
// pipeline takes over the deleted row. Open deals of a stage whose probability changed
// follow it unless their probability was set by hand.
func saveStage(tx *gorm.DB, pipelineID int64, st app.Stage, before map[int64]app.Stage) error {
	deletedID, err := deletedStageNamed(tx, pipelineID, st.Name)
	if err != nil {
		return err
	}

	switch {
	case st.ID == 0 && deletedID == 0:
		_, err := insertStage(tx, pipelineID, st)
		return err
	case st.ID == 0:
		// The deleted stage's row still holds the name, which UNIQUE
		// (pipeline_id, name) keeps, so the new stage takes that row over.
		st.ID = deletedID
	case deletedID != 0:
		return fmt.Errorf("stage %q cannot be renamed to %q, because a deleted stage of this pipeline keeps that "+
			"name in deal history: choose another name: %w", before[st.ID].Name, st.Name, app.ErrInvalid)
	}

	row, err := stageToSettingsRow(pipelineID, st)
	if err != nil {
		return err
	}

	err = tx.Model(&stageSettingsRow{}).Where("id = ?", st.ID).Updates(map[string]any{
		"name": row.Name, "position": row.Position, "probability": row.Probability, "kind": row.Kind,
		"idle_days": row.IdleDays, "milestones": row.Milestones, "deleted_at": nil,
	}).Error
	if err != nil {
		return fmt.Errorf("update stage %q: %w", st.Name, err)
	}

	old, stored := before[st.ID]
	if st.Kind != app.StageOpen || !stored || old.Probability == st.Probability {
		return nil
	}

	err = tx.Exec(`UPDATE opportunities SET probability = ? WHERE stage_id = ? AND probability_manual = 0`,
		st.Probability, st.ID).Error
	if err != nil {
		return fmt.Errorf("apply probability %d %% of stage %q to its deals: %w", st.Probability, st.Name, err)
	}

	return nil
}

func insertStage(tx *gorm.DB, pipelineID int64, st app.Stage) (stageSettingsRow, error) {
	row, err := stageToSettingsRow(pipelineID, st)
	if err != nil {
		return stageSettingsRow{}, err
	}

	row.ID = 0
	if err := tx.Create(&row).Error; err != nil {
		return stageSettingsRow{}, fmt.Errorf("create stage %q: %w", st.Name, err)
	}

	return row, nil
}

// checkStageUpdates compares p.Stages with the stages stored for p.
func checkStageUpdates(tx *gorm.DB, p app.Pipeline, before map[int64]app.Stage) error {
	seen := make(map[int64]bool, len(p.Stages))
	for _, st := range p.Stages {
		if st.ID == 0 {
			continue
		}

		old, ok := before[st.ID]
		if !ok {
			return fmt.Errorf("stage %d (%q) is not a stage of pipeline %q: %w", st.ID, st.Name, p.Name, app.ErrInvalid)
		}
		if seen[st.ID] {
			return fmt.Errorf("stage %d (%q) appears twice in pipeline %q: %w", st.ID, st.Name, p.Name, app.ErrInvalid)
		}
		seen[st.ID] = true

		if old.Kind == st.Kind {
			continue
		}

		counts, err := countStageDeals(tx, old)
		if err != nil {
			return err
		}
		if n := counts.Open + counts.Won + counts.Lost; n > 0 {
			return fmt.Errorf("stage %q contains %d deals, so its kind cannot change from %s to %s: move the deals out first: %w",
				old.Name, n, old.Kind, st.Kind, app.ErrInvalid)
		}
	}

	for id, old := range before {
		if !seen[id] {
			return fmt.Errorf("stage %q is missing from pipeline %q: delete it with its own action instead: %w",
				old.Name, p.Name, app.ErrInvalid)
		}
	}

	return nil
}

// checkPipeline returns p trimmed, with its stages sorted by Position and
// numbered from 0, an empty kind made open, and blank milestones dropped.
// It wraps [app.ErrInvalid] for an empty name, a currency that is not
// three capital letters, no open stage, or an empty or repeated stage name
// (ignoring case). It also rejects a probability outside 0–100, an
// unknown kind, negative idle days, and a won stage not at 100 % or a lost
// stage not at 0 %. The
// last rule rejects rather than corrects, so a form never saves a
// probability other than the one it shows.
func checkPipeline(p app.Pipeline) (app.Pipeline, error) {
	p.Name = strings.TrimSpace(p.Name)
	if p.Name == "" {
		return p, fmt.Errorf("pipeline name is empty: %w", app.ErrInvalid)
	}

	p.Currency = strings.TrimSpace(p.Currency)
	if !app.ValidCurrency(p.Currency) {
		return p, fmt.Errorf("currency %q of pipeline %q is not an ISO 4217 code such as EUR: %w",
			p.Currency, p.Name, app.ErrInvalid)
	}

	stages := slices.Clone(p.Stages)
	slices.SortStableFunc(stages, func(a, b app.Stage) int { return a.Position - b.Position })

	names := make(map[string]bool, len(stages))
	open := 0
	for i := range stages {
		st, err := checkStage(stages[i])
		if err != nil {
			return p, fmt.Errorf("pipeline %q: %w", p.Name, err)
		}

		key := strings.ToLower(st.Name)
		if names[key] {
			return p, fmt.Errorf("pipeline %q has two stages named %q: %w", p.Name, st.Name, app.ErrInvalid)
		}
		names[key] = true

		if st.Kind == app.StageOpen {
			open++
		}

		st.Position = i
		stages[i] = st
	}

	if open == 0 {
		return p, fmt.Errorf("pipeline %q has no open stage: add one for deals in progress: %w", p.Name, app.ErrInvalid)
	}

	p.Stages = stages

	return p, nil
}

func checkStage(st app.Stage) (app.Stage, error) {
	st.Name = strings.TrimSpace(st.Name)
	if st.Name == "" {
		return st, fmt.Errorf("a stage name is empty: %w", app.ErrInvalid)
	}

	if st.Kind == "" {
		st.Kind = app.StageOpen
	}

	if err := app.ValidateProbability(st.Probability); err != nil {
		return st, fmt.Errorf("stage %q: %w", st.Name, err)
	}

	switch {
	case st.Kind != app.StageOpen && st.Kind != app.StageWon && st.Kind != app.StageLost:
		return st, fmt.Errorf("stage %q has kind %q: use open, won or lost: %w", st.Name, st.Kind, app.ErrInvalid)
	case st.Kind == app.StageWon && st.Probability != 100:
		return st, fmt.Errorf("won stage %q has probability %d %%: set it to 100 %%: %w", st.Name, st.Probability, app.ErrInvalid)
	case st.Kind == app.StageLost && st.Probability != 0:
		return st, fmt.Errorf("lost stage %q has probability %d %%: set it to 0 %%: %w", st.Name, st.Probability, app.ErrInvalid)
	case st.IdleDays < 0:
		return st, fmt.Errorf("stage %q has %d idle days: use 0 or more: %w", st.Name, st.IdleDays, app.ErrInvalid)
	}

	milestones := make([]string, 0, len(st.Milestones))
	for _, m := range st.Milestones {
		if m = strings.TrimSpace(m); m != "" {
			milestones = append(milestones, m)
		}
	}
	st.Milestones = milestones

	return st, nil
}

// checkPipelineNameFree wraps app.ErrInvalid when a pipeline other than
// exceptID already has name, ignoring case.
func checkPipelineNameFree(tx *gorm.DB, name string, exceptID int64) error {
	var n int64
	err := tx.Model(&pipelineRow{}).Where("name = ? COLLATE NOCASE AND id <> ?", name, exceptID).Count(&n).Error
	if err != nil {
		return fmt.Errorf("look up pipeline name %q: %w", name, err)
	}
	if n > 0 {
		return fmt.Errorf("a pipeline named %q already exists: choose another name: %w", name, app.ErrInvalid)
	}

	return nil
}

func findPipelineRow(tx *gorm.DB, id int64) (pipelineRow, error) {
	var row pipelineRow
	err := tx.Where("id = ?", id).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return row, fmt.Errorf("pipeline %d: %w", id, app.ErrNotFound)
	}
	if err != nil {
		return row, fmt.Errorf("read pipeline %d: %w", id, err)
	}

	return row, nil
}

// storedStages returns the stages of a pipeline that are not deleted, by id.
func storedStages(tx *gorm.DB, pipelineID int64) (map[int64]app.Stage, error) {
	var rows []stageSettingsRow
	if err := tx.Where("pipeline_id = ? AND deleted_at IS NULL", pipelineID).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("read stages of pipeline %d: %w", pipelineID, err)
	}

	stages := make(map[int64]app.Stage, len(rows))
	for _, row := range rows {
		st, err := row.toApp()
		if err != nil {
			return nil, err
		}
		stages[st.ID] = st
	}

	return stages, nil
}

// loadPipeline returns one pipeline with its stages in position order.
func loadPipeline(tx *gorm.DB, id int64) (app.Pipeline, error) {
	row, err := findPipelineRow(tx, id)
	if err != nil {
		return app.Pipeline{}, err
	}

	var rows []stageSettingsRow
	err = tx.Where("pipeline_id = ? AND deleted_at IS NULL", id).Order("position, id").Find(&rows).Error
	if err != nil {
		return app.Pipeline{}, fmt.Errorf("read stages of pipeline %q: %w", row.Name, err)
	}

	p := app.Pipeline{ID: row.ID, Name: row.Name, Position: row.Position, Currency: row.Currency}
	for _, r := range rows {
		st, err := r.toApp()
		if err != nil {
			return app.Pipeline{}, err
		}
		p.Stages = append(p.Stages, st)
	}

	return p, nil
}

// deletedStageNamed returns the id of the deleted stage of a pipeline that
// has exactly this name, or 0.
func deletedStageNamed(tx *gorm.DB, pipelineID int64, name string) (int64, error) {
	var ids []int64
	err := tx.Model(&stageSettingsRow{}).Where("pipeline_id = ? AND name = ? AND deleted_at IS NOT NULL", pipelineID, name).
		Pluck("id", &ids).Error
	if err != nil {
		return 0, fmt.Errorf("look up deleted stage %q: %w", name, err)
	}
	if len(ids) == 0 {
		return 0, nil
	}

	return ids[0], nil
}
