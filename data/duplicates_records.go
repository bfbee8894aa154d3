package data

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
)

// recordQueries select the merge fields of each kind under their field
// keys, as text, with id, title, created_at and updated_at. Numbers that
// are 0 mean unknown and come back as "".
var recordQueries = map[app.DuplicateKind]string{
	app.DuplicateCompanies: `
		SELECT id, name AS title, created_at, updated_at, name, sector,
			CASE WHEN employees = 0 THEN '' ELSE CAST(employees AS TEXT) END AS employees,
			revenue_minor, revenue_currency, country,
			CASE WHEN year_founded = 0 THEN '' ELSE CAST(year_founded AS TEXT) END AS year_founded
		FROM companies WHERE id IN ?`,
	app.DuplicateContacts: `
		SELECT c.id, trim(c.first_name || ' ' || c.last_name) AS title, c.created_at, c.updated_at,
			c.first_name, c.last_name, COALESCE(co.name, '') AS company, c.role, c.buying_role, c.email, c.phone
		FROM contacts c LEFT JOIN companies co ON co.id = c.company_id WHERE c.id IN ?`,
	app.DuplicateLeads: `
		SELECT id, trim(first_name || ' ' || last_name) AS title, created_at, updated_at,
			salutation, first_name, last_name, company_name, role, email, phone, website, street, postal_code,
			city, country, industry, source, owner, notes
		FROM leads WHERE id IN ?`,
}

// recordChunk is how many ids one query reads, well below SQLite's limit
// of bound parameters.
const recordChunk = 500

// loadDuplicateRecords returns the records of kind with ids, by id.
func loadDuplicateRecords(tx *gorm.DB, kind app.DuplicateKind, ids []int64) (map[int64]app.DuplicateRecord, error) {
	records := make(map[int64]app.DuplicateRecord, len(ids))
	for start := 0; start < len(ids); start += recordChunk {
		chunk := ids[start:min(len(ids), start+recordChunk)]
		if err := scanDuplicateRecords(tx, kind, chunk, records); err != nil {
			return nil, fmt.Errorf("read %s records: %w", kind, err)
		}
	}

	return records, nil
}

// scanDuplicateRecords adds the records of kind with ids to records. It
// scans each row into one reused slice of values in place of GORM's
// scan into a new map per row, which allocated and reflected for every
// value of the tens of thousands of records in the large dataset.
func scanDuplicateRecords(tx *gorm.DB, kind app.DuplicateKind, ids []int64, records map[int64]app.DuplicateRecord) error {
	rows, err := tx.Raw(recordQueries[kind], ids).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()

	columns, err := rows.Columns()
	if err != nil {
		return err
	}

	row := recordRow{index: make(map[string]int, len(columns)), values: make([]any, len(columns))}
	pointers := make([]any, len(columns))
	for i, column := range columns {
		row.index[column] = i
		pointers[i] = &row.values[i]
	}

	for rows.Next() {
		if err := rows.Scan(pointers...); err != nil {
			return err
		}

		r := duplicateRecord(kind, row)
		records[r.ID] = r
	}

	return rows.Err()
}

// recordRow is one scanned row of a record query: its values and the
// position of each column among them.
type recordRow struct {
	index  map[string]int
	values []any
}

// get returns the value of column, or nil for a column the query lacks.
func (r recordRow) get(column string) any {
	i, ok := r.index[column]
	if !ok {
		return nil
	}

	return r.values[i]
}

func duplicateRecord(kind app.DuplicateKind, row recordRow) app.DuplicateRecord {
	r := app.DuplicateRecord{
		ID: toInt64(row.get("id")), Title: toText(row.get("title")), Fields: map[string]string{},
		CreatedAt: toTime(row.get("created_at")), UpdatedAt: toTime(row.get("updated_at")),
	}

	for _, field := range app.MergeFields(kind) {
		r.Fields[field] = toText(row.get(field))
	}

	if kind == app.DuplicateCompanies {
		r.Fields["revenue"] = revenueText(row)
	}

	if r.Title == "" {
		r.Title = r.Fields["email"]
	}

	return r
}

func revenueText(row recordRow) string {
	revenue := app.Money{Minor: toInt64(row.get("revenue_minor")), Currency: toText(row.get("revenue_currency"))}
	if revenue.Minor == 0 {
		return ""
	}

	return revenue.String()
}

func toText(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case []byte:
		return strings.TrimSpace(string(x))
	case int64:
		return strconv.FormatInt(x, 10)
	case nil:
		return ""
	default:
		return fmt.Sprint(x)
	}
}

func toInt64(v any) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case int:
		return int64(x)
	default:
		return 0
	}
}

func toTime(v any) time.Time {
	switch x := v.(type) {
	case time.Time:
		return x.UTC()
	case string:
		t, _ := time.Parse("2006-01-02 15:04:05.999999999-07:00", x)
		return t.UTC()
	default:
		return time.Time{}
	}
}
