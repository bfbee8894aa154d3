package app

import (
	"context"
	"time"
)

// ReportFilter selects the deals and leads that reports look at. Empty
// fields select everything. The period of a report is chosen where the
// figures are computed, because most figures compare it with the period
// before and so need the deals outside it too.
type ReportFilter struct {
	PipelineID int64
	Owner      string
	Source     string
}

// StageVisit is one entry of a deal into a stage, in UTC.
type StageVisit struct {
	StageID int64
	At      time.Time
}

// DealFact is one deal as the reports see it: where it stands now and
// every stage it entered, oldest first.
type DealFact struct {
	ID    int64
	Title string
	// Company is the name of the deal's company, empty when it has none.
	Company string
	// PipelineID and StageID are the deal's current pipeline and stage.
	PipelineID int64
	StageID    int64
	// StageKind is the kind of the current stage; a deal without a stage
	// counts as open.
	StageKind   StageKind
	Amount      Money
	Probability int
	// CloseDate is the expected close date while open; for a closed deal
	// it is the date the deal was expected to close when it closed.
	CloseDate Date
	// CreatedOn is the day the deal entered its first stage, or was
	// created when it has no history.
	CreatedOn Date
	// ClosedOn is the day the deal entered its won or lost stage; zero
	// while the deal is open.
	ClosedOn Date
	// StageEnteredOn is the day the deal entered its current stage; zero
	// when unknown.
	StageEnteredOn  Date
	Owner           string
	Source          string
	CloseReason     string
	CloseCompetitor string
	// Competitors are the names on the deal's competitor list.
	Competitors []string
	History     []StageVisit
}

// Won reports whether the deal stands in a won stage.
func (d DealFact) Won() bool { return d.StageKind == StageWon }

// Lost reports whether the deal stands in a lost stage.
func (d DealFact) Lost() bool { return d.StageKind == StageLost }

// Open reports whether the deal is neither won nor lost.
func (d DealFact) Open() bool { return !d.Won() && !d.Lost() }

// LeadFact is one lead as the source and conversion reports see it.
type LeadFact struct {
	ID        int64
	Source    string
	Origin    string
	Status    LeadStatus
	CreatedOn Date
	// OpportunityID is the deal the lead was converted into, 0 if none.
	OpportunityID int64
}

// AnalyticsService reads the facts that reports compute their figures
// from.
type AnalyticsService interface {
	// DealFacts returns every deal that f selects, with its history. A
	// deal's stage visits are ordered by time.
	DealFacts(ctx context.Context, f ReportFilter) ([]DealFact, error)
	// LeadFacts returns every lead whose source f selects; f's pipeline
	// and owner do not apply to leads.
	LeadFacts(ctx context.Context, f ReportFilter) ([]LeadFact, error)
	// ForecastMonthSums returns the open and won deals that f selects,
	// summed per stage kind, month, currency and probability, for
	// [ForecastByMonthOfSums]. Lost deals are left out.
	ForecastMonthSums(ctx context.Context, f ReportFilter) ([]ForecastMonthSum, error)
}
