package data

import (
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"

	"leadwerk/app"
	"leadwerk/app/mapping"
)

// importTables names the table of each kind of a file import.
var importTables = map[mapping.Kind]string{mapping.KindLeads: "leads", mapping.KindContacts: "contacts",
	mapping.KindCompanies: "companies", mapping.KindOpportunities: "opportunities"}

// pendingUpdate is a row that matched the stored record id.
type pendingUpdate struct {
	id  int64
	rec mapping.Record
}

// fileUpdater compares the rows that match stored records with those
// records, fileBatchSize rows at a time. One query reads the stored rows
// of a batch. A row whose mapped values equal the stored ones counts as
// unchanged and writes nothing. Each changed row is one execution of an
// UPDATE prepared once per set of changed columns.
type fileUpdater struct {
	fi      *fileImport
	pending []pendingUpdate
	// statements contains the prepared UPDATEs by their table and columns.
	statements map[string]*rawStmt
}

func newFileUpdater(fi *fileImport) *fileUpdater {
	return &fileUpdater{fi: fi, statements: map[string]*rawStmt{}}
}

// queue adds a matched row and applies the batch once it is full.
func (u *fileUpdater) queue(id int64, rec mapping.Record) error {
	u.pending = append(u.pending, pendingUpdate{id: id, rec: rec})
	if len(u.pending) < fileBatchSize {
		return nil
	}

	return u.apply()
}

// apply compares the queued rows with their stored records, counts each
// as updated or unchanged and, unless in a dry run, writes the changes.
func (u *fileUpdater) apply() error {
	if len(u.pending) == 0 {
		return nil
	}

	fi := u.fi
	// A company created for one of the rows is queued behind other
	// inserts, and the update must see it.
	if err := fi.writer.flush(); err != nil {
		return err
	}

	sets := make([]map[string]any, len(u.pending))
	columns := map[string]bool{"id": true}
	for i, p := range u.pending {
		set, err := u.rowValues(p)
		if err != nil {
			return fmt.Errorf("line %d: %w", p.rec.Line, err)
		}
		sets[i] = set
		for c := range set {
			columns[c] = true
		}
	}

	stored, err := u.readStored(columns)
	if err != nil {
		return err
	}

	for i, p := range u.pending {
		if err := u.applyRow(p, sets[i], stored[p.id]); err != nil {
			return fmt.Errorf("line %d: %w", p.rec.Line, err)
		}
	}
	u.pending = u.pending[:0]

	return nil
}

// rowValues returns the columns that the row's mapped cells set. A row
// with a source id also sets source_ref, which [fileUpdater.applyRow]
// keeps only for a record without one.
func (u *fileUpdater) rowValues(p pendingUpdate) (map[string]any, error) {
	fi := u.fi
	values := newColumnValues(fi.plan.Mapping)
	if err := u.mappedValues(values, p); err != nil {
		return nil, err
	}
	if ref := fi.plan.SourceRef(fi.plan.Mapping.Kind, p.rec.SourceID); ref != "" {
		values.set["source_ref"] = ref
	}

	return values.set, nil
}

// readStored reads columns of the queued records in one query. Only the
// columns that some row sets are read, so a file with few mapped columns
// reads little.
func (u *fileUpdater) readStored(columns map[string]bool) (map[int64]storedRow, error) {
	names := make([]string, 0, len(columns))
	selects := make([]string, 0, len(columns))
	for c := range columns {
		names = append(names, c)
		// A unary plus hands back a DATETIME column's stored text.
		selects = append(selects, storedValueSQL(u.fi.tx, c))
	}
	ids := make([]int64, len(u.pending))
	for i, p := range u.pending {
		ids[i] = p.id
	}

	table := importTables[u.fi.plan.Mapping.Kind]
	query := "SELECT " + strings.Join(selects, ", ") + " FROM " + quoteName(table) + " WHERE id IN ?"
	rows, err := u.fi.tx.Raw(query, ids).Rows()
	if err != nil {
		return nil, fmt.Errorf("read stored %s: %w", table, err)
	}
	defer rows.Close()

	stored := make(map[int64]storedRow, len(ids))
	for rows.Next() {
		row, err := scanStoredRow(rows.Scan, names)
		if err != nil {
			return nil, fmt.Errorf("read stored %s: %w", table, err)
		}
		stored[row.id()] = row
	}

	return stored, rows.Err()
}

func (u *fileUpdater) applyRow(p pendingUpdate, set map[string]any, before storedRow) error {
	fi := u.fi
	if before == nil {
		return fmt.Errorf("%s %d not found", importTables[fi.plan.Mapping.Kind], p.id)
	}

	// A row with a source id that matched a record by e-mail or name gives
	// the record its reference, unless the record has one of another
	// source.
	if stored := valueText(before["source_ref"]); stored != nil && *stored != "" {
		delete(set, "source_ref")
	}

	changed := changedColumns(set, before)
	if len(changed) == 0 {
		fi.report.Unchanged++
		return nil
	}

	fi.report.Updated++
	if !fi.write {
		return nil
	}

	return u.write(p, changed, set, before)
}

// mappedValues sets the columns the row's mapped cells give.
func (u *fileUpdater) mappedValues(v *columnValues, p pendingUpdate) error {
	w := u.fi.writer
	w.sourceValues(v, p.rec)
	switch u.fi.plan.Mapping.Kind {
	case mapping.KindLeads:
		w.leadValues(v, p.id, p.rec.Lead)
	case mapping.KindContacts:
		contactValues(v, p.rec)
	case mapping.KindCompanies:
		companyValues(v, p.rec.Company)
	default:
		return w.dealValues(v, p.id, p.rec)
	}

	return nil
}

// changedColumns returns the columns of set whose values differ from the
// stored ones, compared as SQLite's CAST(value AS TEXT) gives them.
func changedColumns(set map[string]any, before storedRow) map[string]any {
	changed := map[string]any{}
	for column, value := range set {
		text := argText(value)
		if !equalText(&text, valueText(before[column])) {
			changed[column] = value
		}
	}

	return changed
}

// argText returns a statement argument as the text SQLite stores for it.
func argText(value any) string {
	switch v := value.(type) {
	case string:
		return v
	case int64:
		return strconv.FormatInt(v, 10)
	case int:
		return strconv.Itoa(v)
	case bool:
		if v {
			return "1"
		}
		return "0"
	case time.Time:
		return v.Format(driverTimeFormat)
	default:
		return fmt.Sprint(v)
	}
}

// write stores the changed columns of one record with their audit entry,
// and the lead status or deal stage change they make. set holds all the
// row's mapped columns, changed or not.
func (u *fileUpdater) write(p pendingUpdate, changed, set map[string]any, before storedRow) error {
	fi := u.fi
	if status, ok := changed["status"].(string); ok {
		if err := fi.writer.recordStatus(p.id, status); err != nil {
			return err
		}
	}
	if _, ok := changed["stage_id"]; ok {
		if err := fi.writer.recordMove(p.id, set, p.rec.Deal); err != nil {
			return err
		}
	}
	if fi.plan.Mapping.Kind == mapping.KindLeads {
		fi.writer.rescore = append(fi.writer.rescore, p.id)
	}

	changed["updated_at"] = fi.now
	if err := u.exec(importTables[fi.plan.Mapping.Kind], p.id, changed); err != nil {
		return err
	}

	kind := importEntities[fi.plan.Mapping.Kind]
	_, err := writeAuditBy(fi.tx, kind, p.id, app.AuditImport, fi.now, app.ChangedByImport,
		auditedChanges(changed, before))

	return err
}

// auditedChanges returns the audit entries of the changed columns.
func auditedChanges(changed map[string]any, before storedRow) []fieldDiff {
	columns := make([]string, 0, len(changed))
	for c := range changed {
		if !auditSkipped[c] {
			columns = append(columns, c)
		}
	}
	slices.Sort(columns)

	diffs := make([]fieldDiff, len(columns))
	for i, c := range columns {
		text := argText(changed[c])
		diffs[i] = fieldDiff{field: c, old: valueText(before[c]), new: &text}
	}

	return diffs
}

// exec runs the UPDATE of the changed columns of record id, prepared once
// for each table and set of columns.
func (u *fileUpdater) exec(table string, id int64, changed map[string]any) error {
	columns := make([]string, 0, len(changed))
	for c := range changed {
		columns = append(columns, c)
	}
	slices.Sort(columns)

	if isPostgresDB(u.fi.tx) {
		return updatePostgres(u.fi.tx, table, id, columns, changed)
	}

	key := table + " " + strings.Join(columns, " ")
	st, ok := u.statements[key]
	if !ok {
		prepared, err := prepareRaw(u.fi.conn, updateSQL(table, columns))
		if err != nil {
			return fmt.Errorf("update %s: %w", table, err)
		}
		st = prepared
		u.statements[key] = st
	}

	err := u.fi.conn.Raw(func(any) error {
		if err := st.inTransaction(); err != nil {
			return err
		}
		if err := bindUpdate(st, id, columns, changed); err != nil {
			return err
		}

		return constraintError(st.exec())
	})
	if err != nil {
		return fmt.Errorf("update %s %d: %w", table, id, err)
	}

	return nil
}

// updateSQL sets columns, the parameters ?1 and on, of the row whose id
// is the last parameter, and raises the row's version.
func updateSQL(table string, columns []string) string {
	sets := make([]string, len(columns))
	for i, c := range columns {
		sets[i] = fmt.Sprintf("%s = ?%d", quoteName(c), i+1)
	}

	return fmt.Sprintf("UPDATE %s SET %s WHERE id = ?%d", quoteName(table),
		versionedSet(table, strings.Join(sets, ", ")), len(columns)+1)
}

// bindUpdate binds the values of columns and the id to updateSQL. Numbers
// and booleans bind as integers and everything else as text.
func bindUpdate(st *rawStmt, id int64, columns []string, values map[string]any) error {
	size := 0
	for _, c := range columns {
		if _, number := integerArg(values[c]); !number {
			size += len(argText(values[c]))
		}
	}
	if err := st.reserve(size); err != nil {
		return err
	}

	errs := make([]error, 0, len(columns)+1)
	for i, c := range columns {
		if n, number := integerArg(values[c]); number {
			errs = append(errs, st.bindInt(i+1, n))
		} else {
			errs = append(errs, st.bindText(i+1, argText(values[c])))
		}
	}
	errs = append(errs, st.bindInt(len(columns)+1, id))

	return errors.Join(errs...)
}

func integerArg(value any) (int64, bool) {
	switch v := value.(type) {
	case int64:
		return v, true
	case int:
		return int64(v), true
	case bool:
		if v {
			return 1, true
		}
		return 0, true
	default:
		return 0, false
	}
}

// close finalizes the prepared statements.
func (u *fileUpdater) close() {
	if len(u.statements) == 0 {
		return
	}

	err := u.fi.conn.Raw(func(any) error {
		for _, st := range u.statements {
			st.close()
		}
		return nil
	})
	if err != nil {
		slog.Error("file import: finalizing the update statements failed", "err", err)
	}
	u.statements = map[string]*rawStmt{}
}
