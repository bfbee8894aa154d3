package data

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
)

// trashRow is a row of the trash table.
type trashRow struct {
	ID        int64     `gorm:"column:id;primaryKey"`
	Kind      string    `gorm:"column:kind"`
	EntityID  int64     `gorm:"column:entity_id"`
	Title     string    `gorm:"column:title"`
	RowCount  int       `gorm:"column:row_count"`
	Snapshot  string    `gorm:"column:snapshot"`
	DeletedAt time.Time `gorm:"column:deleted_at"`
	DeletedBy string    `gorm:"column:deleted_by"`
}

func (trashRow) TableName() string { return "trash" }

func (r trashRow) toApp() app.TrashItem {
	return app.TrashItem{
		ID: r.ID, Kind: app.EntityKind(r.Kind), EntityID: r.EntityID, Title: r.Title, Rows: r.RowCount,
		DeletedAt: r.DeletedAt.UTC(), DeletedBy: r.DeletedBy,
	}
}

// trashPersonRow is a row of trash_people.
type trashPersonRow struct {
	ID       int64  `gorm:"column:id;primaryKey"`
	TrashID  int64  `gorm:"column:trash_id"`
	Kind     string `gorm:"column:kind"`
	EntityID int64  `gorm:"column:entity_id"`
	Email    string `gorm:"column:email"`
}

func (trashPersonRow) TableName() string { return "trash_people" }

// maxDealsNamed is how many deal titles the rejection of a company delete
// names.
const maxDealsNamed = 5

// PreviewDelete returns what deleting record id would move to the trash,
// without changing anything. It wraps the errors of [Store.Delete].
func (s *Store) PreviewDelete(ctx context.Context, kind app.EntityKind, id int64) (app.DeleteSummary, error) {
	var summary app.DeleteSummary
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		snap, err := checkedSnapshot(tx, kind, id)
		if err != nil {
			return err
		}

		summary = app.DeleteSummary{Kind: kind, ID: id, Title: entityTitle(tx, kind, id), Counts: snap.counts()}

		return nil
	})
	if err != nil {
		return app.DeleteSummary{}, fmt.Errorf("preview delete of %s %d: %w", kind, id, err)
	}

	return summary, nil
}

// Delete moves record id with every row attached to it into the trash, in
// one transaction, and returns the trash item's id. A row that stays but
// loses its link to the record, such as a deal whose contact it was, gets
// a new version. A company that still has deals is rejected with
// [app.ErrInvalid] naming them, because its deals would lose their
// customer; move or delete the deals first. An unknown record wraps
// [app.ErrNotFound].
func (s *Store) Delete(ctx context.Context, kind app.EntityKind, id int64) (int64, error) {
	now := s.now()
	var trashID int64
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		snap, err := checkedSnapshot(tx, kind, id)
		if err != nil {
			return err
		}

		title := entityTitle(tx, kind, id)
		if trashID, err = storeTrash(tx, snap, title, now); err != nil {
			return err
		}

		if err := removeSnapshotRows(tx, snap); err != nil {
			return err
		}

		_, err = auditEvent(tx, kind, id, app.AuditDelete, "", &title, nil, now)

		return err
	})
	if err != nil {
		return 0, fmt.Errorf("delete %s %d: %w", kind, id, err)
	}

	slog.Info("record moved to the trash", "kind", kind, "id", id, "trash", trashID)

	return trashID, nil
}

// checkedSnapshot collects the rows deleting record id removes, after
// rejecting a company with deals.
func checkedSnapshot(tx *gorm.DB, kind app.EntityKind, id int64) (trashSnapshot, error) {
	if _, ok := entityTables[kind]; !ok {
		return trashSnapshot{}, fmt.Errorf("record kind %q is unknown: %w", kind, app.ErrInvalid)
	}

	if kind == app.EntityCompany {
		if err := checkNoDeals(tx, id); err != nil {
			return trashSnapshot{}, err
		}
	}

	return collectTrash(tx, kind, id)
}

func checkNoDeals(tx *gorm.DB, companyID int64) error {
	var titles []string
	err := tx.Raw(`SELECT title FROM opportunities WHERE company_id = ? ORDER BY title COLLATE NOCASE, id`, companyID).
		Scan(&titles).Error
	if err != nil {
		return fmt.Errorf("read deals of company %d: %w", companyID, err)
	}
	if len(titles) == 0 {
		return nil
	}

	named := titles[:min(len(titles), maxDealsNamed)]
	more := ""
	if len(titles) > len(named) {
		more = fmt.Sprintf(" and %d more", len(titles)-len(named))
	}

	return fmt.Errorf("company %d has %d deals (%s%s): move or delete them first: %w", companyID, len(titles),
		strings.Join(named, ", "), more, app.ErrInvalid)
}

// storeTrash inserts the trash row with its snapshot and the people inside
// it, and returns its id.
func storeTrash(tx *gorm.DB, snap trashSnapshot, title string, now time.Time) (int64, error) {
	encoded, err := json.Marshal(snap)
	if err != nil {
		return 0, fmt.Errorf("encode trash snapshot: %w", err)
	}

	by, err := currentUserName(tx)
	if err != nil {
		return 0, err
	}

	row := trashRow{Kind: string(snap.Kind), EntityID: snap.ID, Title: title, RowCount: snap.rowCount(),
		Snapshot: string(encoded), DeletedAt: now.UTC(), DeletedBy: by}
	if err := tx.Create(&row).Error; err != nil {
		return 0, fmt.Errorf("store trash item: %w", err)
	}

	people := snapshotPeople(snap, row.ID)
	if len(people) > 0 {
		if err := tx.Create(&people).Error; err != nil {
			return 0, fmt.Errorf("store people of trash item %d: %w", row.ID, err)
		}
	}

	return row.ID, nil
}

// snapshotPeople lists the leads and contacts in snap with their e-mail
// address folded to lower case.
func snapshotPeople(snap trashSnapshot, trashID int64) []trashPersonRow {
	kinds := map[string]string{"leads": string(app.EntityLead), "contacts": string(app.EntityContact)}

	var people []trashPersonRow
	for _, t := range snap.Tables {
		kind, ok := kinds[t.Table]
		if !ok {
			continue
		}

		for _, r := range t.Rows {
			email := ""
			if v := r["email"].Text; v != nil {
				email = strings.ToLower(strings.TrimSpace(*v))
			}
			people = append(people, trashPersonRow{TrashID: trashID, Kind: kind, EntityID: r.id(), Email: email})
		}
	}

	return people
}

// removeSnapshotRows clears the links of the surviving rows, raising
// their versions, and deletes the rows of snap, children first. A link
// that the foreign key would set to NULL is cleared here as well, so
// that its row gets a new version. Foreign keys remove the rows of
// tables without an id column.
func removeSnapshotRows(tx *gorm.DB, snap trashSnapshot) error {
	for _, l := range snap.Cleared {
		update := "UPDATE " + quoteName(l.Table) + " SET " + versionedSet(l.Table, quoteName(l.Column)+" = NULL") +
			" WHERE id = ?"
		if err := tx.Exec(update, l.RowID).Error; err != nil {
			return fmt.Errorf("detach %s %d: %w", l.Table, l.RowID, err)
		}
	}

	for i := len(snap.Tables) - 1; i >= 0; i-- {
		t := snap.Tables[i]
		ids := rowIDs(t.Rows)
		if len(ids) == 0 {
			continue
		}

		if err := tx.Exec("DELETE FROM "+quoteName(t.Table)+" WHERE id IN ?", ids).Error; err != nil {
			return fmt.Errorf("delete rows of %s: %w", t.Table, err)
		}
	}

	return nil
}

// TrashItems returns the items in the trash, newest first.
func (s *Store) TrashItems(ctx context.Context) ([]app.TrashItem, error) {
	var rows []trashRow
	err := s.db.WithContext(ctx).Omit("snapshot").Order("deleted_at DESC, id DESC").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("list trash: %w", err)
	}

	items := make([]app.TrashItem, len(rows))
	for i, r := range rows {
		items[i] = r.toApp()
	}

	return items, nil
}

// DeleteFromTrash removes trash item id for good. An unknown id wraps
// [app.ErrNotFound].
func (s *Store) DeleteFromTrash(ctx context.Context, id int64) error {
	result := s.db.WithContext(ctx).Delete(&trashRow{}, id)
	if result.Error != nil {
		return fmt.Errorf("delete trash item %d: %w", id, result.Error)
	}
	if result.RowsAffected == 0 {
		return fmt.Errorf("delete trash item %d: %w", id, app.ErrNotFound)
	}

	slog.Info("trash item deleted for good", "trash", id)

	return nil
}

// PurgeTrash removes the trash items deleted more than
// [app.TrashRetention] ago, or every item when all is set, and returns how
// many it removed.
func (s *Store) PurgeTrash(ctx context.Context, all bool) (int, error) {
	query := s.db.WithContext(ctx).Where("1 = 1")
	if !all {
		query = s.db.WithContext(ctx).Where("deleted_at < ?", s.now().Add(-app.TrashRetention).UTC())
	}

	result := query.Delete(&trashRow{})
	if result.Error != nil {
		return 0, fmt.Errorf("purge trash: %w", result.Error)
	}

	if result.RowsAffected > 0 {
		slog.Info("trash purged", "items", result.RowsAffected, "all", all)
	}

	return int(result.RowsAffected), nil
}

// openTrash reads and decodes trash item id.
func openTrash(tx *gorm.DB, id int64) (trashRow, trashSnapshot, error) {
	var row trashRow
	err := tx.Take(&row, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return trashRow{}, trashSnapshot{}, fmt.Errorf("trash item %d: %w", id, app.ErrNotFound)
	}
	if err != nil {
		return trashRow{}, trashSnapshot{}, fmt.Errorf("read trash item %d: %w", id, err)
	}

	var snap trashSnapshot
	if err := json.Unmarshal([]byte(row.Snapshot), &snap); err != nil {
		return trashRow{}, trashSnapshot{}, fmt.Errorf("decode trash item %d: %w", id, err)
	}

	return row, snap, nil
}
