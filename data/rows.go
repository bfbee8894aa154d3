package data

import (
	"fmt"
	"time"

	"leadwerk/app"
)

// The row types mirror the tables of schemaV1 and schemaV2 column by column. They are
// written with Create or with Updates after Select names the columns,
// because a bare Updates(struct) skips zero values such as a probability
// of 0.

type companyRow struct {
	ID              int64     `gorm:"column:id;primaryKey"`
	Name            string    `gorm:"column:name"`
	NameKey         string    `gorm:"column:name_key"`
	Sector          string    `gorm:"column:sector"`
	Employees       int       `gorm:"column:employees"`
	RevenueMinor    int64     `gorm:"column:revenue_minor"`
	RevenueCurrency string    `gorm:"column:revenue_currency"`
	Country         string    `gorm:"column:country"`
	YearFounded     int       `gorm:"column:year_founded"`
	ParentID        *int64    `gorm:"column:parent_id"`
	SourceRef       string    `gorm:"column:source_ref"`
	CreatedAt       time.Time `gorm:"column:created_at"`
	UpdatedAt       time.Time `gorm:"column:updated_at"`
	// Version comes from schemaV20, like the owner columns below.
	Version int64 `gorm:"column:version;default:1"`
}

func (companyRow) TableName() string { return "companies" }

type pipelineRow struct {
	ID       int64  `gorm:"column:id;primaryKey"`
	Name     string `gorm:"column:name"`
	Position int    `gorm:"column:position"`
	Currency string `gorm:"column:currency"`
}

func (pipelineRow) TableName() string { return "pipelines" }

type stageRow struct {
	ID          int64  `gorm:"column:id;primaryKey"`
	PipelineID  int64  `gorm:"column:pipeline_id"`
	Name        string `gorm:"column:name"`
	Position    int    `gorm:"column:position"`
	Probability int    `gorm:"column:probability"`
	Kind        string `gorm:"column:kind"`
}

func (stageRow) TableName() string { return "stages" }

type opportunityRow struct {
	ID                int64     `gorm:"column:id;primaryKey"`
	Title             string    `gorm:"column:title"`
	CompanyID         *int64    `gorm:"column:company_id"`
	ContactID         *int64    `gorm:"column:contact_id"`
	PipelineID        int64     `gorm:"column:pipeline_id"`
	StageID           int64     `gorm:"column:stage_id"`
	AmountMinor       int64     `gorm:"column:amount_minor"`
	AmountCurrency    string    `gorm:"column:amount_currency"`
	Probability       int       `gorm:"column:probability"`
	ProbabilityManual bool      `gorm:"column:probability_manual"`
	CloseDate         string    `gorm:"column:close_date"`
	StageEnteredOn    string    `gorm:"column:stage_entered_on"`
	Owner             string    `gorm:"column:owner"`
	Product           string    `gorm:"column:product"`
	Notes             string    `gorm:"column:notes"`
	SourceRef         string    `gorm:"column:source_ref"`
	CreatedAt         time.Time `gorm:"column:created_at"`
	UpdatedAt         time.Time `gorm:"column:updated_at"`

	// The columns below come from schemaV5.
	NextStep               string `gorm:"column:next_step"`
	TalksStatus            string `gorm:"column:talks_status"`
	CustomerBudgetMinor    int64  `gorm:"column:customer_budget_minor"`
	CustomerBudgetCurrency string `gorm:"column:customer_budget_currency"`
	Expectations           string `gorm:"column:expectations"`
	Source                 string `gorm:"column:source"`
	CloseReason            string `gorm:"column:close_reason"`
	CloseCompetitor        string `gorm:"column:close_competitor"`
	CloseNote              string `gorm:"column:close_note"`

	OwnerID *int64 `gorm:"column:owner_id"`
	Version int64  `gorm:"column:version;default:1"`
}

func (opportunityRow) TableName() string { return "opportunities" }

type activityRow struct {
	ID            int64      `gorm:"column:id;primaryKey"`
	OpportunityID *int64     `gorm:"column:opportunity_id"`
	LeadID        *int64     `gorm:"column:lead_id"`
	Kind          string     `gorm:"column:kind"`
	Subject       string     `gorm:"column:subject"`
	Notes         string     `gorm:"column:notes"`
	Due           *time.Time `gorm:"column:due"`
	Done          bool       `gorm:"column:done"`
	Outcome       string     `gorm:"column:outcome"`
	CreatedAt     time.Time  `gorm:"column:created_at"`
	OwnerID       *int64     `gorm:"column:owner_id"`
	Version       int64      `gorm:"column:version;default:1"`
}

func (activityRow) TableName() string { return "activities" }

type stageChangeRow struct {
	ID             int64     `gorm:"column:id;primaryKey"`
	OpportunityID  int64     `gorm:"column:opportunity_id"`
	FromStageID    *int64    `gorm:"column:from_stage_id"`
	ToStageID      int64     `gorm:"column:to_stage_id"`
	At             time.Time `gorm:"column:at"`
	AmountMinor    int64     `gorm:"column:amount_minor"`
	AmountCurrency string    `gorm:"column:amount_currency"`
	Probability    int       `gorm:"column:probability"`
	ChangedBy      string    `gorm:"column:changed_by"`
	UserID         *int64    `gorm:"column:user_id"`
}

func (stageChangeRow) TableName() string { return "stage_changes" }

// optionalID maps the app's "0 means none" to SQL NULL.
func optionalID(id int64) *int64 {
	if id == 0 {
		return nil
	}

	return &id
}

func idOf(p *int64) int64 {
	if p == nil {
		return 0
	}

	return *p
}

// utc converts t to UTC, so that every stored timestamp text compares in
// the same zone. The zero time stays zero, which lets GORM fill in
// created_at and updated_at.
func utc(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}

	return t.UTC()
}

// parseStoredDate reads a civil date column. The CHECK constraints of the
// schema only let well-formed text in, so an error means a damaged file.
func parseStoredDate(text, column string, id int64) (app.Date, error) {
	d, err := app.ParseDate(text)
	if err != nil {
		return app.Date{}, fmt.Errorf("read %s of record %d: %w", column, id, err)
	}

	return d, nil
}

func companyToRow(c app.Company) companyRow {
	return companyRow{
		ID: c.ID, Name: c.Name, NameKey: app.NormalizeCompany(c.Name), Sector: c.Sector, Employees: c.Employees,
		RevenueMinor: c.Revenue.Minor, RevenueCurrency: c.Revenue.Currency,
		Country: c.Country, YearFounded: c.YearFounded, ParentID: optionalID(c.ParentID),
		SourceRef: c.SourceRef, CreatedAt: utc(c.CreatedAt), UpdatedAt: utc(c.UpdatedAt), Version: c.Version,
	}
}

func (r companyRow) toApp() app.Company {
	return app.Company{
		ID: r.ID, Name: r.Name, Sector: r.Sector, Employees: r.Employees,
		Revenue: app.Money{Minor: r.RevenueMinor, Currency: r.RevenueCurrency},
		Country: r.Country, YearFounded: r.YearFounded, ParentID: idOf(r.ParentID),
		SourceRef: r.SourceRef, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(), Version: r.Version,
	}
}

func (r stageRow) toApp() app.Stage {
	return app.Stage{
		ID: r.ID, PipelineID: r.PipelineID, Name: r.Name, Position: r.Position,
		Probability: r.Probability, Kind: app.StageKind(r.Kind),
	}
}

func opportunityToRow(o app.Opportunity) opportunityRow {
	return opportunityRow{
		ID: o.ID, Title: o.Title, CompanyID: optionalID(o.CompanyID), ContactID: optionalID(o.ContactID),
		PipelineID: o.PipelineID, StageID: o.StageID,
		AmountMinor: o.Amount.Minor, AmountCurrency: o.Amount.Currency,
		Probability: o.Probability, ProbabilityManual: o.ProbabilityManual,
		CloseDate: o.CloseDate.String(), StageEnteredOn: o.StageEnteredOn.String(),
		Owner: o.Owner, Product: o.Product, Notes: o.Notes, SourceRef: o.SourceRef,
		CreatedAt: utc(o.CreatedAt), UpdatedAt: utc(o.UpdatedAt),
		NextStep: o.NextStep, TalksStatus: o.TalksStatus,
		CustomerBudgetMinor: o.CustomerBudget.Minor, CustomerBudgetCurrency: o.CustomerBudget.Currency,
		Expectations: o.Expectations, Source: o.Source,
		CloseReason: o.CloseReason, CloseCompetitor: o.CloseCompetitor, CloseNote: o.CloseNote,
		OwnerID: optionalID(o.OwnerID), Version: o.Version,
	}
}

func (r opportunityRow) toApp() (app.Opportunity, error) {
	closeDate, err := parseStoredDate(r.CloseDate, "close_date", r.ID)
	if err != nil {
		return app.Opportunity{}, err
	}

	entered, err := parseStoredDate(r.StageEnteredOn, "stage_entered_on", r.ID)
	if err != nil {
		return app.Opportunity{}, err
	}

	return app.Opportunity{
		ID: r.ID, Title: r.Title, CompanyID: idOf(r.CompanyID), ContactID: idOf(r.ContactID),
		PipelineID: r.PipelineID, StageID: r.StageID,
		Amount:      app.Money{Minor: r.AmountMinor, Currency: r.AmountCurrency},
		Probability: r.Probability, ProbabilityManual: r.ProbabilityManual,
		CloseDate: closeDate, StageEnteredOn: entered,
		Owner: r.Owner, Product: r.Product, Notes: r.Notes, SourceRef: r.SourceRef,
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
		NextStep: r.NextStep, TalksStatus: r.TalksStatus,
		CustomerBudget: app.Money{Minor: r.CustomerBudgetMinor, Currency: r.CustomerBudgetCurrency},
		Expectations:   r.Expectations, Source: r.Source,
		CloseReason: r.CloseReason, CloseCompetitor: r.CloseCompetitor, CloseNote: r.CloseNote,
		OwnerID: idOf(r.OwnerID), Version: r.Version,
	}, nil
}

func activityToRow(a app.Activity) activityRow {
	var due *time.Time
	if !a.Due.IsZero() {
		d := a.Due.UTC()
		due = &d
	}

	return activityRow{
		ID: a.ID, OpportunityID: optionalID(a.OpportunityID), LeadID: optionalID(a.LeadID),
		Kind: a.Kind, Subject: a.Subject, Notes: a.Notes, Due: due, Done: a.Done, Outcome: a.Outcome,
		CreatedAt: utc(a.CreatedAt), OwnerID: optionalID(a.OwnerID), Version: a.Version,
	}
}

func (r activityRow) toApp() app.Activity {
	var due time.Time
	if r.Due != nil {
		due = r.Due.UTC()
	}

	return app.Activity{
		ID: r.ID, OpportunityID: idOf(r.OpportunityID), LeadID: idOf(r.LeadID),
		Kind: r.Kind, Subject: r.Subject, Notes: r.Notes, Due: due, Done: r.Done, Outcome: r.Outcome,
		CreatedAt: r.CreatedAt.UTC(), OwnerID: idOf(r.OwnerID), Version: r.Version,
	}
}
