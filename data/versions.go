package data

import (
	"fmt"
	"reflect"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"leadwerk/app"
)

// versionedTables are the tables whose rows carry the version column of
// schemaV20.
var versionedTables = map[string]bool{
	"leads": true, "opportunities": true, "companies": true, "contacts": true, "activities": true,
}

// raiseVersionSQL is the SET term that raises a row's version by one. A
// write that changes a row of a versioned table adds it to its UPDATE,
// so that a form still holding the previous version fails to save (see
// expectedVersion) instead of overwriting the change. The statement
// computes the new version from the stored one, so two writes at once on
// PostgreSQL never store the same version.
//
// Writes that change only columns which the lead and deal forms keep as
// stored need not raise it. The frequent ones do not: stage moves,
// probability changes and closing of a deal, and changes of a lead's
// status, temperature, score, prediction, last activity, owner id and
// conversion links. dealEdit.write raises a deal's version only when a
// form field changes. No form save can overwrite those columns, and
// raising the version for them would turn every open form into a
// conflict after a stage move or a rescore.
const raiseVersionSQL = "version = version + 1"

// raisedVersion is raiseVersionSQL as the value of the version column in
// the map that GORM's Updates writes.
var raisedVersion = gorm.Expr("version + 1")

// versionedSet returns set, the SET list of an UPDATE of table, followed
// by raiseVersionSQL when table is versioned.
func versionedSet(table, set string) string {
	if !versionedTables[table] {
		return set
	}

	return set + ", " + raiseVersionSQL
}

// raiseVersions raises by one the version of the rows of table whose id
// is in ids, for a write that changed them without an UPDATE of its own,
// such as a restore that inserts them again. Other tables are left
// alone.
func raiseVersions(tx *gorm.DB, table string, ids []int64) error {
	if !versionedTables[table] || len(ids) == 0 {
		return nil
	}

	err := tx.Exec("UPDATE "+quoteName(table)+" SET "+raiseVersionSQL+" WHERE id IN ?", ids).Error
	if err != nil {
		return fmt.Errorf("raise the versions of %d rows of %s: %w", len(ids), table, err)
	}

	return nil
}

// updateRaisingVersion writes the columns of row that columns names, zero
// values included, and raises the row's version in the same UPDATE. row
// points to a row struct with its ID set, such as a *leadRow. GORM's
// Select(columns).Updates(row) takes no expression beside a struct's
// values, and it would write the current time to updated_at where this
// writes row's value.
func updateRaisingVersion(tx *gorm.DB, row any, columns []string) error {
	stmt := &gorm.Statement{DB: tx}
	if err := stmt.Parse(row); err != nil {
		return fmt.Errorf("read the columns of %T: %w", row, err)
	}

	value := reflect.Indirect(reflect.ValueOf(row))
	id, _ := stmt.Schema.PrioritizedPrimaryField.ValueOf(tx.Statement.Context, value)
	sets := map[string]any{"version": raisedVersion}
	for _, column := range columns {
		field := stmt.Schema.LookUpField(column)
		if field == nil {
			return fmt.Errorf("%T has no column %s", row, column)
		}
		sets[column], _ = field.ValueOf(tx.Statement.Context, value)
	}

	return tx.Table(stmt.Schema.Table).Where("id = ?", id).Updates(sets).Error
}

// forUpdate locks the rows a query reads until the transaction ends on
// PostgreSQL, so that a change applied on top of the stored values, such
// as a stage move, reads the values the other transaction committed. The
// SQLite driver leaves the clause out, because a SQLite write
// transaction already excludes every other writer.
var forUpdate = clause.Locking{Strength: "UPDATE"}

// expectedVersion returns the version that a save of a record must find
// stored: sent, or stored when sent is 0, which callers send that read no
// version, such as an import or the command line. A sent version that
// differs from stored returns a *[app.ConflictError] with record, the
// record as stored.
func expectedVersion(kind app.EntityKind, id, sent, stored int64, record any) (int64, error) {
	if sent == 0 || sent == stored {
		return stored, nil
	}

	return 0, &app.ConflictError{Kind: kind, ID: id, Version: sent, Stored: record}
}

// checkVersionedWrite turns a write that changed no row, because its
// "version = ?" condition failed, into a *[app.ConflictError]. The
// condition fails only when another transaction saved the record between
// the read and the write, which PostgreSQL allows and SQLite does not.
// reload reads the record as now stored.
func checkVersionedWrite(result *gorm.DB, kind app.EntityKind, id, version int64, reload func() (any, error)) error {
	if result.Error != nil {
		return result.Error
	}

	if result.RowsAffected > 0 {
		return nil
	}

	stored, err := reload()
	if err != nil {
		return fmt.Errorf("read %s %d after a conflicting save: %w", kind, id, err)
	}

	return &app.ConflictError{Kind: kind, ID: id, Version: version, Stored: stored}
}
