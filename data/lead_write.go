package data

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
)

// validationError lists the invalid fields of a lead form, such as
// "name (required), email (invalid_email)", wrapping [app.ErrInvalid].
func validationError(errs []app.FieldError) error {
	parts := make([]string, 0, len(errs))
	for _, e := range errs {
		parts = append(parts, e.Field+" ("+e.Code+")")
	}

	return fmt.Errorf("lead fields are invalid: %s: %w", strings.Join(parts, ", "), app.ErrInvalid)
}

func checkLeadValues(l app.Lead, today app.Date) error {
	if errs := app.ValidateLead(l, today); len(errs) > 0 {
		return validationError(errs)
	}

	if l.Status != "" && !slices.Contains(app.LeadStatuses(), l.Status) {
		return fmt.Errorf("lead status %q is unknown: %w", l.Status, app.ErrInvalid)
	}

	switch l.Temperature {
	case "", app.Hot, app.Warm, app.Cold:
	default:
		return fmt.Errorf("lead temperature %q is unknown: %w", l.Temperature, app.ErrInvalid)
	}

	return nil
}

// CreateLead validates l with [app.ValidateLead] and stores it with its
// duplicate keys, score and temperature. Status defaults to New. The
// conversion links of l are ignored, and a temperature is kept only when
// l marks it as set by hand. Invalid fields wrap [app.ErrInvalid] in an
// error that names each field and its rule.
func (s *Store) CreateLead(ctx context.Context, l app.Lead) (app.Lead, error) {
	now := s.now()
	if err := checkLeadValues(l, app.DateOf(now)); err != nil {
		return app.Lead{}, err
	}

	row := leadToRow(l)
	row.ID = 0
	row.ConvertedCompanyID, row.ConvertedContactID, row.ConvertedOpportunityID = nil, nil, nil
	row.CreatedAt, row.UpdatedAt = now, now
	row.Version = 1

	var created app.Lead
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := setNewOwner(tx, &row.Owner, &row.OwnerID); err != nil {
			return err
		}

		sc, err := newScorer(tx, now)
		if err != nil {
			return err
		}

		stored, err := row.toApp()
		if err != nil {
			return err
		}
		sc.apply(&row, stored, nil, 0)

		if err := tx.Create(&row).Error; err != nil {
			return err
		}

		if err := auditCreated(tx, app.EntityLead, row.ID, now); err != nil {
			return err
		}

		created, err = row.toApp()

		return err
	})
	if err != nil {
		return app.Lead{}, fmt.Errorf("create lead: %w", err)
	}

	return created, nil
}

// UpdateLead saves the form fields of l, zero values included, with new
// duplicate keys and a new score, and counts up the lead's version. The
// owner text links the lead to the user of that name. Status,
// temperature, hand-over, conversion links, last activity, source
// reference and creation time keep their stored values, because other
// methods own them. When l.Version is not 0 and someone saved the lead
// after l was read, UpdateLead saves nothing and returns an error
// wrapping a *[app.ConflictError] with the stored lead.
func (s *Store) UpdateLead(ctx context.Context, l app.Lead) (app.Lead, error) {
	now := s.now()
	if err := checkLeadValues(l, app.DateOf(now)); err != nil {
		return app.Lead{}, err
	}

	var updated app.Lead
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		stored, version, err := takeLeadVersion(tx, l.ID, l.Version)
		if err != nil {
			return err
		}

		audit, err := beginAudit(tx, app.EntityLead, l.ID, now)
		if err != nil {
			return err
		}

		row := leadToRow(l)
		row.TemperatureManual, row.Temperature = stored.TemperatureManual, stored.Temperature
		row.UpdatedAt = now
		if err := writeLeadForm(tx, row, version); err != nil {
			return err
		}

		if updated, err = rescoreLead(tx, l.ID, now); err != nil {
			return err
		}

		_, err = audit.finish(app.AuditEdit)

		return err
	})
	if err != nil {
		return app.Lead{}, fmt.Errorf("update lead %d: %w", l.ID, err)
	}

	return updated, nil
}

// FindDuplicates returns the stored leads that [app.IsLikelyDuplicate]
// matches with l, by id, leaving out l itself when it has an ID. It looks
// them up by the stored keys, so it reads no more than the candidates.
func (s *Store) FindDuplicates(ctx context.Context, l app.Lead) ([]app.Lead, error) {
	keys := app.KeysOf(l)

	var terms []string
	var args []any
	if keys.Email != "" {
		terms = append(terms, "email_key = ?")
		args = append(args, keys.Email)
	}
	if keys.Name != "" && keys.Company != "" {
		terms = append(terms, "(name_key = ? AND company_key = ?)")
		args = append(args, keys.Name, keys.Company)
	}
	if len(terms) == 0 {
		return nil, nil
	}

	var rows []leadRow
	err := s.db.WithContext(ctx).Where("("+strings.Join(terms, " OR ")+")", args...).
		Where("id <> ?", l.ID).Order("id").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("find duplicates of lead %d: %w", l.ID, err)
	}

	var matches []leadRow
	for _, r := range rows {
		if app.IsLikelyDuplicate(keys, app.DuplicateKeys{Email: r.EmailKey, Name: r.NameKey, Company: r.CompanyKey}) {
			matches = append(matches, r)
		}
	}

	return leadsOf(matches)
}

// changeLead runs change on the stored lead id in one transaction and
// then rescores the lead. Errors are wrapped with action and the id.
func (s *Store) changeLead(ctx context.Context, action string, id int64,
	change func(tx *gorm.DB, row *leadRow, now time.Time) error,
) error {
	now := s.now()
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		row, err := takeLead(tx, id)
		if err != nil {
			return err
		}

		audit, err := beginAudit(tx, app.EntityLead, id, now)
		if err != nil {
			return err
		}

		if err := change(tx, &row, now); err != nil {
			return err
		}

		if _, err = rescoreLead(tx, id, now); err != nil {
			return err
		}

		_, err = audit.finish(app.AuditStatus)

		return err
	})
	if err != nil {
		return fmt.Errorf("%s lead %d: %w", action, id, err)
	}

	return nil
}

// setStatus moves row to status to, records the change with reason and
// writes the status columns. Leaving HandedOver clears the hand-over, and
// the disqualification reason is kept only while disqualified.
func setStatus(tx *gorm.DB, row *leadRow, to app.LeadStatus, reason string, now time.Time) error {
	from := row.Status
	row.Status = string(to)
	row.UpdatedAt = now
	row.DisqualifyReason = ""
	if to == app.LeadDisqualified {
		row.DisqualifyReason = reason
	}
	if to == app.LeadHandedOver && row.HandedOverAt == nil {
		row.HandedOverAt = &now
	}
	if to != app.LeadHandedOver && to != app.LeadConverted {
		row.HandedOverBy, row.HandedOverAt = "", nil
	}

	err := tx.Model(row).
		Select("status", "disqualify_reason", "handed_over_by", "handed_over_at", "updated_at").
		Updates(row).Error
	if err != nil {
		return fmt.Errorf("save status: %w", err)
	}

	change := leadStatusChangeRow{LeadID: row.ID, FromStatus: from, ToStatus: string(to), Reason: reason, At: now}
	if err := tx.Create(&change).Error; err != nil {
		return fmt.Errorf("record status change: %w", err)
	}

	return nil
}

// ChangeLeadStatus moves a lead as [app.CheckStatusChange] allows, which
// wraps [app.ErrInvalid] otherwise, and records the change. A move to
// HandedOver records the time but no person; [Store.HandOver] records both.
func (s *Store) ChangeLeadStatus(ctx context.Context, id int64, to app.LeadStatus, reason string) error {
	reason = strings.TrimSpace(reason)

	return s.changeLead(ctx, "change status of", id, func(tx *gorm.DB, row *leadRow, now time.Time) error {
		if err := app.CheckStatusChange(app.LeadStatus(row.Status), to, reason); err != nil {
			return err
		}

		return setStatus(tx, row, to, reason, now)
	})
}

// HandOver passes a qualified lead to sales, recording by and the time
// and a status change. Another status or an empty by wraps
// [app.ErrInvalid].
func (s *Store) HandOver(ctx context.Context, id int64, by string) error {
	by = strings.TrimSpace(by)
	if by == "" {
		return fmt.Errorf("hand over lead %d: the person handing over is missing: %w", id, app.ErrInvalid)
	}

	return s.changeLead(ctx, "hand over", id, func(tx *gorm.DB, row *leadRow, now time.Time) error {
		if row.Status != string(app.LeadQualified) {
			return fmt.Errorf("status is %s, but only a qualified lead can be handed over: %w", row.Status, app.ErrInvalid)
		}

		row.HandedOverBy, row.HandedOverAt = by, &now

		return setStatus(tx, row, app.LeadHandedOver, "", now)
	})
}

// SetTemperature sets the temperature by hand and marks it so, or with
// an empty t returns to the temperature the score earns. Another value
// wraps [app.ErrInvalid].
func (s *Store) SetTemperature(ctx context.Context, id int64, t app.Temperature) error {
	switch t {
	case "", app.Hot, app.Warm, app.Cold:
	default:
		return fmt.Errorf("set temperature of lead %d: temperature %q is unknown: %w", id, t, app.ErrInvalid)
	}

	return s.changeLead(ctx, "set temperature of", id, func(tx *gorm.DB, row *leadRow, now time.Time) error {
		row.TemperatureManual = t != ""
		if t != "" {
			row.Temperature = string(t)
		}
		row.UpdatedAt = now

		// rescoreLead, which runs next, recomputes the temperature when
		// the manual mark is cleared.
		return tx.Model(row).Select("temperature", "temperature_manual", "updated_at").Updates(row).Error
	})
}

// SaveQualification adds q to its lead's history as given, so unanswered
// parts stay empty, and rescores the lead with it as the newest. It
// returns the rescored lead. An unknown budget status, authority role or
// timeframe, a need priority outside 0–5, a negative budget or a budget
// without currency wraps [app.ErrInvalid]. An unknown lead wraps
// [app.ErrNotFound].
func (s *Store) SaveQualification(ctx context.Context, q app.Qualification) (app.Lead, error) {
	if err := checkQualification(q); err != nil {
		return app.Lead{}, fmt.Errorf("save qualification of lead %d: %w", q.LeadID, err)
	}

	now := s.now()
	var lead app.Lead
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if _, err := takeLead(tx, q.LeadID); err != nil {
			return err
		}

		row := qualificationToRow(q)
		row.ID, row.CreatedAt = 0, now
		if err := tx.Create(&row).Error; err != nil {
			return err
		}

		if err := auditQualification(tx, q, now); err != nil {
			return err
		}

		err := tx.Model(&leadRow{ID: q.LeadID}).Update("updated_at", now).Error
		if err != nil {
			return err
		}

		lead, err = rescoreLead(tx, q.LeadID, now)

		return err
	})
	if err != nil {
		return app.Lead{}, fmt.Errorf("save qualification of lead %d: %w", q.LeadID, err)
	}

	return lead, nil
}

func checkQualification(q app.Qualification) error {
	switch q.Budget {
	case "", app.BudgetConfirmed, app.BudgetIndicated, app.BudgetUnknown, app.BudgetNone:
	default:
		return fmt.Errorf("budget status %q is unknown: %w", q.Budget, app.ErrInvalid)
	}

	switch q.Authority {
	case "", app.DecisionMaker, app.Influencer, app.User, app.Gatekeeper:
	default:
		return fmt.Errorf("authority role %q is unknown: %w", q.Authority, app.ErrInvalid)
	}

	switch q.Timeframe {
	case app.TimeframeUnset, app.TimeUnder1Month, app.Time1To3Months, app.Time3To6Months,
		app.Time6To12Months, app.TimeOver12Months, app.TimeframeUnknown:
	default:
		return fmt.Errorf("timeframe %q is unknown: %w", q.Timeframe, app.ErrInvalid)
	}

	if q.NeedPriority < 0 || q.NeedPriority > 5 {
		return fmt.Errorf("need priority %d is outside 0 to 5: %w", q.NeedPriority, app.ErrInvalid)
	}

	for _, m := range []app.Money{q.BudgetAmount, q.BudgetUpTo} {
		if m.Minor < 0 {
			return fmt.Errorf("budget %s is negative: %w", m, app.ErrInvalid)
		}
		if m.Minor > 0 && m.Currency == "" {
			return fmt.Errorf("budget amount %d has no currency: %w", m.Minor, app.ErrInvalid)
		}
	}

	return nil
}
