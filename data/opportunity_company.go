package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
)

// SearchCompanies returns at most limit companies whose name contains
// text, ignoring case, or whose [app.NormalizeCompany] key contains the
// key of text, so "mueller" finds "Müller GmbH". The company whose key
// equals that of text comes first, then keys that start with it, then
// the rest by name. Empty text returns no companies.
func (s *Store) SearchCompanies(ctx context.Context, text string, limit int) ([]app.Company, error) {
	text = strings.TrimSpace(text)
	if text == "" || limit <= 0 {
		return nil, nil
	}

	key := app.NormalizeCompany(text)
	if key == "" {
		// A key of "" is part of every key, so only the name can match:
		// "#" is in no key, because keys hold only letters, digits and
		// spaces. PostgreSQL text cannot hold a NUL byte.
		key = "#"
	}

	// instr, unlike LIKE, takes "%" and "_" in text literally.
	var rows []companyRow
	err := s.db.WithContext(ctx).Raw(`SELECT * FROM companies
		WHERE instr(name_key, @key) > 0 OR instr(lower(name), lower(@text)) > 0
		ORDER BY name_key = @key DESC, substr(name_key, 1, length(@key)) = @key DESC, name COLLATE NOCASE, id
		LIMIT @limit`, sql.Named("key", key), sql.Named("text", text), sql.Named("limit", limit)).
		Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("search companies for %q: %w", text, err)
	}

	companies := make([]app.Company, len(rows))
	for i, r := range rows {
		companies[i] = r.toApp()
	}

	return companies, nil
}

// DealPrimaryContact returns the primary contact of deal oppID, the one
// stored as the opportunity's contact, or the zero Contact when the deal
// has none. An unknown deal wraps [app.ErrNotFound].
func (s *Store) DealPrimaryContact(ctx context.Context, oppID int64) (app.Contact, error) {
	var contact app.Contact
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		deal, err := loadDealRef(tx, oppID)
		if err != nil || deal.ContactID == nil {
			return err
		}

		contact, err = readContact(tx, *deal.ContactID)

		return err
	})
	if err != nil {
		return app.Contact{}, fmt.Errorf("read primary contact of opportunity %d: %w", oppID, err)
	}

	return contact, nil
}

func readContact(tx *gorm.DB, id int64) (app.Contact, error) {
	var row contactRow
	err := tx.Where("id = ?", id).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return app.Contact{}, fmt.Errorf("contact %d: %w", id, app.ErrNotFound)
	}
	if err != nil {
		return app.Contact{}, fmt.Errorf("read contact %d: %w", id, err)
	}

	return app.Contact{
		ID: row.ID, CompanyID: idOf(row.CompanyID), FirstName: row.FirstName, LastName: row.LastName,
		Role: row.Role, BuyingRole: app.AuthorityRole(row.BuyingRole), Email: row.Email, Phone: row.Phone,
		CreatedAt: row.CreatedAt.UTC(), UpdatedAt: row.UpdatedAt.UTC(),
	}, nil
}

// UpdateOpportunityWithCompany saves the form fields of o like
// UpdateOpportunity and, in the same transaction, moves the deal to the
// company that choice names, ignoring o.CompanyID and o.ContactID. A new
// name creates the company unless one with the same
// [app.NormalizeCompany] key exists, which the deal then takes. When the
// company changes and the deal's primary contact does not work at the
// new one ([app.CompanyChoice.KeepsContact]), the deal loses its contact,
// recorded as a field change. An unchanged company keeps the contact. The contact stays linked to the deal,
// because the schema's triggers only clear the link's primary mark when
// opportunities.contact_id changes. An unknown company id wraps
// [app.ErrInvalid]; an unknown deal wraps [app.ErrNotFound]. A deal saved
// by someone else since o was read fails as in UpdateOpportunity.
func (s *Store) UpdateOpportunityWithCompany(ctx context.Context, o app.Opportunity,
	choice app.CompanyChoice) (app.OpportunityDetail, error) {
	var detail app.OpportunityDetail
	now := s.now()
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		e, err := loadDealEdit(tx, o.ID, now)
		if err != nil {
			return err
		}

		if err := e.checkFormVersion(o.Version); err != nil {
			return err
		}

		o.CompanyID, err = resolveCompany(tx, choice, now)
		if err != nil {
			return err
		}

		o.ContactID = e.deal.ContactID
		if o.CompanyID != e.deal.CompanyID {
			o.ContactID, err = contactAtCompany(tx, e.deal.ContactID, o.CompanyID)
			if err != nil {
				return err
			}
		}

		after, err := e.withFormFields(o)
		if err != nil {
			return err
		}

		if _, err := e.save(after); err != nil {
			return err
		}

		detail, err = loadOpportunity(tx, o.ID)

		return err
	})
	if err != nil {
		return app.OpportunityDetail{}, fmt.Errorf("update opportunity %d with company %q: %w", o.ID,
			choiceLabel(choice), err)
	}

	return detail, nil
}

// choiceLabel returns how an error message names choice.
func choiceLabel(choice app.CompanyChoice) string {
	if choice.ID != 0 {
		return fmt.Sprintf("id %d", choice.ID)
	}

	return strings.TrimSpace(choice.Name)
}

// resolveCompany returns the id of the company that choice names,
// creating a new company when no company has the same folded name. It
// returns 0 for no company.
func resolveCompany(tx *gorm.DB, choice app.CompanyChoice, now time.Time) (int64, error) {
	if !choice.IsNew() {
		return choice.ID, nil
	}

	name := strings.TrimSpace(choice.Name)
	if key := app.NormalizeCompany(name); key != "" {
		var existing []int64
		if err := tx.Raw(`SELECT id FROM companies WHERE name_key = ? ORDER BY id LIMIT 1`, key).
			Scan(&existing).Error; err != nil {
			return 0, fmt.Errorf("look up company %q: %w", name, err)
		}

		if len(existing) > 0 {
			return existing[0], nil
		}
	}

	row := companyToRow(app.Company{Name: name, CreatedAt: now, UpdatedAt: now})
	if err := tx.Create(&row).Error; err != nil {
		return 0, fmt.Errorf("create company %q: %w", name, err)
	}

	return row.ID, auditCreated(tx, app.EntityCompany, row.ID, now)
}

// contactAtCompany returns contactID when that contact works at
// companyID and 0 otherwise, because a deal's primary contact must work
// at its company.
func contactAtCompany(tx *gorm.DB, contactID, companyID int64) (int64, error) {
	if contactID == 0 {
		return 0, nil
	}

	contact, err := readContact(tx, contactID)
	if err != nil {
		return 0, err
	}

	if !(app.CompanyChoice{ID: companyID}).KeepsContact(contact.CompanyID) {
		return 0, nil
	}

	return contactID, nil
}
