package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
)

var _ app.ActivityService = (*Store)(nil)

// AddOpportunityActivity stores a on the deal a.OpportunityID, stamped
// with the store's clock when a has no creation time and owned by the
// signed-in user when a has no owner. A missing kind or subject wraps
// [app.ErrInvalid] and an unknown deal [app.ErrNotFound].
func (s *Store) AddOpportunityActivity(ctx context.Context, a app.Activity) (app.Activity, error) {
	if strings.TrimSpace(a.Kind) == "" || strings.TrimSpace(a.Subject) == "" {
		return app.Activity{}, fmt.Errorf("add activity to opportunity %d: kind and subject are required: %w",
			a.OpportunityID, app.ErrInvalid)
	}

	row := activityToRow(a)
	row.ID, row.LeadID = 0, nil
	if row.CreatedAt.IsZero() {
		row.CreatedAt = s.now()
	}
	if !a.Done {
		row.Outcome = ""
	}

	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var count int64
		if err := tx.Table("opportunities").Where("id = ?", a.OpportunityID).Count(&count).Error; err != nil {
			return err
		}
		if count == 0 {
			return fmt.Errorf("opportunity %d: %w", a.OpportunityID, app.ErrNotFound)
		}

		setActivityOwner(tx, &row)
		if err := tx.Create(&row).Error; err != nil {
			return err
		}

		return auditActivity(tx, nil, row, s.now())
	})
	if err != nil {
		return app.Activity{}, fmt.Errorf("add activity to opportunity %d: %w", a.OpportunityID, err)
	}

	return row.toApp(), nil
}

// setActivityOwner makes the signed-in user the owner of a new activity
// that names none. Before [Store.SignIn] the owner stays empty.
func setActivityOwner(tx *gorm.DB, row *activityRow) {
	if row.OwnerID == nil {
		row.OwnerID = currentUserID(tx)
	}
}

// CompleteActivity marks activity id done and stores outcome, trimmed.
// An unknown id wraps [app.ErrNotFound].
func (s *Store) CompleteActivity(ctx context.Context, id int64, outcome string) error {
	return s.setActivityDone(ctx, "complete", id, true, strings.TrimSpace(outcome))
}

// ReopenActivity marks activity id open again and clears its outcome. An
// unknown id wraps [app.ErrNotFound].
func (s *Store) ReopenActivity(ctx context.Context, id int64) error {
	return s.setActivityDone(ctx, "reopen", id, false, "")
}

func (s *Store) setActivityDone(ctx context.Context, action string, id int64, done bool, outcome string) error {
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var rows []activityRow
		if err := tx.Where("id = ?", id).Find(&rows).Error; err != nil {
			return err
		}
		if len(rows) == 0 {
			return app.ErrNotFound
		}

		after := rows[0]
		after.Done, after.Outcome = done, outcome
		if after.Done == rows[0].Done && after.Outcome == rows[0].Outcome {
			return nil
		}

		update := `UPDATE activities SET done = ?, outcome = ?, ` + raiseVersionSQL + ` WHERE id = ?`
		if err := tx.Exec(update, done, outcome, id).Error; err != nil {
			return err
		}

		return auditActivity(tx, &rows[0], after, s.now())
	})
	if err != nil {
		return fmt.Errorf("%s activity %d: %w", action, id, err)
	}

	return nil
}

// todayActivityRow is an open activity with the title of its deal or the
// name parts of its lead.
type todayActivityRow struct {
	// Activity is exported because GORM skips unexported fields, also
	// embedded ones.
	Activity activityRow `gorm:"embedded"`

	OpportunityTitle string `gorm:"column:opportunity_title"`
	FirstName        string `gorm:"column:first_name"`
	LastName         string `gorm:"column:last_name"`
	CompanyName      string `gorm:"column:company_name"`
}

// nextStepRow is an open deal with a next step.
type nextStepRow struct {
	ID        int64  `gorm:"column:id"`
	Title     string `gorm:"column:title"`
	NextStep  string `gorm:"column:next_step"`
	CloseDate string `gorm:"column:close_date"`
}

const todayActivitiesSQL = `
SELECT a.*, COALESCE(o.title, '') AS opportunity_title, COALESCE(l.first_name, '') AS first_name,
	COALESCE(l.last_name, '') AS last_name, COALESCE(l.company_name, '') AS company_name
FROM activities a
LEFT JOIN opportunities o ON o.id = a.opportunity_id
LEFT JOIN leads l ON l.id = a.lead_id
WHERE a.done = 0 AND a.due IS NOT NULL AND a.due < ?
	AND (? = 0 OR COALESCE(a.owner_id, o.owner_id, l.owner_id) = ?)
ORDER BY a.due, a.id`

const todayNextStepsSQL = `
SELECT o.id, o.title, o.next_step, o.close_date
FROM opportunities o
JOIN stages st ON st.id = o.stage_id
WHERE st.kind = 'open' AND o.next_step <> '' AND o.close_date <> '' AND o.close_date <= ?
	AND (? = 0 OR o.owner_id = ?)
ORDER BY o.close_date, o.id`

// Today lists the open activities due before the end of q.Now's local
// day, oldest first, and then the open deals whose next step is due,
// oldest close date first. A next step is overdue when its close date is
// before q.Now's local day. A nonzero q.OwnerID keeps the activities
// whose own owner, or else the owner of their deal or lead, is that user,
// and the next steps of that user's deals.
func (s *Store) Today(ctx context.Context, q app.TodayQuery) ([]app.TodayItem, error) {
	now := q.Now
	var activities []todayActivityRow
	var steps []nextStepRow
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		err := tx.Raw(todayActivitiesSQL, app.EndOfDay(now).UTC(), q.OwnerID, q.OwnerID).Scan(&activities).Error
		if err != nil {
			return fmt.Errorf("read due activities: %w", err)
		}

		err = tx.Raw(todayNextStepsSQL, app.DateOf(now).String(), q.OwnerID, q.OwnerID).Scan(&steps).Error
		if err != nil {
			return fmt.Errorf("read due next steps: %w", err)
		}

		return nil
	}, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("list today: %w", err)
	}

	items := make([]app.TodayItem, 0, len(activities)+len(steps))
	for _, r := range activities {
		items = append(items, r.toTodayItem(now))
	}

	for _, r := range steps {
		item, err := r.toTodayItem(now)
		if err != nil {
			return nil, err
		}
		items = append(items, item)
	}

	return items, nil
}

func (r todayActivityRow) toTodayItem(now time.Time) app.TodayItem {
	a := r.Activity.toApp()
	kind := app.ClassifyDue(a.Due, now)
	item := app.TodayItem{
		Kind: kind, Activity: a, OpportunityID: a.OpportunityID, LeadID: a.LeadID,
		Due: a.Due, Overdue: kind == app.TodayOverdue,
	}

	if a.OpportunityID != 0 {
		item.Title = r.OpportunityTitle
	} else {
		item.Title = app.Lead{FirstName: r.FirstName, LastName: r.LastName, CompanyName: r.CompanyName}.Name()
	}

	return item
}

func (r nextStepRow) toTodayItem(now time.Time) (app.TodayItem, error) {
	closeDate, err := app.ParseDate(r.CloseDate)
	if err != nil {
		return app.TodayItem{}, fmt.Errorf("close date of opportunity %d: %w", r.ID, err)
	}

	due := time.Date(closeDate.Year, closeDate.Month, closeDate.Day, 0, 0, 0, 0, time.UTC)

	return app.TodayItem{
		Kind: app.TodayNextStep, OpportunityID: r.ID, Title: r.Title, NextStep: r.NextStep,
		Due: due, Overdue: closeDate.Before(app.DateOf(now)),
	}, nil
}
