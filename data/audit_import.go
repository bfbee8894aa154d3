package data

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
	"leadwerk/app/mapping"
)

// importSummaryField is the field of an import's summary entry. The
// entry's entity_id is 0, because it covers every record the import
// created, and its new_value is the JSON of [app.ImportSummary].
const importSummaryField = "import"

// importEntities maps the kinds of a file import to the audited kinds.
var importEntities = map[mapping.Kind]app.EntityKind{
	mapping.KindLeads:         app.EntityLead,
	mapping.KindContacts:      app.EntityContact,
	mapping.KindCompanies:     app.EntityCompany,
	mapping.KindOpportunities: app.EntityOpportunity,
}

// auditImportUpdate records the columns of record id that a file import
// changed, compared with before, as one change stamped
// [app.ChangedByImport].
func auditImportUpdate(tx *gorm.DB, kind app.EntityKind, id int64, before storedRow, at time.Time) error {
	after, err := readEntityRow(tx, kind, id)
	if err != nil {
		return err
	}

	_, err = writeAuditBy(tx, kind, id, app.AuditImport, at, app.ChangedByImport, diffRows(before, after))

	return err
}

// auditImportSummaries records the summary of a finished file import:
// one entry for the records of the file's kind and, when its contacts or
// deals created companies, one for those companies. The id range runs
// from the first to the last new id. On PostgreSQL it may contain ids of
// records that others created meanwhile, which importOfRecord leaves out
// by their creation time.
func (fi *fileImport) auditImportSummaries() error {
	kind := importEntities[fi.plan.Mapping.Kind]
	r := fi.report
	summary := app.ImportSummary{File: filepath.Base(fi.plan.Path), Rows: r.Rows, New: r.New, Updated: r.Updated,
		Duplicates: r.Duplicates, Rejected: len(r.Rejected)}
	if r.New > 0 {
		summary.FirstID, summary.LastID = fi.idx.ids.first, fi.idx.ids.last
	}
	if err := writeImportSummary(fi.tx, kind, summary, fi.now); err != nil {
		return err
	}

	if r.Companies == 0 || kind == app.EntityCompany {
		return nil
	}

	companies := app.ImportSummary{File: summary.File, New: r.Companies,
		FirstID: fi.idx.companyIDs.first, LastID: fi.idx.companyIDs.last}

	return writeImportSummary(fi.tx, app.EntityCompany, companies, fi.now)
}

func writeImportSummary(tx *gorm.DB, kind app.EntityKind, s app.ImportSummary, at time.Time) error {
	data, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("encode import summary: %w", err)
	}

	text := string(data)
	diff := fieldDiff{field: importSummaryField, new: &text}
	_, err = writeAuditBy(tx, kind, 0, app.AuditImport, at, app.ChangedByImport, []fieldDiff{diff})

	return err
}

// importOfRecord returns the summary entry of the import that created
// record id, or nil. An id in an import's range counts only when the
// record was created at the import's time, because SQLite gives the id of
// a deleted last row to the next new record.
func importOfRecord(tx *gorm.DB, kind app.EntityKind, id int64) (*app.AuditEntry, error) {
	var created []time.Time
	err := tx.Table(entityTables[kind]).Where("id = ?", id).Pluck("created_at", &created).Error
	if err != nil {
		return nil, fmt.Errorf("read creation time of %s %d: %w", kind, id, err)
	}
	if len(created) == 0 {
		return nil, nil
	}

	var rows []auditRow
	idRange := `json_extract(new_value, '$.first_id') <= ? AND json_extract(new_value, '$.last_id') >= ?`
	if isPostgresDB(tx) {
		idRange = `(new_value::json ->> 'first_id')::BIGINT <= ? AND (new_value::json ->> 'last_id')::BIGINT >= ?`
	}
	err = tx.Where(`entity_kind = ? AND entity_id = 0 AND action = ? AND field = ? AND `+idRange,
		string(kind), string(app.AuditImport), importSummaryField, id, id).Order("id DESC").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("read the import of %s %d: %w", kind, id, err)
	}

	for _, row := range rows {
		if row.At.Equal(created[0]) {
			return importEntry(row)
		}
	}

	return nil, nil
}

// importEntry returns a summary row as an entry without a field, whose
// Import holds the decoded summary.
func importEntry(row auditRow) (*app.AuditEntry, error) {
	if row.NewValue == nil {
		return nil, errors.New("import summary without a value")
	}

	var s app.ImportSummary
	if err := json.Unmarshal([]byte(*row.NewValue), &s); err != nil {
		return nil, fmt.Errorf("decode import summary %d: %w", row.ID, err)
	}

	entry := row.toApp()
	entry.Field, entry.Old, entry.New, entry.Import = "", nil, nil, &s

	return &entry, nil
}
