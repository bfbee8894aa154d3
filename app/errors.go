package app

import (
	"errors"
	"fmt"
)

// Sentinel errors that callers match with errors.Is. Storage and import
// code wraps them with the value that failed.
var (
	// ErrNotFound means the requested record does not exist.
	ErrNotFound = errors.New("not found")

	// ErrInvalid means an input value breaks a rule, such as a malformed
	// date or a probability outside 0–100.
	ErrInvalid = errors.New("invalid value")

	// ErrNotEmpty means an operation that needs an empty database, such as
	// loading demo data, found records in it.
	ErrNotEmpty = errors.New("database is not empty")

	// ErrNotDatabase means a file exists at the database path but is not a
	// Leadwerk or SQLite database. Leadwerk never overwrites such a file.
	ErrNotDatabase = errors.New("file is not a Leadwerk database")
)

// AlreadyConvertedError is the error of converting a lead that is
// converted already, usually by someone else since the lead was read. It
// wraps [ErrInvalid], because the lead's status no longer allows the
// conversion.
type AlreadyConvertedError struct {
	LeadID int64
	// By is the name of the user who converted the lead, or "" when the
	// audit log records no conversion of it.
	By string
}

func (e *AlreadyConvertedError) Error() string {
	if e.By == "" {
		return fmt.Sprintf("lead %d is converted already", e.LeadID)
	}

	return fmt.Sprintf("lead %d is converted already, by %s", e.LeadID, e.By)
}

func (e *AlreadyConvertedError) Unwrap() error {
	return ErrInvalid
}
