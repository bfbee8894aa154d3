package data

import (
	"context"
	"fmt"
	"time"

	"leadwerk/app"
)

// The lists below feed the CSV, XLSX and iCalendar exports beside the
// JSON export. Each reads listBatch rows at a time by id, outside a
// transaction, so the window's queries are not held up by a long export.

// listBatch is how many rows one query of an export list reads.
const listBatch = 1000

// EachCompany calls fn with every company in id order and stops at fn's
// first error.
func (s *Store) EachCompany(ctx context.Context, fn func(app.Company) error) error {
	return eachBatch(ctx, func(after int64) (int64, int, error) {
		var rows []companyRow
		err := s.db.WithContext(ctx).Where("id > ?", after).Order("id").Limit(listBatch).Find(&rows).Error
		if err != nil {
			return 0, 0, fmt.Errorf("read companies: %w", err)
		}

		for _, r := range rows {
			if err := fn(r.toApp()); err != nil {
				return 0, 0, err
			}
		}

		return lastID(len(rows), func() int64 { return rows[len(rows)-1].ID }), len(rows), nil
	})
}

// contactListRow is a contact with the name of its company.
type contactListRow struct {
	// Contact is exported because GORM skips unexported fields.
	Contact     contactRow `gorm:"embedded"`
	CompanyName string     `gorm:"column:company_name"`
}

// EachContact calls fn with every contact in id order and the name of its
// company, "" for none, and stops at fn's first error.
func (s *Store) EachContact(ctx context.Context, fn func(app.Contact, string) error) error {
	return eachBatch(ctx, func(after int64) (int64, int, error) {
		var rows []contactListRow
		err := s.db.WithContext(ctx).Raw(`SELECT c.*, COALESCE(co.name, '') AS company_name
			FROM contacts c LEFT JOIN companies co ON co.id = c.company_id
			WHERE c.id > ? ORDER BY c.id LIMIT ?`, after, listBatch).Scan(&rows).Error
		if err != nil {
			return 0, 0, fmt.Errorf("read contacts: %w", err)
		}

		for _, r := range rows {
			c := r.Contact
			contact := app.Contact{ID: c.ID, CompanyID: idOf(c.CompanyID), FirstName: c.FirstName,
				LastName: c.LastName, Role: c.Role, BuyingRole: app.AuthorityRole(c.BuyingRole), Email: c.Email,
				Phone: c.Phone, CreatedAt: c.CreatedAt.UTC(), UpdatedAt: c.UpdatedAt.UTC()}
			if err := fn(contact, r.CompanyName); err != nil {
				return 0, 0, err
			}
		}

		return lastID(len(rows), func() int64 { return rows[len(rows)-1].Contact.ID }), len(rows), nil
	})
}

const listActivitiesSQL = `
SELECT a.*, COALESCE(o.title, '') AS opportunity_title, COALESCE(l.first_name, '') AS first_name,
	COALESCE(l.last_name, '') AS last_name, COALESCE(l.company_name, '') AS company_name
FROM activities a
LEFT JOIN opportunities o ON o.id = a.opportunity_id
LEFT JOIN leads l ON l.id = a.lead_id
WHERE a.id > ? AND (? = 0 OR (a.done = 0 AND a.due IS NOT NULL))
ORDER BY a.id LIMIT ?`

// EachActivity calls fn with every activity on a deal or lead in id order,
// or with openOnly only the open ones that have a due time, and stops at
// fn's first error. Each item carries its deal's title or lead's name,
// and its kind is classified at now as the Today list does.
func (s *Store) EachActivity(ctx context.Context, openOnly bool, now time.Time,
	fn func(app.TodayItem) error) error {
	return eachBatch(ctx, func(after int64) (int64, int, error) {
		var rows []todayActivityRow
		err := s.db.WithContext(ctx).Raw(listActivitiesSQL, after, openOnly, listBatch).Scan(&rows).Error
		if err != nil {
			return 0, 0, fmt.Errorf("read activities: %w", err)
		}

		for _, r := range rows {
			if err := fn(r.toTodayItem(now)); err != nil {
				return 0, 0, err
			}
		}

		return lastID(len(rows), func() int64 { return rows[len(rows)-1].Activity.ID }), len(rows), nil
	})
}

// EachNextStep calls fn with every open deal that has a next step and a
// close date, as a [app.TodayNextStep] item due at its close date, in id
// order, and stops at fn's first error.
func (s *Store) EachNextStep(ctx context.Context, now time.Time, fn func(app.TodayItem) error) error {
	return eachBatch(ctx, func(after int64) (int64, int, error) {
		var rows []nextStepRow
		err := s.db.WithContext(ctx).Raw(`SELECT o.id, o.title, o.next_step, o.close_date
			FROM opportunities o JOIN stages st ON st.id = o.stage_id
			WHERE st.kind = 'open' AND o.next_step <> '' AND o.close_date <> '' AND o.id > ?
			ORDER BY o.id LIMIT ?`, after, listBatch).Scan(&rows).Error
		if err != nil {
			return 0, 0, fmt.Errorf("read next steps: %w", err)
		}

		for _, r := range rows {
			item, err := r.toTodayItem(now)
			if err != nil {
				return 0, 0, err
			}
			if err := fn(item); err != nil {
				return 0, 0, err
			}
		}

		return lastID(len(rows), func() int64 { return rows[len(rows)-1].ID }), len(rows), nil
	})
}

// eachBatch calls read with the last id of the previous batch, starting
// at 0, until a batch is shorter than listBatch or ctx is cancelled.
func eachBatch(ctx context.Context, read func(after int64) (last int64, n int, err error)) error {
	after := int64(0)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}

		last, n, err := read(after)
		if err != nil || n < listBatch {
			return err
		}
		after = last
	}
}

func lastID(n int, last func() int64) int64 {
	if n == 0 {
		return 0
	}

	return last()
}
