package app

import (
	"strings"
	"time"
)

// Company is an organisation that leads and opportunities belong to.
type Company struct {
	ID        int64
	Name      string
	Sector    string
	Employees int
	// Revenue is the company's annual revenue, zero when unknown.
	Revenue     Money
	Country     string
	YearFounded int
	// ParentID points to the parent company, or is 0 for none.
	ParentID int64
	// SourceRef identifies the record in the system it was imported from,
	// such as "maven-crm:account:Cancity", so a second import updates it.
	SourceRef string
	CreatedAt time.Time
	UpdatedAt time.Time
	// Version counts the saves of the record; see [ConflictError].
	Version int64
}

// Contact is a person, optionally working at a company.
type Contact struct {
	ID        int64
	CompanyID int64
	FirstName string
	LastName  string
	Role      string
	// BuyingRole is the contact's part in the buying decision, taken
	// from the lead's BANT authority when a lead is converted.
	BuyingRole AuthorityRole
	Email      string
	Phone      string
	CreatedAt  time.Time
	UpdatedAt  time.Time
	// Version counts the saves of the record; see [ConflictError].
	Version int64
}

// LeadStatus is a lead's step in qualification.
type LeadStatus string

// The lead statuses in the order a lead passes through them.
const (
	LeadNew          LeadStatus = "new"
	LeadContacted    LeadStatus = "contacted"
	LeadNurturing    LeadStatus = "nurturing"
	LeadQualified    LeadStatus = "qualified"
	LeadHandedOver   LeadStatus = "handed_over"
	LeadConverted    LeadStatus = "converted"
	LeadDisqualified LeadStatus = "disqualified"
)

// The lead sources that Leadwerk offers and translates. Imports may store
// other sources, such as a CRM's own channel names, which are shown as
// they are.
const (
	SourceTradeFair     = "trade fair"
	SourceWebsite       = "website"
	SourceEmailCampaign = "e-mail campaign"
	SourceReferral      = "referral"
	SourceColdCall      = "cold call"
	SourcePartner       = "partner"
	SourceOther         = "other"
)

// Lead is a person or firm that may become a customer but is not yet an
// opportunity.
type Lead struct {
	ID          int64
	Salutation  string
	FirstName   string
	LastName    string
	CompanyName string
	// Role is the person's job title, such as "Head of Purchasing".
	Role    string
	Email   string
	Phone   string
	Website string
	Street  string
	// PostalCode is text because codes such as "01067" or "SW1A 1AA" are
	// not numbers.
	PostalCode string
	City       string
	Country    string

	// Source is one of the Source constants or an import's own channel.
	Source string
	// SourceDetail names the particular source, such as the trade fair.
	SourceDetail string
	// Origin is how the lead entered a previous system, such as
	// "Landing Page Submission"; empty for leads entered here.
	Origin   string
	Campaign string

	Industry string
	SizeBand SizeBand
	Region   string
	Persona  string

	Owner   string
	Notes   string
	Consent Consent

	Status           LeadStatus
	DisqualifyReason string

	// Score is 0–100, computed by [ScoreLead] whenever the lead, its
	// qualification, the ideal customer profile or its activities change.
	Score        int
	ScoreReasons []ScoreReason
	Temperature  Temperature
	// TemperatureManual marks a temperature set by hand, which a new
	// score does not change.
	TemperatureManual bool

	// Predicted is the learned conversion chance from 0 to 1 that the
	// last RefreshLeadPredictions stored, with the values that moved it
	// most in PredictedReasons. It is nil for closed leads, for leads
	// created since, and while too few leads are closed to learn from.
	Predicted        *float64
	PredictedReasons []LeadWeight
	// Value is the expected value that the last refresh stored: the
	// learned chance, or without one the score ÷ 100, times the average
	// won deal of similar leads (see [DealSizes.LeadValue]). Its currency
	// is "" when the lead has none.
	Value Money

	HandedOverBy string
	// HandedOverAt is in UTC; the zero time means not handed over.
	HandedOverAt time.Time

	// The records a conversion created or matched; 0 until converted.
	ConvertedCompanyID     int64
	ConvertedContactID     int64
	ConvertedOpportunityID int64

	// LastActivityAt is the time of the newest activity, in UTC; the zero
	// time means none.
	LastActivityAt time.Time
	SourceRef      string
	CreatedAt      time.Time
	UpdatedAt      time.Time

	// OwnerID is the user record that Owner names, or 0 when Owner names
	// no user of this database.
	OwnerID int64
	// Version counts the saves of the form fields; see [ConflictError].
	Version int64
}

// Name returns the person's full name, "First Last", or the company
// name when the lead has no person.
func (l Lead) Name() string {
	name := strings.TrimSpace(l.FirstName + " " + l.LastName)
	if name == "" {
		return l.CompanyName
	}

	return name
}

// SizeBand is a company size by number of employees.
type SizeBand string

// The size bands, following the EU's SME size classes and splitting
// large companies once more.
const (
	Size1to9      SizeBand = "1-9"
	Size10to49    SizeBand = "10-49"
	Size50to249   SizeBand = "50-249"
	Size250to999  SizeBand = "250-999"
	Size1000Plus  SizeBand = "1000+"
	SizeBandUnset SizeBand = ""
)

// SizeBandFor returns the band of a company with the given number of
// employees, or SizeBandUnset for 0, meaning unknown.
func SizeBandFor(employees int) SizeBand {
	switch {
	case employees <= 0:
		return SizeBandUnset
	case employees < 10:
		return Size1to9
	case employees < 50:
		return Size10to49
	case employees < 250:
		return Size50to249
	case employees < 1000:
		return Size250to999
	default:
		return Size1000Plus
	}
}

// SizeBands lists the bands from small to large.
func SizeBands() []SizeBand {
	return []SizeBand{Size1to9, Size10to49, Size50to249, Size250to999, Size1000Plus}
}

// LegalBasis is the GDPR Art. 6(1) ground on which personal data of a
// lead is processed.
type LegalBasis string

// The legal bases a sales team uses; GDPR Art. 6(1)(a), (b) and (f).
const (
	BasisConsent            LegalBasis = "consent"
	BasisContract           LegalBasis = "contract"
	BasisLegitimateInterest LegalBasis = "legitimate_interest"
)

// Consent records why Leadwerk may keep and use a lead's personal data.
type Consent struct {
	Basis LegalBasis
	// Date is the day the consent was given or the basis recorded.
	Date Date
	// Obtained records the way consent was given, such as "business
	// card at Hannover Messe".
	Obtained string
}

// Temperature is how ready a lead is to buy, derived from its score.
type Temperature string

// The temperatures, hottest first.
const (
	Hot  Temperature = "hot"
	Warm Temperature = "warm"
	Cold Temperature = "cold"
)

// LeadStatusChange records one status change of a lead.
type LeadStatusChange struct {
	ID     int64
	LeadID int64
	From   LeadStatus
	To     LeadStatus
	// Reason is required for a disqualification and optional otherwise.
	Reason string
	At     time.Time
}

// StageKind marks a stage as still open or as closing the deal.
type StageKind string

// The stage kinds. A pipeline has any number of open stages and usually
// one won and one lost stage.
const (
	StageOpen StageKind = "open"
	StageWon  StageKind = "won"
	StageLost StageKind = "lost"
)

// Pipeline is a sales process: an ordered list of stages that deals move
// through. Several pipelines can exist side by side.
type Pipeline struct {
	ID       int64
	Name     string
	Position int
	// Currency is the ISO 4217 code new deals in this pipeline start with.
	Currency string
	Stages   []Stage
}

// Stage is one step of a pipeline.
type Stage struct {
	ID         int64
	PipelineID int64
	Name       string
	// Position orders the stages within their pipeline, from 0.
	Position int
	// Probability is the default win probability of a deal in this stage,
	// in percent from 0 to 100.
	Probability int
	Kind        StageKind
	// IdleDays is how long a deal may sit in this stage before it is
	// marked idle; 0 turns the mark off.
	IdleDays int
	// Milestones are the exit criteria a deal must meet to leave the
	// stage, shown on the deal as a checklist.
	Milestones []string
}

// Opportunity is a deal being worked on: an expected amount of revenue
// from a company, moving through the stages of one pipeline.
type Opportunity struct {
	ID         int64
	Title      string
	CompanyID  int64
	ContactID  int64
	PipelineID int64
	StageID    int64
	Amount     Money
	// Probability is the effective win probability in percent. It follows
	// the stage's default unless ProbabilityManual is set; see
	// [EffectiveProbability].
	Probability       int
	ProbabilityManual bool
	CloseDate         Date
	// StageEnteredOn is the day the deal entered its current stage.
	StageEnteredOn Date
	Owner          string
	Product        string
	Notes          string

	// NextStep and TalksStatus describe where the talks stand.
	NextStep    string
	TalksStatus string
	// CustomerBudget is what the customer said they can spend; zero when
	// unknown.
	CustomerBudget Money
	Expectations   string
	// Source is where the deal came from, such as a lead's source.
	Source string

	// CloseReason, CloseCompetitor and CloseNote record why a closed deal
	// was won or lost; empty while the deal is open.
	CloseReason     string
	CloseCompetitor string
	CloseNote       string

	SourceRef string
	CreatedAt time.Time
	UpdatedAt time.Time

	// OwnerID is the user record that Owner names, or 0 when Owner names
	// no user of this database.
	OwnerID int64
	// Version counts the saves of the form fields; see [ConflictError].
	Version int64
}

// The activity kinds that Leadwerk offers and translates. Imports may
// store other kinds, which are shown as they are.
const (
	ActivityCall         = "call"
	ActivityEmail        = "e-mail"
	ActivityMeeting      = "meeting"
	ActivityOffer        = "offer"
	ActivityPresentation = "presentation"
)

// Activity is something done or planned on a deal or lead: a call, an
// e-mail, a meeting, an offer.
type Activity struct {
	ID            int64
	OpportunityID int64
	LeadID        int64
	Kind          string
	Subject       string
	Notes         string
	// Due is when the activity is planned, in UTC; the zero time means
	// no due time.
	Due  time.Time
	Done bool
	// Outcome is what came of a done activity, such as "agreed on a
	// trial"; empty while the activity is open.
	Outcome   string
	CreatedAt time.Time
	// OwnerID is the user who added the activity, or 0 for one added
	// before users were recorded or by an import.
	OwnerID int64
	// Version counts the saves of the record; see [ConflictError].
	Version int64
}

// StageChange records one move of an opportunity between stages, with the
// amount and probability it had at that moment, so win rates and
// conversion per stage can be computed from history.
type StageChange struct {
	ID            int64
	OpportunityID int64
	// FromStageID is 0 for the change that created the deal.
	FromStageID int64
	ToStageID   int64
	At          time.Time
	Amount      Money
	Probability int
	// By is the user name stamped when the move was recorded,
	// [ChangedByImport] for a move an import wrote, and "" for moves
	// recorded before Leadwerk stored it.
	By string
}
