package app

import "time"

// BudgetStatus is the known state of the customer's budget.
type BudgetStatus string

// The budget answers of a BANT qualification. The empty value means the
// question was not answered yet.
const (
	BudgetConfirmed BudgetStatus = "confirmed"
	BudgetIndicated BudgetStatus = "indicated"
	BudgetUnknown   BudgetStatus = "unknown"
	BudgetNone      BudgetStatus = "none"
)

// AuthorityRole is the contact's part in the buying decision.
type AuthorityRole string

// The authority answers of a BANT qualification; empty means unanswered.
const (
	DecisionMaker AuthorityRole = "decision_maker"
	Influencer    AuthorityRole = "influencer"
	User          AuthorityRole = "user"
	Gatekeeper    AuthorityRole = "gatekeeper"
)

// Timeframe is when the customer intends to buy.
type Timeframe string

// The timeframe answers of a BANT qualification; empty means unanswered.
const (
	TimeUnder1Month  Timeframe = "under_1_month"
	Time1To3Months   Timeframe = "1_3_months"
	Time3To6Months   Timeframe = "3_6_months"
	Time6To12Months  Timeframe = "6_12_months"
	TimeOver12Months Timeframe = "over_12_months"
	TimeframeUnknown Timeframe = "unknown"
	TimeframeUnset   Timeframe = ""
	maxNeedPriority            = 5
)

// Qualification is one BANT assessment of a lead. Every answer may be
// left empty, so a partial qualification is saved as it is; a lead keeps
// all of its qualifications, and the newest one counts for the score.
type Qualification struct {
	ID     int64
	LeadID int64

	Budget BudgetStatus
	// BudgetAmount is the confirmed budget, or the lower end of an
	// indicated range; zero when not given.
	BudgetAmount Money
	// BudgetUpTo is the upper end of an indicated range; zero when none.
	BudgetUpTo Money
	BudgetNote string

	Authority AuthorityRole
	// DecidedBy names who decides when the contact does not.
	DecidedBy     string
	AuthorityNote string

	// Need is the customer's pain in their words.
	Need string
	// NeedPriority is 1 (low) to 5 (urgent), or 0 when unanswered.
	NeedPriority int
	NeedNote     string

	Timeframe Timeframe
	TimeNote  string

	// CreatedAt is in UTC.
	CreatedAt time.Time
}

// ProfileCriterion is one value of the ideal customer profile, such as
// the industry "Mechanical engineering", with its weight from 1 to 10.
type ProfileCriterion struct {
	Value  string
	Weight int
}

// IdealCustomerProfile describes the customers a firm wins best. A lead
// matching more and heavier criteria gets a higher fit score.
type IdealCustomerProfile struct {
	Industries []ProfileCriterion
	SizeBands  []ProfileCriterion
	Regions    []ProfileCriterion
	Personas   []ProfileCriterion
}

// ScoreThresholds are the scores from which a lead is hot or warm.
type ScoreThresholds struct {
	Hot  int
	Warm int
}

// DefaultScoreThresholds returns the thresholds of a fresh database.
func DefaultScoreThresholds() ScoreThresholds {
	return ScoreThresholds{Hot: 70, Warm: 40}
}
