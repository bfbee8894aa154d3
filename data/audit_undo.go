package data

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
)

// UndoableActions returns the actions since since that can still be
// undone, newest first, at most limit of them: edits and stage moves
// recorded in the audit log and not undone yet, deletes whose item is
// still in the trash, and merges not undone yet.
func (s *Store) UndoableActions(ctx context.Context, since time.Time, limit int) ([]app.UndoAction, error) {
	db := s.db.WithContext(ctx)
	since = since.UTC()

	var changes []struct {
		ChangeID   int64
		EntityKind string
		EntityID   int64
		Action     string
		At         time.Time
	}
	query := `SELECT change_id, entity_kind, entity_id, action, at FROM audit_log a
		WHERE at >= ? AND action IN ('edit', 'stage') AND undoes IS NULL
			AND NOT EXISTS (SELECT 1 FROM audit_log u WHERE u.undoes = a.change_id)
		GROUP BY change_id ORDER BY change_id DESC LIMIT ?`
	if s.backend.isPostgres() {
		// PostgreSQL rejects SQLite's bare columns beside GROUP BY, so
		// DISTINCT ON keeps the last row of each change.
		query = `SELECT DISTINCT ON (change_id) change_id, entity_kind, entity_id, action, at FROM audit_log a
		WHERE at >= ? AND action IN ('edit', 'stage') AND undoes IS NULL
			AND NOT EXISTS (SELECT 1 FROM audit_log u WHERE u.undoes = a.change_id)
		ORDER BY change_id DESC, id DESC LIMIT ?`
	}
	err := db.Raw(query, since, limit).Scan(&changes).Error
	if err != nil {
		return nil, fmt.Errorf("list undoable changes: %w", err)
	}

	var actions []app.UndoAction
	for _, c := range changes {
		kind := app.EntityKind(c.EntityKind)
		actions = append(actions, app.UndoAction{Kind: app.UndoKind(c.Action), Ref: c.ChangeID, Entity: kind,
			EntityID: c.EntityID, Title: entityTitle(db, kind, c.EntityID), At: c.At.UTC()})
	}

	var deletes []trashRow
	err = db.Omit("snapshot").Where("deleted_at >= ?", since).Order("deleted_at DESC, id DESC").Limit(limit).
		Find(&deletes).Error
	if err != nil {
		return nil, fmt.Errorf("list undoable deletes: %w", err)
	}
	for _, d := range deletes {
		actions = append(actions, app.UndoAction{Kind: app.UndoDelete, Ref: d.ID, Entity: app.EntityKind(d.Kind),
			EntityID: d.EntityID, Title: d.Title, At: d.DeletedAt.UTC()})
	}

	var merges []mergeRow
	err = db.Omit("snapshot").Where("merged_at >= ? AND undone_at IS NULL", since).
		Order("merged_at DESC, id DESC").Limit(limit).Find(&merges).Error
	if err != nil {
		return nil, fmt.Errorf("list undoable merges: %w", err)
	}
	for _, m := range merges {
		actions = append(actions, app.UndoAction{Kind: app.UndoMerge, Ref: m.ID, Entity: mergeEntity(m.Kind),
			EntityID: m.KeptID, Title: m.KeptTitle, At: m.MergedAt.UTC()})
	}

	slices.SortStableFunc(actions, func(a, b app.UndoAction) int { return b.At.Compare(a.At) })

	return actions[:min(len(actions), limit)], nil
}

func mergeEntity(kind string) app.EntityKind {
	return map[string]app.EntityKind{"company": app.EntityCompany, "contact": app.EntityContact,
		"lead": app.EntityLead}[kind]
}

// Undo undoes action a: it reverts an edit or a stage move, restores a
// delete from the trash, or undoes a merge with [Store.UndoMerge]. A
// record changed since the action wraps [app.ErrChangedSince].
func (s *Store) Undo(ctx context.Context, a app.UndoAction) error {
	switch a.Kind {
	case app.UndoEdit, app.UndoStage:
		return s.RevertChange(ctx, a.Ref)
	case app.UndoDelete:
		return s.RestoreFromTrash(ctx, a.Ref)
	case app.UndoMerge:
		return s.UndoMerge(ctx, a.Ref)
	default:
		return fmt.Errorf("undo %q: the kind of action is unknown: %w", a.Kind, app.ErrInvalid)
	}
}

// RevertChange writes back the old values of audit change changeID in one
// transaction, with a new version, recorded as a change that undoes it.
// Every field must still hold the value the change wrote, or the revert
// wraps [app.ErrChangedSince] naming the field. A deal is reverted through the
// deal edit rules, so its field and stage history record the revert too.
func (s *Store) RevertChange(ctx context.Context, changeID int64) error {
	now := s.now()
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		entries, err := revertibleEntries(tx, changeID)
		if err != nil {
			return err
		}

		if err := checkUnchanged(tx, entries); err != nil {
			return err
		}

		undo := withUndo(tx, changeID)
		if entries[0].EntityKind == string(app.EntityOpportunity) {
			return revertDeal(undo, entries, now)
		}

		return revertRecord(undo, entries, now)
	})
	if err != nil {
		return fmt.Errorf("undo change %d: %w", changeID, err)
	}

	slog.Info("change undone", "change", changeID)

	return nil
}

// revertibleEntries reads the entries of a change that can be undone.
func revertibleEntries(tx *gorm.DB, changeID int64) ([]auditRow, error) {
	var entries []auditRow
	if err := tx.Where("change_id = ?", changeID).Order("id").Find(&entries).Error; err != nil {
		return nil, fmt.Errorf("read change %d: %w", changeID, err)
	}
	if len(entries) == 0 {
		return nil, fmt.Errorf("change %d: %w", changeID, app.ErrNotFound)
	}

	action := app.AuditAction(entries[0].Action)
	if action != app.AuditEdit && action != app.AuditStage {
		return nil, fmt.Errorf("a %s cannot be undone field by field: %w", action, app.ErrInvalid)
	}

	var undone int64
	if err := tx.Model(&auditRow{}).Where("undoes = ?", changeID).Count(&undone).Error; err != nil {
		return nil, fmt.Errorf("look for an undo of change %d: %w", changeID, err)
	}
	if undone > 0 {
		return nil, fmt.Errorf("change %d was undone already: %w", changeID, app.ErrInvalid)
	}

	return entries, nil
}

// checkUnchanged rejects a revert when the record is gone or a field no
// longer holds the value the change wrote.
func checkUnchanged(tx *gorm.DB, entries []auditRow) error {
	kind, id := app.EntityKind(entries[0].EntityKind), entries[0].EntityID
	current, err := readEntityRow(tx, kind, id)
	if err != nil {
		return err
	}
	if current == nil {
		return fmt.Errorf("%s %d was deleted: %w", kind, id, app.ErrChangedSince)
	}

	var changed []string
	for _, e := range entries {
		if !equalText(valueText(current[e.Field]), e.NewValue) {
			changed = append(changed, e.Field)
		}
	}
	if len(changed) > 0 {
		return fmt.Errorf("%s %d: %s changed again: %w", kind, id, strings.Join(changed, ", "), app.ErrChangedSince)
	}

	return nil
}

// revertRecord writes the old values of a lead, contact or company with
// a new version and computes again what derives from them.
func revertRecord(tx *gorm.DB, entries []auditRow, now time.Time) error {
	kind, id := app.EntityKind(entries[0].EntityKind), entries[0].EntityID
	audit, err := beginAudit(tx, kind, id, now)
	if err != nil {
		return err
	}

	sets := map[string]any{"updated_at": now, "version": raisedVersion}
	for _, e := range entries {
		sets[e.Field] = oldArg(e)
	}
	if err := tx.Table(entityTables[kind]).Where("id = ?", id).Updates(sets).Error; err != nil {
		return fmt.Errorf("write old values of %s %d: %w", kind, id, err)
	}

	if err := refreshDerived(tx, kind, id, now); err != nil {
		return err
	}

	_, err = audit.finish(app.AuditUndo)

	return err
}

// oldArg returns the old value of e for a statement; SQLite's column
// affinity turns the text of a number back into the number.
func oldArg(e auditRow) any {
	if e.OldValue == nil {
		return nil
	}

	return *e.OldValue
}

// refreshDerived stores the folded keys and the score of a lead, or the
// folded name of a company.
func refreshDerived(tx *gorm.DB, kind app.EntityKind, id int64, now time.Time) error {
	switch kind {
	case app.EntityLead:
		row, err := takeLead(tx, id)
		if err != nil {
			return err
		}
		l, err := row.toApp()
		if err != nil {
			return err
		}

		keys := app.KeysOf(l)
		err = tx.Exec(`UPDATE leads SET email_key = ?, name_key = ?, company_key = ? WHERE id = ?`,
			keys.Email, keys.Name, keys.Company, id).Error
		if err != nil {
			return fmt.Errorf("store keys of lead %d: %w", id, err)
		}

		_, err = rescoreLead(tx, id, now)

		return err
	case app.EntityCompany:
		var name string
		if err := tx.Raw(`SELECT name FROM companies WHERE id = ?`, id).Scan(&name).Error; err != nil {
			return fmt.Errorf("read company %d: %w", id, err)
		}

		return tx.Exec(`UPDATE companies SET name_key = ? WHERE id = ?`, app.NormalizeCompany(name), id).Error
	}

	return nil
}

// revertDeal builds the deal with the old values inside a savepoint that
// is rolled back, then saves it through the deal edit, which records the
// field changes, a stage change back and the audit entries.
func revertDeal(tx *gorm.DB, entries []auditRow, now time.Time) error {
	id := entries[0].EntityID
	e, err := loadDealEdit(tx, id, now)
	if err != nil {
		return err
	}

	if err := tx.Exec(`SAVEPOINT revert_deal`).Error; err != nil {
		return fmt.Errorf("start savepoint: %w", err)
	}

	after, err := dealWithOldValues(tx, entries)
	if rollback := tx.Exec(`ROLLBACK TO revert_deal`).Error; rollback != nil && err == nil {
		err = fmt.Errorf("roll back savepoint: %w", rollback)
	}
	if release := tx.Exec(`RELEASE revert_deal`).Error; release != nil && err == nil {
		err = fmt.Errorf("release savepoint: %w", release)
	}
	if err != nil {
		return err
	}

	_, err = e.save(after)

	return err
}

func dealWithOldValues(tx *gorm.DB, entries []auditRow) (app.Opportunity, error) {
	id := entries[0].EntityID
	sets := map[string]any{}
	for _, e := range entries {
		sets[e.Field] = oldArg(e)
	}
	if err := tx.Table("opportunities").Where("id = ?", id).Updates(sets).Error; err != nil {
		return app.Opportunity{}, fmt.Errorf("write old values of opportunity %d: %w", id, err)
	}

	var row opportunityRow
	if err := tx.Where("id = ?", id).Take(&row).Error; err != nil {
		return app.Opportunity{}, fmt.Errorf("read opportunity %d: %w", id, err)
	}

	return row.toApp()
}
