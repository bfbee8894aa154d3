package data

import (
	"fmt"
	"time"

	"gorm.io/gorm"
)

// idRemapper gives the rows of a trash or merge snapshot fresh ids where
// a newer row took their old one, and rewrites every link inside the
// snapshot to match. Tables have no AUTOINCREMENT, so SQLite hands out
// the id of a deleted newest row again. Restoring under a new id keeps
// restore and undo working after that.
type idRemapper struct {
	tx      *gorm.DB
	moved   map[string]map[int64]int64
	parents map[string]map[string]string
}

func newIDRemapper(tx *gorm.DB) *idRemapper {
	return &idRemapper{tx: tx, moved: map[string]map[int64]int64{}, parents: map[string]map[string]string{}}
}

// assign gives each row of table whose id is taken by a stored row a new
// id. New ids count up from the highest id in the table and in rows, so
// they collide with no stored row and no other restored row.
func (m *idRemapper) assign(table string, rows []storedRow) error {
	var ids []int64
	var highest int64
	for _, r := range rows {
		if r["id"].Int != nil {
			ids = append(ids, r.id())
			highest = max(highest, r.id())
		}
	}
	if len(ids) == 0 {
		return nil
	}

	var taken []int64
	if err := m.tx.Table(table).Where("id IN ?", ids).Order("id").Pluck("id", &taken).Error; err != nil {
		return fmt.Errorf("look up ids of %s: %w", table, err)
	}
	if len(taken) == 0 {
		return nil
	}

	var stored int64
	if err := m.tx.Raw("SELECT COALESCE(MAX(id), 0) FROM " + quoteName(table)).Scan(&stored).Error; err != nil {
		return fmt.Errorf("read highest id of %s: %w", table, err)
	}

	next := max(highest, stored, m.highestMoved(table))
	if m.moved[table] == nil {
		m.moved[table] = map[int64]int64{}
	}
	for _, old := range taken {
		next++
		m.moved[table][old] = next
	}

	return nil
}

func (m *idRemapper) highestMoved(table string) int64 {
	var highest int64
	for _, id := range m.moved[table] {
		highest = max(highest, id)
	}

	return highest
}

// newID returns the id that row old of table is restored under.
func (m *idRemapper) newID(table string, old int64) int64 {
	if id, ok := m.moved[table][old]; ok {
		return id
	}

	return old
}

// rewrite returns a copy of row of table with its id and each link column
// that references a moved id changed to the new ids.
func (m *idRemapper) rewrite(table string, row storedRow) (storedRow, error) {
	parents, err := m.parentTables(table)
	if err != nil {
		return nil, err
	}

	out := make(storedRow, len(row))
	for column, v := range row {
		parent := parents[column]
		if column == "id" {
			parent = table
		}
		if v.Int != nil && parent != "" {
			id := m.newID(parent, *v.Int)
			v = sqlValue{Int: &id}
		}
		out[column] = v
	}

	return out, nil
}

// rewriteLink returns l with From changed to the new id of the record it
// pointed to.
func (m *idRemapper) rewriteLink(l movedLink) (movedLink, error) {
	parents, err := m.parentTables(l.Table)
	if err != nil {
		return movedLink{}, err
	}

	l.From = m.newID(parents[l.Column], l.From)

	return l, nil
}

// parentTables maps each link column of table to the table it references.
func (m *idRemapper) parentTables(table string) (map[string]string, error) {
	if p, ok := m.parents[table]; ok {
		return p, nil
	}

	var links []struct {
		From  string `gorm:"column:from"`
		Table string `gorm:"column:table"`
	}
	query := `SELECT "from", "table" FROM pragma_foreign_key_list(?)`
	if isPostgresDB(m.tx) {
		query = postgresParentTablesSQL
	}
	err := m.tx.Raw(query, table).Scan(&links).Error
	if err != nil {
		return nil, fmt.Errorf("read links of %s: %w", table, err)
	}

	p := map[string]string{}
	for _, l := range links {
		p[l.From] = l.Table
	}
	m.parents[table] = p

	return p, nil
}

// postgresParentTablesSQL is the query of parentTables in PostgreSQL's
// catalog: each single-column foreign key of a table, by column name.
const postgresParentTablesSQL = `
	SELECT a.attname AS "from", parent.relname AS "table"
	FROM pg_constraint c
	JOIN pg_class parent ON parent.oid = c.confrelid
	JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
	WHERE c.contype = 'f' AND c.conrelid = to_regclass(?::TEXT)`

// moveHistory gives the audit entries written up to until (the delete or
// merge) for each moved record its new id. The record that took the old
// id keeps only its own entries.
func (m *idRemapper) moveHistory(until time.Time) error {
	for kind, table := range entityTables {
		for old, id := range m.moved[table] {
			err := m.tx.Exec(`UPDATE audit_log SET entity_id = ? WHERE entity_kind = ? AND entity_id = ? AND at <= ?`,
				id, string(kind), old, until.UTC()).Error
			if err != nil {
				return fmt.Errorf("move history of %s %d to %d: %w", kind, old, id, err)
			}
		}
	}

	return nil
}

// remapTrash returns snap with every row whose id a newer row took moved
// to a fresh id, and the links inside the snapshot and the cleared links
// following them.
func remapTrash(m *idRemapper, snap trashSnapshot) (trashSnapshot, error) {
	for _, t := range snap.Tables {
		if err := m.assign(t.Table, t.Rows); err != nil {
			return trashSnapshot{}, err
		}
	}

	out := trashSnapshot{Kind: snap.Kind, ID: m.newID(entityTables[snap.Kind], snap.ID)}
	for _, t := range snap.Tables {
		rows := make([]storedRow, len(t.Rows))
		for i, r := range t.Rows {
			var err error
			if rows[i], err = m.rewrite(t.Table, r); err != nil {
				return trashSnapshot{}, err
			}
		}
		out.Tables = append(out.Tables, trashTable{Table: t.Table, Rows: rows})
	}

	for _, l := range snap.Cleared {
		l, err := m.rewriteLink(l)
		if err != nil {
			return trashSnapshot{}, err
		}
		out.Cleared = append(out.Cleared, l)
	}

	return out, nil
}

// remapMerge returns snap with the removed records and dropped rows whose
// ids a newer row took moved to fresh ids, and every link to them
// following. The kept record keeps its id.
func remapMerge(m *idRemapper, snap mergeSnapshot) (mergeSnapshot, error) {
	table := mergeTables[snap.Kind]
	if err := m.assign(table, snap.Removed); err != nil {
		return mergeSnapshot{}, err
	}
	for _, d := range snap.Dropped {
		if err := m.assign(d.Table, []storedRow{d.Row}); err != nil {
			return mergeSnapshot{}, err
		}
	}

	out := snap
	out.RemovedIDs, out.Removed, out.Moved, out.Dropped = nil, nil, nil, nil
	for _, id := range snap.RemovedIDs {
		out.RemovedIDs = append(out.RemovedIDs, m.newID(table, id))
	}

	var err error
	if out.Kept, err = m.rewrite(table, snap.Kept); err != nil {
		return mergeSnapshot{}, err
	}

	for _, r := range snap.Removed {
		row, err := m.rewrite(table, r)
		if err != nil {
			return mergeSnapshot{}, err
		}
		out.Removed = append(out.Removed, row)
	}

	for _, l := range snap.Moved {
		l, err := m.rewriteLink(l)
		if err != nil {
			return mergeSnapshot{}, err
		}
		// A removed company can be the parent of another removed one.
		l.RowID = m.newID(l.Table, l.RowID)
		out.Moved = append(out.Moved, l)
	}

	for _, d := range snap.Dropped {
		row, err := m.rewrite(d.Table, d.Row)
		if err != nil {
			return mergeSnapshot{}, err
		}
		out.Dropped = append(out.Dropped, droppedRow{Table: d.Table, Row: row})
	}

	return out, nil
}
