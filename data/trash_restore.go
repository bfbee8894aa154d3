package data

import (
	"context"
	"fmt"
	"log/slog"

	"gorm.io/gorm"

	"leadwerk/app"
)

// RestoreFromTrash puts every row of trash item id back with its ids,
// points the cleared links that are still empty back to the record, and
// removes the item from the trash, in one transaction. The restored rows
// and the rows whose links come back get new versions. A row whose id a
// newer row took comes back under a fresh id, with the links to it and
// its audit history following. A referenced record that was deleted
// since wraps [app.ErrInvalid]; an unknown item wraps [app.ErrNotFound].
func (s *Store) RestoreFromTrash(ctx context.Context, id int64) error {
	now := s.now()
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		row, snap, err := openTrash(tx, id)
		if err != nil {
			return err
		}

		ids := newIDRemapper(tx)
		if snap, err = remapTrash(ids, snap); err != nil {
			return err
		}

		if err := ids.moveHistory(row.DeletedAt); err != nil {
			return err
		}

		if err := restoreSnapshot(tx, snap); err != nil {
			return err
		}

		if err := tx.Delete(&trashRow{}, id).Error; err != nil {
			return fmt.Errorf("remove trash item %d: %w", id, err)
		}

		_, err = auditEvent(tx, snap.Kind, snap.ID, app.AuditRestore, "", nil, &row.Title, now)

		return err
	})
	if err != nil {
		return fmt.Errorf("restore trash item %d: %w", id, err)
	}

	slog.Info("record restored from the trash", "trash", id)

	return nil
}

// restoreSnapshot inserts the rows of snap, then writes the rows with an
// id once more so the values that insert triggers changed, such as a
// lead's last activity time, are the stored ones, removes deal contacts
// that a trigger added, and restores the cleared links. Each restored row
// and each row whose link comes back gets a new version, so that a form
// opened before the delete does not save over the restored record
// unnoticed.
func restoreSnapshot(tx *gorm.DB, snap trashSnapshot) error {
	if err := tx.Exec(deferForeignKeysSQL(tx)).Error; err != nil {
		return fmt.Errorf("defer foreign keys: %w", err)
	}

	for _, t := range snap.Tables {
		for _, r := range t.Rows {
			// REPLACE drops a row that a trigger added for a restored
			// deal, such as its primary contact link, which the snapshot
			// holds with its own id. remapTrash moved every row whose id
			// is taken, so no other row can be replaced.
			if err := insertRow(tx, "INSERT OR REPLACE", t.Table, r); err != nil {
				return err
			}
		}
	}

	if err := rewriteRows(tx, snap); err != nil {
		return err
	}

	if err := restoreLinks(tx, snap.Cleared); err != nil {
		return err
	}

	for _, t := range snap.Tables {
		if err := raiseVersions(tx, t.Table, rowIDs(t.Rows)); err != nil {
			return err
		}
	}

	return checkForeignKeys(tx, snap)
}

// rowIDs returns the ids of rows, leaving out rows without one.
func rowIDs(rows []storedRow) []int64 {
	ids := make([]int64, 0, len(rows))
	for _, r := range rows {
		if r["id"].Int != nil {
			ids = append(ids, r.id())
		}
	}

	return ids
}

func rewriteRows(tx *gorm.DB, snap trashSnapshot) error {
	for _, t := range snap.Tables {
		if t.Table != "leads" && t.Table != "opportunities" {
			continue
		}

		for _, r := range t.Rows {
			if err := updateRow(tx, t.Table, r); err != nil {
				return err
			}
		}

		if t.Table == "opportunities" {
			if err := dropAddedLinks(tx, t.Rows, snap); err != nil {
				return err
			}
		}
	}

	return nil
}

// dropAddedLinks deletes deal contacts of the restored deals that are not
// in the snapshot, which the schema's trigger adds for a deal's contact.
func dropAddedLinks(tx *gorm.DB, deals []storedRow, snap trashSnapshot) error {
	var dealIDs, keep []int64
	for _, r := range deals {
		dealIDs = append(dealIDs, r.id())
	}
	for _, t := range snap.Tables {
		if t.Table == "opportunity_contacts" {
			for _, r := range t.Rows {
				keep = append(keep, r.id())
			}
		}
	}

	query, args := `DELETE FROM opportunity_contacts WHERE opportunity_id IN ?`, []any{dealIDs}
	if len(keep) > 0 {
		query, args = query+` AND id NOT IN ?`, append(args, keep)
	}
	if err := tx.Exec(query, args...).Error; err != nil {
		return fmt.Errorf("drop deal contacts added on restore: %w", err)
	}

	return nil
}

// checkForeignKeys rejects a restore whose rows reference a record that
// was deleted after them, naming the table, before the commit would fail
// with a bare constraint error.
func checkForeignKeys(tx *gorm.DB, snap trashSnapshot) error {
	if isPostgresDB(tx) {
		return checkForeignKeysPostgres(tx, snap)
	}

	for _, t := range snap.Tables {
		var parents []string
		err := tx.Raw(`SELECT parent FROM pragma_foreign_key_check(?)`, t.Table).Scan(&parents).Error
		if err != nil {
			return fmt.Errorf("check foreign keys of %s: %w", t.Table, err)
		}
		if len(parents) > 0 {
			return fmt.Errorf("%s %d refers to %s that no longer exist: restore those first: %w", snap.Kind,
				snap.ID, parents[0], app.ErrInvalid)
		}
	}

	return nil
}
