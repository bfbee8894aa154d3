package app

import (
	"fmt"
	"strings"
)

// PersonCandidate is one of several people who share an e-mail address:
// the normalized full name and the leads and contacts stored under it.
type PersonCandidate struct {
	Name    string
	Records []PersonRef
}

// AmbiguousPersonError is returned when the e-mail address of a
// [PersonQuery] belongs to several people and its Name picks none of
// them. Access and erasure are per person, so the caller asks which one
// is meant and repeats the query with that Name. It wraps [ErrInvalid].
type AmbiguousPersonError struct {
	Email string
	// Name is the name of the query, empty when it gave none.
	Name       string
	Candidates []PersonCandidate
}

func (e *AmbiguousPersonError) Error() string {
	return fmt.Sprintf("e-mail address %q belongs to %d people (%s) and name %q is none of them: %v", e.Email,
		len(e.Candidates), strings.Join(e.CandidateNames(), ", "), e.Name, ErrInvalid)
}

func (e *AmbiguousPersonError) Unwrap() error { return ErrInvalid }

// CandidateNames returns the names of the candidates in their order.
func (e *AmbiguousPersonError) CandidateNames() []string {
	names := make([]string, len(e.Candidates))
	for i, c := range e.Candidates {
		names[i] = c.Name
	}

	return names
}
