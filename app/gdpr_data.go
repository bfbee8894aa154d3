package app

import (
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// PersonalDataVersion is the version of the access export's JSON layout.
const PersonalDataVersion = 1

// PersonalData is everything Leadwerk stores about one person, as a
// data subject's access request (GDPR Art. 15). Its JSON
// form is the machine-readable export, and each list is a section of the
// printed one. Amounts are minor units beside their currency code, dates
// YYYY-MM-DD and times UTC.
type PersonalData struct {
	Version    int         `json:"version"`
	Query      PersonQuery `json:"-"`
	Email      string      `json:"query_email"`
	Name       string      `json:"query_name"`
	MatchedBy  PersonMatch `json:"matched_by"`
	ExportedAt time.Time   `json:"exported_at"`

	Contacts      []PersonContact  `json:"contacts"`
	Leads         []PersonLead     `json:"leads"`
	Opportunities []PersonDeal     `json:"opportunities"`
	Activities    []PersonActivity `json:"activities"`
	History       []PersonHistory  `json:"history"`
	Offers        []PersonOffer    `json:"offers"`
}

// PersonPrivacy is the JSON form of a [Privacy] record.
type PersonPrivacy struct {
	LegalBasis      LegalBasis `json:"legal_basis"`
	ConsentDate     string     `json:"consent_date"`
	ConsentObtained string     `json:"consent_obtained"`
	WithdrawnOn     string     `json:"withdrawn_on"`
	MarketingOptOut bool       `json:"marketing_opt_out"`
}

// PrivacyOf returns p in its JSON form.
func PrivacyOf(p Privacy) PersonPrivacy {
	return PersonPrivacy{LegalBasis: p.Basis, ConsentDate: p.Date.String(), ConsentObtained: p.Obtained,
		WithdrawnOn: p.WithdrawnOn.String(), MarketingOptOut: p.MarketingOptOut}
}

// PersonContact is a contact record of the person with its company link.
type PersonContact struct {
	ID         int64         `json:"id"`
	FirstName  string        `json:"first_name"`
	LastName   string        `json:"last_name"`
	Role       string        `json:"role"`
	BuyingRole string        `json:"buying_role"`
	Email      string        `json:"email"`
	Phone      string        `json:"phone"`
	CompanyID  int64         `json:"company_id"`
	Company    string        `json:"company"`
	Privacy    PersonPrivacy `json:"privacy"`
	CreatedAt  time.Time     `json:"created_at"`
	UpdatedAt  time.Time     `json:"updated_at"`
}

// PersonLead is a lead record of the person with its notes and
// qualification.
type PersonLead struct {
	ID                 int64         `json:"id"`
	Salutation         string        `json:"salutation"`
	FirstName          string        `json:"first_name"`
	LastName           string        `json:"last_name"`
	Company            string        `json:"company"`
	Role               string        `json:"role"`
	Email              string        `json:"email"`
	Phone              string        `json:"phone"`
	Website            string        `json:"website"`
	Street             string        `json:"street"`
	PostalCode         string        `json:"postal_code"`
	City               string        `json:"city"`
	Country            string        `json:"country"`
	Source             string        `json:"source"`
	Status             LeadStatus    `json:"status"`
	Owner              string        `json:"owner"`
	Notes              string        `json:"notes"`
	Score              int           `json:"score"`
	Privacy            PersonPrivacy `json:"privacy"`
	QualificationNotes []string      `json:"qualification_notes"`
	CreatedAt          time.Time     `json:"created_at"`
	UpdatedAt          time.Time     `json:"updated_at"`
	ConvertedTo        int64         `json:"converted_contact_id"`
}

// PersonDeal is an opportunity on which the person is a contact.
type PersonDeal struct {
	ID          int64     `json:"id"`
	Title       string    `json:"title"`
	Company     string    `json:"company"`
	Stage       string    `json:"stage"`
	AmountMinor int64     `json:"amount_minor"`
	Currency    string    `json:"currency"`
	CloseDate   string    `json:"close_date"`
	ContactID   int64     `json:"contact_id"`
	Role        DealRole  `json:"role"`
	Primary     bool      `json:"primary"`
	Notes       string    `json:"notes"`
	CreatedAt   time.Time `json:"created_at"`
}

// PersonActivity is an activity of the person's leads or of a deal on
// which the person is a contact.
type PersonActivity struct {
	ID            int64     `json:"id"`
	LeadID        int64     `json:"lead_id"`
	OpportunityID int64     `json:"opportunity_id"`
	Kind          string    `json:"kind"`
	Subject       string    `json:"subject"`
	Notes         string    `json:"notes"`
	Outcome       string    `json:"outcome"`
	Done          bool      `json:"done"`
	Due           time.Time `json:"due"`
	CreatedAt     time.Time `json:"created_at"`
}

// The sources of a [PersonHistory] entry.
const (
	HistoryLeadStatus  = "lead_status"
	HistoryFieldChange = "field_change"
	HistoryMerge       = "merge"
	HistoryAudit       = "audit"
	HistoryTrash       = "trash"
)

// PersonHistory is one history entry about the person. It is a status
// change of their lead, a recorded deal field change that names them, or
// an audit trail entry of their lead or contact. It may also be a merge
// of duplicates or a trash item that kept a copy of their record.
type PersonHistory struct {
	Source   string    `json:"source"`
	RecordID int64     `json:"record_id"`
	Field    string    `json:"field"`
	Old      string    `json:"old"`
	New      string    `json:"new"`
	At       time.Time `json:"at"`
}

// PersonOffer is an offer sent for a deal on which the person is a
// contact.
type PersonOffer struct {
	ID            int64     `json:"id"`
	OpportunityID int64     `json:"opportunity_id"`
	Number        string    `json:"number"`
	IssuedOn      string    `json:"issued_on"`
	ValidUntil    string    `json:"valid_until"`
	GrossMinor    int64     `json:"gross_minor"`
	Currency      string    `json:"currency"`
	CreatedAt     time.Time `json:"created_at"`
}

// IsEmpty reports whether d holds no record of a person.
func (d PersonalData) IsEmpty() bool {
	return len(d.Contacts) == 0 && len(d.Leads) == 0
}

// Names returns the distinct full names of the person's records.
func (d PersonalData) Names() []string {
	var names []string
	for _, c := range d.Contacts {
		names = appendDistinct(names, joinName(c.FirstName, c.LastName))
	}
	for _, l := range d.Leads {
		names = appendDistinct(names, joinName(l.FirstName, l.LastName))
	}

	return names
}

// Emails returns the distinct e-mail addresses of the person's records.
func (d PersonalData) Emails() []string {
	var emails []string
	for _, c := range d.Contacts {
		emails = appendDistinct(emails, c.Email)
	}
	for _, l := range d.Leads {
		emails = appendDistinct(emails, l.Email)
	}

	return emails
}

// WritePersonalDataJSON writes d as indented JSON with a final newline.
func WritePersonalDataJSON(w io.Writer, d PersonalData) error {
	d.Version = PersonalDataVersion
	d.Email, d.Name = d.Query.Email, d.Query.Name

	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d); err != nil {
		return fmt.Errorf("write personal data as JSON: %w", err)
	}

	return nil
}
