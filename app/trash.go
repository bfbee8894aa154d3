package app

import "time"

// TrashRetention is how long a deleted record stays in the trash before
// it is purged.
const TrashRetention = 30 * 24 * time.Hour

// TrashItem is one delete in the trash: a record together with everything
// that was attached to it.
type TrashItem struct {
	ID       int64
	Kind     EntityKind
	EntityID int64
	// Title names the record as lists show it, such as a lead's name and
	// company or a deal's title.
	Title string
	// Rows counts the rows the delete removed, the record included.
	Rows int
	// DeletedAt is UTC.
	DeletedAt time.Time
	DeletedBy string
}

// DeleteSummary lists what deleting a record would move to the trash, so
// a confirmation can name it before anything is removed.
type DeleteSummary struct {
	Kind  EntityKind
	ID    int64
	Title string
	// Counts maps a table name, such as "activities", to the number of
	// its rows that go with the record.
	Counts map[string]int
}
