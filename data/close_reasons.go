package data

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"leadwerk/app"
)

// settingCloseReasons is the settings key of the won and lost reasons.
const settingCloseReasons = "close_reasons"

var _ app.CloseReasonService = (*Store)(nil)

// closeReasonsJSON fixes the stored JSON names of [app.CloseReasons].
type closeReasonsJSON struct {
	Won  []string `json:"won"`
	Lost []string `json:"lost"`
}

// CloseReasons returns the stored reasons, or [app.DefaultCloseReasons]
// when the manager has not saved any.
func (s *Store) CloseReasons(ctx context.Context) (app.CloseReasons, error) {
	var stored closeReasonsJSON
	found, err := readSetting(s.db.WithContext(ctx), settingCloseReasons, &stored)
	if err != nil {
		return app.CloseReasons{}, err
	}
	if !found {
		return app.DefaultCloseReasons(), nil
	}

	return app.CloseReasons{Won: nonNil(stored.Won), Lost: nonNil(stored.Lost)}, nil
}

// SaveCloseReasons trims r and stores it. It wraps [app.ErrInvalid]
// unless [app.ValidateCloseReasons] accepts the trimmed lists. Deals
// closed earlier keep their reason text.
func (s *Store) SaveCloseReasons(ctx context.Context, r app.CloseReasons) error {
	r = r.Trimmed()
	if err := app.ValidateCloseReasons(r); err != nil {
		return err
	}

	now := s.now()
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return writeSetting(tx, settingCloseReasons, closeReasonsJSON(r), now)
	})
	if err != nil {
		return fmt.Errorf("save close reasons: %w", err)
	}

	return nil
}

// nonNil turns a list stored as JSON null into an empty list.
func nonNil(reasons []string) []string {
	if reasons == nil {
		return []string{}
	}

	return reasons
}
