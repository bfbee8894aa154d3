package data

import (
	"errors"
	"fmt"
	"strings"
)

// leadInsertColumns are the columns flushLeads writes of a new lead, and
// the columns take the parameters ?1 and on in this order.
var leadInsertColumns = []string{
	"updated_at", "created_at", "id", "salutation", "first_name", "last_name", "company_name", "role", "email",
	"phone", "website", "street", "postal_code", "city", "country", "source", "campaign", "industry", "size_band",
	"owner", "notes", "status", "score", "score_reasons", "temperature", "email_key", "name_key", "company_key",
	"source_ref",
}

// leadInsertSQL inserts one lead with the values of leadInsertColumns.
var leadInsertSQL = func() string {
	var params []string
	for i := 1; i <= len(leadInsertColumns); i++ {
		params = append(params, fmt.Sprintf("?%d", i))
	}

	return "INSERT INTO leads (" + strings.Join(leadInsertColumns, ", ") + ") VALUES (" + strings.Join(params, ", ") + ")"
}()

// bindLead binds the values of r, imported at the text now, to
// leadInsertSQL. The lead is created at r.CreatedAt, or now when that is
// zero.
func bindLead(st *rawStmt, now string, r leadRow) error {
	created := now
	if !r.CreatedAt.IsZero() {
		created = r.CreatedAt.UTC().Format(driverTimeFormat)
	}

	texts := [...]string{r.Salutation, r.FirstName, r.LastName, r.CompanyName, r.Role, r.Email,
		r.Phone, r.Website, r.Street, r.PostalCode, r.City, r.Country, r.Source, r.Campaign, r.Industry,
		r.SizeBand, r.Owner, r.Notes, r.Status}
	tail := [...]string{r.ScoreReasons, r.Temperature, r.EmailKey, r.NameKey, r.CompanyKey, r.SourceRef}

	size := len(now) + len(created)
	for _, t := range texts {
		size += len(t)
	}
	for _, t := range tail {
		size += len(t)
	}
	if err := st.reserve(size); err != nil {
		return err
	}

	errs := []error{st.bindText(1, now), st.bindText(2, created), st.bindInt(3, r.ID)}
	for i, t := range texts {
		errs = append(errs, st.bindText(4+i, t))
	}
	errs = append(errs, st.bindInt(4+len(texts), int64(r.Score)))
	for i, t := range tail {
		errs = append(errs, st.bindText(5+len(texts)+i, t))
	}

	return errors.Join(errs...)
}

// flushLeads inserts the queued leads and returns when they are stored.
func (w *fileWriter) flushLeads() error {
	if err := w.startLeads(); err != nil {
		return err
	}

	return w.waitLeads()
}

// startLeads has a goroutine insert the queued leads with one prepared
// statement, so the import reads and matches the next rows meanwhile. It
// first waits for the leads it started before, and switches to the bulk
// path when the import has become large.
//
// TODO: BenchmarkImportFileLeads takes about 8 s of CPU time for 100,000
// leads, so it reaches at best 12,500 leads a second and not the 50,000
// wanted. C SQLite needs 2.7 s of CPU time for the same statements on the
// same schema, as BenchmarkImportFloorSQLite3 measures, most of it
// recreating the 22 indexes and filling the trigram index leads_fts.
func (w *fileWriter) startLeads() error {
	if err := w.waitLeads(); err != nil {
		return err
	}
	if len(w.leads) == 0 {
		return nil
	}

	if isPostgresDB(w.fi.tx) {
		return w.insertLeadsPostgres()
	}

	if err := w.switchToBulk(); err != nil {
		return err
	}
	if w.leadStmt == nil {
		st, err := prepareRaw(w.fi.conn, leadInsertSQL)
		if err != nil {
			return fmt.Errorf("insert leads: %w", err)
		}
		w.leadStmt = st
	}

	batch := w.leads
	w.leads = w.spareLeads[:0]
	w.inserting = make(chan error, 1)
	go func() {
		w.inserting <- w.insertLeads(batch)
	}()

	return nil
}

// waitLeads waits for the leads that startLeads passed to its goroutine
// and returns the goroutine's error.
func (w *fileWriter) waitLeads() error {
	if w.inserting == nil {
		return nil
	}

	err := <-w.inserting
	w.inserting = nil

	return err
}

// insertLeads stores leads with the prepared statement. It runs on the
// goroutine of startLeads and keeps the batch as the next spare buffer.
func (w *fileWriter) insertLeads(leads []leadRow) error {
	now := w.fi.now.Format(driverTimeFormat)
	err := w.fi.conn.Raw(func(any) error {
		// A cancel rolls the transaction back while this goroutine waits
		// for the connection.
		if err := w.leadStmt.inTransaction(); err != nil {
			return err
		}

		for _, r := range leads {
			if err := bindLead(w.leadStmt, now, r); err != nil {
				return err
			}
			if err := w.leadStmt.exec(); err != nil {
				return fmt.Errorf("lead %d: %w", r.ID, constraintError(err))
			}
		}

		return nil
	})
	if err != nil {
		return fmt.Errorf("insert leads: %w", err)
	}

	w.created += len(leads)
	w.spareLeads = leads

	return nil
}

// switchToBulk drops the lead indexes once the inserted and queued leads
// make the import large enough for the bulk path.
func (w *fileWriter) switchToBulk() error {
	if w.bulk != nil || !wantsBulk(w.created+len(w.leads), len(w.fi.idx.status)) {
		return nil
	}

	bulk, err := dropLeadIndexes(w.fi.tx, w.leads[0].ID-1)
	if err != nil {
		return err
	}
	w.bulk = bulk

	return nil
}
