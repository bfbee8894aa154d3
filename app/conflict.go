package app

import (
	"errors"
	"fmt"
)

// ErrConflict means that someone else saved a record after it was read,
// so saving it as read would overwrite their change.
var ErrConflict = errors.New("record was changed by someone else")

// ConflictError is the error of a save whose Version no longer matches
// the stored record, because someone else saved it since it was read. It
// wraps [ErrConflict] and carries the stored record, so that a screen can
// show both versions and save again with the stored version.
type ConflictError struct {
	Kind EntityKind
	ID   int64
	// Version is the version that the rejected save carried.
	Version int64
	// Stored is the record as it is stored now, with its current
	// Version: a [Lead], an [Opportunity], a [Company], a [Contact] or an
	// [Activity].
	Stored any
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("%s %d was changed by someone else after version %d was read: "+
		"compare both versions and save again", e.Kind, e.ID, e.Version)
}

func (e *ConflictError) Unwrap() error {
	return ErrConflict
}

// ConflictField is one form field that a conflict compares, and that a
// person can take from the stored version.
type ConflictField[T any] struct {
	// Key names the field as the change history does: a lead column such
	// as "first_name", or a deal field such as "close_date".
	Key string
	// Text returns the value as a person reads it.
	Text func(T) string
	// Take copies the field from src into dst.
	Take func(dst *T, src T)
}

// DifferingFields returns the fields of list whose text differs between
// mine and theirs, in the order of list.
func DifferingFields[T any](list []ConflictField[T], mine, theirs T) []ConflictField[T] {
	var differing []ConflictField[T]
	for _, f := range list {
		if f.Text(mine) != f.Text(theirs) {
			differing = append(differing, f)
		}
	}

	return differing
}

// mergeConflictFields returns mine with the fields of list whose key takeTheirs
// marks taken from theirs.
func mergeConflictFields[T any](list []ConflictField[T], mine, theirs T, takeTheirs map[string]bool) T {
	merged := mine
	for _, f := range list {
		if takeTheirs[f.Key] {
			f.Take(&merged, theirs)
		}
	}

	return merged
}

// MergeLeads returns the lead form mine with the fields that takeTheirs
// marks taken from theirs, the stored lead. The result carries theirs'
// Version, so that saving it passes the version check unless someone
// saved the lead once more.
func MergeLeads(mine, theirs Lead, takeTheirs map[string]bool) Lead {
	merged := mergeConflictFields(LeadConflictFields(), mine, theirs, takeTheirs)
	merged.Version = theirs.Version

	return merged
}

// MergeOpportunities is [MergeLeads] for the form fields of a deal.
func MergeOpportunities(mine, theirs Opportunity, takeTheirs map[string]bool) Opportunity {
	merged := mergeConflictFields(OpportunityConflictFields(), mine, theirs, takeTheirs)
	merged.Version = theirs.Version

	return merged
}

// conflictText is a ConflictField of a string field that field points to.
func conflictText[T any](key string, field func(*T) *string) ConflictField[T] {
	return conflictValue(key, field, func(s string) string { return s })
}

// conflictValue is a ConflictField of any comparable field, read as text.
func conflictValue[T any, V any](key string, field func(*T) *V, text func(V) string) ConflictField[T] {
	return ConflictField[T]{
		Key:  key,
		Text: func(v T) string { return text(*field(&v)) },
		Take: func(dst *T, src T) { *field(dst) = *field(&src) },
	}
}
