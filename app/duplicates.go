package app

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// DuplicateKind is the kind of record a duplicate group contains.
type DuplicateKind string

// The kinds of records that can be merged.
const (
	DuplicateCompanies DuplicateKind = "company"
	DuplicateContacts  DuplicateKind = "contact"
	DuplicateLeads     DuplicateKind = "lead"
)

// DuplicateKinds lists the kinds in the order the duplicate list shows
// them.
var DuplicateKinds = []DuplicateKind{DuplicateCompanies, DuplicateContacts, DuplicateLeads}

// MatchReason is the reason the records of a group are taken for one.
type MatchReason string

// The reasons for a duplicate match.
const (
	// MatchSameEmail is the same e-mail address with the same or a
	// similar name, or a name missing on one side.
	MatchSameEmail MatchReason = "same_email"
	// MatchSharedEmail is one e-mail address used by people with
	// different names, such as info@…. It is reported, not a duplicate.
	MatchSharedEmail MatchReason = "shared_email"
	// MatchSameName is the same normalized name: for people at the same
	// company, for companies alone.
	MatchSameName MatchReason = "same_name"
	// MatchSimilarName is a normalized name within [SimilarNameThreshold].
	MatchSimilarName MatchReason = "similar_name"
)

// DuplicateMatch is one reason of a group with the value it matched on.
type DuplicateMatch struct {
	Reason MatchReason
	// Value is the e-mail address or the normalized name matched on.
	Value string
	// Score is the [NameSimilarity] of a similar name, 1 otherwise.
	Score float64
}

// DuplicateRecord is one record of a duplicate group as the comparison
// shows it.
type DuplicateRecord struct {
	ID    int64
	Title string
	// Fields maps each key of [MergeFields] to the value as a person
	// reads it, "" when empty.
	Fields    map[string]string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// DuplicateGroup is a set of records of one kind that are probably one.
type DuplicateGroup struct {
	Kind    DuplicateKind
	Records []DuplicateRecord
	Matches []DuplicateMatch
}

// SharedEmailOnly reports whether the group rests on nothing but a shared
// e-mail address, so its records are probably different people.
func (g DuplicateGroup) SharedEmailOnly() bool {
	for _, m := range g.Matches {
		if m.Reason != MatchSharedEmail {
			return false
		}
	}

	return len(g.Matches) > 0
}

// mergeFields are the fields a person chooses per kind when merging. Ids,
// keys, scores, lead status and source references are not among them:
// they stay those of the kept record, because they carry its history.
var mergeFields = map[DuplicateKind][]string{
	DuplicateCompanies: {"name", "sector", "employees", "revenue", "country", "year_founded"},
	DuplicateContacts:  {"first_name", "last_name", "company", "role", "buying_role", "email", "phone"},
	DuplicateLeads: {"salutation", "first_name", "last_name", "company_name", "role", "email", "phone",
		"website", "street", "postal_code", "city", "country", "industry", "source", "owner", "notes"},
}

// MergeFields returns the keys of the fields a merge of kind chooses, in
// the order the comparison shows them.
func MergeFields(kind DuplicateKind) []string {
	return slices.Clone(mergeFields[kind])
}

// DefaultKeep returns the id of the record a merge keeps unless the person
// chooses another: the oldest, whose id the most links and history
// already point to. Equal times go to the lower id.
func DefaultKeep(g DuplicateGroup) int64 {
	if len(g.Records) == 0 {
		return 0
	}

	oldest := g.Records[0]
	for _, r := range g.Records[1:] {
		if r.CreatedAt.Before(oldest.CreatedAt) || (r.CreatedAt.Equal(oldest.CreatedAt) && r.ID < oldest.ID) {
			oldest = r
		}
	}

	return oldest.ID
}

// DefaultChoices returns, for each merge field, the id of the record
// whose value the merge keeps: the most recently updated record with a
// non-empty value, or keep when all are empty.
func DefaultChoices(g DuplicateGroup, keep int64) map[string]int64 {
	byNewest := slices.Clone(g.Records)
	slices.SortStableFunc(byNewest, func(a, b DuplicateRecord) int {
		if c := b.UpdatedAt.Compare(a.UpdatedAt); c != 0 {
			return c
		}

		return int(b.ID - a.ID)
	})

	choices := map[string]int64{}
	for _, field := range mergeFields[g.Kind] {
		choices[field] = keep
		for _, r := range byNewest {
			if r.Fields[field] != "" {
				choices[field] = r.ID
				break
			}
		}
	}

	return choices
}

// MergeRequest merges the records RemoveIDs into KeepID.
type MergeRequest struct {
	Kind      DuplicateKind
	KeepID    int64
	RemoveIDs []int64
	// Choices maps a merge field to the id of the record whose value the
	// kept record takes. A missing field keeps the kept record's value.
	Choices map[string]int64
}

// Validate checks that the request names a kind, a kept record, at least
// one other record, and choices among those records only. It wraps
// [ErrInvalid].
func (r MergeRequest) Validate() error {
	if _, ok := mergeFields[r.Kind]; !ok {
		return fmt.Errorf("merge kind %q: %w", r.Kind, ErrInvalid)
	}

	if r.KeepID <= 0 || len(r.RemoveIDs) == 0 {
		return fmt.Errorf("merge needs a kept record and at least one other: %w", ErrInvalid)
	}

	if slices.Contains(r.RemoveIDs, r.KeepID) {
		return fmt.Errorf("merge would remove the kept record %d: %w", r.KeepID, ErrInvalid)
	}

	for field, id := range r.Choices {
		if !slices.Contains(mergeFields[r.Kind], field) {
			return fmt.Errorf("merge field %q of a %s: %w", field, r.Kind, ErrInvalid)
		}

		if id != r.KeepID && !slices.Contains(r.RemoveIDs, id) {
			return fmt.Errorf("merge field %q takes record %d, which is not merged: %w", field, id, ErrInvalid)
		}
	}

	return nil
}

// MergeSummary is one merge in the "Recent merges" list.
type MergeSummary struct {
	ID           int64
	Kind         DuplicateKind
	KeptID       int64
	KeptTitle    string
	RemovedCount int
	MergedAt     time.Time
	// UndoneAt is zero while the merge stands.
	UndoneAt time.Time
}

// DuplicateService finds and merges duplicate records.
type DuplicateService interface {
	// FindDuplicateGroups returns the duplicate groups of every kind. It
	// reports progress and stops with ctx's error when ctx is cancelled.
	FindDuplicateGroups(ctx context.Context, progress Progress) ([]DuplicateGroup, error)
	// MergeDuplicates merges the records of r in one transaction and
	// returns the merge's id for [DuplicateService.UndoMerge].
	MergeDuplicates(ctx context.Context, r MergeRequest) (int64, error)
	// UndoMerge restores the rows a merge changed or removed.
	UndoMerge(ctx context.Context, mergeID int64) error
	// RecentMerges returns the newest merges first, at most limit.
	RecentMerges(ctx context.Context, limit int) ([]MergeSummary, error)
}
