package app

import "fmt"

// RestoreProblem is the reason a file cannot be restored as the database.
type RestoreProblem int

const (
	// RestoreMissing means the file does not exist or cannot be read.
	RestoreMissing RestoreProblem = iota + 1
	// RestoreNotLeadwerk means the file is no Leadwerk database.
	RestoreNotLeadwerk
	// RestoreDamaged means the file fails SQLite's integrity check.
	RestoreDamaged
	// RestoreNewer means a newer Leadwerk wrote the file.
	RestoreNewer
)

// RestoreSourceError reports a backup that a restore rejected before it
// changed anything. Err holds the detail for the log.
type RestoreSourceError struct {
	Path    string
	Problem RestoreProblem
	Err     error
}

func (e *RestoreSourceError) Error() string {
	return fmt.Sprintf("cannot restore %s: %v", e.Path, e.Err)
}

func (e *RestoreSourceError) Unwrap() error {
	return e.Err
}
