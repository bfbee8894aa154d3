package data

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"leadwerk/app"
)

func leadQuery(db *gorm.DB, q app.LeadQuery) *gorm.DB {
	db = db.Model(&leadRow{})
	if search := strings.TrimSpace(q.Search); search != "" {
		p := likePattern(search)
		db = db.Where(foldedLike("first_name", search)+" OR "+foldedLike("last_name", search)+
			" OR "+foldedLike("first_name || ' ' || last_name", search)+" OR "+foldedLike("company_name", search)+
			" OR "+foldedLike("email", search)+" OR "+foldedLike("city", search), p, p, p, p, p, p)
	}

	return db
}

// CountLeads returns how many leads match q's search.
func (s *Store) CountLeads(ctx context.Context, q app.LeadQuery) (int, error) {
	var n int64
	if err := leadQuery(s.db.WithContext(ctx), q).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("count leads: %w", err)
	}

	return int(n), nil
}

// ListLeads returns one page of leads matching q, ordered by last name,
// first name and id.
func (s *Store) ListLeads(ctx context.Context, q app.LeadQuery) ([]app.Lead, error) {
	if q.Offset < 0 || q.Limit < 0 {
		return nil, fmt.Errorf("page offset %d and limit %d must not be negative: %w", q.Offset, q.Limit, app.ErrInvalid)
	}

	db := leadQuery(s.db.WithContext(ctx), q).
		Order("last_name COLLATE NOCASE, first_name COLLATE NOCASE, id").Offset(q.Offset)
	if q.Limit > 0 {
		db = db.Limit(q.Limit)
	}

	var rows []leadRow
	if err := db.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list leads: %w", err)
	}

	leads := make([]app.Lead, 0, len(rows))
	for _, r := range rows {
		leads = append(leads, r.toApp())
	}

	return leads, nil
}
