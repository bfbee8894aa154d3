package data

import (
	"fmt"
	"strings"

	"gorm.io/gorm"

	"leadwerk/app"
)

// trashSnapshot is what restoring a delete needs, stored as JSON in the
// trash table. Tables lists the removed rows, each parent table before
// its children, which is the order they are inserted again. Cleared lists
// the links of surviving rows that the delete set to NULL.
type trashSnapshot struct {
	Kind    app.EntityKind `json:"kind"`
	ID      int64          `json:"id"`
	Tables  []trashTable   `json:"tables"`
	Cleared []movedLink    `json:"cleared"`
}

// trashTable is the removed rows of one table.
type trashTable struct {
	Table string      `json:"table"`
	Rows  []storedRow `json:"rows"`
}

// trashAlong names the links that do not cascade in the schema but whose
// rows a delete takes along: a company's contacts go to the trash with
// it instead of staying behind without a company.
var trashAlong = map[foreignLink]bool{{Table: "contacts", Column: "company_id"}: true}

// trashCollector finds every row that deleting one record removes or
// clears. It only reads, so a preview can run it too.
type trashCollector struct {
	tx   *gorm.DB
	snap trashSnapshot
	seen map[string]map[int64]bool
}

func collectTrash(tx *gorm.DB, kind app.EntityKind, id int64) (trashSnapshot, error) {
	c := &trashCollector{tx: tx, snap: trashSnapshot{Kind: kind, ID: id}, seen: map[string]map[int64]bool{}}
	table := entityTables[kind]
	rows, err := readAnyRows(tx, table, "id = ?", id)
	if err != nil {
		return trashSnapshot{}, err
	}
	if len(rows) == 0 {
		return trashSnapshot{}, fmt.Errorf("%s %d: %w", kind, id, app.ErrNotFound)
	}

	if err := c.collect(table, rows); err != nil {
		return trashSnapshot{}, err
	}

	return c.snap, nil
}

// collect adds rows of table and then, link by link, the rows that
// reference them.
func (c *trashCollector) collect(table string, rows []storedRow) error {
	if len(rows) == 0 {
		return nil
	}

	c.snap.Tables = append(c.snap.Tables, trashTable{Table: table, Rows: rows})
	ids := make([]int64, 0, len(rows))
	for _, r := range rows {
		c.mark(table, r.id())
		ids = append(ids, r.id())
	}

	links, err := foreignLinks(c.tx, table)
	if err != nil {
		return err
	}

	for _, link := range links {
		if err := c.follow(link, ids); err != nil {
			return err
		}
	}

	return nil
}

// follow handles the rows of link.Table that reference ids: rows of a
// cascading link are removed, or cleared when they also belong to another
// record; rows of a SET NULL link are cleared; any other link rejects the
// delete.
func (c *trashCollector) follow(link foreignLink, ids []int64) error {
	rows, err := readAnyRows(c.tx, link.Table, quoteName(link.Column)+" IN ?", ids)
	if err != nil {
		return err
	}

	var removed []storedRow
	for _, row := range rows {
		if c.seen[link.Table][row.id()] && row.id() != 0 {
			continue
		}

		switch {
		case link.OnDelete == "CASCADE" && !sharedRow(link, row), trashAlong[foreignLink{Table: link.Table, Column: link.Column}]:
			removed = append(removed, row)
		case link.OnDelete == "CASCADE", link.OnDelete == "SET NULL":
			c.snap.Cleared = append(c.snap.Cleared, movedLink{foreignLink: link, RowID: row.id(), From: *row[link.Column].Int})
		default:
			return fmt.Errorf("%s %d is still used by %s: %w", c.snap.Kind, c.snap.ID, link.Table, app.ErrInvalid)
		}
	}

	return c.collect(link.Table, removed)
}

// sharedRow reports whether row of a cascading link also belongs to a
// record that stays: an activity of a converted lead is on the lead and on
// its deal, and deleting one of them keeps it for the other.
func sharedRow(link foreignLink, row storedRow) bool {
	if link.Table != "activities" {
		return false
	}

	other := map[string]string{"lead_id": "opportunity_id", "opportunity_id": "lead_id"}[link.Column]

	return other != "" && row[other].Int != nil
}

func (c *trashCollector) mark(table string, id int64) {
	if c.seen[table] == nil {
		c.seen[table] = map[int64]bool{}
	}
	c.seen[table][id] = true
}

// readAnyRows reads rows like readRows, ordered by rowid, so it also reads
// a table without an id column such as offer_lines.
func readAnyRows(tx *gorm.DB, table, where string, args ...any) ([]storedRow, error) {
	columns, err := tableColumns(tx, table)
	if err != nil {
		return nil, err
	}

	order := "rowid"
	if isPostgresDB(tx) {
		// PostgreSQL has no rowid. The first two columns are the id, or
		// offer_lines' key of offer and position.
		order = "1, 2"
	}

	selects := make([]string, len(columns))
	for i, col := range columns {
		selects[i] = storedValueSQL(tx, col)
	}

	query := "SELECT " + strings.Join(selects, ", ") + " FROM " + quoteName(table) + " WHERE " + where +
		" ORDER BY " + order
	rows, err := tx.Raw(query, args...).Rows()
	if err != nil {
		return nil, fmt.Errorf("read rows of %s: %w", table, err)
	}
	defer rows.Close()

	var result []storedRow
	for rows.Next() {
		row, err := scanStoredRow(rows.Scan, columns)
		if err != nil {
			return nil, fmt.Errorf("read row of %s: %w", table, err)
		}
		result = append(result, row)
	}

	return result, rows.Err()
}

// rowCount returns the number of rows in the snapshot.
func (s trashSnapshot) rowCount() int {
	n := 0
	for _, t := range s.Tables {
		n += len(t.Rows)
	}

	return n
}

// counts returns the number of removed rows per table, the record's own
// table left out.
func (s trashSnapshot) counts() map[string]int {
	counts := map[string]int{}
	for i, t := range s.Tables {
		if i == 0 {
			continue
		}
		counts[t.Table] += len(t.Rows)
	}

	return counts
}
