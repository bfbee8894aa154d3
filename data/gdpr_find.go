package data

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"leadwerk/app"
)

// personIDs are the leads and contacts of one person and the trash items
// that hold a copy of them.
type personIDs struct {
	matchedBy app.PersonMatch
	leads     []int64
	contacts  []int64
	trash     []int64
	// sharedEmail is the query's e-mail address when other people share
	// it and the name picked this person, else empty.
	sharedEmail string
}

func (p personIDs) isEmpty() bool {
	return len(p.leads) == 0 && len(p.contacts) == 0 && len(p.trash) == 0
}

// findPerson returns the leads and contacts whose e-mail address equals
// q's, ignoring ASCII case, or when none does, those whose full name
// equals q's name. When several people share the address, q's name picks
// one of them (see narrowSharedEmail). An empty result wraps
// app.ErrNotFound.
func findPerson(tx *gorm.DB, q app.PersonQuery) (personIDs, error) {
	q = q.Normalized()
	if q.IsEmpty() {
		return personIDs{}, fmt.Errorf("find person: no e-mail address or name given: %w", app.ErrInvalid)
	}

	if q.Email != "" {
		found, err := findPersonBy(tx, app.MatchedByEmail, `lower(trim(email)) = lower(?)`, q.Email)
		if err != nil {
			return found, err
		}
		if !found.isEmpty() {
			return narrowSharedEmail(tx, found, q)
		}
	}

	if q.Name != "" {
		found, err := findPersonBy(tx, app.MatchedByName,
			`lower(trim(trim(first_name) || ' ' || trim(last_name))) = lower(?)`, q.Name)
		if err != nil || !found.isEmpty() {
			return found, err
		}
	}

	return personIDs{}, fmt.Errorf("find person %q %q: %w", q.Email, q.Name, app.ErrNotFound)
}

func findPersonBy(tx *gorm.DB, by app.PersonMatch, where, value string) (personIDs, error) {
	found := personIDs{matchedBy: by}
	if err := tx.Raw(`SELECT id FROM leads WHERE `+where+` ORDER BY id`, value).Scan(&found.leads).Error; err != nil {
		return found, fmt.Errorf("find leads by %s: %w", by, err)
	}

	err := tx.Raw(`SELECT id FROM contacts WHERE `+where+` ORDER BY id`, value).Scan(&found.contacts).Error
	if err != nil {
		return found, fmt.Errorf("find contacts by %s: %w", by, err)
	}

	found.trash, err = findPersonTrash(tx, found, value)

	return found, err
}

// findPersonTrash returns the trash items that hold one of the person's leads
// or contacts, list their e-mail address, or mention text in their
// title or snapshot. A database without the trash has none.
func findPersonTrash(tx *gorm.DB, found personIDs, text string) ([]int64, error) {
	if exists, err := tableExists(tx, "trash"); err != nil || !exists {
		return nil, err
	}

	mentions, args := likeAny(tx, []string{"title", "snapshot"}, []string{text})
	args = append([]any{found.leads, found.contacts, text}, args...)

	var ids []int64
	err := tx.Raw(`SELECT id FROM trash WHERE id IN (
			SELECT trash_id FROM trash_people
			WHERE (kind = 'lead' AND entity_id IN ?) OR (kind = 'contact' AND entity_id IN ?)
				OR (email <> '' AND lower(email) = lower(?)))
		OR `+mentions+` ORDER BY id`, args...).Scan(&ids).Error
	if err != nil {
		return nil, fmt.Errorf("find trash items: %w", err)
	}

	return ids, nil
}

// likeAny returns an SQL condition that is true when one of columns
// contains one of needles, and its arguments. LIKE ignores the case of
// ASCII letters only.
//
// NOTE: a mention whose non-ASCII letters differ in case from the stored
// name, such as "JÜRGEN" for "Jürgen", is not found.
func likeAny(tx *gorm.DB, columns []string, needles []string) (string, []any) {
	like := " LIKE "
	if isPostgresDB(tx) {
		// SQLite's LIKE ignores the case of ASCII letters, PostgreSQL's
		// ILIKE that of every letter.
		like = " ILIKE "
	}

	var terms []string
	var args []any
	for _, column := range columns {
		for _, needle := range needles {
			terms = append(terms, column+like+`? ESCAPE '\'`)
			args = append(args, "%"+escapeLike(needle)+"%")
		}
	}
	if len(terms) == 0 {
		return "0", nil
	}

	return "(" + strings.Join(terms, " OR ") + ")", args
}

func escapeLike(text string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(text)
}

// tableExists reports whether the database has table name, so erasure
// steps for tables of newer features skip an older schema cleanly.
func tableExists(tx *gorm.DB, name string) (bool, error) {
	query := `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?`
	if isPostgresDB(tx) {
		query = `SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?`
	}

	var count int64
	err := tx.Raw(query, name).Scan(&count).Error
	if err != nil {
		return false, fmt.Errorf("look for table %s: %w", name, err)
	}

	return count > 0, nil
}

// PersonalData collects every record of the person q finds and the
// records that refer to them, in one read transaction.
func (s *Store) PersonalData(ctx context.Context, q app.PersonQuery) (app.PersonalData, error) {
	d := app.PersonalData{Query: q.Normalized(), ExportedAt: s.now()}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		ids, err := findPerson(tx, q)
		if err != nil {
			return err
		}
		d.MatchedBy = ids.matchedBy

		return collectPersonalData(tx, ids, &d)
	})
	if err != nil {
		return app.PersonalData{}, fmt.Errorf("collect personal data: %w", err)
	}

	emptySections(&d)

	return d, nil
}

// emptySections gives every list of d that has no entries an empty
// slice, so the JSON export writes [] for it, never null.
func emptySections(d *app.PersonalData) {
	d.Contacts = emptyIfNil(d.Contacts)
	d.Leads = emptyIfNil(d.Leads)
	d.Opportunities = emptyIfNil(d.Opportunities)
	d.Activities = emptyIfNil(d.Activities)
	d.History = emptyIfNil(d.History)
	d.Offers = emptyIfNil(d.Offers)
	for i := range d.Leads {
		d.Leads[i].QualificationNotes = emptyIfNil(d.Leads[i].QualificationNotes)
	}
}

func emptyIfNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}

	return s
}

func collectPersonalData(tx *gorm.DB, ids personIDs, d *app.PersonalData) error {
	steps := []func(*gorm.DB, personIDs, *app.PersonalData) error{
		collectPersonContacts, collectPersonLeads, collectPersonDeals, collectPersonActivities, collectPersonLeadHistory,
		collectPersonFieldChanges, collectPersonMerges, collectPersonOffers, collectPersonAudit, collectPersonTrash,
	}
	for _, step := range steps {
		if err := step(tx, ids, d); err != nil {
			return err
		}
	}

	return nil
}
