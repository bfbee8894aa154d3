package data

import (
	"encoding/json"
	"fmt"
	"time"

	"leadwerk/app"
)

// leadRow mirrors the leads table. EmailKey, NameKey and CompanyKey are
// the folded values of [app.KeysOf], kept for duplicate lookups.
type leadRow struct {
	ID                      int64      `gorm:"column:id;primaryKey"`
	Salutation              string     `gorm:"column:salutation"`
	FirstName               string     `gorm:"column:first_name"`
	LastName                string     `gorm:"column:last_name"`
	CompanyName             string     `gorm:"column:company_name"`
	Role                    string     `gorm:"column:role"`
	Email                   string     `gorm:"column:email"`
	Phone                   string     `gorm:"column:phone"`
	Website                 string     `gorm:"column:website"`
	Street                  string     `gorm:"column:street"`
	PostalCode              string     `gorm:"column:postal_code"`
	City                    string     `gorm:"column:city"`
	Country                 string     `gorm:"column:country"`
	Source                  string     `gorm:"column:source"`
	SourceDetail            string     `gorm:"column:source_detail"`
	Origin                  string     `gorm:"column:origin"`
	Campaign                string     `gorm:"column:campaign"`
	Industry                string     `gorm:"column:industry"`
	SizeBand                string     `gorm:"column:size_band"`
	Region                  string     `gorm:"column:region"`
	Persona                 string     `gorm:"column:persona"`
	Owner                   string     `gorm:"column:owner"`
	Notes                   string     `gorm:"column:notes"`
	ConsentBasis            string     `gorm:"column:consent_basis"`
	ConsentDate             string     `gorm:"column:consent_date"`
	ConsentObtained         string     `gorm:"column:consent_obtained"`
	Status                  string     `gorm:"column:status"`
	DisqualifyReason        string     `gorm:"column:disqualify_reason"`
	Score                   int        `gorm:"column:score"`
	ScoreReasons            string     `gorm:"column:score_reasons"`
	Temperature             string     `gorm:"column:temperature"`
	TemperatureManual       bool       `gorm:"column:temperature_manual"`
	HandedOverBy            string     `gorm:"column:handed_over_by"`
	HandedOverAt            *time.Time `gorm:"column:handed_over_at"`
	ConvertedCompanyID      *int64     `gorm:"column:converted_company_id"`
	ConvertedContactID      *int64     `gorm:"column:converted_contact_id"`
	ConvertedOpportunityID  *int64     `gorm:"column:converted_opportunity_id"`
	ConvertedCompanyCreated bool       `gorm:"column:converted_company_created"`
	ConvertedContactCreated bool       `gorm:"column:converted_contact_created"`
	LastActivityAt          *time.Time `gorm:"column:last_activity_at"`
	EmailKey                string     `gorm:"column:email_key"`
	NameKey                 string     `gorm:"column:name_key"`
	CompanyKey              string     `gorm:"column:company_key"`
	SourceRef               string     `gorm:"column:source_ref"`
	CreatedAt               time.Time  `gorm:"column:created_at"`
	UpdatedAt               time.Time  `gorm:"column:updated_at"`
	// The prediction columns are written only by RefreshLeadPredictions;
	// leadToRow leaves them empty.
	Predicted         *float64 `gorm:"column:predicted"`
	PredictedReasons  string   `gorm:"column:predicted_reasons"`
	LeadValueMinor    *int64   `gorm:"column:lead_value_minor"`
	LeadValueCurrency string   `gorm:"column:lead_value_currency"`
	// The owner and version columns come from schemaV20.
	OwnerID *int64 `gorm:"column:owner_id"`
	Version int64  `gorm:"column:version;default:1"`
}

func (leadRow) TableName() string { return "leads" }

// leadFormColumns are the columns a person edits in the lead form, which
// UpdateLead and a re-import overwrite, zero values included.
var leadFormColumns = []string{
	"salutation", "first_name", "last_name", "company_name", "role", "email", "phone", "website",
	"street", "postal_code", "city", "country", "source", "source_detail", "origin", "campaign",
	"industry", "size_band", "region", "persona", "owner", "notes",
	"consent_basis", "consent_date", "consent_obtained",
	"email_key", "name_key", "company_key",
}

// leadScoreColumns are the columns a rescore writes.
var leadScoreColumns = []string{"score", "score_reasons", "temperature"}

type qualificationRow struct {
	ID                 int64     `gorm:"column:id;primaryKey"`
	LeadID             int64     `gorm:"column:lead_id"`
	Budget             string    `gorm:"column:budget"`
	BudgetMinor        int64     `gorm:"column:budget_minor"`
	BudgetCurrency     string    `gorm:"column:budget_currency"`
	BudgetUpToMinor    int64     `gorm:"column:budget_up_to_minor"`
	BudgetUpToCurrency string    `gorm:"column:budget_up_to_currency"`
	BudgetNote         string    `gorm:"column:budget_note"`
	Authority          string    `gorm:"column:authority"`
	DecidedBy          string    `gorm:"column:decided_by"`
	AuthorityNote      string    `gorm:"column:authority_note"`
	Need               string    `gorm:"column:need"`
	NeedPriority       int       `gorm:"column:need_priority"`
	NeedNote           string    `gorm:"column:need_note"`
	Timeframe          string    `gorm:"column:timeframe"`
	TimeNote           string    `gorm:"column:time_note"`
	CreatedAt          time.Time `gorm:"column:created_at"`
}

func (qualificationRow) TableName() string { return "qualifications" }

type leadStatusChangeRow struct {
	ID         int64     `gorm:"column:id;primaryKey"`
	LeadID     int64     `gorm:"column:lead_id"`
	FromStatus string    `gorm:"column:from_status"`
	ToStatus   string    `gorm:"column:to_status"`
	Reason     string    `gorm:"column:reason"`
	At         time.Time `gorm:"column:at"`
}

func (leadStatusChangeRow) TableName() string { return "lead_status_changes" }

type contactRow struct {
	ID         int64     `gorm:"column:id;primaryKey"`
	CompanyID  *int64    `gorm:"column:company_id"`
	FirstName  string    `gorm:"column:first_name"`
	LastName   string    `gorm:"column:last_name"`
	Role       string    `gorm:"column:role"`
	BuyingRole string    `gorm:"column:buying_role"`
	Email      string    `gorm:"column:email"`
	Phone      string    `gorm:"column:phone"`
	SourceRef  string    `gorm:"column:source_ref"`
	CreatedAt  time.Time `gorm:"column:created_at"`
	UpdatedAt  time.Time `gorm:"column:updated_at"`
	Version    int64     `gorm:"column:version;default:1"`
}

func (contactRow) TableName() string { return "contacts" }

// scoreReasonJSON is how one [app.ScoreReason] is stored in
// leads.score_reasons. The tags fix the stored names, so renaming a Go
// field does not orphan stored data.
type scoreReasonJSON struct {
	Points int    `json:"points"`
	Code   string `json:"code"`
	Detail string `json:"detail,omitempty"`
}

func encodeReasons(reasons []app.ScoreReason) string {
	stored := make([]scoreReasonJSON, 0, len(reasons))
	for _, r := range reasons {
		stored = append(stored, scoreReasonJSON(r))
	}

	text, err := json.Marshal(stored)
	if err != nil {
		// A slice of ints and strings always encodes.
		panic(fmt.Sprintf("encode score reasons: %v", err))
	}

	return string(text)
}

func decodeReasons(text string, leadID int64) ([]app.ScoreReason, error) {
	if reasons, ok := parsePlainReasons(text); ok {
		return reasons, nil
	}

	var stored []scoreReasonJSON
	if err := json.Unmarshal([]byte(text), &stored); err != nil {
		return nil, fmt.Errorf("read score reasons of lead %d: %w", leadID, err)
	}

	reasons := make([]app.ScoreReason, 0, len(stored))
	for _, r := range stored {
		reasons = append(reasons, app.ScoreReason(r))
	}

	return reasons, nil
}

func optionalTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}

	u := t.UTC()

	return &u
}

func timeOf(p *time.Time) time.Time {
	if p == nil {
		return time.Time{}
	}

	return p.UTC()
}

// leadToRow converts l with its keys, its status defaulting to New and its
// temperature to Cold. The score columns are copied as they are, and
// callers fill them from a [scorer].
func leadToRow(l app.Lead) leadRow {
	status := l.Status
	if status == "" {
		status = app.LeadNew
	}

	temperature := l.Temperature
	if temperature == "" {
		temperature = app.Cold
	}

	keys := app.KeysOf(l)

	return leadRow{
		ID: l.ID, Salutation: l.Salutation, FirstName: l.FirstName, LastName: l.LastName,
		CompanyName: l.CompanyName, Role: l.Role, Email: l.Email, Phone: l.Phone, Website: l.Website,
		Street: l.Street, PostalCode: l.PostalCode, City: l.City, Country: l.Country,
		Source: l.Source, SourceDetail: l.SourceDetail, Origin: l.Origin, Campaign: l.Campaign,
		Industry: l.Industry, SizeBand: string(l.SizeBand), Region: l.Region, Persona: l.Persona,
		Owner: l.Owner, Notes: l.Notes,
		ConsentBasis: string(l.Consent.Basis), ConsentDate: l.Consent.Date.String(),
		ConsentObtained: l.Consent.Obtained,
		Status:          string(status), DisqualifyReason: l.DisqualifyReason,
		Score: l.Score, ScoreReasons: encodeReasons(l.ScoreReasons),
		Temperature: string(temperature), TemperatureManual: l.TemperatureManual,
		HandedOverBy: l.HandedOverBy, HandedOverAt: optionalTime(l.HandedOverAt),
		ConvertedCompanyID:     optionalID(l.ConvertedCompanyID),
		ConvertedContactID:     optionalID(l.ConvertedContactID),
		ConvertedOpportunityID: optionalID(l.ConvertedOpportunityID),
		LastActivityAt:         optionalTime(l.LastActivityAt),
		EmailKey:               keys.Email, NameKey: keys.Name, CompanyKey: keys.Company,
		SourceRef: l.SourceRef, CreatedAt: utc(l.CreatedAt), UpdatedAt: utc(l.UpdatedAt),
		OwnerID: optionalID(l.OwnerID), Version: l.Version,
	}
}

func (r leadRow) toApp() (app.Lead, error) {
	consentDate, err := parseStoredDate(r.ConsentDate, "consent_date", r.ID)
	if err != nil {
		return app.Lead{}, err
	}

	reasons, err := decodeReasons(r.ScoreReasons, r.ID)
	if err != nil {
		return app.Lead{}, err
	}

	predictedReasons, err := decodeWeights(r.PredictedReasons, r.ID)
	if err != nil {
		return app.Lead{}, err
	}

	return app.Lead{
		ID: r.ID, Salutation: r.Salutation, FirstName: r.FirstName, LastName: r.LastName,
		CompanyName: r.CompanyName, Role: r.Role, Email: r.Email, Phone: r.Phone, Website: r.Website,
		Street: r.Street, PostalCode: r.PostalCode, City: r.City, Country: r.Country,
		Source: r.Source, SourceDetail: r.SourceDetail, Origin: r.Origin, Campaign: r.Campaign,
		Industry: r.Industry, SizeBand: app.SizeBand(r.SizeBand), Region: r.Region, Persona: r.Persona,
		Owner: r.Owner, Notes: r.Notes,
		Consent: app.Consent{
			Basis: app.LegalBasis(r.ConsentBasis), Date: consentDate, Obtained: r.ConsentObtained,
		},
		Status: app.LeadStatus(r.Status), DisqualifyReason: r.DisqualifyReason,
		Score: r.Score, ScoreReasons: reasons,
		Temperature: app.Temperature(r.Temperature), TemperatureManual: r.TemperatureManual,
		Predicted: r.Predicted, PredictedReasons: predictedReasons, Value: r.value(),
		HandedOverBy: r.HandedOverBy, HandedOverAt: timeOf(r.HandedOverAt),
		ConvertedCompanyID:     idOf(r.ConvertedCompanyID),
		ConvertedContactID:     idOf(r.ConvertedContactID),
		ConvertedOpportunityID: idOf(r.ConvertedOpportunityID),
		LastActivityAt:         timeOf(r.LastActivityAt),
		SourceRef:              r.SourceRef, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
		OwnerID: idOf(r.OwnerID), Version: r.Version,
	}, nil
}

// value returns the stored expected value, the zero Money when none.
func (r leadRow) value() app.Money {
	if r.LeadValueMinor == nil {
		return app.Money{}
	}

	return app.Money{Minor: *r.LeadValueMinor, Currency: r.LeadValueCurrency}
}

func qualificationToRow(q app.Qualification) qualificationRow {
	return qualificationRow{
		ID: q.ID, LeadID: q.LeadID, Budget: string(q.Budget),
		BudgetMinor: q.BudgetAmount.Minor, BudgetCurrency: q.BudgetAmount.Currency,
		BudgetUpToMinor: q.BudgetUpTo.Minor, BudgetUpToCurrency: q.BudgetUpTo.Currency,
		BudgetNote: q.BudgetNote, Authority: string(q.Authority), DecidedBy: q.DecidedBy,
		AuthorityNote: q.AuthorityNote, Need: q.Need, NeedPriority: q.NeedPriority, NeedNote: q.NeedNote,
		Timeframe: string(q.Timeframe), TimeNote: q.TimeNote, CreatedAt: utc(q.CreatedAt),
	}
}

func (r qualificationRow) toApp() app.Qualification {
	return app.Qualification{
		ID: r.ID, LeadID: r.LeadID, Budget: app.BudgetStatus(r.Budget),
		BudgetAmount: app.Money{Minor: r.BudgetMinor, Currency: r.BudgetCurrency},
		BudgetUpTo:   app.Money{Minor: r.BudgetUpToMinor, Currency: r.BudgetUpToCurrency},
		BudgetNote:   r.BudgetNote, Authority: app.AuthorityRole(r.Authority), DecidedBy: r.DecidedBy,
		AuthorityNote: r.AuthorityNote, Need: r.Need, NeedPriority: r.NeedPriority, NeedNote: r.NeedNote,
		Timeframe: app.Timeframe(r.Timeframe), TimeNote: r.TimeNote, CreatedAt: r.CreatedAt.UTC(),
	}
}

func (r leadStatusChangeRow) toApp() app.LeadStatusChange {
	return app.LeadStatusChange{
		ID: r.ID, LeadID: r.LeadID, From: app.LeadStatus(r.FromStatus), To: app.LeadStatus(r.ToStatus),
		Reason: r.Reason, At: r.At.UTC(),
	}
}
