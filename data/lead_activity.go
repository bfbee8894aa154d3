package data

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
)

// AddLeadActivity stores a on its lead and rescores the lead in the same
// transaction; the activities_touch_lead trigger moves the lead's
// last_activity_at forward. The activity is owned by the signed-in user
// when a has no owner. A missing kind or subject wraps [app.ErrInvalid]
// and an unknown lead [app.ErrNotFound].
func (s *Store) AddLeadActivity(ctx context.Context, a app.Activity) (app.Lead, error) {
	if strings.TrimSpace(a.Kind) == "" || strings.TrimSpace(a.Subject) == "" {
		return app.Lead{}, fmt.Errorf("add activity to lead %d: kind and subject are required: %w", a.LeadID, app.ErrInvalid)
	}

	var lead app.Lead
	err := s.changeLead(ctx, "add activity to", a.LeadID, func(tx *gorm.DB, row *leadRow, now time.Time) error {
		activity := activityToRow(a)
		activity.ID, activity.OpportunityID = 0, nil
		activity.LeadID = &row.ID
		if activity.CreatedAt.IsZero() {
			activity.CreatedAt = now
		}
		setActivityOwner(tx, &activity)

		if err := tx.Create(&activity).Error; err != nil {
			return err
		}

		return auditActivity(tx, nil, activity, now)
	})
	if err != nil {
		return app.Lead{}, err
	}

	detail, err := s.Lead(ctx, a.LeadID)
	if err == nil {
		lead = detail.Lead
	}

	return lead, err
}

// importLeadActivities adds the batch's lead activities to the leads the
// batch created, then rescores every lead so engagement counts.
func (im *importer) importLeadActivities() error {
	if len(im.batch.LeadActivities) == 0 {
		return nil
	}

	leadIDs, err := im.sourceRefIDs("leads")
	if err != nil {
		return err
	}

	var rows []activityRow
	for _, a := range im.batch.LeadActivities {
		id, ok := leadIDs[a.LeadRef]
		if !ok {
			return fmt.Errorf("activity of lead %q: lead not found in the batch or database: %w", a.LeadRef, app.ErrInvalid)
		}
		if !im.createdLeads[a.LeadRef] {
			continue
		}

		row := activityToRow(a.Activity)
		row.ID, row.OpportunityID, row.LeadID = 0, nil, &id
		if row.CreatedAt.IsZero() {
			row.CreatedAt = im.now
		}
		rows = append(rows, row)
	}

	if err := insertInBatches(im, rows, false); err != nil {
		return fmt.Errorf("insert lead activities: %w", err)
	}
	im.result.Activities += len(rows)

	_, err = rescoreAll(im.tx, im.now)

	return err
}
