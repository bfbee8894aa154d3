package app

import (
	"context"
	"time"
)

// OpportunitySort names the column an opportunity list is ordered by.
type OpportunitySort string

// The columns an opportunity list can be sorted by.
const (
	SortByTitle     OpportunitySort = "title"
	SortByCompany   OpportunitySort = "company"
	SortByStage     OpportunitySort = "stage"
	SortByAmount    OpportunitySort = "amount"
	SortByWeighted  OpportunitySort = "weighted"
	SortByCloseDate OpportunitySort = "close_date"
	SortByOwner     OpportunitySort = "owner"
)

// OpportunityQuery selects one page of opportunities.
type OpportunityQuery struct {
	// Search keeps the deals whose title, company, owner or product
	// contains the text, ignoring case. Empty keeps all.
	Search string
	// PipelineID keeps the deals of one pipeline; 0 keeps all.
	PipelineID int64
	Sort       OpportunitySort
	Descending bool
	Offset     int
	// Limit is the page size; 0 means no limit.
	Limit int
}

// OpportunityRow is one line of the opportunity list, with the names it
// refers to already resolved.
type OpportunityRow struct {
	ID          int64
	Title       string
	Company     string
	Pipeline    string
	Stage       string
	StageKind   StageKind
	Amount      Money
	Weighted    Money
	Probability int
	CloseDate   Date
	Owner       string
}

// StageChangeView is a stage change with the stage names resolved.
type StageChangeView struct {
	StageChange
	From string
	To   string
}

// OpportunityDetail is everything the detail panel shows of one deal.
type OpportunityDetail struct {
	Opportunity
	// Company is the zero Company when the deal has none.
	Company    Company
	Pipeline   string
	Stage      Stage
	Weighted   Money
	History    []StageChangeView
	Activities []Activity
}

// StageSummary is the total of one pipeline stage in one currency.
type StageSummary struct {
	PipelineID int64
	Pipeline   string
	StageID    int64
	Stage      string
	Kind       StageKind
	Count      int
	Amount     Money
	Weighted   Money
}

// LeadQuery selects one page of leads.
type LeadQuery struct {
	// Search keeps the leads whose name, company, e-mail or city contains
	// the text, ignoring case. Empty keeps all.
	Search string
	Offset int
	// Limit is the page size; 0 means no limit.
	Limit int
}

// Progress receives how many of total items a long task has done. It is
// called from the task's goroutine.
type Progress func(done, total int)

// ImportResult counts what an import or demo load created and updated.
type ImportResult struct {
	Companies            int
	Leads                int
	OpportunitiesCreated int
	OpportunitiesUpdated int
	Activities           int
	Duration             time.Duration
}

// OpportunityService reads deals for the list and detail views.
type OpportunityService interface {
	// CountOpportunities returns how many deals match q, ignoring its
	// Offset and Limit.
	CountOpportunities(ctx context.Context, q OpportunityQuery) (int, error)
	ListOpportunities(ctx context.Context, q OpportunityQuery) ([]OpportunityRow, error)
	// Opportunity returns one deal; it wraps ErrNotFound for an unknown id.
	Opportunity(ctx context.Context, id int64) (OpportunityDetail, error)
}

// PipelineService reads sales processes and their totals.
type PipelineService interface {
	// Pipelines returns every pipeline with its stages, in order.
	Pipelines(ctx context.Context) ([]Pipeline, error)
	// PipelineSummary returns one entry per pipeline, stage and currency,
	// in pipeline and stage order. A stage without deals appears once,
	// with count 0 in its pipeline's currency.
	PipelineSummary(ctx context.Context) ([]StageSummary, error)
}

// LeadService reads leads for the lead list.
type LeadService interface {
	CountLeads(ctx context.Context, q LeadQuery) (int, error)
	ListLeads(ctx context.Context, q LeadQuery) ([]Lead, error)
}

// ImportService stores records read from outside.
type ImportService interface {
	// IsEmpty reports whether the database has no companies, leads or
	// opportunities.
	IsEmpty(ctx context.Context) (bool, error)
	// Import stores a batch in one transaction. Records whose SourceRef
	// already exists are updated from the batch, not duplicated: the source
	// owns their fields, including the stage, except that a probability
	// set by hand on a deal that stays open is kept. On any error,
	// including a cancelled ctx, the database stays as it was.
	Import(ctx context.Context, b ImportBatch, progress Progress) (ImportResult, error)
	// LoadDemo stores a batch like Import but wraps ErrNotEmpty unless the
	// database is empty.
	LoadDemo(ctx context.Context, b ImportBatch, progress Progress) (ImportResult, error)
}

// Store is everything the window and the command line use.
type Store interface {
	OpportunityService
	PipelineService
	LeadService
	ImportService
	Close() error
}
