package data

import (
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
)

// syncIdentitiesSQL moves the identity sequence of every table with an id
// past its largest id, because rows inserted with their ids, as a JSON
// import does, leave the sequence where it was and the next insert would
// reuse an id.
const syncIdentitiesSQL = `
DO $$
DECLARE
	t record;
BEGIN
	FOR t IN SELECT table_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND column_name = 'id' AND is_identity = 'YES'
	LOOP
		EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, ''id''), COALESCE((SELECT MAX(id) FROM %I), 0) + 1, false)',
			t.table_name, t.table_name);
	END LOOP;
END $$`

// checkPostgresImport checks the deferred foreign keys of a JSON import
// now instead of at the commit, wrapping [app.ErrInvalid] for a broken
// reference, and moves the identity sequences past the imported ids.
func checkPostgresImport(tx *gorm.DB) error {
	if err := tx.Exec(`SET CONSTRAINTS ALL IMMEDIATE`).Error; err != nil {
		return fmt.Errorf("a record refers to a missing record (%w): %w", app.ErrInvalid, err)
	}

	if err := tx.Exec(syncIdentitiesSQL).Error; err != nil {
		return fmt.Errorf("move the id sequences past the imported ids: %w", err)
	}

	return nil
}

// insertLeadsPostgres inserts the queued leads with one multi-row INSERT
// through GORM, in place of the SQLite statement that insertLeads binds.
// A batch of fileBatchSize leads binds 29,000 parameters, below
// PostgreSQL's limit of 65,535.
// PostgreSQL has no bulk path: its indexes and the search table stay in
// place.
func (w *fileWriter) insertLeadsPostgres() error {
	batch := w.leads
	w.leads = w.spareLeads[:0]

	rows := make([]string, 0, len(batch))
	args := make([]any, 0, len(batch)*len(leadInsertColumns))
	marks := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(leadInsertColumns)), ", ") + ")"
	for _, r := range batch {
		rows = append(rows, marks)
		args = append(args, leadInsertArgs(w.fi.now, r)...)
	}

	query := "INSERT INTO leads (" + strings.Join(leadInsertColumns, ", ") + ") VALUES " + strings.Join(rows, ", ")
	if err := w.fi.tx.Exec(query, args...).Error; err != nil {
		return fmt.Errorf("insert leads: %w", err)
	}

	w.created += len(batch)
	w.spareLeads = batch

	return nil
}

// leadInsertArgs returns the values of leadInsertColumns for r, imported
// at now, as bindLead binds them.
func leadInsertArgs(now time.Time, r leadRow) []any {
	created := now.UTC()
	if !r.CreatedAt.IsZero() {
		created = r.CreatedAt.UTC()
	}

	return []any{now.UTC(), created, r.ID, r.Salutation, r.FirstName, r.LastName, r.CompanyName, r.Role, r.Email,
		r.Phone, r.Website, r.Street, r.PostalCode, r.City, r.Country, r.Source, r.Campaign, r.Industry,
		r.SizeBand, r.Owner, r.Notes, r.Status, int64(r.Score), r.ScoreReasons, r.Temperature, r.EmailKey,
		r.NameKey, r.CompanyKey, r.SourceRef}
}

// updatePostgres sets columns of the row id of table to their values in
// changed and raises the row's version, in place of the prepared SQLite
// statement of fileUpdater.
func updatePostgres(tx *gorm.DB, table string, id int64, columns []string, changed map[string]any) error {
	sets := make([]string, len(columns))
	args := make([]any, 0, len(columns)+1)
	for i, c := range columns {
		sets[i] = quoteName(c) + " = ?"
		args = append(args, changed[c])
	}
	args = append(args, id)

	query := "UPDATE " + quoteName(table) + " SET " + versionedSet(table, strings.Join(sets, ", ")) + " WHERE id = ?"
	if err := tx.Exec(query, args...).Error; err != nil {
		return fmt.Errorf("update %s %d: %w", table, id, err)
	}

	return nil
}

// checkForeignKeysPostgres checks the deferred foreign keys of a restore
// now, as checkForeignKeys does for SQLite, wrapping [app.ErrInvalid].
// PostgreSQL's error names the constraint but not the table.
func checkForeignKeysPostgres(tx *gorm.DB, snap trashSnapshot) error {
	if err := tx.Exec(`SET CONSTRAINTS ALL IMMEDIATE`).Error; err != nil {
		return fmt.Errorf("%s %d refers to records that no longer exist, restore those first (%w): %w",
			snap.Kind, snap.ID, app.ErrInvalid, err)
	}

	return nil
}
