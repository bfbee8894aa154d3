package data

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"leadwerk/app"
)

var _ app.OpportunityEditor = (*Store)(nil)

// editDeal runs change on deal id in one transaction and saves what it
// returns with its field and stage history.
func (s *Store) editDeal(ctx context.Context, id int64, change func(e *dealEdit) (app.Opportunity, error)) error {
	now := s.now()

	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		e, err := loadDealEdit(tx, id, now)
		if err != nil {
			return err
		}

		after, err := change(e)
		if err != nil {
			return err
		}

		_, err = e.save(after)

		return err
	})
}

// UpdateOpportunity saves the form fields of o, zero values included, and
// returns the stored detail. Stage, probability, pipeline and close fields
// keep their stored values, so a won deal stays at 100 %. An empty amount
// currency keeps the stored one, and a customer budget without currency
// takes the amount's. A customer budget of 0 is stored as unknown. A
// missing title, a negative amount or budget, a currency that
// [app.ValidCurrency] rejects, an invalid close date or an unknown company
// or contact wraps [app.ErrInvalid]. When o.Version is not 0 and someone
// saved the deal's form fields after o was read, UpdateOpportunity saves
// nothing and returns an error wrapping a *[app.ConflictError] with the
// stored deal. Stage moves in between are no conflict.
func (s *Store) UpdateOpportunity(ctx context.Context, o app.Opportunity) (app.OpportunityDetail, error) {
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
		return app.OpportunityDetail{}, fmt.Errorf("update opportunity %d: %w", o.ID, err)
	}

	return detail, nil
}

// withFormFields returns the loaded deal with the form fields of o.
func (e *dealEdit) withFormFields(o app.Opportunity) (app.Opportunity, error) {
	after := e.deal
	after.Title = strings.TrimSpace(o.Title)
	after.CompanyID, after.ContactID = o.CompanyID, o.ContactID
	after.Amount = o.Amount
	if after.Amount.Currency == "" {
		after.Amount.Currency = e.deal.Amount.Currency
	}
	after.CustomerBudget = o.CustomerBudget
	if after.CustomerBudget.Minor == 0 {
		// A budget of 0 means unknown, so it is stored like an empty one
		// and a form that sends 0 for an empty field records no change.
		after.CustomerBudget = app.Money{}
	}
	if after.CustomerBudget.Minor != 0 && after.CustomerBudget.Currency == "" {
		after.CustomerBudget.Currency = after.Amount.Currency
	}
	after.CloseDate = o.CloseDate
	after.Owner, after.Product, after.Notes = o.Owner, o.Product, o.Notes
	after.NextStep, after.TalksStatus = o.NextStep, o.TalksStatus
	after.Expectations, after.Source = o.Expectations, o.Source

	return after, e.checkFormFields(after)
}

func (e *dealEdit) checkFormFields(o app.Opportunity) error {
	if o.Title == "" {
		return fmt.Errorf("title of opportunity %d is missing: enter a title: %w", o.ID, app.ErrInvalid)
	}

	if err := checkMoney(o.Amount, "amount", o.Title); err != nil {
		return err
	}

	if o.CustomerBudget != (app.Money{}) {
		if err := checkMoney(o.CustomerBudget, "customer budget", o.Title); err != nil {
			return err
		}
	}

	if err := checkDate(o.CloseDate, fmt.Sprintf("close date of deal %q", o.Title)); err != nil {
		return err
	}

	if err := checkReference(e.tx, "company", o.CompanyID, o.Title); err != nil {
		return err
	}

	return checkReference(e.tx, "contact", o.ContactID, o.Title)
}

// checkMoney rejects a negative amount and a currency code that is not
// three upper-case letters, which would form its own total line on the
// board.
func checkMoney(m app.Money, field, title string) error {
	if !app.ValidCurrency(m.Currency) {
		return fmt.Errorf("currency %q of the %s of deal %q is not an ISO 4217 code: use three capital letters "+
			"such as EUR: %w", m.Currency, field, title, app.ErrInvalid)
	}

	if m.Minor < 0 {
		return fmt.Errorf("%s %s of deal %q is negative: enter 0 or more: %w", field, m, title, app.ErrInvalid)
	}

	return nil
}

// checkDate rejects a date such as 2024-02-30 that has no day in the
// calendar, because its text would pass the schema's CHECK.
func checkDate(d app.Date, label string) error {
	if d.IsZero() {
		return nil
	}

	if parsed, err := app.ParseDate(d.String()); err != nil || parsed != d {
		return fmt.Errorf("%s %s is not a calendar date: %w", label, d, app.ErrInvalid)
	}

	return nil
}

// checkReference rejects a company or contact id that does not exist. The
// id 0 means none and passes.
func checkReference(tx *gorm.DB, field string, id int64, title string) error {
	if id == 0 {
		return nil
	}

	table := map[string]string{"company": "companies", "contact": "contacts"}[field]
	var n int64
	if err := tx.Table(table).Where("id = ?", id).Count(&n).Error; err != nil {
		return fmt.Errorf("look up %s %d: %w", field, id, err)
	}

	if n == 0 {
		return fmt.Errorf("%s %d of deal %q does not exist: choose another %s: %w", field, id, title, field,
			app.ErrInvalid)
	}

	return nil
}
