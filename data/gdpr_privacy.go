package data

import (
	"context"
	"fmt"
	"log/slog"

	"gorm.io/gorm"

	"leadwerk/app"
)

var _ app.PrivacyService = (*Store)(nil)

// privacyRow is the GDPR columns that leads and contacts share.
type privacyRow struct {
	ConsentBasis       string `gorm:"column:consent_basis"`
	ConsentDate        string `gorm:"column:consent_date"`
	ConsentObtained    string `gorm:"column:consent_obtained"`
	ConsentWithdrawnOn string `gorm:"column:consent_withdrawn_on"`
	MarketingOptOut    bool   `gorm:"column:marketing_opt_out"`
}

const privacyColumns = "consent_basis, consent_date, consent_obtained, consent_withdrawn_on, marketing_opt_out"

func (r privacyRow) toApp(id int64) (app.Privacy, error) {
	date, err := parseStoredDate(r.ConsentDate, "consent_date", id)
	if err != nil {
		return app.Privacy{}, err
	}

	withdrawn, err := parseStoredDate(r.ConsentWithdrawnOn, "consent_withdrawn_on", id)
	if err != nil {
		return app.Privacy{}, err
	}

	return app.Privacy{
		Consent:     app.Consent{Basis: app.LegalBasis(r.ConsentBasis), Date: date, Obtained: r.ConsentObtained},
		WithdrawnOn: withdrawn, MarketingOptOut: r.MarketingOptOut,
	}, nil
}

// personTable returns the table of kind, or an error wrapping
// app.ErrInvalid for an unknown kind.
func personTable(kind app.PersonKind) (string, error) {
	switch kind {
	case app.PersonKindLead:
		return "leads", nil
	case app.PersonKindContact:
		return "contacts", nil
	default:
		return "", fmt.Errorf("person kind %q is not lead or contact: %w", kind, app.ErrInvalid)
	}
}

// Privacy returns the GDPR record of the lead or contact ref.
func (s *Store) Privacy(ctx context.Context, ref app.PersonRef) (app.Privacy, error) {
	table, err := personTable(ref.Kind)
	if err != nil {
		return app.Privacy{}, err
	}

	var rows []privacyRow
	err = s.db.WithContext(ctx).Raw(`SELECT `+privacyColumns+` FROM `+table+` WHERE id = ?`, ref.ID).
		Scan(&rows).Error
	if err != nil {
		return app.Privacy{}, fmt.Errorf("read privacy of %s %d: %w", ref.Kind, ref.ID, err)
	}
	if len(rows) == 0 {
		return app.Privacy{}, fmt.Errorf("%s %d: %w", ref.Kind, ref.ID, app.ErrNotFound)
	}

	return rows[0].toApp(ref.ID)
}

// SavePrivacy stores p on the lead or contact ref after
// [app.ValidatePrivacy], stamps the record's updated_at and raises its
// version.
func (s *Store) SavePrivacy(ctx context.Context, ref app.PersonRef, p app.Privacy) error {
	table, err := personTable(ref.Kind)
	if err != nil {
		return err
	}

	if err := app.ValidatePrivacy(p); err != nil {
		return fmt.Errorf("save privacy of %s %d: %w", ref.Kind, ref.ID, err)
	}

	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		result := tx.Exec(`UPDATE `+table+` SET consent_basis = ?, consent_date = ?, consent_obtained = ?,
			consent_withdrawn_on = ?, marketing_opt_out = ?, updated_at = ?, `+raiseVersionSQL+` WHERE id = ?`,
			string(p.Basis), p.Date.String(), p.Obtained, p.WithdrawnOn.String(), p.MarketingOptOut, s.now(), ref.ID)
		if result.Error != nil {
			return result.Error
		}
		if result.RowsAffected == 0 {
			return fmt.Errorf("%s %d: %w", ref.Kind, ref.ID, app.ErrNotFound)
		}

		return nil
	})
	if err != nil {
		return fmt.Errorf("save privacy of %s %d: %w", ref.Kind, ref.ID, err)
	}

	slog.Info("privacy saved", "kind", ref.Kind, "id", ref.ID)

	return nil
}
