package data

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
)

var _ app.DealPartiesService = (*Store)(nil)

// dealContactColumns selects an [app.DealContact] from opportunity_contacts
// oc joined with contacts c.
const dealContactColumns = `oc.id, oc.opportunity_id, oc.contact_id,
	` + contactNameSQL + ` AS name, c.email, oc.role, oc.is_primary`

// contactNameSQL is the full name of contact c. ORDER BY repeats it,
// because PostgreSQL accepts an output column's alias there only on its
// own, not inside an expression such as name COLLATE NOCASE.
const contactNameSQL = `trim(c.first_name || ' ' || c.last_name)`

// dealContactView is one row of dealContactColumns.
type dealContactView struct {
	ID            int64
	OpportunityID int64
	ContactID     int64
	Name          string
	Email         string
	Role          string
	IsPrimary     bool
}

func (v dealContactView) toApp() app.DealContact {
	return app.DealContact{ID: v.ID, OpportunityID: v.OpportunityID, ContactID: v.ContactID, Name: v.Name,
		Email: v.Email, Role: app.DealRole(v.Role), Primary: v.IsPrimary}
}

// dealRef is the part of an opportunity that linking contacts reads.
type dealRef struct {
	ID        int64
	CompanyID *int64
	ContactID *int64
}

// partiesError lists the invalid fields of a deal contact or competitor,
// such as "competitor fields are invalid: name (required)", wrapping
// [app.ErrInvalid].
func partiesError(form string, errs []app.FieldError) error {
	parts := make([]string, 0, len(errs))
	for _, e := range errs {
		parts = append(parts, e.Field+" ("+e.Code+")")
	}

	return fmt.Errorf("%s fields are invalid: %s: %w", form, strings.Join(parts, ", "), app.ErrInvalid)
}

func loadDealRef(tx *gorm.DB, id int64) (dealRef, error) {
	var refs []dealRef
	if err := tx.Raw(`SELECT id, company_id, contact_id FROM opportunities WHERE id = ?`, id).
		Scan(&refs).Error; err != nil {
		return dealRef{}, fmt.Errorf("read opportunity %d: %w", id, err)
	}

	if len(refs) == 0 {
		return dealRef{}, fmt.Errorf("opportunity %d: %w", id, app.ErrNotFound)
	}

	return refs[0], nil
}

// DealContacts returns the contacts of deal oppID, the primary first, then
// by name. An unknown deal wraps [app.ErrNotFound].
func (s *Store) DealContacts(ctx context.Context, oppID int64) ([]app.DealContact, error) {
	var views []dealContactView
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if _, err := loadDealRef(tx, oppID); err != nil {
			return err
		}

		return tx.Raw(`SELECT `+dealContactColumns+`
			FROM opportunity_contacts oc JOIN contacts c ON c.id = oc.contact_id
			WHERE oc.opportunity_id = ?
			ORDER BY oc.is_primary DESC, `+contactNameSQL+` COLLATE NOCASE, oc.id`, oppID).Scan(&views).Error
	})
	if err != nil {
		return nil, fmt.Errorf("list contacts of opportunity %d: %w", oppID, err)
	}

	contacts := make([]app.DealContact, 0, len(views))
	for _, v := range views {
		contacts = append(contacts, v.toApp())
	}

	return contacts, nil
}

// ContactCandidates returns the contacts of the deal's company that are not
// linked to deal oppID, by name, with ID 0 and no role. An unknown deal
// wraps [app.ErrNotFound].
func (s *Store) ContactCandidates(ctx context.Context, oppID int64) ([]app.DealContact, error) {
	var views []dealContactView
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if _, err := loadDealRef(tx, oppID); err != nil {
			return err
		}

		return tx.Raw(`SELECT o.id AS opportunity_id, c.id AS contact_id,
				`+contactNameSQL+` AS name, c.email
			FROM opportunities o JOIN contacts c ON c.company_id = o.company_id
			WHERE o.id = ? AND NOT EXISTS (SELECT 1 FROM opportunity_contacts oc
				WHERE oc.opportunity_id = o.id AND oc.contact_id = c.id)
			ORDER BY `+contactNameSQL+` COLLATE NOCASE, c.id`, oppID).Scan(&views).Error
	})
	if err != nil {
		return nil, fmt.Errorf("list contact candidates of opportunity %d: %w", oppID, err)
	}

	contacts := make([]app.DealContact, 0, len(views))
	for _, v := range views {
		contacts = append(contacts, v.toApp())
	}

	return contacts, nil
}

// SaveDealContact validates c with [app.ValidateDealContact] and links the
// contact to its deal, or changes the role and primary mark of link c.ID.
// An existing link keeps its contact. ContactID 0 creates a contact from
// Name and Email at the deal's company. A primary contact becomes the
// opportunity's contact, and unmarking the primary clears it, both
// recorded as a field change. Linking a contact twice wraps
// [app.ErrInvalid]; an unknown deal, contact or link wraps [app.ErrNotFound].
func (s *Store) SaveDealContact(ctx context.Context, c app.DealContact) (app.DealContact, error) {
	if errs := app.ValidateDealContact(c); len(errs) > 0 {
		return app.DealContact{}, partiesError("deal contact", errs)
	}

	now := s.now()
	var saved dealContactView
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		deal, err := loadDealRef(tx, c.OpportunityID)
		if err != nil {
			return err
		}

		link, wasPrimary, err := prepareLink(tx, deal, c, now)
		if err != nil {
			return err
		}

		if err := storeLink(tx, link); err != nil {
			return err
		}

		if err := auditDealContact(tx, link, now); err != nil {
			return err
		}

		if err := syncDealContact(tx, deal, link, wasPrimary, now); err != nil {
			return err
		}

		return tx.Raw(`SELECT `+dealContactColumns+`
			FROM opportunity_contacts oc JOIN contacts c ON c.id = oc.contact_id
			WHERE oc.opportunity_id = ? AND oc.contact_id = ?`, link.OpportunityID, link.ContactID).
			Scan(&saved).Error
	})
	if err != nil {
		return app.DealContact{}, fmt.Errorf("save contact of opportunity %d: %w", c.OpportunityID, err)
	}

	return saved.toApp(), nil
}

// prepareLink returns c with the contact it links and whether the link was
// primary before. It reads an existing link, checks an existing contact or
// creates a new one.
func prepareLink(tx *gorm.DB, deal dealRef, c app.DealContact, now time.Time) (app.DealContact, bool, error) {
	if c.ID != 0 {
		var old []dealContactView
		err := tx.Raw(`SELECT id, opportunity_id, contact_id, is_primary FROM opportunity_contacts
			WHERE id = ? AND opportunity_id = ?`, c.ID, deal.ID).Scan(&old).Error
		if err != nil {
			return c, false, fmt.Errorf("read deal contact %d: %w", c.ID, err)
		}
		if len(old) == 0 {
			return c, false, fmt.Errorf("deal contact %d: %w", c.ID, app.ErrNotFound)
		}
		c.ContactID = old[0].ContactID

		return c, old[0].IsPrimary, nil
	}

	if c.ContactID == 0 {
		id, err := createDealContact(tx, deal, c, now)
		c.ContactID = id

		return c, false, err
	}

	var found []int64
	if err := tx.Raw(`SELECT id FROM contacts WHERE id = ?`, c.ContactID).Scan(&found).Error; err != nil {
		return c, false, fmt.Errorf("read contact %d: %w", c.ContactID, err)
	}
	if len(found) == 0 {
		return c, false, fmt.Errorf("contact %d: %w", c.ContactID, app.ErrNotFound)
	}

	var linked int64
	err := tx.Raw(`SELECT COUNT(*) FROM opportunity_contacts WHERE opportunity_id = ? AND contact_id = ?`,
		deal.ID, c.ContactID).Scan(&linked).Error
	if err != nil {
		return c, false, fmt.Errorf("look for link of contact %d: %w", c.ContactID, err)
	}
	if linked > 0 {
		return c, false, fmt.Errorf("contact %d is already linked to opportunity %d: %w", c.ContactID, deal.ID,
			app.ErrInvalid)
	}

	return c, false, nil
}

// createDealContact stores a new contact at the deal's company, or at no
// company when the deal has none, and returns its id.
func createDealContact(tx *gorm.DB, deal dealRef, c app.DealContact, now time.Time) (int64, error) {
	first, last := app.SplitContactName(c.Name)
	row := contactRow{CompanyID: deal.CompanyID, FirstName: first, LastName: last,
		Email: strings.TrimSpace(c.Email), CreatedAt: now, UpdatedAt: now}
	if err := tx.Create(&row).Error; err != nil {
		return 0, fmt.Errorf("create contact: %w", err)
	}

	return row.ID, auditCreated(tx, app.EntityContact, row.ID, now)
}

// storeLink inserts or updates the link, first clearing the primary mark of
// the deal's other contacts when the link is primary.
func storeLink(tx *gorm.DB, c app.DealContact) error {
	if c.Primary {
		err := tx.Exec(`UPDATE opportunity_contacts SET is_primary = 0
			WHERE opportunity_id = ? AND contact_id <> ? AND is_primary = 1`, c.OpportunityID, c.ContactID).Error
		if err != nil {
			return fmt.Errorf("clear primary contact: %w", err)
		}
	}

	if c.ID != 0 {
		err := tx.Exec(`UPDATE opportunity_contacts SET role = ?, is_primary = ? WHERE id = ?`,
			string(c.Role), c.Primary, c.ID).Error
		if err != nil {
			return fmt.Errorf("update deal contact %d: %w", c.ID, err)
		}

		return nil
	}

	err := tx.Exec(`INSERT INTO opportunity_contacts (opportunity_id, contact_id, role, is_primary)
		VALUES (?, ?, ?, ?)`, c.OpportunityID, c.ContactID, string(c.Role), c.Primary).Error
	if err != nil {
		return fmt.Errorf("link contact %d: %w", c.ContactID, err)
	}

	return nil
}

// syncDealContact keeps opportunities.contact_id on the primary contact.
func syncDealContact(tx *gorm.DB, deal dealRef, c app.DealContact, wasPrimary bool, now time.Time) error {
	var current int64
	if deal.ContactID != nil {
		current = *deal.ContactID
	}

	switch {
	case c.Primary && current != c.ContactID:
		return setDealContact(tx, deal.ID, current, c.ContactID, now)
	case !c.Primary && wasPrimary && current == c.ContactID:
		return setDealContact(tx, deal.ID, current, 0, now)
	default:
		return nil
	}
}

// setDealContact stores contact newID (0 for none) as the deal's contact and
// records the change by the contacts' names.
func setDealContact(tx *gorm.DB, dealID, oldID, newID int64, now time.Time) error {
	var contact *int64
	if newID != 0 {
		contact = &newID
	}

	audit, err := beginAudit(tx, app.EntityOpportunity, dealID, now)
	if err != nil {
		return err
	}

	err = tx.Exec(`UPDATE opportunities SET contact_id = ?, updated_at = ?, `+raiseVersionSQL+` WHERE id = ?`,
		contact, now, dealID).Error
	if err != nil {
		return fmt.Errorf("set contact of opportunity %d: %w", dealID, err)
	}

	if _, err := audit.finish(app.AuditParties); err != nil {
		return err
	}

	oldName, err := recordName(tx, "contact", oldID)
	if err != nil {
		return err
	}

	newName, err := recordName(tx, "contact", newID)
	if err != nil {
		return err
	}

	by, err := currentUserName(tx)
	if err != nil {
		return err
	}

	change := fieldChangeRow{
		OpportunityID: dealID, Field: "contact", OldValue: oldName, NewValue: newName, At: now, ChangedBy: by,
	}
	if err := tx.Create(&change).Error; err != nil {
		return fmt.Errorf("record contact change of opportunity %d: %w", dealID, err)
	}

	return nil
}

// RemoveDealContact unlinks a contact from its deal and keeps the contact
// record. Removing the primary contact clears the opportunity's contact and
// records that change. An unknown link wraps [app.ErrNotFound].
func (s *Store) RemoveDealContact(ctx context.Context, id int64) error {
	now := s.now()
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var links []dealContactView
		err := tx.Raw(`SELECT id, opportunity_id, contact_id, is_primary FROM opportunity_contacts WHERE id = ?`, id).
			Scan(&links).Error
		if err != nil {
			return err
		}
		if len(links) == 0 {
			return app.ErrNotFound
		}
		link := links[0]

		if err := auditContactUnlinked(tx, link.OpportunityID, link.ContactID, now); err != nil {
			return err
		}

		if err := tx.Exec(`DELETE FROM opportunity_contacts WHERE id = ?`, id).Error; err != nil {
			return err
		}

		deal, err := loadDealRef(tx, link.OpportunityID)
		if err != nil {
			return err
		}
		if deal.ContactID == nil || *deal.ContactID != link.ContactID {
			return nil
		}

		return setDealContact(tx, deal.ID, link.ContactID, 0, now)
	})
	if err != nil {
		return fmt.Errorf("remove deal contact %d: %w", id, err)
	}

	return nil
}

// competitorRow mirrors the competitors table of schemaV7.
type competitorRow struct {
	ID            int64  `gorm:"column:id;primaryKey"`
	OpportunityID int64  `gorm:"column:opportunity_id"`
	Name          string `gorm:"column:name"`
	Strengths     string `gorm:"column:strengths"`
	Weaknesses    string `gorm:"column:weaknesses"`
	Status        string `gorm:"column:status"`
}

func (competitorRow) TableName() string { return "competitors" }

func (r competitorRow) toApp() app.Competitor {
	return app.Competitor{ID: r.ID, OpportunityID: r.OpportunityID, Name: r.Name, Strengths: r.Strengths,
		Weaknesses: r.Weaknesses, Status: app.CompetitorStatus(r.Status)}
}

// Competitors returns the competitors of deal oppID by name. An unknown deal
// wraps [app.ErrNotFound].
func (s *Store) Competitors(ctx context.Context, oppID int64) ([]app.Competitor, error) {
	var rows []competitorRow
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if _, err := loadDealRef(tx, oppID); err != nil {
			return err
		}

		return tx.Where("opportunity_id = ?", oppID).Order("name COLLATE NOCASE, id").Find(&rows).Error
	})
	if err != nil {
		return nil, fmt.Errorf("list competitors of opportunity %d: %w", oppID, err)
	}

	competitors := make([]app.Competitor, 0, len(rows))
	for _, r := range rows {
		competitors = append(competitors, r.toApp())
	}

	return competitors, nil
}

// SaveCompetitor validates c with [app.ValidateCompetitor] and creates it when
// c.ID is 0 or else overwrites every field of competitor c.ID, empty
// strengths and weaknesses included. The name is stored trimmed. An unknown
// deal or competitor wraps [app.ErrNotFound].
func (s *Store) SaveCompetitor(ctx context.Context, c app.Competitor) (app.Competitor, error) {
	if errs := app.ValidateCompetitor(c); len(errs) > 0 {
		return app.Competitor{}, partiesError("competitor", errs)
	}

	row := competitorRow{ID: c.ID, OpportunityID: c.OpportunityID, Name: strings.TrimSpace(c.Name),
		Strengths: c.Strengths, Weaknesses: c.Weaknesses, Status: string(c.Status)}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if _, err := loadDealRef(tx, c.OpportunityID); err != nil {
			return err
		}

		if err := auditCompetitor(tx, row, s.now()); err != nil {
			return err
		}

		if row.ID == 0 {
			return tx.Create(&row).Error
		}

		// Select("*") writes the empty strings that Updates(struct) skips.
		result := tx.Model(&row).Where("opportunity_id = ?", row.OpportunityID).Select("*").Updates(&row)
		if result.Error != nil {
			return result.Error
		}
		if result.RowsAffected == 0 {
			return fmt.Errorf("competitor %d: %w", row.ID, app.ErrNotFound)
		}

		return nil
	})
	if err != nil {
		return app.Competitor{}, fmt.Errorf("save competitor of opportunity %d: %w", c.OpportunityID, err)
	}

	return row.toApp(), nil
}

// RemoveCompetitor deletes competitor id. An unknown id wraps
// [app.ErrNotFound].
func (s *Store) RemoveCompetitor(ctx context.Context, id int64) error {
	result := s.db.WithContext(ctx).Delete(&competitorRow{}, id)
	if result.Error != nil {
		return fmt.Errorf("remove competitor %d: %w", id, result.Error)
	}
	if result.RowsAffected == 0 {
		return fmt.Errorf("remove competitor %d: %w", id, app.ErrNotFound)
	}

	return nil
}
