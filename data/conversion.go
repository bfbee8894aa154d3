package data

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
)

// ConvertLead turns a qualified or handed-over lead into a company, a
// contact and an opportunity in one transaction. The company is the
// oldest one whose folded name equals [app.NormalizeCompany] of the
// lead's company, or a new one. A lead without company gets none. The
// contact is the oldest one with the lead's e-mail address, ignoring
// case, or a new one with the buying role of the newest qualification.
// A lead with neither name nor e-mail gets no contact. The opportunity follows
// [app.PlanOpportunity] in pipeline r.PipelineID, starting with one stage
// change. Its owner is the lead's owner, linked to the user of that name,
// or the signed-in user when the lead has no owner. The lead's activities
// move to the opportunity and keep their lead, and the lead becomes
// Converted with links to all three records.
//
// For a converted lead the error is an [app.AlreadyConvertedError]. Another
// status, or a pipeline without open stage, wraps [app.ErrInvalid]. An
// unknown lead or pipeline wraps [app.ErrNotFound].
func (s *Store) ConvertLead(ctx context.Context, id int64, r app.ConversionRequest) (app.ConversionResult, error) {
	now := s.now()
	var result app.ConversionResult
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		c := converter{tx: tx, now: now}
		var err error
		result, err = c.convert(id, r)

		return err
	})
	if err != nil {
		return app.ConversionResult{}, fmt.Errorf("convert lead %d: %w", id, err)
	}

	return result, nil
}

// converter carries one ConvertLead transaction.
type converter struct {
	tx  *gorm.DB
	now time.Time
}

func (c converter) convert(id int64, r app.ConversionRequest) (app.ConversionResult, error) {
	row, err := takeLead(c.tx, id)
	if err != nil {
		return app.ConversionResult{}, err
	}

	status := app.LeadStatus(row.Status)
	if status == app.LeadConverted {
		return app.ConversionResult{}, &app.AlreadyConvertedError{LeadID: id, By: convertedBy(c.tx, id)}
	}
	if status != app.LeadQualified && status != app.LeadHandedOver {
		return app.ConversionResult{}, fmt.Errorf(
			"status is %s, but only a qualified or handed-over lead can be converted: %w", status, app.ErrInvalid)
	}

	audit, err := beginAudit(c.tx, app.EntityLead, id, c.now)
	if err != nil {
		return app.ConversionResult{}, err
	}

	pipeline, err := findPipeline(c.tx, r.PipelineID)
	if err != nil {
		return app.ConversionResult{}, err
	}
	if _, ok := app.FirstOpenStage(pipeline); !ok {
		return app.ConversionResult{}, fmt.Errorf("pipeline %q has no open stage: %w", pipeline.Name, app.ErrInvalid)
	}

	lead, err := row.toApp()
	if err != nil {
		return app.ConversionResult{}, err
	}

	q, err := newestQualification(c.tx, id)
	if err != nil {
		return app.ConversionResult{}, err
	}

	var result app.ConversionResult
	if result.CompanyID, result.CompanyCreated, err = c.matchCompany(lead); err != nil {
		return app.ConversionResult{}, err
	}
	if result.ContactID, result.ContactCreated, err = c.matchContact(lead, q, result.CompanyID); err != nil {
		return app.ConversionResult{}, err
	}
	if result.OpportunityID, err = c.createOpportunity(lead, q, pipeline, r.Title, result); err != nil {
		return app.ConversionResult{}, err
	}

	err = c.tx.Exec(`UPDATE activities SET opportunity_id = ?, `+raiseVersionSQL+`
		WHERE lead_id = ? AND opportunity_id IS NULL`, result.OpportunityID, id).Error
	if err != nil {
		return app.ConversionResult{}, fmt.Errorf("move activities: %w", err)
	}

	row.ConvertedCompanyID = optionalID(result.CompanyID)
	row.ConvertedContactID = optionalID(result.ContactID)
	row.ConvertedOpportunityID = optionalID(result.OpportunityID)
	row.ConvertedCompanyCreated, row.ConvertedContactCreated = result.CompanyCreated, result.ContactCreated
	err = c.tx.Model(&row).Select("converted_company_id", "converted_contact_id", "converted_opportunity_id",
		"converted_company_created", "converted_contact_created").Updates(&row).Error
	if err != nil {
		return app.ConversionResult{}, fmt.Errorf("link lead: %w", err)
	}

	if err := setStatus(c.tx, &row, app.LeadConverted, "", c.now); err != nil {
		return app.ConversionResult{}, err
	}

	if _, err := rescoreLead(c.tx, id, c.now); err != nil {
		return app.ConversionResult{}, err
	}

	if err := auditConversion(c.tx, audit, result); err != nil {
		return app.ConversionResult{}, err
	}

	return result, c.nameResult(&result)
}

// nameResult fills the names of the records a conversion created or
// matched, so the person reads them instead of ids.
func (c *converter) nameResult(r *app.ConversionResult) error {
	err := c.tx.Raw(`SELECT
			COALESCE((SELECT name FROM companies WHERE id = ?), ''),
			COALESCE((SELECT trim(first_name || ' ' || last_name) FROM contacts WHERE id = ?), ''),
			COALESCE((SELECT title FROM opportunities WHERE id = ?), '')`,
		r.CompanyID, r.ContactID, r.OpportunityID).Row().Scan(&r.CompanyName, &r.ContactName, &r.OpportunityTitle)
	if err != nil {
		return fmt.Errorf("read names of converted records: %w", err)
	}

	return nil
}

// convertedBy returns the current name of the user who last converted
// lead id, or "" when the audit log records no conversion. A failed read
// is logged and also returns "", because the name only adds to the message.
func convertedBy(tx *gorm.DB, id int64) string {
	var names []string
	err := tx.Raw(`SELECT COALESCE(u.name, a.changed_by) FROM audit_log a
		LEFT JOIN users u ON u.id = a.user_id
		WHERE a.entity_kind = ? AND a.entity_id = ? AND a.action = ? AND a.field = 'status' AND a.new_value = ?
		ORDER BY a.id DESC LIMIT 1`,
		string(app.EntityLead), id, string(app.AuditConvert), string(app.LeadConverted)).Scan(&names).Error
	if err != nil {
		slog.Warn("the user who converted the lead could not be read", "lead", id, "err", err)
		return ""
	}

	if len(names) == 0 {
		return ""
	}

	return names[0]
}

func findPipeline(tx *gorm.DB, id int64) (app.Pipeline, error) {
	pipelines, err := loadPipelines(tx)
	if err != nil {
		return app.Pipeline{}, err
	}

	for _, p := range pipelines {
		if p.ID == id {
			return p, nil
		}
	}

	return app.Pipeline{}, fmt.Errorf("pipeline %d: %w", id, app.ErrNotFound)
}

// matchCompany returns the company the lead works at, creating it when no
// company has the same folded name. It returns 0 for a lead without
// company name.
func (c converter) matchCompany(l app.Lead) (int64, bool, error) {
	key := app.NormalizeCompany(l.CompanyName)
	if key == "" {
		return 0, false, nil
	}

	var existing companyRow
	err := c.tx.Where("name_key = ?", key).Order("id").Take(&existing).Error
	if err == nil {
		return existing.ID, false, nil
	}
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		return 0, false, fmt.Errorf("look up company %q: %w", key, err)
	}

	row := companyToRow(app.Company{
		Name: strings.TrimSpace(l.CompanyName), Sector: l.Industry, Country: l.Country,
		CreatedAt: c.now, UpdatedAt: c.now,
	})
	if err := c.tx.Create(&row).Error; err != nil {
		return 0, false, fmt.Errorf("create company: %w", err)
	}

	return row.ID, true, nil
}

// matchContact returns the contact with the lead's e-mail address, or
// creates one at companyID. It returns 0 for a lead with neither name
// nor e-mail address.
func (c converter) matchContact(l app.Lead, q *app.Qualification, companyID int64) (int64, bool, error) {
	email := app.NormalizeEmail(l.Email)
	if email != "" {
		var existing contactRow
		err := c.tx.Where("email = ? COLLATE NOCASE AND email <> ''", email).Order("id").Take(&existing).Error
		if err == nil {
			return existing.ID, false, nil
		}
		if !errors.Is(err, gorm.ErrRecordNotFound) {
			return 0, false, fmt.Errorf("look up contact by e-mail: %w", err)
		}
	}

	if email == "" && strings.TrimSpace(l.FirstName+l.LastName) == "" {
		return 0, false, nil
	}

	row := contactRow{
		CompanyID: optionalID(companyID), FirstName: l.FirstName, LastName: l.LastName, Role: l.Role,
		Email: strings.TrimSpace(l.Email), Phone: l.Phone, CreatedAt: c.now, UpdatedAt: c.now,
	}
	if q != nil {
		row.BuyingRole = string(q.Authority)
	}
	if err := c.tx.Create(&row).Error; err != nil {
		return 0, false, fmt.Errorf("create contact: %w", err)
	}

	return row.ID, true, nil
}

func (c converter) createOpportunity(l app.Lead, q *app.Qualification, p app.Pipeline, title string,
	links app.ConversionResult,
) (int64, error) {
	today := app.DateOf(c.now)
	o := app.PlanOpportunity(l, q, p, today)
	if title = strings.TrimSpace(title); title != "" {
		o.Title = title
	}
	o.CompanyID, o.ContactID = links.CompanyID, links.ContactID
	o.StageEnteredOn = today
	o.CreatedAt, o.UpdatedAt = c.now, c.now

	row := opportunityToRow(o)
	if err := setNewOwner(c.tx, &row.Owner, &row.OwnerID); err != nil {
		return 0, err
	}
	if err := c.tx.Create(&row).Error; err != nil {
		return 0, fmt.Errorf("create opportunity: %w", err)
	}

	by, err := currentUserName(c.tx)
	if err != nil {
		return 0, err
	}

	first := stageChangeRow{
		OpportunityID: row.ID, ToStageID: row.StageID, At: c.now,
		AmountMinor: row.AmountMinor, AmountCurrency: row.AmountCurrency, Probability: row.Probability,
		ChangedBy: by,
	}
	if err := c.tx.Create(&first).Error; err != nil {
		return 0, fmt.Errorf("record first stage of opportunity: %w", err)
	}

	return row.ID, nil
}

// UndoConversion reverses the conversion of lead leadID while its
// opportunity is untouched: not updated since it was created, with only
// its first stage change and no activities but the lead's. It moves the
// activities back, deletes the opportunity, deletes the contact and the
// company if the conversion created them and nothing else refers to them
// by now, and returns the lead to the status it had before, recording
// that change. A lead that is not converted or a touched opportunity
// wraps [app.ErrInvalid].
func (s *Store) UndoConversion(ctx context.Context, leadID int64) error {
	now := s.now()
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		row, err := takeLead(tx, leadID)
		if err != nil {
			return err
		}

		if row.Status != string(app.LeadConverted) || row.ConvertedOpportunityID == nil {
			return fmt.Errorf("status is %s without a linked opportunity, so there is no conversion to undo: %w",
				row.Status, app.ErrInvalid)
		}

		opportunityID := *row.ConvertedOpportunityID
		if err := checkUntouched(tx, opportunityID, leadID); err != nil {
			return err
		}

		audit, err := beginAudit(tx, app.EntityLead, leadID, now)
		if err != nil {
			return err
		}

		previous, err := statusBeforeConversion(tx, leadID)
		if err != nil {
			return err
		}

		if err := removeConversion(tx, row, opportunityID); err != nil {
			return err
		}

		row.ConvertedCompanyID, row.ConvertedContactID, row.ConvertedOpportunityID = nil, nil, nil
		row.ConvertedCompanyCreated, row.ConvertedContactCreated = false, false
		if err := setStatus(tx, &row, previous, "", now); err != nil {
			return err
		}

		if _, err = rescoreLead(tx, leadID, now); err != nil {
			return err
		}

		return auditUndoneConversion(tx, audit, opportunityID)
	})
	if err != nil {
		return fmt.Errorf("undo conversion of lead %d: %w", leadID, err)
	}

	return nil
}

// checkUntouched returns an error wrapping [app.ErrInvalid] when the
// opportunity changed after the conversion of leadID created it.
func checkUntouched(tx *gorm.DB, opportunityID, leadID int64) error {
	var o opportunityRow
	if err := tx.Where("id = ?", opportunityID).Take(&o).Error; err != nil {
		return fmt.Errorf("read opportunity %d: %w", opportunityID, err)
	}

	var facts struct {
		StageChanges    int
		OtherActivities int
	}
	err := tx.Raw(`SELECT
		(SELECT COUNT(*) FROM stage_changes WHERE opportunity_id = ?) AS stage_changes,
		(SELECT COUNT(*) FROM activities WHERE opportunity_id = ? AND (lead_id IS NULL OR lead_id <> ?))
			AS other_activities`, opportunityID, opportunityID, leadID).Scan(&facts).Error
	if err != nil {
		return fmt.Errorf("read history of opportunity %d: %w", opportunityID, err)
	}

	if !o.UpdatedAt.Equal(o.CreatedAt) || facts.StageChanges != 1 || facts.OtherActivities != 0 {
		return fmt.Errorf("opportunity %d was changed after the conversion, so it cannot be undone: %w",
			opportunityID, app.ErrInvalid)
	}

	return nil
}

// statusBeforeConversion returns the status the newest change to
// Converted came from, or Qualified when none is recorded.
func statusBeforeConversion(tx *gorm.DB, leadID int64) (app.LeadStatus, error) {
	var from []string
	err := tx.Model(&leadStatusChangeRow{}).Where("lead_id = ? AND to_status = ?", leadID, app.LeadConverted).
		Order("at DESC, id DESC").Limit(1).Pluck("from_status", &from).Error
	if err != nil {
		return "", fmt.Errorf("read status before conversion: %w", err)
	}

	if len(from) == 0 || from[0] == "" {
		return app.LeadQualified, nil
	}

	return app.LeadStatus(from[0]), nil
}

// sqlStep is one statement of a sequence, named for its error message.
type sqlStep struct {
	what string
	sql  string
	args []any
}

// removeConversion moves the lead's activities back, unlinks the lead and
// deletes the opportunity and the records the conversion created.
func removeConversion(tx *gorm.DB, row leadRow, opportunityID int64) error {
	steps := []sqlStep{
		{"move activities back", `UPDATE activities SET opportunity_id = NULL, ` + raiseVersionSQL + `
			WHERE lead_id = ? AND opportunity_id = ?`, []any{row.ID, opportunityID}},
		{"unlink lead", `UPDATE leads SET converted_company_id = NULL, converted_contact_id = NULL,
			converted_opportunity_id = NULL, converted_company_created = 0, converted_contact_created = 0
			WHERE id = ?`, []any{row.ID}},
		{"delete opportunity", `DELETE FROM opportunities WHERE id = ?`, []any{opportunityID}},
	}

	if id := idOf(row.ConvertedContactID); id != 0 && row.ConvertedContactCreated {
		steps = append(steps, sqlStep{"delete contact", `DELETE FROM contacts WHERE id = ?
			AND NOT EXISTS (SELECT 1 FROM opportunities WHERE contact_id = ?)
			AND NOT EXISTS (SELECT 1 FROM leads WHERE converted_contact_id = ?)`, []any{id, id, id}})
	}

	if id := idOf(row.ConvertedCompanyID); id != 0 && row.ConvertedCompanyCreated {
		steps = append(steps, sqlStep{"delete company", `DELETE FROM companies WHERE id = ?
			AND NOT EXISTS (SELECT 1 FROM opportunities WHERE company_id = ?)
			AND NOT EXISTS (SELECT 1 FROM contacts WHERE company_id = ?)
			AND NOT EXISTS (SELECT 1 FROM companies WHERE parent_id = ?)
			AND NOT EXISTS (SELECT 1 FROM leads WHERE converted_company_id = ?)`, []any{id, id, id, id, id}})
	}

	for _, step := range steps {
		if err := tx.Exec(step.sql, step.args...).Error; err != nil {
			return fmt.Errorf("%s: %w", step.what, err)
		}
	}

	return nil
}
