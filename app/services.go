package app

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
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
	// OwnerID keeps the deals that one user (see UserRecord) owns. Zero keeps all.
	OwnerID int64
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

// LeadSort names the order of a lead list.
type LeadSort string

// The orders a lead list can take.
const (
	// SortLeadsByWorklist puts the best open leads first: highest score,
	// then the one that has waited longest since its last activity or,
	// without activities, since it was created.
	SortLeadsByWorklist     LeadSort = "worklist"
	SortLeadsByScore        LeadSort = "score"
	SortLeadsByCreated      LeadSort = "created"
	SortLeadsByLastActivity LeadSort = "last_activity"
	SortLeadsByName         LeadSort = "name"
)

// LeadQuery selects one page of leads. Empty filters keep all leads.
type LeadQuery struct {
	// Search keeps the leads whose name, company, e-mail or city contains
	// the text, ignoring case. Empty keeps all.
	Search       string
	Statuses     []LeadStatus
	Sources      []string
	Temperatures []Temperature
	Owner        string
	// MinScore keeps leads scoring at least this much.
	MinScore int
	// MaxScore keeps leads scoring at most this much; nil means 100.
	MaxScore *int
	// OpenOnly keeps the leads [IsOpenLead] accepts.
	OpenOnly bool
	// Quality keeps the leads with one data-quality gap; the zero value
	// keeps all.
	Quality LeadQualityFilter
	// Sort defaults to SortLeadsByCreated, newest first.
	Sort       LeadSort
	Descending bool
	Offset     int
	// Limit is the page size; 0 means no limit.
	Limit int
	// OwnerID keeps the leads that one user (see UserRecord) owns. Zero keeps all.
	OwnerID int64
}

// LeadDetail is everything the lead panel shows of one lead.
type LeadDetail struct {
	Lead
	// Qualifications are newest first; the first one counts for the score.
	Qualifications []Qualification
	StatusChanges  []LeadStatusChange
	Activities     []Activity
}

// Progress receives how many of total items a long task has done. It is
// called from the task's goroutine.
type Progress func(done, total int)

// ImportResult counts what an import or demo load created and updated.
type ImportResult struct {
	Companies int
	// Leads counts the batch's leads: LeadsCreated were new, and
	// LeadsUpdated matched a stored lead by SourceRef and had its fields
	// written again from the batch, changed or not.
	Leads                int
	LeadsCreated         int
	LeadsUpdated         int
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

// LeadService keeps leads, their qualification and their way to sales.
// Every method that changes a lead recomputes its score and temperature
// and records a status change where the status moves. Methods taking an
// id wrap ErrNotFound for an unknown one.
type LeadService interface {
	CountLeads(ctx context.Context, q LeadQuery) (int, error)
	ListLeads(ctx context.Context, q LeadQuery) ([]Lead, error)
	Lead(ctx context.Context, id int64) (LeadDetail, error)

	// CreateLead validates l with ValidateLead, wrapping ErrInvalid, and
	// stores it with status New unless l sets another status.
	CreateLead(ctx context.Context, l Lead) (Lead, error)
	// UpdateLead saves every field of l, zero values included, except
	// status, score and conversion links, which have their own methods.
	UpdateLead(ctx context.Context, l Lead) (Lead, error)
	// FindDuplicates returns stored leads that [IsLikelyDuplicate] matches
	// with l, leaving out l itself when it has an ID.
	FindDuplicates(ctx context.Context, l Lead) ([]Lead, error)

	// ChangeLeadStatus moves a lead as [CheckStatusChange] allows.
	ChangeLeadStatus(ctx context.Context, id int64, to LeadStatus, reason string) error
	// SaveQualification adds a BANT assessment to the lead's history.
	SaveQualification(ctx context.Context, q Qualification) (Lead, error)
	// SetTemperature overrides the temperature by hand; an empty t goes
	// back to the temperature the score earns.
	SetTemperature(ctx context.Context, id int64, t Temperature) error
	// AddLeadActivity records a call, e-mail, meeting or other activity on
	// lead a.LeadID, stamped now unless a.CreatedAt is set and owned by the
	// signed-in user unless a.OwnerID is set, and rescores the lead. A
	// missing kind or subject wraps ErrInvalid.
	AddLeadActivity(ctx context.Context, a Activity) (Lead, error)

	// HandOver passes a qualified lead to sales, recording by and the
	// time; other statuses wrap ErrInvalid.
	HandOver(ctx context.Context, id int64, by string) error
	// ConvertLead turns a qualified or handed-over lead into a company
	// (matched by [NormalizeCompany] or new), a contact (matched by e-mail
	// or new) and an opportunity planned by [PlanOpportunity], in one
	// transaction. The lead's activities move to the opportunity.
	ConvertLead(ctx context.Context, id int64, r ConversionRequest) (ConversionResult, error)
	// UndoConversion reverses a conversion while its opportunity is
	// untouched: it deletes the opportunity, and the company and contact
	// if the conversion created them, moves the activities back and
	// returns the lead to its status before. A changed opportunity wraps
	// ErrInvalid.
	UndoConversion(ctx context.Context, leadID int64) error
}

// SettingsService keeps the manager's scoring settings. Saving either
// rescores every lead in the same transaction.
type SettingsService interface {
	IdealCustomerProfile(ctx context.Context) (IdealCustomerProfile, error)
	SaveIdealCustomerProfile(ctx context.Context, p IdealCustomerProfile) error
	ScoreThresholds(ctx context.Context) (ScoreThresholds, error)
	// SaveScoreThresholds wraps ErrInvalid unless [ValidateThresholds]
	// accepts t.
	SaveScoreThresholds(ctx context.Context, t ScoreThresholds) error

	// UserName returns the name stamped on every field and stage change:
	// the saved one, else the operating system user's full name, else
	// their login name. It returns "" when the system names neither.
	UserName(ctx context.Context) (string, error)
	// SaveUserName stores the name that [CleanUserName] returns for name
	// and wraps ErrInvalid where CleanUserName rejects it.
	SaveUserName(ctx context.Context, name string) error
}

// MaxUserNameLength is the maximum length of the user name in characters
// (runes).
const MaxUserNameLength = 80

// ChangedByImport is the name stamped on the stage changes an import
// writes in place of the user name, because those changes record moves
// that people made in the source system, and the batch does not name them.
//
// NOTE: [CleanUserName] accepts "import" as a user name, so a stamp of
// "import" alone does not prove that an import wrote the change.
const ChangedByImport = "import"

// CleanUserName returns name without leading and trailing spaces. An
// empty name, one longer than [MaxUserNameLength] and one containing a
// line break or another control character wrap ErrInvalid.
func CleanUserName(name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", fmt.Errorf("user name is missing: enter your name: %w", ErrInvalid)
	}

	if n := utf8.RuneCountInString(name); n > MaxUserNameLength {
		return "", fmt.Errorf("user name has %d characters, more than the maximum of %d: shorten it: %w",
			n, MaxUserNameLength, ErrInvalid)
	}

	if strings.ContainsFunc(name, unicode.IsControl) {
		return "", fmt.Errorf("user name contains a line break or another control character: remove it: %w",
			ErrInvalid)
	}

	return name, nil
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

// BulkChange is one edit applied to several deals; nil fields stay as
// they are.
type BulkChange struct {
	StageID   *int64
	Owner     *string
	CloseDate *Date
}

// FieldChange records one edited field of a deal, old and new values as
// the person reads them.
type FieldChange struct {
	ID            int64
	OpportunityID int64
	Field         string
	Old           string
	New           string
	At            time.Time
	// By is the user name stamped when the change was recorded, as
	// [SettingsService.UserName] returned it. It is empty for changes
	// recorded before Leadwerk stored it.
	By string
}

// OpportunityEditor changes deals by the probability rules of
// [MoveToStage], [SetProbabilityByHand] and [ResetProbability]. Each call
// is one transaction that records every changed field as a FieldChange
// and every stage move as a StageChange. Methods taking an id wrap
// ErrNotFound for an unknown one.
type OpportunityEditor interface {
	// UpdateOpportunity saves o's editable fields, zero values included:
	// title, company, contact, amount, close date, owner, product, notes,
	// next step, talks status, customer budget, expectations and source.
	// Stage, probability and close fields have their own methods.
	UpdateOpportunity(ctx context.Context, o Opportunity) (OpportunityDetail, error)
	MoveOpportunity(ctx context.Context, id, stageID int64) error
	SetOpportunityProbability(ctx context.Context, id int64, percent int) error
	ResetOpportunityProbability(ctx context.Context, id int64) error
	// CloseOpportunity moves an open deal to its pipeline's won or lost
	// stage with the reason; [CheckClose] must accept r.
	CloseOpportunity(ctx context.Context, id int64, r CloseRequest) error
	// ReopenOpportunity returns a closed deal to an open stage at that
	// stage's default probability and clears the close fields.
	ReopenOpportunity(ctx context.Context, id, stageID int64) error
	// BulkUpdate applies c to every deal in ids by the same rules and
	// returns how many changed. A closed deal in ids keeps its stage.
	BulkUpdate(ctx context.Context, ids []int64, c BulkChange) (int, error)
	// FieldChanges returns a deal's edit history, oldest first.
	FieldChanges(ctx context.Context, id int64) ([]FieldChange, error)
}

// StageNotEmptyError is returned when a stage to be deleted still holds
// deals and no stage to move them to was given. It matches ErrInvalid.
type StageNotEmptyError struct {
	Stage           string
	Open, Won, Lost int
}

func (e *StageNotEmptyError) Error() string {
	return fmt.Sprintf("stage %s holds %d open, %d won and %d lost deals: choose a stage to move them to",
		e.Stage, e.Open, e.Won, e.Lost)
}

// Is makes errors.Is(err, ErrInvalid) true for a StageNotEmptyError.
func (e *StageNotEmptyError) Is(target error) bool {
	return target == ErrInvalid
}

// PipelineEditor defines sales processes. Deleting a stage never deletes
// a deal.
type PipelineEditor interface {
	// CreatePipeline stores p with its stages in their Position order.
	CreatePipeline(ctx context.Context, p Pipeline) (Pipeline, error)
	// UpdatePipeline saves p's name, currency and stages: a stage with ID
	// 0 is added; others are renamed, reordered by Position, and get their
	// probability, kind, idle days and milestones. A stored stage missing
	// from p.Stages wraps ErrInvalid: delete it with DeleteStage. Open deals
	// of a stage whose default probability changed follow it unless their
	// probability was set by hand.
	UpdatePipeline(ctx context.Context, p Pipeline) (Pipeline, error)
	// DeleteStage removes a stage, first moving its deals to moveTo (a
	// stage of the same pipeline) and recording each move. With moveTo 0
	// and deals in the stage it returns a *StageNotEmptyError.
	DeleteStage(ctx context.Context, stageID, moveTo int64) error
}

// BoardFilter selects the deals of a kanban board.
type BoardFilter struct {
	PipelineID int64
	// Owner keeps one owner's deals; empty keeps all.
	Owner string
	// CloseFrom and CloseTo keep deals whose expected close date lies in
	// the period, both days included; the zero Date leaves that end open.
	CloseFrom Date
	CloseTo   Date
	// IdleOnly keeps the deals [IsIdle] marks.
	IdleOnly bool
	// CardsPerColumn limits the cards loaded per column, newest close date
	// last; the counts and totals always cover every deal. 0 means 200.
	CardsPerColumn int
	// OwnerID keeps the deals that one user (see UserRecord) owns. Zero keeps all.
	OwnerID int64
}

// BoardCard is one deal on the board.
type BoardCard struct {
	ID        int64
	Title     string
	Company   string
	Amount    Money
	Weighted  Money
	CloseDate Date
	Owner     string
	StageID   int64
	// Idle and Overdue are the markers of [IsIdle] and [IsOverdue].
	Idle    bool
	Overdue bool
}

// CurrencyTotal is the sum of one currency's deals in a column.
type CurrencyTotal struct {
	Count    int
	Amount   Money
	Weighted Money
}

// BoardColumn is one stage of the board. Totals has one entry per
// currency, because amounts of different currencies are never added.
type BoardColumn struct {
	Stage  Stage
	Count  int
	Totals []CurrencyTotal
	Cards  []BoardCard
}

// Board is a pipeline's deals grouped by stage, in stage order.
type Board struct {
	Pipeline Pipeline
	Columns  []BoardColumn
}

// BoardService reads the kanban board.
type BoardService interface {
	// Board returns one column per stage of f's pipeline, filtered by f.
	// today decides the idle and overdue markers.
	Board(ctx context.Context, f BoardFilter, today Date) (Board, error)
}

// Store is everything the window and the command line use.
type Store interface {
	OpportunityService
	PipelineService
	LeadService
	SettingsService
	OpportunityEditor
	PipelineEditor
	BoardService
	DealPartiesService
	ActivityService
	CloseReasonService
	MilestoneService
	AnalyticsService
	ImportService
	LeadModelService
	DataQualityService
	Close() error
}
