package data

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
)

var _ app.MilestoneService = (*Store)(nil)

// milestoneRow is one ticked milestone of a deal.
type milestoneRow struct {
	Milestone string
	DoneAt    time.Time
}

// loadDealStage returns the current stage of deal id with its milestones.
// An unknown deal wraps [app.ErrNotFound].
func loadDealStage(tx *gorm.DB, id int64) (app.Stage, error) {
	var stageIDs []int64
	if err := tx.Raw(`SELECT stage_id FROM opportunities WHERE id = ?`, id).Scan(&stageIDs).Error; err != nil {
		return app.Stage{}, fmt.Errorf("read stage of opportunity %d: %w", id, err)
	}

	if len(stageIDs) == 0 {
		return app.Stage{}, fmt.Errorf("opportunity %d: %w", id, app.ErrNotFound)
	}

	var row stageSettingsRow
	if err := tx.Where("id = ?", stageIDs[0]).Take(&row).Error; err != nil {
		return app.Stage{}, fmt.Errorf("read stage %d of opportunity %d: %w", stageIDs[0], id, err)
	}

	return row.toApp()
}

// Milestones returns the milestones of the current stage of deal
// opportunityID as [app.MilestoneService] describes.
func (s *Store) Milestones(ctx context.Context, opportunityID int64) ([]app.MilestoneCheck, error) {
	var checks []app.MilestoneCheck
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		stage, err := loadDealStage(tx, opportunityID)
		if err != nil {
			return err
		}

		var rows []milestoneRow
		err = tx.Raw(`SELECT milestone, done_at FROM opportunity_milestones
			WHERE opportunity_id = ? AND stage_id = ?`, opportunityID, stage.ID).Scan(&rows).Error
		if err != nil {
			return fmt.Errorf("read milestones of opportunity %d: %w", opportunityID, err)
		}

		doneAt := make(map[string]time.Time, len(rows))
		for _, r := range rows {
			doneAt[r.Milestone] = r.DoneAt
		}
		checks = app.StageMilestoneChecks(stage, doneAt)

		return nil
	})

	return checks, err
}

// SetMilestone ticks or unticks a milestone of the current stage of deal
// opportunityID as [app.MilestoneService] describes. A tick records the
// store's clock in UTC.
func (s *Store) SetMilestone(ctx context.Context, opportunityID int64, milestone string, done bool) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		stage, err := loadDealStage(tx, opportunityID)
		if err != nil {
			return err
		}

		milestone, err := app.StageMilestone(stage, milestone)
		if err != nil {
			return fmt.Errorf("opportunity %d: %w", opportunityID, err)
		}

		if done {
			err = tx.Exec(`INSERT INTO opportunity_milestones (opportunity_id, stage_id, milestone, done_at)
				VALUES (?, ?, ?, ?) ON CONFLICT (opportunity_id, stage_id, milestone) DO NOTHING`,
				opportunityID, stage.ID, milestone, s.now().UTC()).Error
		} else {
			err = tx.Exec(`DELETE FROM opportunity_milestones
				WHERE opportunity_id = ? AND stage_id = ? AND milestone = ?`,
				opportunityID, stage.ID, milestone).Error
		}
		if err != nil {
			return fmt.Errorf("set milestone %q of opportunity %d to done=%t: %w", milestone, opportunityID, done, err)
		}

		return nil
	})
}
