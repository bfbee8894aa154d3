package data

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
)

// entityTables names the table of each kind of audited record.
var entityTables = map[app.EntityKind]string{
	app.EntityLead:        "leads",
	app.EntityContact:     "contacts",
	app.EntityCompany:     "companies",
	app.EntityOpportunity: "opportunities",
}

// auditSkipped lists the columns whose changes the audit trail leaves
// out: the id, the time of the last write, and values that Leadwerk
// computes from other columns or from activities.
var auditSkipped = map[string]bool{
	"id": true, "updated_at": true, "email_key": true, "name_key": true, "company_key": true,
	"score": true, "score_reasons": true, "predicted": true, "predicted_reasons": true,
	"lead_value_minor": true, "lead_value_currency": true, "last_activity_at": true,
	"version": true, "owner_id": true,
}

// auditRow is a row of the audit_log table.
type auditRow struct {
	ID         int64     `gorm:"column:id;primaryKey"`
	ChangeID   int64     `gorm:"column:change_id"`
	EntityKind string    `gorm:"column:entity_kind"`
	EntityID   int64     `gorm:"column:entity_id"`
	Action     string    `gorm:"column:action"`
	Field      string    `gorm:"column:field"`
	OldValue   *string   `gorm:"column:old_value"`
	NewValue   *string   `gorm:"column:new_value"`
	At         time.Time `gorm:"column:at"`
	ChangedBy  string    `gorm:"column:changed_by"`
	Undoes     *int64    `gorm:"column:undoes"`
	UserID     *int64    `gorm:"column:user_id"`
}

func (auditRow) TableName() string { return "audit_log" }

func (r auditRow) toApp() app.AuditEntry {
	return app.AuditEntry{
		ID: r.ID, ChangeID: r.ChangeID, Kind: app.EntityKind(r.EntityKind), EntityID: r.EntityID,
		Action: app.AuditAction(r.Action), Field: r.Field, Old: r.OldValue, New: r.NewValue, At: r.At.UTC(),
		By: r.ChangedBy,
	}
}

// fieldDiff is one column whose value a write changed.
type fieldDiff struct {
	field    string
	old, new *string
}

// rowAudit keeps one record's row as it was before a write, so finish can
// record the columns the write changed.
type rowAudit struct {
	tx     *gorm.DB
	kind   app.EntityKind
	id     int64
	at     time.Time
	before storedRow
}

// beginAudit reads the row of record id before a write. A record that
// does not exist yet is recorded as created when finish runs.
func beginAudit(tx *gorm.DB, kind app.EntityKind, id int64, at time.Time) (*rowAudit, error) {
	a := &rowAudit{tx: tx, kind: kind, id: id, at: at}
	row, err := readEntityRow(tx, kind, id)
	a.before = row

	return a, err
}

// finish records, under one new change id, every column that differs
// between the row before the write and now. It returns the change id, or
// 0 when no audited column changed.
func (a *rowAudit) finish(action app.AuditAction) (int64, error) {
	after, err := readEntityRow(a.tx, a.kind, a.id)
	if err != nil {
		return 0, err
	}

	return writeAudit(a.tx, a.kind, a.id, action, a.at, diffRows(a.before, after))
}

// auditCreated records every column of the new record id.
func auditCreated(tx *gorm.DB, kind app.EntityKind, id int64, at time.Time) error {
	a := &rowAudit{tx: tx, kind: kind, id: id, at: at}
	_, err := a.finish(app.AuditCreate)

	return err
}

// auditEvent records one entry that is no column of the record, such as
// a linked contact or a delete, and returns its change id.
func auditEvent(tx *gorm.DB, kind app.EntityKind, id int64, action app.AuditAction, field string,
	old, new *string, at time.Time,
) (int64, error) {
	return writeAudit(tx, kind, id, action, at, []fieldDiff{{field: field, old: old, new: new}})
}

func readEntityRow(tx *gorm.DB, kind app.EntityKind, id int64) (storedRow, error) {
	rows, err := readRows(tx, entityTables[kind], "id = ?", id)
	if err != nil || len(rows) == 0 {
		return nil, err
	}

	return rows[0], nil
}

// diffRows returns the audited columns whose values differ between before
// and after, in column name order. A nil row has only NULL values.
func diffRows(before, after storedRow) []fieldDiff {
	var columns []string
	for c := range before {
		columns = append(columns, c)
	}
	for c := range after {
		columns = append(columns, c)
	}
	slices.Sort(columns)

	var diffs []fieldDiff
	for _, c := range slices.Compact(columns) {
		old, new := valueText(before[c]), valueText(after[c])
		if auditSkipped[c] || equalText(old, new) {
			continue
		}
		diffs = append(diffs, fieldDiff{field: c, old: old, new: new})
	}

	return diffs
}

// valueText returns v as the text SQLite's CAST(v AS TEXT) gives, or nil
// for NULL.
func valueText(v sqlValue) *string {
	var s string
	switch {
	case v.Int != nil:
		s = strconv.FormatInt(*v.Int, 10)
	case v.Real != nil:
		s = strconv.FormatFloat(*v.Real, 'g', -1, 64)
	case v.Text != nil:
		s = *v.Text
	case v.Blob != nil:
		s = string(*v.Blob)
	default:
		return nil
	}

	return &s
}

func equalText(a, b *string) bool {
	if a == nil || b == nil {
		return a == b
	}

	return *a == *b
}

// undoKey is the context key under which a revert stores the change id it
// undoes, so the audit rows it writes name that change.
type undoKey struct{}

// withUndo returns tx with changeID as the change its writes undo.
func withUndo(tx *gorm.DB, changeID int64) *gorm.DB {
	return tx.WithContext(context.WithValue(tx.Statement.Context, undoKey{}, changeID))
}

func undoneChange(tx *gorm.DB) (int64, bool) {
	if tx.Statement == nil || tx.Statement.Context == nil {
		return 0, false
	}
	id, ok := tx.Statement.Context.Value(undoKey{}).(int64)

	return id, ok
}

// writeAudit inserts diffs as one change of record id and returns the
// change id, or 0 when diffs is empty. Inside a revert the action becomes
// [app.AuditUndo] and the rows name the undone change.
func writeAudit(tx *gorm.DB, kind app.EntityKind, id int64, action app.AuditAction, at time.Time,
	diffs []fieldDiff,
) (int64, error) {
	if len(diffs) == 0 {
		return 0, nil
	}

	by, err := currentUserName(tx)
	if err != nil {
		return 0, err
	}

	return writeAuditBy(tx, kind, id, action, at, by, diffs)
}

// writeAuditBy is [writeAudit] with the changed_by name given, such as
// [app.ChangedByImport].
func writeAuditBy(tx *gorm.DB, kind app.EntityKind, id int64, action app.AuditAction, at time.Time, by string,
	diffs []fieldDiff,
) (int64, error) {
	if len(diffs) == 0 {
		return 0, nil
	}

	var changeID int64
	if err := tx.Raw(`SELECT COALESCE(MAX(change_id), 0) + 1 FROM audit_log`).Scan(&changeID).Error; err != nil {
		return 0, fmt.Errorf("read next audit change id: %w", err)
	}

	var undoes *int64
	if undone, ok := undoneChange(tx); ok {
		action, undoes = app.AuditUndo, &undone
	}

	rows := make([]auditRow, len(diffs))
	for i, d := range diffs {
		rows[i] = auditRow{
			ChangeID: changeID, EntityKind: string(kind), EntityID: id, Action: string(action), Field: d.field,
			OldValue: d.old, NewValue: d.new, At: at.UTC(), ChangedBy: by, Undoes: undoes,
			UserID: userIDNamed(tx, by),
		}
	}

	if err := tx.Create(&rows).Error; err != nil {
		return 0, fmt.Errorf("record %s of %s %d in the audit log: %w", action, kind, id, err)
	}

	return changeID, nil
}

// AuditHistory returns the audit entries of one record, newest first, at
// most limit of them (0 for all).
func (s *Store) AuditHistory(ctx context.Context, kind app.EntityKind, id int64, limit int) ([]app.AuditEntry, error) {
	if _, ok := entityTables[kind]; !ok {
		return nil, fmt.Errorf("audit history of %q %d: kind is unknown: %w", kind, id, app.ErrInvalid)
	}

	query := s.db.WithContext(ctx).Where("entity_kind = ? AND entity_id = ?", string(kind), id).
		Order("at DESC, id DESC")
	if limit > 0 {
		query = query.Limit(limit)
	}

	var rows []auditRow
	if err := query.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("read audit history of %s %d: %w", kind, id, err)
	}

	names, err := userNames(s.db.WithContext(ctx))
	if err != nil {
		return nil, err
	}

	entries := make([]app.AuditEntry, len(rows))
	for i, r := range rows {
		entries[i] = r.toApp()
		entries[i].By = names.of(r.UserID, r.ChangedBy)
	}

	// The import that created the record is older than all its entries,
	// so it belongs after them unless the limit cut them.
	if limit > 0 && len(entries) >= limit {
		return entries, nil
	}

	created, err := importOfRecord(s.db.WithContext(ctx), kind, id)
	if err != nil {
		return nil, err
	}
	if created != nil {
		entries = append(entries, *created)
	}

	return entries, nil
}

// entityTitle returns how lists name record id, or "" when it is gone.
func entityTitle(tx *gorm.DB, kind app.EntityKind, id int64) string {
	query := map[app.EntityKind]string{
		app.EntityLead: `SELECT trim(first_name || ' ' || last_name) ||
			CASE WHEN company_name <> '' THEN ' (' || company_name || ')' ELSE '' END FROM leads WHERE id = ?`,
		app.EntityContact:     `SELECT trim(first_name || ' ' || last_name) FROM contacts WHERE id = ?`,
		app.EntityCompany:     `SELECT name FROM companies WHERE id = ?`,
		app.EntityOpportunity: `SELECT title FROM opportunities WHERE id = ?`,
	}[kind]

	var titles []string
	if err := tx.Raw(query, id).Scan(&titles).Error; err != nil || len(titles) == 0 {
		return ""
	}

	return titles[0]
}

// auditQualification records a saved qualification of its lead as one
// entry whose new value lists the BANT answers, such as
// "budget=confirmed authority=decision_maker need=… timeframe=1_3_months".
func auditQualification(tx *gorm.DB, q app.Qualification, at time.Time) error {
	summary := fmt.Sprintf("budget=%s authority=%s need=%s timeframe=%s", q.Budget, q.Authority, q.Need,
		q.Timeframe)
	_, err := auditEvent(tx, app.EntityLead, q.LeadID, app.AuditQualify, "qualification", nil, &summary, at)

	return err
}

// dealAuditAction returns [app.AuditStage] for a deal edit that moves the
// deal to another stage, and [app.AuditEdit] otherwise.
func dealAuditAction(before, after app.Opportunity) app.AuditAction {
	if before.StageID != after.StageID {
		return app.AuditStage
	}

	return app.AuditEdit
}
