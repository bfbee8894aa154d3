package app

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// PersonKind names the table a person is stored in: leads or contacts.
type PersonKind string

// The kinds of person records that carry personal data.
const (
	PersonKindLead    PersonKind = "lead"
	PersonKindContact PersonKind = "contact"
)

// PersonRef points to one lead or contact.
type PersonRef struct {
	Kind PersonKind
	ID   int64
}

// Privacy is what the GDPR asks a business to know about one person: the
// legal basis of the processing, when and how consent was given, when it
// was withdrawn, and whether the person refused marketing.
type Privacy struct {
	Consent
	// WithdrawnOn is the day the person withdrew consent; the zero date
	// while consent stands or was never given.
	WithdrawnOn Date
	// MarketingOptOut marks a person who objected to direct marketing
	// (GDPR Art. 21(2)), whatever the legal basis.
	MarketingOptOut bool
}

// ErrWithdrawnBeforeConsent means a withdrawal date lies before the day
// consent was given. It wraps [ErrInvalid].
var ErrWithdrawnBeforeConsent = fmt.Errorf("withdrawal before consent: %w", ErrInvalid)

// ValidatePrivacy checks p: a known legal basis or none, and a withdrawal
// that is not before the consent date. The error wraps [ErrInvalid], and
// [ErrWithdrawnBeforeConsent] for the dates.
func ValidatePrivacy(p Privacy) error {
	switch p.Basis {
	case "", BasisConsent, BasisContract, BasisLegitimateInterest:
	default:
		return fmt.Errorf("legal basis %q is not consent, contract or legitimate_interest: %w", p.Basis,
			ErrInvalid)
	}

	if !p.WithdrawnOn.IsZero() && !p.Date.IsZero() && p.WithdrawnOn.Before(p.Date) {
		return fmt.Errorf("withdrawn on %s, consent on %s: %w", p.WithdrawnOn, p.Date, ErrWithdrawnBeforeConsent)
	}

	return nil
}

// PersonQuery finds one person's records: by e-mail address, ignoring
// case, and by full name ("First Last", ignoring case) only when no
// record has the e-mail or no e-mail is given.
type PersonQuery struct {
	Email string
	Name  string
}

// Normalized returns q with surrounding spaces removed and inner runs of
// spaces in the name collapsed to one.
func (q PersonQuery) Normalized() PersonQuery {
	return PersonQuery{Email: strings.TrimSpace(q.Email), Name: strings.Join(strings.Fields(q.Name), " ")}
}

// IsEmpty reports whether q gives neither an e-mail nor a name.
func (q PersonQuery) IsEmpty() bool {
	n := q.Normalized()

	return n.Email == "" && n.Name == ""
}

// PersonMatch is the way the records of a [PersonalData] were found.
type PersonMatch string

// The ways a person's records are found.
const (
	MatchedByEmail PersonMatch = "email"
	MatchedByName  PersonMatch = "name"
)

// ErasureRequest names the person to erase. Query must find the same
// records that the access export of the same query lists.
type ErasureRequest struct {
	Query PersonQuery
	// ReplaceOfferPDF renders the PDF that replaces the stored PDF of an
	// offer addressed to the person. The store calls it inside the
	// transaction. Nil stores an empty PDF.
	ReplaceOfferPDF func(Offer) ([]byte, error)
}

// ErasureResult counts what an erasure removed or rewrote.
type ErasureResult struct {
	MatchedBy PersonMatch
	Leads     int
	Contacts  int
	// Activities counts the activities deleted with the person's leads.
	Activities int
	// Scrubbed counts the texts of other records, such as a deal's
	// activity notes or its field history, from which the person's name
	// or e-mail address was removed.
	Scrubbed int
	// Offers counts the offers whose stored PDF was replaced.
	Offers int
	// Merges counts the merge records deleted because their snapshot
	// held the person, so those merges can no longer be undone.
	Merges int
}

// ErasedText is the text that replaces a person's name or e-mail address in the
// texts of records that stay, such as the notes of a deal's activity.
const ErasedText = "[erased]"

// StaleLead is a lead without activity for longer than the retention
// period, listed for review.
type StaleLead struct {
	ID      int64
	Name    string
	Company string
	Email   string
	Status  LeadStatus
	// LastActivity is the newest activity of the lead, or its creation
	// time when it has none, in UTC.
	LastActivity time.Time
}

// DefaultRetentionMonths is how many months a lead may go without
// activity before the retention review lists it.
const DefaultRetentionMonths = 24

// MaxRetentionMonths is the longest retention period the setting
// accepts: 20 years.
const MaxRetentionMonths = 240

// ValidateRetentionMonths checks that months is between 1 and
// [MaxRetentionMonths]. The error wraps [ErrInvalid].
func ValidateRetentionMonths(months int) error {
	if months < 1 || months > MaxRetentionMonths {
		return fmt.Errorf("retention of %d months is not between 1 and %d: %w", months, MaxRetentionMonths,
			ErrInvalid)
	}

	return nil
}

// RetentionCutoff returns the time before which a lead's last activity
// makes it stale: months calendar months before now.
func RetentionCutoff(now time.Time, months int) time.Time {
	return now.UTC().AddDate(0, -months, 0)
}

// PrivacyService reads and writes the GDPR records of people, exports and
// erases everything stored about one person, and lists leads past the
// retention period.
type PrivacyService interface {
	// Privacy returns the privacy record of a lead or contact, or wraps
	// [ErrNotFound].
	Privacy(ctx context.Context, ref PersonRef) (Privacy, error)
	// SavePrivacy stores p for a lead or contact. Invalid input returns an
	// error wrapping [ErrInvalid]; an unknown person wraps [ErrNotFound].
	SavePrivacy(ctx context.Context, ref PersonRef, p Privacy) error
	// PersonalData collects everything stored about the person q finds
	// (GDPR Art. 15), or wraps [ErrNotFound] when q finds no record.
	PersonalData(ctx context.Context, q PersonQuery) (PersonalData, error)
	// ErasePerson deletes the person's leads and contacts with their
	// activities, history and merge records, and removes their name and
	// e-mail address from the texts of the records that stay (GDPR
	// Art. 17). Freed bytes are overwritten and the write-ahead log is
	// emptied. A query that finds nobody wraps [ErrNotFound].
	ErasePerson(ctx context.Context, r ErasureRequest) (ErasureResult, error)
	// RetentionMonths returns the retention setting, or
	// [DefaultRetentionMonths] when none is stored.
	RetentionMonths(ctx context.Context) (int, error)
	// SaveRetentionMonths stores the retention setting after
	// [ValidateRetentionMonths].
	SaveRetentionMonths(ctx context.Context, months int) error
	// StaleLeads returns the leads whose last activity, or creation when
	// they have none, lies before [RetentionCutoff] of now and months,
	// oldest first.
	StaleLeads(ctx context.Context, now time.Time, months int) ([]StaleLead, error)
	// DeleteLeads moves the leads ids with their activities and history
	// to the trash, and returns how many it moved.
	DeleteLeads(ctx context.Context, ids []int64) (int, error)
}
