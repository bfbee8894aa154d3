package data

import (
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"leadwerk/app"
)

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
