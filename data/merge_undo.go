package data

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"

	"gorm.io/gorm"

	"leadwerk/app"
)

// UndoMerge restores the rows merge mergeID changed or removed, in one
// transaction: the removed records with their ids, the links it moved,
// the rows it dropped and the kept record as it was before, each with a
// new version. A link that was changed again after the merge stays as it
// is now. A removed record whose id a newer record took comes back under
// a fresh id, with its links and audit history following. It wraps [app.ErrNotFound] for an
// unknown merge and [app.ErrInvalid] when the merge was undone already or
// the kept record was deleted since.
//
// NOTE: edits made to the kept record after the merge are lost, because
// its row is restored as a whole.
func (s *Store) UndoMerge(ctx context.Context, mergeID int64) error {
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		row, snap, err := openMerge(tx, mergeID)
		if err != nil {
			return err
		}

		ids := newIDRemapper(tx)
		if snap, err = remapMerge(ids, snap); err != nil {
			return err
		}

		if err := ids.moveHistory(row.MergedAt); err != nil {
			return err
		}

		if err := undoSnapshot(tx, snap); err != nil {
			return err
		}

		return tx.Exec(`UPDATE merges SET undone_at = ? WHERE id = ?`, s.now(), mergeID).Error
	})
	if err != nil {
		return fmt.Errorf("undo merge %d: %w", mergeID, err)
	}

	slog.Info("merge undone", "merge", mergeID)

	return nil
}

// openMerge reads a merge that can still be undone and its snapshot.
func openMerge(tx *gorm.DB, mergeID int64) (mergeRow, mergeSnapshot, error) {
	var row mergeRow
	err := tx.Take(&row, mergeID).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return mergeRow{}, mergeSnapshot{}, fmt.Errorf("merge %d: %w", mergeID, app.ErrNotFound)
	}
	if err != nil {
		return mergeRow{}, mergeSnapshot{}, fmt.Errorf("read merge %d: %w", mergeID, err)
	}

	if row.UndoneAt != nil {
		return mergeRow{}, mergeSnapshot{}, fmt.Errorf("merge %d was undone already: %w", mergeID, app.ErrInvalid)
	}

	var snap mergeSnapshot
	if err := json.Unmarshal([]byte(row.Snapshot), &snap); err != nil {
		return mergeRow{}, mergeSnapshot{}, fmt.Errorf("decode merge %d: %w", mergeID, err)
	}

	return row, snap, checkKeptExists(tx, snap)
}

// checkKeptExists rejects a merge whose kept record was deleted since.
func checkKeptExists(tx *gorm.DB, snap mergeSnapshot) error {
	table := mergeTables[snap.Kind]
	var kept int64
	if err := tx.Table(table).Where("id = ?", snap.KeptID).Count(&kept).Error; err != nil {
		return fmt.Errorf("look up kept %s %d: %w", snap.Kind, snap.KeptID, err)
	}
	if kept == 0 {
		return fmt.Errorf("kept %s %d was deleted since the merge: %w", snap.Kind, snap.KeptID, app.ErrInvalid)
	}

	return nil
}

// undoSnapshot writes the snapshot back in the order that keeps the
// triggers and constraints of the schema satisfied, and raises the
// versions of the kept and the removed records. Foreign keys are checked
// at commit, because a removed company may name another removed company
// as its parent.
func undoSnapshot(tx *gorm.DB, snap mergeSnapshot) error {
	table := mergeTables[snap.Kind]
	if err := tx.Exec(deferForeignKeysSQL(tx)).Error; err != nil {
		return fmt.Errorf("defer foreign keys: %w", err)
	}

	for _, c := range snap.Created {
		if err := tx.Exec("DELETE FROM "+quoteName(c.Table)+" WHERE id = ?", c.ID).Error; err != nil {
			return fmt.Errorf("delete %s %d added by the merge: %w", c.Table, c.ID, err)
		}
	}

	for _, row := range snap.Removed {
		if err := insertRow(tx, "INSERT", table, row); err != nil {
			return err
		}
	}

	if err := restoreLinks(tx, snap.Moved); err != nil {
		return err
	}

	// A trigger may have added a deal contact for a restored contact
	// already; REPLACE puts the dropped row with its own id and role back.
	for _, d := range snap.Dropped {
		if err := insertRow(tx, "INSERT OR REPLACE", d.Table, d.Row); err != nil {
			return err
		}
	}

	if err := updateRow(tx, table, snap.Kept); err != nil {
		return err
	}

	return raiseVersions(tx, table, append([]int64{snap.KeptID}, snap.RemovedIDs...))
}

// restoreLinks points each moved link back to its removed record, in the
// order of the merge, unless the link was changed after the merge. A row
// whose link moves back gets a new version.
func restoreLinks(tx *gorm.DB, moved []movedLink) error {
	for _, l := range moved {
		update := "UPDATE " + quoteName(l.Table) + " SET " + versionedSet(l.Table, quoteName(l.Column)+" = ?") +
			" WHERE id = ? AND " + quoteName(l.Column) + " IS NOT DISTINCT FROM ?"
		if err := tx.Exec(update, l.From, l.RowID, l.To).Error; err != nil {
			return fmt.Errorf("restore %s.%s of %d: %w", l.Table, l.Column, l.RowID, err)
		}
	}

	return nil
}

// RecentMerges returns the newest merges first, at most limit of them,
// undone ones included.
func (s *Store) RecentMerges(ctx context.Context, limit int) ([]app.MergeSummary, error) {
	var rows []mergeRow
	err := s.db.WithContext(ctx).Omit("snapshot").Order("merged_at DESC, id DESC").Limit(limit).Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("list recent merges: %w", err)
	}

	merges := make([]app.MergeSummary, len(rows))
	for i, r := range rows {
		merges[i] = app.MergeSummary{
			ID: r.ID, Kind: app.DuplicateKind(r.Kind), KeptID: r.KeptID, KeptTitle: r.KeptTitle,
			RemovedCount: r.RemovedCount, MergedAt: r.MergedAt.UTC(),
		}
		if r.UndoneAt != nil {
			merges[i].UndoneAt = r.UndoneAt.UTC()
		}
	}

	return merges, nil
}
