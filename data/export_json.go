package data

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
)

// The header of the JSON export. Version 1 is the layout that
// docs/EXPORT-JSON.md describes; an import rejects other versions.
const (
	exportFormat  = "leadwerk-export"
	exportVersion = 1
)

// exportBatch is how many top-level records the JSON export reads and
// writes at a time, so 100,000 leads never sit in memory at once.
const exportBatch = 500

// record is one row of an exported table: its parent's id for a child
// table, its column values in the order of the table's fields, and the
// rows of each child table.
type record struct {
	parent   int64
	values   []any
	children [][]record
}

// jsonExporter writes one export document.
type jsonExporter struct {
	tx       *gorm.DB
	out      *bufio.Writer
	progress app.Progress
	done     int
	total    int
}

// ExportJSON writes every record of the database to w as one JSON
// document in the versioned layout of docs/EXPORT-JSON.md. Deals carry
// their history, parties, competitors, milestones, activities and
// offers, and leads their qualifications, status history and
// activities. It reads in one transaction, so the document is a
// consistent snapshot, but that holds the store's only connection until
// the export ends. It reads and writes exportBatch top-level records at
// a time and reports progress after each batch. A cancelled ctx stops it
// with an error, and w then holds part of a document.
func (s *Store) ExportJSON(ctx context.Context, w io.Writer, progress app.Progress) error {
	start := time.Now()
	out := bufio.NewWriterSize(w, 64<<10)
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		e := &jsonExporter{tx: tx, out: out, progress: progress}

		return e.write(s.now())
	})
	if err == nil {
		err = out.Flush()
	}

	if err != nil {
		return fmt.Errorf("export database as JSON: %w", err)
	}

	slog.Info("database exported as JSON", "duration", time.Since(start))

	return nil
}

func (e *jsonExporter) write(now time.Time) error {
	counts, err := e.countSections()
	if err != nil {
		return err
	}

	version, err := schemaVersion(e.tx)
	if err != nil {
		return err
	}

	if err := e.writeHeader(now, version, counts); err != nil {
		return err
	}

	for i, t := range exportTables {
		if err := e.writeSection(t, i == len(exportTables)-1); err != nil {
			return fmt.Errorf("export %s: %w", t.section, err)
		}
	}

	_, err = e.out.WriteString("}\n")

	return err
}

// countSections returns the number of records of each top-level
// section, which the header states for an importer's progress.
func (e *jsonExporter) countSections() (map[string]int, error) {
	counts := map[string]int{}
	for _, t := range exportTables {
		var n int
		if err := e.tx.Raw(`SELECT COUNT(*) FROM ` + t.table).Scan(&n).Error; err != nil {
			return nil, fmt.Errorf("count %s: %w", t.table, err)
		}
		counts[t.section] = n
		e.total += n
	}

	return counts, nil
}

func (e *jsonExporter) writeHeader(now time.Time, version int, counts map[string]int) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, `{"format":%q,"version":%d,"schema_version":%d,"exported_at":%q,`,
		exportFormat, exportVersion, version, now.UTC().Format(time.RFC3339Nano))

	b.WriteString(`"counts":{`)
	for i, t := range exportTables {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%q:%d", t.section, counts[t.section])
	}
	b.WriteString("},\n")

	_, err := e.out.Write(b.Bytes())

	return err
}

// writeSection writes one top-level list with one record per line.
func (e *jsonExporter) writeSection(t exportTable, last bool) error {
	fmt.Fprintf(e.out, "%q:[", t.section)

	first := true
	after := int64(0)
	for {
		if err := e.tx.Statement.Context.Err(); err != nil {
			return err
		}

		records, err := e.loadTop(t, after)
		if err != nil {
			return err
		}

		for _, r := range records {
			e.writeSeparator(first)
			first = false
			if err := writeRecord(e.out, t, r); err != nil {
				return err
			}
		}

		e.done += len(records)
		if e.progress != nil {
			e.progress(e.done, e.total)
		}

		if !t.paged || len(records) < exportBatch {
			break
		}
		after = asInt(records[len(records)-1].values[0])
	}

	end := "\n],\n"
	if last {
		end = "\n]\n"
	}
	if first {
		end = strings.TrimPrefix(end, "\n")
	}

	_, err := e.out.WriteString(end)

	return err
}

func (e *jsonExporter) writeSeparator(first bool) {
	if first {
		e.out.WriteString("\n")
		return
	}

	e.out.WriteString(",\n")
}

// loadTop reads the next batch of a top-level table, the rows with an id
// above after for a paged one, with their child rows.
func (e *jsonExporter) loadTop(t exportTable, after int64) ([]record, error) {
	query := selectColumns(t) + ` FROM ` + t.table
	var args []any
	if t.paged {
		query += ` WHERE id > ? ORDER BY id LIMIT ?`
		args = append(args, after, exportBatch)
	} else {
		query += ` ORDER BY ` + t.order
	}

	records, err := e.query(t, query, args)
	if err != nil {
		return nil, err
	}

	return records, e.loadChildren(t, records)
}

// loadChildren reads the child rows of records for every child table of
// t, one query per child table, and then their own children.
func (e *jsonExporter) loadChildren(t exportTable, records []record) error {
	if len(t.children) == 0 || len(records) == 0 {
		return nil
	}

	ids := make([]int64, len(records))
	byID := make(map[int64]int, len(records))
	for i, r := range records {
		ids[i] = asInt(r.values[0])
		byID[ids[i]] = i
		records[i].children = make([][]record, len(t.children))
	}

	for c, child := range t.children {
		query := selectColumns(child) + ` FROM ` + child.table + ` WHERE ` + child.parentColumn + ` IN ?`
		if child.where != "" {
			query += ` AND ` + child.where
		}
		query += ` ORDER BY ` + child.order

		rows, err := e.query(child, query, []any{ids})
		if err != nil {
			return err
		}

		if err := e.loadChildren(child, rows); err != nil {
			return err
		}

		for _, row := range rows {
			i := byID[row.parent]
			records[i].children[c] = append(records[i].children[c], row)
		}
	}

	return nil
}

// selectColumns returns the SELECT list of t: the parent column of a
// child table first, then the fields.
func selectColumns(t exportTable) string {
	names := make([]string, 0, len(t.fields)+1)
	if t.parentColumn != "" {
		names = append(names, t.parentColumn)
	}
	for _, f := range t.fields {
		names = append(names, f.name)
	}

	return `SELECT ` + strings.Join(names, ", ")
}

func (e *jsonExporter) query(t exportTable, query string, args []any) ([]record, error) {
	rows, err := e.tx.Raw(query, args...).Rows()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", t.table, err)
	}
	defer rows.Close()

	width := len(t.fields)
	if t.parentColumn != "" {
		width++
	}

	var records []record
	for rows.Next() {
		values := make([]any, width)
		pointers := make([]any, width)
		for i := range values {
			pointers[i] = &values[i]
		}

		if err := rows.Scan(pointers...); err != nil {
			return nil, fmt.Errorf("read %s: %w", t.table, err)
		}

		r := record{values: values}
		if t.parentColumn != "" {
			r.parent, r.values = asInt(values[0]), values[1:]
		}
		records = append(records, r)
	}

	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", t.table, err)
	}

	return records, nil
}

// writeRecord writes r as one JSON object, its fields in the table's
// order and its child lists after them.
func writeRecord(out *bufio.Writer, t exportTable, r record) error {
	out.WriteByte('{')
	for i, f := range t.fields {
		if i > 0 {
			out.WriteByte(',')
		}
		out.WriteString(strconv.Quote(f.name))
		out.WriteByte(':')

		value, err := encodeValue(f, r.values[i])
		if err != nil {
			return fmt.Errorf("%s %s of record %v: %w", t.table, f.name, r.values[0], err)
		}
		out.Write(value)
	}

	for c, child := range t.children {
		fmt.Fprintf(out, ",%q:[", child.section)
		for i, row := range r.children[c] {
			if i > 0 {
				out.WriteByte(',')
			}
			if err := writeRecord(out, child, row); err != nil {
				return err
			}
		}
		out.WriteByte(']')
	}

	return out.WriteByte('}')
}

// encodeValue returns the JSON of one column value as the driver
// scanned it: int64, float64, string, []byte, time.Time or nil for NULL.
func encodeValue(f field, v any) ([]byte, error) {
	if v == nil {
		return []byte("null"), nil
	}

	switch f.kind {
	case fieldBool:
		return strconv.AppendBool(nil, asInt(v) != 0), nil
	case fieldTime:
		if t, ok := v.(time.Time); ok {
			return json.Marshal(t.UTC().Format(time.RFC3339Nano))
		}
		return nil, fmt.Errorf("stored time %v is not a timestamp", v)
	case fieldJSON:
		var compact bytes.Buffer
		if err := json.Compact(&compact, asBytes(v)); err != nil {
			return nil, fmt.Errorf("stored JSON is invalid: %w", err)
		}
		return compact.Bytes(), nil
	case fieldBlob:
		return json.Marshal(base64.StdEncoding.EncodeToString(asBytes(v)))
	case fieldText:
		return json.Marshal(string(asBytes(v)))
	default:
		return json.Marshal(v)
	}
}

func asInt(v any) int64 {
	switch n := v.(type) {
	case int64:
		return n
	case float64:
		return int64(n)
	case bool:
		if n {
			return 1
		}
	}

	return 0
}

func asBytes(v any) []byte {
	switch s := v.(type) {
	case string:
		return []byte(s)
	case []byte:
		return s
	default:
		return []byte(fmt.Sprint(v))
	}
}
