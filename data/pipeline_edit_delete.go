package data

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
)

// DeleteStage removes a stage from its pipeline after moving its deals to
// moveTo, a stage of the same pipeline, and recording each move as a
// stage change with the deal's amount and new probability. No deal is
// deleted. Open deals take moveTo's default probability, or 100 % or 0 %
// when moveTo is won or lost, and lose a probability set by hand. Won and
// lost deals only move to a stage of the same kind, because moving them
// to another kind would reopen or recompute them without a person
// deciding it.
//
// The stage row stays, marked deleted, because deal history refers to
// it; [Store.Pipelines] leaves it out. With moveTo 0 and deals in the
// stage, DeleteStage returns a *[app.StageNotEmptyError]. It wraps
// [app.ErrNotFound] for an unknown stage or moveTo, and [app.ErrInvalid]
// when moveTo is the stage itself, belongs to another pipeline, or when
// the stage is its pipeline's last open, last won or last lost stage.
func (s *Store) DeleteStage(ctx context.Context, stageID, moveTo int64) error {
	now := s.now().UTC()

	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		stage, err := loadLiveStage(tx, stageID)
		if err != nil {
			return err
		}

		if err := checkOtherStageOfKind(tx, stage); err != nil {
			return err
		}

		counts, err := countStageDeals(tx, stage)
		if err != nil {
			return err
		}

		if counts.Open+counts.Won+counts.Lost > 0 || moveTo != 0 {
			if moveTo == 0 {
				return &counts
			}

			if err := moveStageDeals(tx, stage, moveTo, now); err != nil {
				return err
			}
		}

		err = tx.Model(&stageSettingsRow{}).Where("id = ?", stage.ID).Update("deleted_at", now).Error
		if err != nil {
			return fmt.Errorf("delete stage %q: %w", stage.Name, err)
		}

		return nil
	})
}

// moveStageDeals moves every deal of from to the stage with id toID.
func moveStageDeals(tx *gorm.DB, from app.Stage, toID int64, now time.Time) error {
	to, err := loadLiveStage(tx, toID)
	if err != nil {
		return fmt.Errorf("stage to move deals to: %w", err)
	}

	switch {
	case to.ID == from.ID:
		return fmt.Errorf("stage %q cannot take its own deals while it is deleted: choose another stage: %w",
			from.Name, app.ErrInvalid)
	case to.PipelineID != from.PipelineID:
		return fmt.Errorf("stage %q belongs to another pipeline than stage %q: choose a stage of the same pipeline: %w",
			to.Name, from.Name, app.ErrInvalid)
	case to.Kind != from.Kind:
		// Deleting a stage must neither reopen a closed deal nor close an
		// open one, which needs a reason through CloseOpportunity.
		return fmt.Errorf("the deals of stage %q are %s, so they can only move to a %s stage, not to %s stage %q: %w",
			from.Name, from.Kind, from.Kind, to.Kind, to.Name, app.ErrInvalid)
	}

	var deals []opportunityRow
	if err := tx.Where("stage_id = ?", from.ID).Order("id").Find(&deals).Error; err != nil {
		return fmt.Errorf("read deals of stage %q: %w", from.Name, err)
	}

	by, err := currentUserName(tx)
	if err != nil {
		return err
	}

	probability := app.EffectiveProbability(to, false, 0)
	today := app.DateOf(now).String()
	for _, d := range deals {
		err := tx.Model(&opportunityRow{}).Where("id = ?", d.ID).Updates(map[string]any{
			"stage_id": to.ID, "probability": probability, "probability_manual": false,
			"stage_entered_on": today, "updated_at": now,
		}).Error
		if err != nil {
			return fmt.Errorf("move deal %d to stage %q: %w", d.ID, to.Name, err)
		}

		change := stageChangeRow{
			OpportunityID: d.ID, FromStageID: &from.ID, ToStageID: to.ID, At: now,
			AmountMinor: d.AmountMinor, AmountCurrency: d.AmountCurrency, Probability: probability, ChangedBy: by,
		}
		if err := tx.Create(&change).Error; err != nil {
			return fmt.Errorf("record move of deal %d to stage %q: %w", d.ID, to.Name, err)
		}
	}

	return nil
}

// countStageDeals counts the deals in a stage by whether they are open,
// won or lost, which the kind of their stage decides.
func countStageDeals(tx *gorm.DB, st app.Stage) (app.StageNotEmptyError, error) {
	counts := app.StageNotEmptyError{Stage: st.Name}

	var n int
	if err := tx.Raw(`SELECT COUNT(*) FROM opportunities WHERE stage_id = ?`, st.ID).Scan(&n).Error; err != nil {
		return counts, fmt.Errorf("count deals of stage %q: %w", st.Name, err)
	}

	switch st.Kind {
	case app.StageWon:
		counts.Won = n
	case app.StageLost:
		counts.Lost = n
	default:
		counts.Open = n
	}

	return counts, nil
}

// stageKindNeed maps a stage kind to the reason a pipeline keeps one stage
// of that kind.
var stageKindNeed = map[app.StageKind]string{
	app.StageOpen: "new deals need one",
	app.StageWon:  "closing a deal as won needs one",
	app.StageLost: "closing a deal as lost needs one",
}

// checkOtherStageOfKind wraps app.ErrInvalid when st is the only stage of
// its kind left in its pipeline.
func checkOtherStageOfKind(tx *gorm.DB, st app.Stage) error {
	var others int64
	err := tx.Model(&stageSettingsRow{}).
		Where("pipeline_id = ? AND kind = ? AND id <> ? AND deleted_at IS NULL", st.PipelineID, st.Kind, st.ID).
		Count(&others).Error
	if err != nil {
		return fmt.Errorf("count %s stages beside %q: %w", st.Kind, st.Name, err)
	}
	if others == 0 {
		return fmt.Errorf("stage %q is the last %s stage of its pipeline, and %s: add another %s stage first: %w",
			st.Name, st.Kind, stageKindNeed[st.Kind], st.Kind, app.ErrInvalid)
	}

	return nil
}

// loadLiveStage returns a stage that is not deleted, wrapping app.ErrNotFound
// for an unknown or deleted id.
func loadLiveStage(tx *gorm.DB, id int64) (app.Stage, error) {
	var row stageSettingsRow
	err := tx.Where("id = ? AND deleted_at IS NULL", id).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return app.Stage{}, fmt.Errorf("stage %d: %w", id, app.ErrNotFound)
	}
	if err != nil {
		return app.Stage{}, fmt.Errorf("read stage %d: %w", id, err)
	}

	return row.toApp()
}
