package data

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
)

// The settings keys of [app.Preferences], one per field, so a later
// field adds a key without rewriting the stored ones.
const (
	settingHomeCurrency    = "home_currency"
	settingFiscalYearStart = "fiscal_year_start"
	settingLeadSources     = "lead_sources"
	settingDefaultIdleDays = "default_idle_days"
)

// Preferences returns the stored preferences, with the field of
// [app.DefaultPreferences] for each key that was never saved.
func (s *Store) Preferences(ctx context.Context) (app.Preferences, error) {
	tx := s.db.WithContext(ctx)
	p := app.DefaultPreferences()

	var month int
	fields := []struct {
		key   string
		value any
	}{
		{settingHomeCurrency, &p.HomeCurrency},
		{settingFiscalYearStart, &month},
		{settingLeadSources, &p.LeadSources},
		{settingDefaultIdleDays, &p.DefaultIdleDays},
	}

	for _, f := range fields {
		if _, err := readSetting(tx, f.key, f.value); err != nil {
			return app.Preferences{}, fmt.Errorf("read preferences: %w", err)
		}
	}

	if month != 0 {
		p.FiscalYearStart = time.Month(month)
	}

	return p, nil
}

// SavePreferences stores p in one transaction. It returns the
// [*app.PreferenceError] of [app.Preferences.Validate], which wraps
// [app.ErrInvalid], and stores nothing when p is invalid.
func (s *Store) SavePreferences(ctx context.Context, p app.Preferences) error {
	if err := p.Validate(); err != nil {
		return fmt.Errorf("save preferences: %w", err)
	}

	sources := p.LeadSources
	if sources == nil {
		sources = []string{}
	}

	now := s.now()
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		values := []struct {
			key   string
			value any
		}{
			{settingHomeCurrency, p.HomeCurrency},
			{settingFiscalYearStart, int(p.FiscalYearStart)},
			{settingLeadSources, sources},
			{settingDefaultIdleDays, p.DefaultIdleDays},
		}

		for _, v := range values {
			if err := writeSetting(tx, v.key, v.value, now); err != nil {
				return err
			}
		}

		return nil
	})
	if err != nil {
		return fmt.Errorf("save preferences: %w", err)
	}

	return nil
}
