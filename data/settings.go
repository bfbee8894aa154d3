package data

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os/user"
	"strings"
	"sync"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
)

// The keys of the settings table.
const (
	settingProfile    = "ideal_customer_profile"
	settingThresholds = "score_thresholds"
	settingUserName   = "user_name"
)

// Profile weights run from 1 to 10, as [app.ProfileCriterion] states.
const (
	minProfileWeight = 1
	maxProfileWeight = 10
)

type settingRow struct {
	Key   string `gorm:"column:key;primaryKey"`
	Value string `gorm:"column:value"`
}

func (settingRow) TableName() string { return "settings" }

// criterionJSON, profileJSON and thresholdsJSON fix the stored JSON
// names, so renaming a field of package app does not orphan stored data.
type criterionJSON struct {
	Value  string `json:"value"`
	Weight int    `json:"weight"`
}

type profileJSON struct {
	Industries []criterionJSON `json:"industries"`
	SizeBands  []criterionJSON `json:"size_bands"`
	Regions    []criterionJSON `json:"regions"`
	Personas   []criterionJSON `json:"personas"`
}

type thresholdsJSON struct {
	Hot  int `json:"hot"`
	Warm int `json:"warm"`
}

func criteriaToJSON(criteria []app.ProfileCriterion) []criterionJSON {
	stored := make([]criterionJSON, 0, len(criteria))
	for _, c := range criteria {
		stored = append(stored, criterionJSON(c))
	}

	return stored
}

func criteriaFromJSON(stored []criterionJSON) []app.ProfileCriterion {
	var criteria []app.ProfileCriterion
	for _, c := range stored {
		criteria = append(criteria, app.ProfileCriterion(c))
	}

	return criteria
}

// readSetting decodes the JSON value of key into v and reports whether
// the key was stored.
func readSetting(tx *gorm.DB, key string, v any) (bool, error) {
	var row settingRow
	err := tx.Where("key = ?", key).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read setting %s: %w", key, err)
	}

	if err := json.Unmarshal([]byte(row.Value), v); err != nil {
		return false, fmt.Errorf("read setting %s: %w", key, err)
	}

	return true, nil
}

func writeSetting(tx *gorm.DB, key string, v any, now time.Time) error {
	text, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode setting %s: %w", key, err)
	}

	err = tx.Exec(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
		key, string(text), now).Error
	if err != nil {
		return fmt.Errorf("save setting %s: %w", key, err)
	}

	return nil
}

func loadProfile(tx *gorm.DB) (app.IdealCustomerProfile, error) {
	var stored profileJSON
	if _, err := readSetting(tx, settingProfile, &stored); err != nil {
		return app.IdealCustomerProfile{}, err
	}

	return app.IdealCustomerProfile{
		Industries: criteriaFromJSON(stored.Industries),
		SizeBands:  criteriaFromJSON(stored.SizeBands),
		Regions:    criteriaFromJSON(stored.Regions),
		Personas:   criteriaFromJSON(stored.Personas),
	}, nil
}

// loadThresholds returns the stored thresholds, or
// [app.DefaultScoreThresholds] when none are stored.
func loadThresholds(tx *gorm.DB) (app.ScoreThresholds, error) {
	var stored thresholdsJSON
	found, err := readSetting(tx, settingThresholds, &stored)
	if err != nil || !found {
		return app.DefaultScoreThresholds(), err
	}

	return app.ScoreThresholds(stored), nil
}

// IdealCustomerProfile returns the stored profile; an empty one when the
// manager has not set it, which gives every lead 0 fit points.
func (s *Store) IdealCustomerProfile(ctx context.Context) (app.IdealCustomerProfile, error) {
	return loadProfile(s.db.WithContext(ctx))
}

// ScoreThresholds returns the stored thresholds, or
// [app.DefaultScoreThresholds] when the manager has not changed them.
func (s *Store) ScoreThresholds(ctx context.Context) (app.ScoreThresholds, error) {
	return loadThresholds(s.db.WithContext(ctx))
}

// SaveIdealCustomerProfile stores p and rescores every lead in the same
// transaction. A criterion with an empty value or a weight outside 1–10
// wraps [app.ErrInvalid].
func (s *Store) SaveIdealCustomerProfile(ctx context.Context, p app.IdealCustomerProfile) error {
	if err := validateProfile(p); err != nil {
		return err
	}

	return s.saveSettingAndRescore(ctx, settingProfile, profileToJSON(p))
}

func profileToJSON(p app.IdealCustomerProfile) profileJSON {
	return profileJSON{
		Industries: criteriaToJSON(p.Industries),
		SizeBands:  criteriaToJSON(p.SizeBands),
		Regions:    criteriaToJSON(p.Regions),
		Personas:   criteriaToJSON(p.Personas),
	}
}

// SaveScoreThresholds stores t and recomputes every lead's temperature in
// the same transaction. It wraps [app.ErrInvalid] unless
// [app.ValidateThresholds] accepts t.
func (s *Store) SaveScoreThresholds(ctx context.Context, t app.ScoreThresholds) error {
	if err := app.ValidateThresholds(t); err != nil {
		return err
	}

	return s.saveSettingAndRescore(ctx, settingThresholds, thresholdsJSON(t))
}

func (s *Store) saveSettingAndRescore(ctx context.Context, key string, value any) error {
	now := s.now()
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := writeSetting(tx, key, value, now); err != nil {
			return err
		}

		_, err := rescoreAll(tx, now)

		return err
	})
	if err != nil {
		return fmt.Errorf("save %s: %w", key, err)
	}

	return nil
}

func validateProfile(p app.IdealCustomerProfile) error {
	dimensions := []struct {
		name     string
		criteria []app.ProfileCriterion
	}{
		{"industry", p.Industries}, {"size band", p.SizeBands}, {"region", p.Regions}, {"persona", p.Personas},
	}

	for _, d := range dimensions {
		for _, c := range d.criteria {
			if c.Value == "" {
				return fmt.Errorf("profile %s criterion has no value: %w", d.name, app.ErrInvalid)
			}
			if c.Weight < minProfileWeight || c.Weight > maxProfileWeight {
				return fmt.Errorf("profile %s %q has weight %d, want %d to %d: %w",
					d.name, c.Value, c.Weight, minProfileWeight, maxProfileWeight, app.ErrInvalid)
			}
		}
	}

	return nil
}

// UserName returns the name of the signed-in user (see [Store.SignIn]).
// Before a sign-in it returns the saved user name, else the name of the
// operating system user as [systemUserName] picks it.
func (s *Store) UserName(ctx context.Context) (string, error) {
	name, err := currentUserName(s.db.WithContext(ctx))
	if err != nil {
		return "", fmt.Errorf("read user name: %w", err)
	}

	return name, nil
}

// SaveUserName stores name without leading and trailing spaces as the
// name of the signed-in user, which the owner text of the user's leads
// and deals follows. Before a sign-in it saves the name in the settings,
// where the first user created takes it from. A name that
// [app.CleanUserName] rejects wraps [app.ErrInvalid].
func (s *Store) SaveUserName(ctx context.Context, name string) error {
	clean, err := app.CleanUserName(name)
	if err != nil {
		return fmt.Errorf("save user name: %w", err)
	}

	now := s.now()
	signed, isSignedIn := s.CurrentUser()
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if !isSignedIn {
			return writeSetting(tx, settingUserName, clean, now)
		}

		signed, err = renameUser(tx, signed, clean, now)

		return err
	})
	if err != nil {
		return fmt.Errorf("save user name: %w", err)
	}

	if isSignedIn {
		s.setSignedIn(signed)
	}

	return nil
}

// currentUserName returns the name that every field and stage change
// written in tx records: the signed-in user's, else the saved one, else
// the operating system user's.
func currentUserName(tx *gorm.DB) (string, error) {
	if u, ok := signedInUser(tx); ok {
		return u.Name, nil
	}

	var name string
	found, err := readSetting(tx, settingUserName, &name)
	if err != nil {
		return "", err
	}

	if found && name != "" {
		return name, nil
	}

	u, err := user.Current()
	if err != nil {
		logUserLookupError(err)
	}

	return systemUserName(u, err), nil
}

var userLookupLogged sync.Once

// logUserLookupError logs a failed lookup of the operating system user
// once per process, because [user.Current] caches its result and every
// later change would log the same error again.
func logUserLookupError(err error) {
	userLookupLogged.Do(func() {
		slog.Warn("look up the operating system user for the change history", "err", err)
	})
}

// systemUserName returns the full name of u, else its login name, or ""
// when the lookup failed or neither name passes [app.CleanUserName].
// A Unix full name is the first comma-separated field of GECOS, and a
// Windows login name drops its "DOMAIN\" prefix.
func systemUserName(u *user.User, lookupErr error) string {
	if lookupErr != nil || u == nil {
		return ""
	}

	fullName, _, _ := strings.Cut(u.Name, ",")
	if name, err := app.CleanUserName(fullName); err == nil {
		return name
	}

	login := u.Username
	if i := strings.LastIndex(login, `\`); i >= 0 {
		login = login[i+1:]
	}

	if name, err := app.CleanUserName(login); err == nil {
		return name
	}

	return ""
}
