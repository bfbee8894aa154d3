package app

import (
	"context"
	"time"
)

// The activity kinds added with the activities timeline. An offer sent is
// [ActivityOffer].
const (
	ActivityNote = "note"
	ActivityTask = "task"
)

// ActivityKinds lists the kinds a person can choose, in the order offered.
var ActivityKinds = []string{
	ActivityCall, ActivityEmail, ActivityMeeting, ActivityPresentation, ActivityOffer, ActivityNote, ActivityTask,
}

// TodayKind is the reason an item is on the Today list.
type TodayKind string

// The kinds of Today items.
const (
	// TodayOverdue is an open activity whose due time has passed.
	TodayOverdue TodayKind = "overdue"
	// TodayDue is an open activity due later today.
	TodayDue TodayKind = "due"
	// TodayNextStep is an open deal with a next step whose close date is
	// today or earlier.
	TodayNextStep TodayKind = "next_step"
)

// TodayItem is one line of the Today list: an activity on a deal or lead,
// or a deal's next step.
type TodayItem struct {
	Kind TodayKind
	// Activity is the activity of TodayOverdue and TodayDue items and the
	// zero Activity for TodayNextStep.
	Activity Activity
	// OpportunityID or LeadID is the record the item belongs to; the
	// other is 0.
	OpportunityID int64
	LeadID        int64
	// Title is the deal's title or the lead's name.
	Title string
	// NextStep is the deal's next step of a TodayNextStep item.
	NextStep string
	// Due is the activity's due time in UTC, or for a next step the close
	// date as midnight UTC.
	Due     time.Time
	Overdue bool
}

// ActivityService plans, completes and lists activities on deals and
// leads.
type ActivityService interface {
	// AddOpportunityActivity stores a on the deal a.OpportunityID and
	// returns it with its ID. A zero a.OwnerID makes the signed-in user
	// the owner. A missing kind or subject wraps [ErrInvalid] and an
	// unknown deal [ErrNotFound].
	AddOpportunityActivity(ctx context.Context, a Activity) (Activity, error)
	// CompleteActivity marks activity id done with outcome. An unknown id
	// wraps [ErrNotFound].
	CompleteActivity(ctx context.Context, id int64, outcome string) error
	// ReopenActivity marks activity id open again and clears its outcome.
	// An unknown id wraps [ErrNotFound].
	ReopenActivity(ctx context.Context, id int64) error
	// Today lists the open activities on deals and leads that are due
	// before the end of q.Now's local day, oldest first. The open deals
	// with a next step whose close date is q.Now's local day or earlier
	// follow, oldest close date first. Each item carries the title of its
	// deal or lead.
	Today(ctx context.Context, q TodayQuery) ([]TodayItem, error)
}

// TodayQuery selects the items of the Today list.
type TodayQuery struct {
	// Now is the time the list is for, in the location whose day counts.
	Now time.Time
	// OwnerID keeps one user's items (see UserRecord): the activities the
	// user owns, the activities without an owner on the user's deals and
	// leads, and the next steps of the user's deals. Zero keeps all.
	OwnerID int64
}

// EndOfDay returns the start of the local day after now's, in now's
// location.
func EndOfDay(now time.Time) time.Time {
	year, month, day := now.Date()

	return time.Date(year, month, day+1, 0, 0, 0, 0, now.Location())
}

// ClassifyDue returns the Today kind of an open activity due at due:
// TodayOverdue once due has passed at now, else TodayDue.
func ClassifyDue(due, now time.Time) TodayKind {
	if due.Before(now) {
		return TodayOverdue
	}

	return TodayDue
}

// IsNextStepDue reports whether a deal's next step belongs on the Today
// list at now: the deal has a next step and a close date on or before
// now's local day.
func IsNextStepDue(nextStep string, closeDate Date, now time.Time) bool {
	if nextStep == "" || closeDate.IsZero() {
		return false
	}

	return !DateOf(now).Before(closeDate)
}
