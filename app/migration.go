package app

import (
	"errors"
	"slices"
)

// ErrMigrationMismatch means a database copied to another backend holds
// other row counts or money totals than its source.
var ErrMigrationMismatch = errors.New("copied database differs from its source")

// MigrationReport compares a database copied to PostgreSQL with its
// source, table by table.
type MigrationReport struct {
	Tables []MigrationTable
}

// Matches reports whether every table has the same rows and money totals
// on both sides.
func (r MigrationReport) Matches() bool {
	for _, t := range r.Tables {
		if !t.Matches() {
			return false
		}
	}

	return true
}

// MigrationTable is one table's row count and money totals in the source
// and in the copy. The totals are sums of minor units per column,
// whatever their currencies, so they compare the copy and mean nothing as
// amounts.
type MigrationTable struct {
	Table        string
	MoneyColumns []string
	SourceRows   int64
	TargetRows   int64
	// SourceMoney and TargetMoney hold one sum per entry of MoneyColumns.
	SourceMoney []int64
	TargetMoney []int64
}

// Matches reports whether the table has the same rows and money totals
// on both sides.
func (t MigrationTable) Matches() bool {
	return t.SourceRows == t.TargetRows && slices.Equal(t.SourceMoney, t.TargetMoney)
}
