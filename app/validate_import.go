package app

import (
	"fmt"
	"strings"
)

// Kinds of the rows in a [RowProblem].
const (
	RowCompany     = "company"
	RowLead        = "lead"
	RowOpportunity = "opportunity"
)

// RowProblem is one invalid field of one imported row. Line is the row's
// line in the file when the reader knows it, else its 1-based position
// among the batch's rows of its kind.
type RowProblem struct {
	Kind string
	Line int
	// Ref is the row's SourceRef, such as "maven-crm:opportunity:1C1I7A6R".
	Ref string
	FieldError
}

// String formats the problem for a log or the command line, as in
// `lead 12 (x:lead:7): email invalid_email`.
func (p RowProblem) String() string {
	return fmt.Sprintf("%s %d (%s): %s %s", p.Kind, p.Line, p.Ref, p.Field, p.Code)
}

// ImportRowsError is the error of an import that rejected rows. It
// matches [ErrInvalid] with errors.Is.
type ImportRowsError struct {
	Problems []RowProblem
}

// maxListedProblems is how many problems Error names before it counts
// the rest.
const maxListedProblems = 5

// Error lists the first problems and counts the rest.
func (e *ImportRowsError) Error() string {
	listed := make([]string, 0, maxListedProblems)
	for i, p := range e.Problems {
		if i == maxListedProblems {
			break
		}
		listed = append(listed, p.String())
	}

	text := fmt.Sprintf("%d invalid import rows: %s", len(e.Problems), strings.Join(listed, "; "))
	if more := len(e.Problems) - len(listed); more > 0 {
		text += fmt.Sprintf(" and %d more", more)
	}

	return text + ": fix them in the file and import again"
}

// Unwrap returns [ErrInvalid].
func (e *ImportRowsError) Unwrap() error { return ErrInvalid }

// ValidateBatch checks every company, lead and opportunity of b with the
// rules the forms use and returns the blocking problems, or nil. An
// imported deal may close before its creation day, because history is
// imported as it happened. A lead's consent date is checked against
// today.
func ValidateBatch(b ImportBatch, today Date) []RowProblem {
	var problems []RowProblem
	for i, c := range b.Companies {
		problems = appendRow(problems, RowCompany, i+1, c.SourceRef, ValidateCompany(c.Company))
	}

	for i, l := range b.Leads {
		problems = appendRow(problems, RowLead, i+1, l.SourceRef, ValidateLead(l, today))
	}

	for i, d := range b.Opportunities {
		problems = appendRow(problems, RowOpportunity, i+1, d.SourceRef, ValidateOpportunity(d.Opportunity, Date{}))
	}

	return problems
}

func appendRow(problems []RowProblem, kind string, line int, ref string, errs []FieldError) []RowProblem {
	for _, e := range Blocking(errs) {
		problems = append(problems, RowProblem{Kind: kind, Line: line, Ref: ref, FieldError: e})
	}

	return problems
}
