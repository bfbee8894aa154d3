package data

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// sqlValue is one stored column value as SQLite keeps it, so a row saved
// to JSON and inserted again is byte for byte the row it was. Exactly one
// field is set, or none for NULL.
type sqlValue struct {
	Int  *int64   `json:"i,omitempty"`
	Real *float64 `json:"r,omitempty"`
	Text *string  `json:"t,omitempty"`
	Blob *[]byte  `json:"b,omitempty"`
}

// storedRow maps the column names of one row to their values.
type storedRow map[string]sqlValue

func (r storedRow) id() int64 {
	if v := r["id"].Int; v != nil {
		return *v
	}

	return 0
}

func toSQLValue(v any) (sqlValue, error) {
	switch x := v.(type) {
	case nil:
		return sqlValue{}, nil
	case int64:
		return sqlValue{Int: &x}, nil
	case float64:
		return sqlValue{Real: &x}, nil
	case string:
		return sqlValue{Text: &x}, nil
	case []byte:
		b := slices.Clone(x)
		return sqlValue{Blob: &b}, nil
	case time.Time:
		// PostgreSQL's driver returns a time, which is kept in the text
		// layout that SQLite stores.
		text := x.UTC().Format(driverTimeFormat)
		return sqlValue{Text: &text}, nil
	default:
		return sqlValue{}, fmt.Errorf("unexpected column value of type %T", v)
	}
}

// arg returns the value for a statement parameter.
func (v sqlValue) arg() any {
	switch {
	case v.Int != nil:
		return *v.Int
	case v.Real != nil:
		return *v.Real
	case v.Text != nil:
		return *v.Text
	case v.Blob != nil:
		return *v.Blob
	default:
		return nil
	}
}

func quoteName(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// tableColumns returns the column names of table in their order.
func tableColumns(tx *gorm.DB, table string) ([]string, error) {
	query := `SELECT name FROM pragma_table_info(?) ORDER BY cid`
	if isPostgresDB(tx) {
		query = `SELECT column_name FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position`
	}

	var columns []string
	if err := tx.Raw(query, table).Scan(&columns).Error; err != nil {
		return nil, fmt.Errorf("read columns of %s: %w", table, err)
	}

	if len(columns) == 0 {
		return nil, fmt.Errorf("table %s has no columns", table)
	}

	return columns, nil
}

// readRows returns the rows of table that where selects, every column as
// stored. Each column is read through a unary plus, an expression without
// a declared type, so the driver hands back the stored text of a DATETIME
// column instead of a time.Time it would format differently on insert.
func readRows(tx *gorm.DB, table, where string, args ...any) ([]storedRow, error) {
	columns, err := tableColumns(tx, table)
	if err != nil {
		return nil, err
	}

	selects := make([]string, len(columns))
	for i, c := range columns {
		selects[i] = storedValueSQL(tx, c)
	}

	query := "SELECT " + strings.Join(selects, ", ") + " FROM " + quoteName(table) + " WHERE " + where + " ORDER BY id"
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

func scanStoredRow(scan func(dest ...any) error, columns []string) (storedRow, error) {
	values := make([]any, len(columns))
	pointers := make([]any, len(columns))
	for i := range values {
		pointers[i] = &values[i]
	}

	if err := scan(pointers...); err != nil {
		return nil, err
	}

	row := storedRow{}
	for i, c := range columns {
		v, err := toSQLValue(values[i])
		if err != nil {
			return nil, fmt.Errorf("column %s: %w", c, err)
		}
		row[c] = v
	}

	return row, nil
}

// insertRow inserts row into table. verb is "INSERT" or "INSERT OR
// REPLACE".
func insertRow(tx *gorm.DB, verb, table string, row storedRow) error {
	columns := sortedColumns(row)
	names := make([]string, len(columns))
	marks := make([]string, len(columns))
	args := make([]any, len(columns))
	for i, c := range columns {
		names[i] = quoteName(c)
		marks[i] = "?"
		args[i] = row[c].arg()
	}

	query := verb + " INTO " + quoteName(table) + " (" + strings.Join(names, ", ") + ") VALUES (" +
		strings.Join(marks, ", ") + ")"
	if verb == "INSERT OR REPLACE" && isPostgresDB(tx) {
		if err := deleteUniqueConflicts(tx, table, row); err != nil {
			return fmt.Errorf("insert row %d into %s: %w", row.id(), table, err)
		}
		query = postgresReplaceSQL(table, names, marks)
	}
	if err := tx.Exec(query, args...).Error; err != nil {
		return fmt.Errorf("insert row %d into %s: %w", row.id(), table, err)
	}

	return nil
}

// updateRow writes every column of row except id and version to the row
// of table with row's id. The stored version stays, because a version
// never goes back: a restore raises it with raiseVersions.
func updateRow(tx *gorm.DB, table string, row storedRow) error {
	var sets []string
	var args []any
	for _, c := range sortedColumns(row) {
		if c == "id" || c == "version" {
			continue
		}
		sets = append(sets, quoteName(c)+" = ?")
		args = append(args, row[c].arg())
	}

	query := "UPDATE " + quoteName(table) + " SET " + strings.Join(sets, ", ") + " WHERE id = ?"
	if err := tx.Exec(query, append(args, row.id())...).Error; err != nil {
		return fmt.Errorf("restore row %d of %s: %w", row.id(), table, err)
	}

	return nil
}

func sortedColumns(row storedRow) []string {
	columns := make([]string, 0, len(row))
	for c := range row {
		columns = append(columns, c)
	}
	slices.Sort(columns)

	return columns
}

// foreignLink is a column of a child table that references a merged
// table, with the action SQLite takes when the referenced row is deleted.
type foreignLink struct {
	Table    string `json:"table"`
	Column   string `json:"column"`
	OnDelete string `json:"-"`
}

// foreignLinks returns every column in the database that references the
// id of table, read from SQLite's foreign key lists, so a table added by
// a later migration is moved too. Links into opportunities come last:
// its trigger on contact_id adds deal contacts, which would block moving
// the removed contact's own deal contacts if it ran first.
func foreignLinks(tx *gorm.DB, table string) ([]foreignLink, error) {
	query := `
		SELECT m.name AS "table", f."from" AS "column", f.on_delete AS on_delete
		FROM sqlite_master m, pragma_foreign_key_list(m.name) f
		WHERE m.type = 'table' AND f."table" = ?
		ORDER BY m.name, f."from"`
	if isPostgresDB(tx) {
		query = postgresForeignLinksSQL
	}

	var links []foreignLink
	err := tx.Raw(query, table).Scan(&links).Error
	if err != nil {
		return nil, fmt.Errorf("read links into %s: %w", table, err)
	}

	slices.SortStableFunc(links, func(a, b foreignLink) int {
		return boolOrder(a.Table == "opportunities") - boolOrder(b.Table == "opportunities")
	})

	return links, nil
}

func boolOrder(b bool) int {
	if b {
		return 1
	}

	return 0
}

// postgresForeignLinksSQL is the query of foreignLinks in PostgreSQL's
// catalog, with the ON DELETE action spelled as SQLite spells it. It
// leaves out leads_search, whose rows the lead triggers keep.
const postgresForeignLinksSQL = `
	SELECT cl.relname AS "table", a.attname AS "column",
		CASE c.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'r' THEN 'RESTRICT'
			WHEN 'd' THEN 'SET DEFAULT' ELSE 'NO ACTION' END AS on_delete
	FROM pg_constraint c
	JOIN pg_class cl ON cl.oid = c.conrelid
	JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
	WHERE c.contype = 'f' AND c.confrelid = to_regclass(?::TEXT) AND cl.relname <> 'leads_search'
	ORDER BY cl.relname, a.attname`

// postgresReplaceSQL returns the PostgreSQL statement for SQLite's INSERT
// OR REPLACE of one row: an insert that updates the row with the same id.
// NOTE: a row without an id column, such as of offer_lines, is skipped
// when it conflicts, where SQLite would replace it.
func postgresReplaceSQL(table string, names, marks []string) string {
	insert := "INSERT INTO " + quoteName(table) + " (" + strings.Join(names, ", ") + ") VALUES (" +
		strings.Join(marks, ", ") + ")"
	if !slices.Contains(names, quoteName("id")) {
		return insert + " ON CONFLICT DO NOTHING"
	}

	sets := make([]string, 0, len(names))
	for _, name := range names {
		sets = append(sets, name+" = EXCLUDED."+name)
	}

	return insert + " ON CONFLICT (id) DO UPDATE SET " + strings.Join(sets, ", ")
}

// deleteUniqueConflicts deletes the rows of table that share the values of
// one of its primary key or UNIQUE constraints with row, other than the
// row with row's id, as SQLite's INSERT OR REPLACE does before it inserts.
// NOTE: partial unique indexes, such as opportunity_contacts_primary, are
// not constraints and are not checked here.
func deleteUniqueConflicts(tx *gorm.DB, table string, row storedRow) error {
	var keys []string
	err := tx.Raw(`SELECT string_agg(a.attname, ',' ORDER BY k.n)
		FROM pg_constraint c
		CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, n)
		JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
		WHERE c.conrelid = to_regclass(?::TEXT) AND c.contype IN ('p', 'u')
		GROUP BY c.oid`, table).Scan(&keys).Error
	if err != nil {
		return fmt.Errorf("read the unique keys of %s: %w", table, err)
	}

	for _, key := range keys {
		columns := strings.Split(key, ",")
		if slices.Equal(columns, []string{"id"}) {
			continue
		}

		terms := make([]string, 0, len(columns)+1)
		args := make([]any, 0, len(columns)+1)
		for _, c := range columns {
			terms = append(terms, quoteName(c)+" = ?")
			args = append(args, row[c].arg())
		}
		if _, hasID := row["id"]; hasID {
			terms = append(terms, "id <> ?")
			args = append(args, row.id())
		}

		query := "DELETE FROM " + quoteName(table) + " WHERE " + strings.Join(terms, " AND ")
		if err := tx.Exec(query, args...).Error; err != nil {
			return fmt.Errorf("delete the rows of %s that conflict on %s: %w", table, key, err)
		}
	}

	return nil
}
