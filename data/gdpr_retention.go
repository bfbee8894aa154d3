package data

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"leadwerk/app"
)

// settingRetentionMonths is the settings key of the retention period, a
// JSON number of months.
const settingRetentionMonths = "gdpr.retention_months"

// RetentionMonths returns the stored retention period, or
// app.DefaultRetentionMonths when none is stored.
func (s *Store) RetentionMonths(ctx context.Context) (int, error) {
	months := app.DefaultRetentionMonths
	if _, err := readSetting(s.db.WithContext(ctx), settingRetentionMonths, &months); err != nil {
		return 0, err
	}

	return months, nil
}

// SaveRetentionMonths stores the retention period after
// app.ValidateRetentionMonths.
func (s *Store) SaveRetentionMonths(ctx context.Context, months int) error {
	if err := app.ValidateRetentionMonths(months); err != nil {
		return fmt.Errorf("save retention period: %w", err)
	}

	return writeSetting(s.db.WithContext(ctx), settingRetentionMonths, months, s.now())
}

type staleLeadRow struct {
	ID             int64      `gorm:"column:id"`
	FirstName      string     `gorm:"column:first_name"`
	LastName       string     `gorm:"column:last_name"`
	CompanyName    string     `gorm:"column:company_name"`
	Email          string     `gorm:"column:email"`
	Status         string     `gorm:"column:status"`
	LastActivityAt *time.Time `gorm:"column:last_activity_at"`
	CreatedAt      time.Time  `gorm:"column:created_at"`
}

// StaleLeads returns the leads whose newest activity, or creation when
// they have none, lies before app.RetentionCutoff(now, months), oldest
// first. It reads the last_activity_at column that a trigger keeps.
func (s *Store) StaleLeads(ctx context.Context, now time.Time, months int) ([]app.StaleLead, error) {
	if err := app.ValidateRetentionMonths(months); err != nil {
		return nil, fmt.Errorf("list stale leads: %w", err)
	}

	cutoff := app.RetentionCutoff(now, months)
	var rows []staleLeadRow
	err := s.db.WithContext(ctx).Raw(`SELECT id, first_name, last_name, company_name, email, status,
			last_activity_at, created_at
		FROM leads WHERE COALESCE(last_activity_at, created_at) < ?
		ORDER BY COALESCE(last_activity_at, created_at), id`, cutoff).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("list stale leads: %w", err)
	}

	leads := make([]app.StaleLead, len(rows))
	for i, r := range rows {
		lead := app.Lead{FirstName: r.FirstName, LastName: r.LastName, CompanyName: r.CompanyName}
		last := r.CreatedAt
		if r.LastActivityAt != nil {
			last = *r.LastActivityAt
		}
		leads[i] = app.StaleLead{ID: r.ID, Name: lead.Name(), Company: r.CompanyName, Email: r.Email,
			Status: app.LeadStatus(r.Status), LastActivity: last.UTC()}
	}

	return leads, nil
}

// DeleteLeads moves the leads ids with their activities and history to
// the trash, one transaction per lead, and returns how many it moved. An
// id that is already gone is skipped. The trash empties items older than
// app.TrashRetention.
func (s *Store) DeleteLeads(ctx context.Context, ids []int64) (int, error) {
	deleted := 0
	for _, id := range ids {
		_, err := s.Delete(ctx, app.EntityLead, id)
		if errors.Is(err, app.ErrNotFound) {
			continue
		}
		if err != nil {
			return deleted, fmt.Errorf("delete stale lead %d: %w", id, err)
		}
		deleted++
	}

	slog.Info("stale leads moved to the trash", "requested", len(ids), "deleted", deleted)

	return deleted, nil
}
