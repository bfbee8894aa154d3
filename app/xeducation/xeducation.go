// Package xeducation reads the lead file of X Education, an education
// company from the lead-scoring case study published by UpGrad and
// Kaggle, into an [app.ImportBatch] of leads.
//
// The file, Leads.csv, has one lead per line and a header row. Every line,
// the header included, ends with a comma, so the last column is unnamed
// and empty. Columns are found by header name, so their order may change.
// Some columns hold the drop-down prompt "Select" in place of an answer,
// and [Load] reads that value as empty in every column.
//
// The file holds no personal names. Each lead's LastName is the word
// "Lead" and its Lead Number, such as "Lead 660737". A course buyer is a
// person, not a company, so the number goes into the person's name.
package xeducation

import (
	"fmt"

	"leadwerk/app"
)

// Source is the batch source name and the prefix of every SourceRef that
// [Load] creates, as in "xeducation:lead:7927b2df-8bba-4d29-b9a2-b6e0beafe620".
const Source = "xeducation"

// Load reads the lead file at path and returns its leads as one batch,
// without touching any database. The batch has no pipeline, because it
// has no opportunities.
//
// A malformed row stops the load: the error is a [*RowError] naming the
// file and line, and it wraps [app.ErrInvalid]. A missing file returns an
// error wrapping [fs.ErrNotExist].
func Load(path string) (app.ImportBatch, error) {
	leads, err := readLeads(path)
	if err != nil {
		return app.ImportBatch{}, err
	}

	return app.ImportBatch{Source: Source, Leads: leads}, nil
}

// RowError is a problem at one line of the lead file.
type RowError struct {
	// File is the base name of the file, such as "Leads.csv".
	File string
	// Line is the 1-based line number in the file, where the header is
	// line 1.
	Line int
	// Err describes the problem and wraps [app.ErrInvalid].
	Err error
}

// Error returns the file, line and reason, as in
// `Leads.csv line 12: invalid Converted "yes", want 0 or 1: invalid value`.
func (e *RowError) Error() string {
	return fmt.Sprintf("%s line %d: %v", e.File, e.Line, e.Err)
}

// Unwrap returns the reason, so errors.Is finds [app.ErrInvalid].
func (e *RowError) Unwrap() error {
	return e.Err
}

// leadRef returns the SourceRef of the lead with the given Prospect ID.
func leadRef(prospectID string) string {
	return Source + ":lead:" + prospectID
}
