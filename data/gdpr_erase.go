package data

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
)

// erasure is the state of one ErasePerson transaction that its steps
// share.
type erasure struct {
	tx      *gorm.DB
	ids     personIDs
	deals   []int64
	needles []string
	request app.ErasureRequest
	result  app.ErasureResult
}

// erasureStep is one table's part of an erasure. The steps run in order
// in one transaction: the offers are found through the deal contacts
// before the contacts go, and the texts of the remaining records are
// scrubbed after the person's own records are deleted.
type erasureStep struct {
	name string
	run  func(e *erasure) error
}

var erasureSteps = []erasureStep{
	{name: "offer PDFs", run: eraseOfferPDFs},
	{name: "merges", run: eraseMerges},
	{name: "trash", run: eraseTrash},
	{name: "audit trail", run: eraseAudit},
	{name: "leads", run: erasePersonLeads},
	{name: "contacts", run: erasePersonContacts},
	{name: "texts", run: eraseMentions},
	{name: "search index", run: eraseFromLeadSearch},
}

// ErasePerson erases the person r.Query finds. It runs with
// secure_delete on, so SQLite overwrites deleted content with zeros,
// then rewrites the file with VACUUM and empties the write-ahead log, so
// neither file keeps the erased bytes.
//
// It deletes the person's leads with their activities, status history
// and qualifications, and their contacts with their deal links. It also
// deletes the merge records, trash items and audit entries that hold a
// copy of them. Kept and scrubbed are: deals and their activities, field history and
// other texts, in which each full name and e-mail address of the person
// is replaced by [app.ErasedText]. Each kept lead, deal, contact or
// activity that the erasure changes gets a new version. Offers of the
// deals the person was a contact on get the PDF r.ReplaceOfferPDF
// renders, because the stored PDF cannot be searched for the recipient.
func (s *Store) ErasePerson(ctx context.Context, r app.ErasureRequest) (app.ErasureResult, error) {
	db := s.db.WithContext(ctx)
	restore, err := enableSecureDelete(db)
	if err != nil {
		return app.ErasureResult{}, err
	}
	defer restore()

	start := time.Now()
	var result app.ErasureResult
	err = db.Transaction(func(tx *gorm.DB) error {
		e, err := planErasure(tx, r)
		if err != nil {
			return err
		}

		for _, step := range erasureSteps {
			if err := step.run(e); err != nil {
				return fmt.Errorf("erase %s: %w", step.name, err)
			}
		}
		result = e.result

		return nil
	})
	if err != nil {
		return app.ErasureResult{}, fmt.Errorf("erase person: %w", err)
	}

	if err := compactAfterErasure(db); err != nil {
		return result, fmt.Errorf("erase person: the records are deleted, but %w", err)
	}

	slog.Info("person erased", "matched_by", result.MatchedBy, "leads", result.Leads, "contacts", result.Contacts,
		"activities", result.Activities, "scrubbed", result.Scrubbed, "offers", result.Offers,
		"merges", result.Merges, "duration", time.Since(start))

	return result, nil
}

// planErasure finds the person and the texts to scrub: every name and
// e-mail address of their records and of the query.
func planErasure(tx *gorm.DB, r app.ErasureRequest) (*erasure, error) {
	ids, err := findPerson(tx, r.Query)
	if err != nil {
		return nil, err
	}

	d := app.PersonalData{Query: r.Query.Normalized()}
	if err := collectPersonContacts(tx, ids, &d); err != nil {
		return nil, err
	}
	if err := collectPersonLeads(tx, ids, &d); err != nil {
		return nil, err
	}

	deals, err := personDealIDs(tx, ids)
	if err != nil {
		return nil, err
	}

	e := &erasure{tx: tx, ids: ids, deals: deals, needles: personNeedles(ids, d), request: r}
	e.result.MatchedBy = ids.matchedBy

	return e, nil
}

// enableSecureDelete turns secure_delete on for the store's connection
// and returns the function that restores the previous setting. The store
// has one connection, so the setting covers the erasure's statements.
//
// NOTE: PostgreSQL has no secure_delete, so there it does nothing, and the
// erased rows' old versions stay in the table files until VACUUM reuses
// their space, and in the server's write-ahead log and backups.
func enableSecureDelete(db *gorm.DB) (func(), error) {
	if isPostgresDB(db) {
		return func() {}, nil
	}

	var previous int
	if err := db.Raw(`PRAGMA secure_delete`).Scan(&previous).Error; err != nil {
		return nil, fmt.Errorf("read secure_delete: %w", err)
	}

	if err := db.Exec(`PRAGMA secure_delete = ON`).Error; err != nil {
		return nil, fmt.Errorf("turn secure_delete on: %w", err)
	}

	return func() {
		if err := db.Exec(fmt.Sprintf(`PRAGMA secure_delete = %d`, previous)).Error; err != nil {
			slog.Error("restore secure_delete", "err", err)
		}
	}, nil
}

// compactAfterErasure rewrites the database with VACUUM and truncates
// the write-ahead log. secure_delete alone leaves older copies of a
// record: the free space inside a page that an earlier update or page
// split left behind without secure_delete, which only a rewrite clears.
// On PostgreSQL it does nothing (see enableSecureDelete).
func compactAfterErasure(db *gorm.DB) error {
	if isPostgresDB(db) {
		return nil
	}

	if err := db.Exec(`VACUUM`).Error; err != nil {
		return fmt.Errorf("rewriting the database file failed: %w", err)
	}

	var checkpoint struct {
		Busy         int `gorm:"column:busy"`
		Log          int `gorm:"column:log"`
		Checkpointed int `gorm:"column:checkpointed"`
	}
	if err := db.Raw(`PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&checkpoint).Error; err != nil {
		return fmt.Errorf("emptying the write-ahead log failed: %w", err)
	}
	if checkpoint.Busy != 0 {
		return errors.New("emptying the write-ahead log failed because another program reads the database; " +
			"close it and erase again")
	}

	return nil
}

func eraseOfferPDFs(e *erasure) error {
	var rows []offerRow
	err := e.tx.Select(offerColumns).Where("opportunity_id IN ?", e.deals).Order("id").Find(&rows).Error
	if err != nil {
		return fmt.Errorf("read offers: %w", err)
	}

	for _, row := range rows {
		pdf, err := replacementPDF(e, row)
		if err != nil {
			return err
		}

		if err := e.tx.Exec(`UPDATE offers SET pdf = ? WHERE id = ?`, pdf, row.ID).Error; err != nil {
			return fmt.Errorf("replace PDF of offer %d: %w", row.ID, err)
		}
		e.result.Offers++
	}

	return nil
}

func replacementPDF(e *erasure, row offerRow) ([]byte, error) {
	if e.request.ReplaceOfferPDF == nil {
		return []byte{}, nil
	}

	var lines []offerLineRow
	if err := e.tx.Where("offer_id = ?", row.ID).Order("position").Find(&lines).Error; err != nil {
		return nil, fmt.Errorf("read lines of offer %d: %w", row.ID, err)
	}

	offer, err := row.toApp(lines)
	if err != nil {
		return nil, err
	}

	pdf, err := e.request.ReplaceOfferPDF(offer)
	if err != nil {
		return nil, fmt.Errorf("render replacement PDF of offer %s: %w", offer.Number, err)
	}

	return pdf, nil
}

// eraseMerges deletes the merge records whose snapshot or title holds
// the person, so those merges can no longer be undone.
func eraseMerges(e *erasure) error {
	where, args := likeAny(e.tx, []string{"snapshot", "kept_title"}, e.needles)
	kinds := []string{}
	if len(e.ids.leads) > 0 {
		kinds = append(kinds, "lead")
	}
	if len(e.ids.contacts) > 0 {
		kinds = append(kinds, "contact")
	}
	args = append(args, kinds, append(e.ids.leads, e.ids.contacts...))

	result := e.tx.Exec(`DELETE FROM merges WHERE `+where+` OR (kind IN ? AND kept_id IN ?)`, args...)
	if result.Error != nil {
		return result.Error
	}
	e.result.Merges = int(result.RowsAffected)

	return nil
}

func eraseTrash(e *erasure) error {
	if len(e.ids.trash) == 0 {
		return nil
	}

	return e.tx.Exec(`DELETE FROM trash WHERE id IN ?`, e.ids.trash).Error
}

func eraseAudit(e *erasure) error {
	if exists, err := tableExists(e.tx, "audit_log"); err != nil || !exists {
		return err
	}

	return e.tx.Exec(`DELETE FROM audit_log WHERE (entity_kind = 'lead' AND entity_id IN ?)
		OR (entity_kind = 'contact' AND entity_id IN ?)`, e.ids.leads, e.ids.contacts).Error
}

func erasePersonLeads(e *erasure) error {
	var activities int64
	err := e.tx.Raw(`SELECT COUNT(*) FROM activities WHERE lead_id IN ?`, e.ids.leads).Scan(&activities).Error
	if err != nil {
		return err
	}

	result := e.tx.Exec(`DELETE FROM leads WHERE id IN ?`, e.ids.leads)
	if result.Error != nil {
		return result.Error
	}
	e.result.Leads = int(result.RowsAffected)
	e.result.Activities = int(activities)

	return nil
}

// erasePersonContacts deletes the person's contacts. It first clears
// the contact of their deals, which the foreign key would do too, so that
// those deals get a new version.
func erasePersonContacts(e *erasure) error {
	err := e.tx.Exec(`UPDATE opportunities SET contact_id = NULL, `+raiseVersionSQL+` WHERE contact_id IN ?`,
		e.ids.contacts).Error
	if err != nil {
		return fmt.Errorf("clear the contact of deals: %w", err)
	}

	result := e.tx.Exec(`DELETE FROM contacts WHERE id IN ?`, e.ids.contacts)
	if result.Error != nil {
		return result.Error
	}
	e.result.Contacts = int(result.RowsAffected)

	return nil
}

// eraseFromLeadSearch merges the search index into one segment. Deleting a
// lead only adds a delete marker, and the merge drops the old entries.
// PostgreSQL deletes a lead's leads_search row with the lead, so there it
// does nothing.
func eraseFromLeadSearch(e *erasure) error {
	if isPostgresDB(e.tx) {
		return nil
	}

	return e.tx.Exec(`INSERT INTO leads_fts (leads_fts) VALUES ('optimize')`).Error
}
