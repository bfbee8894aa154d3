package data

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
)

// BulkUpdate applies c to every deal in ids in one transaction, by the
// rules of MoveOpportunity for each open deal, and returns how many deals
// changed. A closed deal keeps its stage but takes a new owner or close
// date. Each deal gets its own field and stage history. Any error rolls
// back every deal: an unknown id or an unknown or deleted stage wraps
// [app.ErrNotFound], and moving an open deal to a won or lost stage
// wraps [app.ErrInvalid], because closing needs the close dialog's
// reason. Repeated ids count once.
func (s *Store) BulkUpdate(ctx context.Context, ids []int64, c app.BulkChange) (int, error) {
	if c.CloseDate != nil {
		if err := checkDate(*c.CloseDate, "bulk close date"); err != nil {
			return 0, err
		}
	}

	now := s.now()
	changed := 0
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		changed = 0

		var to *app.Stage
		if c.StageID != nil {
			stage, err := targetStage(tx, *c.StageID)
			if err != nil {
				return err
			}
			to = &stage
		}

		seen := make(map[int64]bool, len(ids))
		for _, id := range ids {
			if seen[id] {
				continue
			}
			seen[id] = true

			ok, err := bulkUpdateDeal(tx, id, now, c, to)
			if err != nil {
				return err
			}
			if ok {
				changed++
			}
		}

		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("bulk update of %d opportunities: %w", len(ids), err)
	}

	return changed, nil
}

func bulkUpdateDeal(tx *gorm.DB, id int64, now time.Time, c app.BulkChange, to *app.Stage) (bool, error) {
	e, err := loadDealEdit(tx, id, now)
	if err != nil {
		return false, err
	}

	after := e.deal
	if to != nil && e.stage.Kind == app.StageOpen {
		if to.Kind == app.StageWon {
			return false, fmt.Errorf("deal %q needs the close dialog to move to won stage %s: close it as won: %w",
				e.deal.Title, to.Name, app.ErrInvalid)
		}

		if after, err = e.moveTo(*to); err != nil {
			return false, err
		}
	}

	if c.Owner != nil {
		after.Owner = *c.Owner
	}

	if c.CloseDate != nil {
		after.CloseDate = *c.CloseDate
	}

	return e.save(after)
}

// FieldChanges returns the recorded field changes of deal id, oldest
// first. An unknown id wraps [app.ErrNotFound].
func (s *Store) FieldChanges(ctx context.Context, id int64) ([]app.FieldChange, error) {
	var rows []fieldChangeRow
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&opportunityRow{}).Where("id = ?", id).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("opportunity %d: %w", id, app.ErrNotFound)
		}

		return tx.Where("opportunity_id = ?", id).Order("at, id").Find(&rows).Error
	}, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("read field changes of opportunity %d: %w", id, err)
	}

	changes := make([]app.FieldChange, 0, len(rows))
	for _, r := range rows {
		changes = append(changes, r.toApp())
	}

	return changes, nil
}
