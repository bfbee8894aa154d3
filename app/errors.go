package app

import "errors"

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
