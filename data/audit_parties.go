package data

import (
	"fmt"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
)

// auditDealContact records a linked or changed deal contact on its deal
// as field "contact_link", its value the contact's name, role and, when
// set, "primary".
func auditDealContact(tx *gorm.DB, c app.DealContact, at time.Time) error {
	name, err := recordName(tx, "contact", c.ContactID)
	if err != nil {
		return err
	}

	value := fmt.Sprintf("%s (%s)", name, c.Role)
	if c.Primary {
		value += " primary"
	}

	_, err = auditEvent(tx, app.EntityOpportunity, c.OpportunityID, app.AuditParties, "contact_link", nil, &value, at)

	return err
}

// auditContactUnlinked records that contact contactID left deal dealID.
func auditContactUnlinked(tx *gorm.DB, dealID, contactID int64, at time.Time) error {
	name, err := recordName(tx, "contact", contactID)
	if err != nil {
		return err
	}

	_, err = auditEvent(tx, app.EntityOpportunity, dealID, app.AuditParties, "contact_link", &name, nil, at)

	return err
}

// auditCompetitor records a competitor of a deal as it is saved: its old
// and new name and status, or no old value for a new competitor.
func auditCompetitor(tx *gorm.DB, c competitorRow, at time.Time) error {
	var old *string
	if c.ID != 0 {
		var stored []competitorRow
		if err := tx.Where("id = ?", c.ID).Find(&stored).Error; err != nil {
			return fmt.Errorf("read competitor %d: %w", c.ID, err)
		}
		if len(stored) > 0 {
			text := stored[0].Name + " (" + stored[0].Status + ")"
			old = &text
		}
	}

	value := c.Name + " (" + c.Status + ")"
	if old != nil && *old == value {
		return nil
	}

	_, err := auditEvent(tx, app.EntityOpportunity, c.OpportunityID, app.AuditParties, "competitor", old, &value, at)

	return err
}

// auditConversion records the converted lead's changed columns and every
// record the conversion created.
func auditConversion(tx *gorm.DB, lead *rowAudit, r app.ConversionResult) error {
	if _, err := lead.finish(app.AuditConvert); err != nil {
		return err
	}

	created := []struct {
		kind app.EntityKind
		id   int64
		new  bool
	}{
		{app.EntityCompany, r.CompanyID, r.CompanyCreated},
		{app.EntityContact, r.ContactID, r.ContactCreated},
		{app.EntityOpportunity, r.OpportunityID, true},
	}
	for _, c := range created {
		if c.id == 0 || !c.new {
			continue
		}
		if err := auditCreated(tx, c.kind, c.id, lead.at); err != nil {
			return err
		}
	}

	return nil
}

// auditUndoneConversion records the lead's columns that undoing its
// conversion changed and the removal of its opportunity.
func auditUndoneConversion(tx *gorm.DB, lead *rowAudit, opportunityID int64) error {
	if _, err := lead.finish(app.AuditConvert); err != nil {
		return err
	}

	_, err := auditEvent(tx, app.EntityOpportunity, opportunityID, app.AuditDelete, "", nil, nil, lead.at)

	return err
}
