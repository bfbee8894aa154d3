package data

import (
	"fmt"
	"slices"

	"gorm.io/gorm"
)

// importLockKey is the PostgreSQL advisory lock that every import holds
// until its transaction ends, so that two imports at once run one after
// the other. The second one then matches the records that the first one
// created instead of inserting them again. It differs from
// migrationLockKey.
const importLockKey = 0x4c77496d706f7274

// lockImports waits until no other import runs on a PostgreSQL database
// and holds the lock until tx ends. SQLite needs no lock, because its
// write transaction already excludes every other writer.
func lockImports(tx *gorm.DB) error {
	if !isPostgresDB(tx) {
		return nil
	}

	if err := tx.Exec(`SELECT pg_advisory_xact_lock(?)`, int64(importLockKey)).Error; err != nil {
		return fmt.Errorf("wait for another import to finish: %w", err)
	}

	return nil
}

// idSource hands out the ids of the records that a file import creates in
// one table, which the import needs before it inserts them, because rows
// inserted later refer to them. It counts up from the highest stored id
// when it has no tx: on SQLite, whose writer excludes every other, and
// in a dry run, which inserts nothing. With tx it takes the ids from the
// table's identity sequence, because on PostgreSQL others insert rows at
// the same time and the highest id would give both the same new id.
type idSource struct {
	tx    *gorm.DB
	table string
	// highest is the highest id stored or handed out, for counting up.
	highest int64
	// reserved holds ids taken from the sequence and not handed out yet.
	reserved []int64
	// first and last are the first and the last id handed out, or 0.
	first, last int64
}

// idBlock is how many ids one query takes from a sequence.
const idBlock = fileBatchSize

// next returns a new id.
func (s *idSource) next() (int64, error) {
	id, err := s.take()
	if err != nil {
		return 0, err
	}

	if s.first == 0 {
		s.first = id
	}
	s.last = id

	return id, nil
}

func (s *idSource) take() (int64, error) {
	if s.tx == nil {
		s.highest++
		return s.highest, nil
	}

	if len(s.reserved) == 0 {
		if err := s.reserve(); err != nil {
			return 0, err
		}
	}

	id := s.reserved[0]
	s.reserved = s.reserved[1:]

	return id, nil
}

// reserve takes the next idBlock ids of the table's identity sequence.
// A sequence hands out each value once, also to transactions that roll
// back, so ids that the import does not use stay unused.
func (s *idSource) reserve() error {
	err := s.tx.Raw(`SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM generate_series(1, ?)`, s.table, idBlock).
		Scan(&s.reserved).Error
	if err != nil {
		return fmt.Errorf("take ids for new %s: %w", s.table, err)
	}

	slices.Sort(s.reserved)

	return nil
}
