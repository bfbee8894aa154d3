package data

import (
	"fmt"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
)

type personContactRow struct {
	ID         int64      `gorm:"column:id"`
	FirstName  string     `gorm:"column:first_name"`
	LastName   string     `gorm:"column:last_name"`
	Role       string     `gorm:"column:role"`
	BuyingRole string     `gorm:"column:buying_role"`
	Email      string     `gorm:"column:email"`
	Phone      string     `gorm:"column:phone"`
	CompanyID  *int64     `gorm:"column:company_id"`
	Company    string     `gorm:"column:company"`
	CreatedAt  time.Time  `gorm:"column:created_at"`
	UpdatedAt  time.Time  `gorm:"column:updated_at"`
	Privacy    privacyRow `gorm:"embedded"`
}

func collectPersonContacts(tx *gorm.DB, ids personIDs, d *app.PersonalData) error {
	var rows []personContactRow
	err := tx.Raw(`SELECT c.id, c.first_name, c.last_name, c.role, c.buying_role, c.email, c.phone, c.company_id,
			COALESCE(co.name, '') AS company, c.created_at, c.updated_at, c.consent_basis, c.consent_date,
			c.consent_obtained, c.consent_withdrawn_on, c.marketing_opt_out
		FROM contacts c LEFT JOIN companies co ON co.id = c.company_id
		WHERE c.id IN ? ORDER BY c.id`, ids.contacts).Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("read contacts: %w", err)
	}

	for _, r := range rows {
		privacy, err := r.Privacy.toApp(r.ID)
		if err != nil {
			return err
		}
		d.Contacts = append(d.Contacts, app.PersonContact{
			ID: r.ID, FirstName: r.FirstName, LastName: r.LastName, Role: r.Role, BuyingRole: r.BuyingRole,
			Email: r.Email, Phone: r.Phone, CompanyID: idOf(r.CompanyID), Company: r.Company,
			Privacy: app.PrivacyOf(privacy), CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
		})
	}

	return nil
}

type personLeadRow struct {
	ID                 int64      `gorm:"column:id"`
	Salutation         string     `gorm:"column:salutation"`
	FirstName          string     `gorm:"column:first_name"`
	LastName           string     `gorm:"column:last_name"`
	CompanyName        string     `gorm:"column:company_name"`
	Role               string     `gorm:"column:role"`
	Email              string     `gorm:"column:email"`
	Phone              string     `gorm:"column:phone"`
	Website            string     `gorm:"column:website"`
	Street             string     `gorm:"column:street"`
	PostalCode         string     `gorm:"column:postal_code"`
	City               string     `gorm:"column:city"`
	Country            string     `gorm:"column:country"`
	Source             string     `gorm:"column:source"`
	Status             string     `gorm:"column:status"`
	Owner              string     `gorm:"column:owner"`
	Notes              string     `gorm:"column:notes"`
	Score              int        `gorm:"column:score"`
	ConvertedContactID *int64     `gorm:"column:converted_contact_id"`
	CreatedAt          time.Time  `gorm:"column:created_at"`
	UpdatedAt          time.Time  `gorm:"column:updated_at"`
	Privacy            privacyRow `gorm:"embedded"`
}

func collectPersonLeads(tx *gorm.DB, ids personIDs, d *app.PersonalData) error {
	var rows []personLeadRow
	err := tx.Raw(`SELECT id, salutation, first_name, last_name, company_name, role, email, phone, website, street,
			postal_code, city, country, source, status, owner, notes, score, converted_contact_id, created_at,
			updated_at, `+privacyColumns+`
		FROM leads WHERE id IN ? ORDER BY id`, ids.leads).Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("read leads: %w", err)
	}

	for _, r := range rows {
		privacy, err := r.Privacy.toApp(r.ID)
		if err != nil {
			return err
		}

		notes, err := qualificationNotes(tx, r.ID)
		if err != nil {
			return err
		}

		d.Leads = append(d.Leads, app.PersonLead{
			ID: r.ID, Salutation: r.Salutation, FirstName: r.FirstName, LastName: r.LastName,
			Company: r.CompanyName, Role: r.Role, Email: r.Email, Phone: r.Phone, Website: r.Website,
			Street: r.Street, PostalCode: r.PostalCode, City: r.City, Country: r.Country, Source: r.Source,
			Status: app.LeadStatus(r.Status), Owner: r.Owner, Notes: r.Notes, Score: r.Score,
			Privacy: app.PrivacyOf(privacy), QualificationNotes: notes,
			CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(), ConvertedTo: idOf(r.ConvertedContactID),
		})
	}

	return nil
}

// qualificationNotes returns the non-empty free texts of the lead's
// qualifications, oldest first.
func qualificationNotes(tx *gorm.DB, leadID int64) ([]string, error) {
	var notes []string
	err := tx.Raw(`SELECT note FROM (
			SELECT created_at, id, 1 AS part, decided_by AS note FROM qualifications WHERE lead_id = ?
			UNION ALL SELECT created_at, id, 2, budget_note FROM qualifications WHERE lead_id = ?
			UNION ALL SELECT created_at, id, 3, authority_note FROM qualifications WHERE lead_id = ?
			UNION ALL SELECT created_at, id, 4, need_note FROM qualifications WHERE lead_id = ?
			UNION ALL SELECT created_at, id, 5, time_note FROM qualifications WHERE lead_id = ?) AS q
		WHERE note <> '' ORDER BY created_at, id, part`, leadID, leadID, leadID, leadID, leadID).
		Scan(&notes).Error
	if err != nil {
		return nil, fmt.Errorf("read qualification notes of lead %d: %w", leadID, err)
	}

	return notes, nil
}

type personDealRow struct {
	ID             int64     `gorm:"column:id"`
	Title          string    `gorm:"column:title"`
	Company        string    `gorm:"column:company"`
	Stage          string    `gorm:"column:stage"`
	AmountMinor    int64     `gorm:"column:amount_minor"`
	AmountCurrency string    `gorm:"column:amount_currency"`
	CloseDate      string    `gorm:"column:close_date"`
	ContactID      int64     `gorm:"column:contact_id"`
	Role           string    `gorm:"column:role"`
	IsPrimary      bool      `gorm:"column:is_primary"`
	Notes          string    `gorm:"column:notes"`
	CreatedAt      time.Time `gorm:"column:created_at"`
}

// personDealIDs returns the deals on which one of the person's contacts
// is linked.
func personDealIDs(tx *gorm.DB, ids personIDs) ([]int64, error) {
	var deals []int64
	err := tx.Raw(`SELECT DISTINCT opportunity_id FROM opportunity_contacts WHERE contact_id IN ?
		ORDER BY opportunity_id`, ids.contacts).Scan(&deals).Error
	if err != nil {
		return nil, fmt.Errorf("read deals of the contacts: %w", err)
	}

	return deals, nil
}

func collectPersonDeals(tx *gorm.DB, ids personIDs, d *app.PersonalData) error {
	var rows []personDealRow
	err := tx.Raw(`SELECT o.id, o.title, COALESCE(co.name, '') AS company, s.name AS stage, o.amount_minor,
			o.amount_currency, o.close_date, oc.contact_id, oc.role, oc.is_primary, o.notes, o.created_at
		FROM opportunity_contacts oc
		JOIN opportunities o ON o.id = oc.opportunity_id
		JOIN stages s ON s.id = o.stage_id
		LEFT JOIN companies co ON co.id = o.company_id
		WHERE oc.contact_id IN ? ORDER BY o.id, oc.contact_id`, ids.contacts).Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("read deals: %w", err)
	}

	for _, r := range rows {
		d.Opportunities = append(d.Opportunities, app.PersonDeal{
			ID: r.ID, Title: r.Title, Company: r.Company, Stage: r.Stage, AmountMinor: r.AmountMinor,
			Currency: r.AmountCurrency, CloseDate: r.CloseDate, ContactID: r.ContactID, Role: app.DealRole(r.Role),
			Primary: r.IsPrimary, Notes: r.Notes, CreatedAt: r.CreatedAt.UTC(),
		})
	}

	return nil
}

// collectPersonActivities reads the activities of the person's leads and of
// the deals they are a contact on.
func collectPersonActivities(tx *gorm.DB, ids personIDs, d *app.PersonalData) error {
	deals, err := personDealIDs(tx, ids)
	if err != nil {
		return err
	}

	var rows []activityRow
	err = tx.Where("lead_id IN ? OR opportunity_id IN ?", ids.leads, deals).Order("created_at, id").
		Find(&rows).Error
	if err != nil {
		return fmt.Errorf("read activities: %w", err)
	}

	for _, r := range rows {
		a := r.toApp()
		d.Activities = append(d.Activities, app.PersonActivity{
			ID: a.ID, LeadID: a.LeadID, OpportunityID: a.OpportunityID, Kind: a.Kind, Subject: a.Subject,
			Notes: a.Notes, Outcome: a.Outcome, Done: a.Done, Due: a.Due, CreatedAt: a.CreatedAt,
		})
	}

	return nil
}

type personHistoryRow struct {
	RecordID int64     `gorm:"column:record_id"`
	Field    string    `gorm:"column:field"`
	Old      string    `gorm:"column:old"`
	New      string    `gorm:"column:new"`
	At       time.Time `gorm:"column:at"`
}

func appendHistory(d *app.PersonalData, source string, rows []personHistoryRow) {
	for _, r := range rows {
		d.History = append(d.History, app.PersonHistory{Source: source, RecordID: r.RecordID, Field: r.Field,
			Old: r.Old, New: r.New, At: r.At.UTC()})
	}
}

func collectPersonLeadHistory(tx *gorm.DB, ids personIDs, d *app.PersonalData) error {
	var rows []personHistoryRow
	err := tx.Raw(`SELECT lead_id AS record_id, 'status' AS field, from_status AS old,
			to_status || CASE WHEN reason <> '' THEN ': ' || reason ELSE '' END AS new, at
		FROM lead_status_changes WHERE lead_id IN ? ORDER BY at, id`, ids.leads).Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("read lead status history: %w", err)
	}
	appendHistory(d, app.HistoryLeadStatus, rows)

	return nil
}

// collectPersonFieldChanges reads the recorded deal field changes whose old or
// new value names the person.
func collectPersonFieldChanges(tx *gorm.DB, ids personIDs, d *app.PersonalData) error {
	where, args := likeAny(tx, []string{"old_value", "new_value"}, personNeedles(ids, *d))

	var rows []personHistoryRow
	err := tx.Raw(`SELECT opportunity_id AS record_id, field, old_value AS old, new_value AS new, at
		FROM opportunity_field_changes WHERE `+where+` ORDER BY at, id`, args...).Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("read deal field history: %w", err)
	}
	appendHistory(d, app.HistoryFieldChange, rows)

	return nil
}

// collectPersonMerges lists the merges of duplicates whose snapshot holds the
// person, without the snapshot itself, whose records the other sections
// already show.
func collectPersonMerges(tx *gorm.DB, ids personIDs, d *app.PersonalData) error {
	where, args := likeAny(tx, []string{"snapshot", "kept_title"}, personNeedles(ids, *d))

	var rows []personHistoryRow
	err := tx.Raw(`SELECT id AS record_id, kind AS field, '' AS old, kept_title AS new, merged_at AS at
		FROM merges WHERE `+where+` ORDER BY merged_at, id`, args...).Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("read merges: %w", err)
	}
	appendHistory(d, app.HistoryMerge, rows)

	return nil
}

func collectPersonOffers(tx *gorm.DB, ids personIDs, d *app.PersonalData) error {
	deals, err := personDealIDs(tx, ids)
	if err != nil {
		return err
	}

	var rows []offerRow
	err = tx.Select(offerColumns).Where("opportunity_id IN ?", deals).Order("id").Find(&rows).Error
	if err != nil {
		return fmt.Errorf("read offers: %w", err)
	}

	for _, r := range rows {
		d.Offers = append(d.Offers, app.PersonOffer{
			ID: r.ID, OpportunityID: r.OpportunityID, Number: r.Number, IssuedOn: r.IssuedOn,
			ValidUntil: r.ValidUntil, GrossMinor: r.GrossMinor, Currency: r.Currency, CreatedAt: r.CreatedAt.UTC(),
		})
	}

	return nil
}

// collectPersonAudit reads the audit trail of the person's leads and contacts.
// A database without the audit trail has nothing to add.
func collectPersonAudit(tx *gorm.DB, ids personIDs, d *app.PersonalData) error {
	if exists, err := tableExists(tx, "audit_log"); err != nil || !exists {
		return err
	}

	var rows []personHistoryRow
	err := tx.Raw(`SELECT entity_id AS record_id, entity_kind || ' ' || action || ' ' || field AS field,
			COALESCE(old_value, '') AS old, COALESCE(new_value, '') AS new, at
		FROM audit_log WHERE (entity_kind = 'lead' AND entity_id IN ?) OR (entity_kind = 'contact' AND entity_id IN ?)
		ORDER BY at, id`, ids.leads, ids.contacts).Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("read audit trail: %w", err)
	}
	appendHistory(d, app.HistoryAudit, rows)

	return nil
}

// collectPersonTrash lists the deleted items in the trash that hold the person,
// without their snapshot.
func collectPersonTrash(tx *gorm.DB, ids personIDs, d *app.PersonalData) error {
	if len(ids.trash) == 0 {
		return nil
	}

	var rows []personHistoryRow
	err := tx.Raw(`SELECT id AS record_id, kind AS field, '' AS old, title AS new, deleted_at AS at
		FROM trash WHERE id IN ? ORDER BY deleted_at, id`, ids.trash).Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("read trash: %w", err)
	}
	appendHistory(d, app.HistoryTrash, rows)

	return nil
}
