package data

import (
	"fmt"
	"strings"
	"time"
)

// leadRowsPerInsert is how many leads one INSERT statement carries. The
// driver, github.com/glebarez/go-sqlite v1.21.2, parses the statement on
// every execution and finds each parameter's value by a linear search of
// the arguments. Fewer leads per statement repeat the parsing more often,
// and more leads make each search longer. BenchmarkImportFileLeads spent
// the least CPU time on the inserts at 20 to 40 leads.
const leadRowsPerInsert = 25

// leadInsertColumns are the columns flushLeads writes of a new lead. The
// timestamps come first, so that ?1 appears before any other parameter
// and SQLite numbers the other parameters from 2 on.
var leadInsertColumns = []string{
	"created_at", "updated_at", "id", "salutation", "first_name", "last_name", "company_name", "role", "email",
	"phone", "website", "street", "postal_code", "city", "country", "source", "campaign", "industry", "size_band",
	"owner", "notes", "status", "score", "score_reasons", "temperature", "email_key", "name_key", "company_key",
	"source_ref",
}

// leadInsert builds one INSERT of new leads with bound values. An empty
// text becomes an empty SQL string literal and every lead's timestamps
// are the parameter ?1, so only the other values are bound, because the
// driver's binding time grows with the square of the bound values.
type leadInsert struct {
	query strings.Builder
	args  []any
}

// reset starts a new statement whose leads were created at now.
func (b *leadInsert) reset(now time.Time) {
	b.query.Reset()
	b.query.WriteString("INSERT INTO leads (" + strings.Join(leadInsertColumns, ", ") + ") VALUES ")
	b.args = append(b.args[:0], now)
}

// add appends the values of r in the order of leadInsertColumns.
func (b *leadInsert) add(r leadRow) {
	if len(b.args) > 1 {
		b.query.WriteString(", ")
	}

	b.query.WriteString("(?1, ?1")
	b.bind(r.ID)
	for _, text := range []string{r.Salutation, r.FirstName, r.LastName, r.CompanyName, r.Role, r.Email,
		r.Phone, r.Website, r.Street, r.PostalCode, r.City, r.Country, r.Source, r.Campaign, r.Industry,
		r.SizeBand, r.Owner, r.Notes, r.Status} {
		b.text(text)
	}
	b.bind(int64(r.Score))
	for _, text := range []string{r.ScoreReasons, r.Temperature, r.EmailKey, r.NameKey, r.CompanyKey, r.SourceRef} {
		b.text(text)
	}
	b.query.WriteString(")")
}

func (b *leadInsert) bind(value any) {
	b.query.WriteString(", ?")
	b.args = append(b.args, value)
}

func (b *leadInsert) text(value string) {
	if value == "" {
		b.query.WriteString(", ''")
		return
	}

	b.bind(value)
}

// flushLeads inserts the queued leads, leadRowsPerInsert per statement,
// and first switches to the bulk path when the import has become large.
//
// TODO: BenchmarkImportFileLeads takes about 12.7 s of CPU time for
// 100,000 leads, about 8,000 a second and not the 50,000 wanted.
// Recreating the 22 indexes and filling leads_fts take about 5 s of it.
// These statements take about 4.4 s, and reading, converting and
// matching the rows in Go about 2 s.
func (w *fileWriter) flushLeads() error {
	if len(w.leads) == 0 {
		return nil
	}

	if err := w.switchToBulk(); err != nil {
		return err
	}

	for start := 0; start < len(w.leads); start += leadRowsPerInsert {
		batch := w.leads[start:min(start+leadRowsPerInsert, len(w.leads))]
		if err := w.insertLeads(batch); err != nil {
			return err
		}
	}
	w.created += len(w.leads)
	w.leads = w.leads[:0]

	return nil
}

// insertLeads inserts leads in one statement on the transaction's
// connection, without GORM's statement building.
func (w *fileWriter) insertLeads(leads []leadRow) error {
	w.inserts.reset(w.fi.now)
	for _, r := range leads {
		w.inserts.add(r)
	}

	_, err := w.fi.tx.Statement.ConnPool.ExecContext(w.fi.ctx, w.inserts.query.String(), w.inserts.args...)
	if err != nil {
		return fmt.Errorf("insert leads: %w", err)
	}

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
