package data

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strings"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
)

// importProgressEvery is how many top-level records the JSON import
// stores between two progress reports.
const importProgressEvery = 500

// jsonImporter reads one export document into a transaction.
type jsonImporter struct {
	tx       *gorm.DB
	dec      *json.Decoder
	progress app.Progress
	done     int
	total    int
	// versionSeen is set once the header named the format and version,
	// which must come before the first section.
	versionSeen bool
	// users maps the ids of the document's users section to the ids
	// those users have in the database (see storeUsers).
	users userIDMap
	// now is the time the import stamps on the users it renames.
	now time.Time
}

// ImportJSON stores a document that [Store.ExportJSON] wrote in this
// database, which must hold no companies, contacts, leads, deals or
// activities; otherwise it wraps [app.ErrNotEmpty]. Records keep the ids
// of the document, so every reference stays as it was, except for users.
// A user whose login name the database has becomes that user and takes
// the document's name. Another user keeps its id unless the database has
// a user with that id, and then gets a new one. Every user reference,
// including those in trash and merge snapshots, follows the user. The
// pipelines of the empty database, such as the default one, are replaced
// by those of the document, and each setting of the document replaces
// the stored one. Folded duplicate keys are computed again. The document
// is read as a stream, one top-level record at a time, in one transaction
// that a cancelled ctx or any error rolls back. A document of another
// format or version, an unknown section or field, and a reference to a
// missing record or to a user the users section does not list wrap
// [app.ErrInvalid].
func (s *Store) ImportJSON(ctx context.Context, r io.Reader, progress app.Progress) error {
	start := time.Now()
	imp := &jsonImporter{dec: json.NewDecoder(r), progress: progress, users: userIDMap{}, now: s.now()}
	imp.dec.UseNumber()

	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		imp.tx = tx
		if err := prepareJSONTarget(tx, s.path); err != nil {
			return err
		}

		if err := imp.read(); err != nil {
			return err
		}

		if err := ctx.Err(); err != nil {
			return err
		}

		return checkForeignKeysBeforeCommit(tx)
	})
	if err != nil {
		return fmt.Errorf("import JSON export: %w", err)
	}

	slog.Info("JSON export imported", "records", imp.done, "duration", time.Since(start))
	s.reloadSignedIn(ctx)

	return nil
}

// reloadSignedIn reads the signed-in user again, whose name an import may
// have changed. A failure is logged, because the import is committed and
// only the name that new changes record stays behind.
func (s *Store) reloadSignedIn(ctx context.Context) {
	u, ok := s.CurrentUser()
	if !ok {
		return
	}

	var row userRow
	if err := s.db.WithContext(ctx).Where("id = ?", u.ID).Take(&row).Error; err != nil {
		slog.Error("read the signed-in user after an import", "user_id", u.ID, "err", err)
		return
	}
	s.setSignedIn(row.toApp())
}

// prepareJSONTarget checks that the database is empty, defers the
// foreign key checks to the commit and removes the unused pipelines.
func prepareJSONTarget(tx *gorm.DB, path string) error {
	var used bool
	err := tx.Raw(`SELECT EXISTS (SELECT 1 FROM companies) OR EXISTS (SELECT 1 FROM contacts)
		OR EXISTS (SELECT 1 FROM leads) OR EXISTS (SELECT 1 FROM opportunities)
		OR EXISTS (SELECT 1 FROM activities)`).Scan(&used).Error
	if err != nil {
		return fmt.Errorf("check whether database is empty: %w", err)
	}
	if used {
		return fmt.Errorf("database %s has records; import a JSON export only into a new, empty database: %w",
			path, app.ErrNotEmpty)
	}

	// A record may refer to one later in the document, such as a lead to
	// the deal it became, so the keys are checked when the import commits.
	for _, statement := range []string{deferForeignKeysSQL(tx), `DELETE FROM stages`, `DELETE FROM pipelines`} {
		if err := tx.Exec(statement).Error; err != nil {
			return fmt.Errorf("prepare import (%s): %w", statement, err)
		}
	}

	return nil
}

// checkForeignKeysBeforeCommit returns an error wrapping [app.ErrInvalid]
// when a stored record refers to one the document does not contain. It
// runs before the commit, because a COMMIT that fails on a deferred
// foreign key leaves SQLite's transaction open, and database/sql would
// hand the connection on with it.
func checkForeignKeysBeforeCommit(tx *gorm.DB) error {
	if isPostgresDB(tx) {
		return checkPostgresImport(tx)
	}

	var violations []struct {
		Table  string `gorm:"column:table"`
		RowID  int64  `gorm:"column:rowid"`
		Parent string `gorm:"column:parent"`
	}
	if err := tx.Raw(`PRAGMA foreign_key_check`).Scan(&violations).Error; err != nil {
		return fmt.Errorf("check references: %w", err)
	}

	if len(violations) == 0 {
		return nil
	}

	v := violations[0]

	return fmt.Errorf("%s record %d refers to a missing %s record, and %d references are broken in all: %w",
		v.Table, v.RowID, v.Parent, len(violations), app.ErrInvalid)
}

func (imp *jsonImporter) read() error {
	if err := imp.expectDelim('{'); err != nil {
		return err
	}

	for imp.dec.More() {
		key, err := imp.dec.Token()
		if err != nil {
			return fmt.Errorf("read document: %w", err)
		}

		name, _ := key.(string)
		if err := imp.readMember(name); err != nil {
			return err
		}
	}

	if !imp.versionSeen {
		return fmt.Errorf("document names no format and version: %w", app.ErrInvalid)
	}

	return imp.expectDelim('}')
}

// readMember reads the value of one top-level member of the document.
func (imp *jsonImporter) readMember(name string) error {
	switch name {
	case "format":
		var format string
		if err := imp.dec.Decode(&format); err != nil || format != exportFormat {
			return fmt.Errorf("document format is %q, want %q: %w", format, exportFormat, app.ErrInvalid)
		}
		return nil
	case "version":
		var version int
		if err := imp.dec.Decode(&version); err != nil || version != exportVersion {
			return fmt.Errorf("document version is %d, but this Leadwerk reads version %d; update Leadwerk: %w",
				version, exportVersion, app.ErrInvalid)
		}
		imp.versionSeen = true
		return nil
	case "counts":
		return imp.readCounts()
	case "schema_version", "exported_at":
		var skip json.RawMessage
		return imp.dec.Decode(&skip)
	}

	for _, t := range exportTables {
		if t.section == name {
			return imp.readSection(t)
		}
	}

	return fmt.Errorf("document has an unknown section %q: %w", name, app.ErrInvalid)
}

func (imp *jsonImporter) readCounts() error {
	var counts map[string]int
	if err := imp.dec.Decode(&counts); err != nil {
		return fmt.Errorf("read counts: %w", err)
	}

	for _, n := range counts {
		imp.total += n
	}

	return nil
}

// readSection stores the records of one top-level list as they are
// decoded.
func (imp *jsonImporter) readSection(t exportTable) error {
	if !imp.versionSeen {
		return fmt.Errorf("section %q comes before the format and version: %w", t.section, app.ErrInvalid)
	}

	if err := imp.expectDelim('['); err != nil {
		return err
	}

	// Users are stored after the whole list is read, because a new id for
	// one of them must not be the id of another one later in the list.
	var users []map[string]json.RawMessage
	for imp.dec.More() {
		var object map[string]json.RawMessage
		if err := imp.dec.Decode(&object); err != nil {
			return fmt.Errorf("read %s record %d: %w", t.section, imp.done+1, err)
		}

		if t.table == "users" {
			users = append(users, object)
		} else if err := imp.insertRecord(t, object, 0); err != nil {
			return fmt.Errorf("import %s: %w", t.section, err)
		}

		imp.done++
		if imp.done%importProgressEvery == 0 {
			if err := imp.tx.Statement.Context.Err(); err != nil {
				return err
			}
			imp.report()
		}
	}

	if t.table == "users" {
		if err := imp.storeUsers(t, users); err != nil {
			return fmt.Errorf("import users: %w", err)
		}
	}

	imp.report()

	return imp.expectDelim(']')
}

func (imp *jsonImporter) report() {
	if imp.progress != nil {
		imp.progress(imp.done, max(imp.total, imp.done))
	}
}

func (imp *jsonImporter) expectDelim(want json.Delim) error {
	token, err := imp.dec.Token()
	if err != nil {
		return fmt.Errorf("read document: %w", err)
	}

	if token != want {
		return fmt.Errorf("document has %v where %v belongs: %w", token, want, app.ErrInvalid)
	}

	return nil
}

// insertRecord stores one record of t and then its children. parentID is
// the id of the record a child table is nested in. A field the document
// leaves out takes the column's default. A setting replaces the stored
// setting of its key.
func (imp *jsonImporter) insertRecord(t exportTable, object map[string]json.RawMessage, parentID int64) error {
	tx := imp.tx
	columns, values, err := imp.recordColumns(t, object, parentID)
	if err != nil {
		return err
	}

	statement := `INSERT INTO ` + t.table + ` (` + strings.Join(columns, ", ") + `) VALUES (?` +
		strings.Repeat(", ?", len(columns)-1) + `)`
	if t.table == "settings" {
		statement += ` ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`
	}
	if err := tx.Exec(statement, values...).Error; err != nil {
		return fmt.Errorf("store %s %s: %w", t.table, object["id"], err)
	}

	id := idOfObject(object, parentID)
	if t.table == "opportunities" {
		// A trigger links the deal's contact as its primary party; the
		// document's parties replace that link.
		if err := tx.Exec(`DELETE FROM opportunity_contacts WHERE opportunity_id = ?`, id).Error; err != nil {
			return fmt.Errorf("clear parties of deal %d: %w", id, err)
		}
	}

	if err := imp.insertChildren(t, object, id); err != nil {
		return err
	}

	if _, ok := object["last_activity_at"]; ok && t.table == "leads" {
		// The trigger on a new activity may have moved the time on.
		err := tx.Exec(`UPDATE leads SET last_activity_at = ? WHERE id = ?`,
			valueAt(values, columns, "last_activity_at"), id).Error
		if err != nil {
			return fmt.Errorf("restore last activity of lead %d: %w", id, err)
		}
	}

	return nil
}

// recordColumns returns the columns and values of an INSERT of object:
// the parent column, the fields the object has with user ids mapped, and
// the derived columns.
func (imp *jsonImporter) recordColumns(t exportTable, object map[string]json.RawMessage, parentID int64) (
	[]string, []any, error,
) {
	if err := checkKeys(t, object); err != nil {
		return nil, nil, err
	}

	var columns []string
	var values []any
	if t.parentColumn != "" {
		columns, values = append(columns, t.parentColumn), append(values, parentID)
	}

	for _, f := range t.fields {
		raw, ok := object[f.name]
		if !ok {
			continue
		}

		v, err := decodeValue(f, raw)
		if err == nil {
			v, err = imp.mapUserValue(f, v)
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s %s of record %s: %w", t.table, f.name, object["id"], err)
		}
		columns, values = append(columns, f.name), append(values, v)
	}

	names, keys := derivedValues(t.table, columns, values)

	return append(columns, names...), append(values, keys...), nil
}

// checkKeys rejects a field that is neither a column nor a child list,
// so a field of a newer document is not dropped without an error.
func checkKeys(t exportTable, object map[string]json.RawMessage) error {
	known := map[string]bool{}
	for _, f := range t.fields {
		known[f.name] = true
	}
	for _, c := range t.children {
		known[c.section] = true
	}

	var unknown []string
	for key := range object {
		if !known[key] {
			unknown = append(unknown, key)
		}
	}
	if len(unknown) == 0 {
		return nil
	}

	sort.Strings(unknown)

	return fmt.Errorf("%s record %s has unknown fields %s: %w", t.section, object["id"],
		strings.Join(unknown, ", "), app.ErrInvalid)
}

// derivedValues computes the columns that derivedColumns names for the
// table from the record's values.
func derivedValues(table string, columns []string, values []any) ([]string, []any) {
	text := func(name string) string {
		s, _ := valueAt(values, columns, name).(string)
		return s
	}

	switch table {
	case "companies":
		return []string{"name_key"}, []any{app.NormalizeCompany(text("name"))}
	case "leads":
		keys := app.KeysOf(app.Lead{FirstName: text("first_name"), LastName: text("last_name"),
			CompanyName: text("company_name"), Email: text("email")})
		return []string{"email_key", "name_key", "company_key"}, []any{keys.Email, keys.Name, keys.Company}
	default:
		return nil, nil
	}
}

func valueAt(values []any, columns []string, name string) any {
	for i, c := range columns {
		if c == name {
			return values[i]
		}
	}

	return nil
}

func (imp *jsonImporter) insertChildren(t exportTable, object map[string]json.RawMessage, id int64) error {
	for _, child := range t.children {
		raw, ok := object[child.section]
		if !ok {
			continue
		}

		var rows []map[string]json.RawMessage
		if err := json.Unmarshal(raw, &rows); err != nil {
			return fmt.Errorf("read %s of %s %d: %w", child.section, t.table, id, err)
		}

		for _, row := range rows {
			if err := imp.insertRecord(child, row, id); err != nil {
				return err
			}
		}
	}

	return nil
}

// idOfObject returns the object's id, or parentID for a row without one,
// such as an offer line.
func idOfObject(object map[string]json.RawMessage, parentID int64) int64 {
	var id int64
	if raw, ok := object["id"]; ok && json.Unmarshal(raw, &id) == nil {
		return id
	}

	return parentID
}

// decodeValue returns the SQL value of one JSON field; JSON null is NULL.
func decodeValue(f field, raw json.RawMessage) (any, error) {
	if string(raw) == "null" {
		return nil, nil
	}

	switch f.kind {
	case fieldText:
		return decodeAs[string](raw)
	case fieldInt, fieldNullInt:
		return decodeAs[int64](raw)
	case fieldReal:
		return decodeAs[float64](raw)
	case fieldBool:
		return decodeBool(raw)
	case fieldTime:
		return decodeTime(raw)
	case fieldJSON:
		return string(raw), nil
	case fieldBlob:
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, err
		}
		return base64.StdEncoding.DecodeString(s)
	default:
		return nil, errors.New("unknown field kind")
	}
}

func decodeAs[T any](raw json.RawMessage) (any, error) {
	var v T
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, err
	}

	return v, nil
}

func decodeBool(raw json.RawMessage) (any, error) {
	var b bool
	if err := json.Unmarshal(raw, &b); err != nil {
		return nil, err
	}

	if b {
		return 1, nil
	}

	return 0, nil
}

func decodeTime(raw json.RawMessage) (any, error) {
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, err
	}

	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return nil, fmt.Errorf("time %q is not in RFC 3339 form: %w", s, app.ErrInvalid)
	}

	return t.UTC(), nil
}
