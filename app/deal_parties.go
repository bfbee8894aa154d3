package app

import (
	"context"
	"strings"
)

// DealRole is a contact's part in one deal's buying decision.
type DealRole string

// The roles a contact can play in a deal.
const (
	DealRoleDecisionMaker DealRole = "decision_maker"
	DealRoleEconomicBuyer DealRole = "economic_buyer"
	DealRoleInfluencer    DealRole = "influencer"
	DealRoleChampion      DealRole = "champion"
	DealRoleUser          DealRole = "user"
	DealRoleGatekeeper    DealRole = "gatekeeper"
)

// DealRoles lists every [DealRole] in the order a choice shows them.
var DealRoles = []DealRole{
	DealRoleDecisionMaker, DealRoleEconomicBuyer, DealRoleInfluencer,
	DealRoleChampion, DealRoleUser, DealRoleGatekeeper,
}

// Valid reports whether r is one of [DealRoles].
func (r DealRole) Valid() bool {
	for _, known := range DealRoles {
		if r == known {
			return true
		}
	}

	return false
}

// CompetitorStatus is the state of a competitor in one deal.
type CompetitorStatus string

// The statuses of a competitor in a deal.
const (
	CompetitorActive     CompetitorStatus = "active"
	CompetitorEliminated CompetitorStatus = "eliminated"
	// CompetitorWonDeal marks the competitor who won the deal.
	CompetitorWonDeal CompetitorStatus = "won_deal"
)

// CompetitorStatuses lists every [CompetitorStatus] in the order a choice
// shows them.
var CompetitorStatuses = []CompetitorStatus{CompetitorActive, CompetitorEliminated, CompetitorWonDeal}

// Valid reports whether s is one of [CompetitorStatuses].
func (s CompetitorStatus) Valid() bool {
	for _, known := range CompetitorStatuses {
		if s == known {
			return true
		}
	}

	return false
}

// DealContact is a contact linked to a deal with a role. Name and Email
// are read from the contact record. When saving with ContactID 0, they
// describe a new contact.
type DealContact struct {
	ID            int64
	OpportunityID int64
	ContactID     int64
	Name          string
	Email         string
	Role          DealRole
	// Primary marks the deal's main contact, at most one per deal. It is
	// the contact stored as the opportunity's ContactID.
	Primary bool
}

// Competitor is another vendor competing for one deal.
type Competitor struct {
	ID            int64
	OpportunityID int64
	Name          string
	Strengths     string
	Weaknesses    string
	Status        CompetitorStatus
}

// Fields of the deal contact and competitor forms that validation reports on.
const (
	FieldDeal   = "deal"
	FieldRole   = "role"
	FieldStatus = "status"
)

// CodeUnknownChoice means a value is not one of the choices a field offers.
const CodeUnknownChoice = "unknown_choice"

// ValidateDealContact returns the invalid fields of c, or nil when it can be
// saved. It needs a deal and a known role. A new contact (ContactID 0)
// needs a name within [MaxLength], and its e-mail address must be well
// formed when given.
func ValidateDealContact(c DealContact) []FieldError {
	var errs []FieldError
	if c.OpportunityID == 0 {
		errs = append(errs, FieldError{FieldDeal, CodeRequired})
	}

	if !c.Role.Valid() {
		errs = append(errs, FieldError{FieldRole, CodeUnknownChoice})
	}

	if c.ContactID != 0 {
		return errs
	}

	if strings.TrimSpace(c.Name) == "" {
		errs = append(errs, FieldError{FieldName, CodeRequired})
	}

	if email := strings.TrimSpace(c.Email); email != "" && !validEmail(email) {
		errs = append(errs, FieldError{FieldEmail, CodeInvalidEmail})
	}

	return append(errs, checkLengths(textField{FieldName, c.Name}, textField{FieldEmail, c.Email})...)
}

// ValidateCompetitor returns the invalid fields of c, or nil when it can be
// saved. It needs a deal, a name and a known status. Strengths and
// weaknesses may be empty, and every text stays within [MaxLength].
func ValidateCompetitor(c Competitor) []FieldError {
	var errs []FieldError
	if c.OpportunityID == 0 {
		errs = append(errs, FieldError{FieldDeal, CodeRequired})
	}

	if strings.TrimSpace(c.Name) == "" {
		errs = append(errs, FieldError{FieldName, CodeRequired})
	}

	if !c.Status.Valid() {
		errs = append(errs, FieldError{FieldStatus, CodeUnknownChoice})
	}

	return append(errs, checkLengths(textField{FieldName, c.Name}, textField{FieldStrengths, c.Strengths},
		textField{FieldWeaknesses, c.Weaknesses})...)
}

// SplitContactName splits a full name at its last space into first and last
// name, so "Anna Maria Schmidt" becomes "Anna Maria" and "Schmidt". A
// single word is taken as the last name.
func SplitContactName(name string) (first, last string) {
	name = strings.Join(strings.Fields(name), " ")
	i := strings.LastIndex(name, " ")
	if i < 0 {
		return "", name
	}

	return name[:i], name[i+1:]
}

// DealPartiesService stores the contacts and competitors of a deal. Invalid
// input wraps [ErrInvalid], and an unknown deal, contact or row wraps
// [ErrNotFound].
type DealPartiesService interface {
	// DealContacts returns the contacts of deal oppID, the primary first,
	// then by name.
	DealContacts(ctx context.Context, oppID int64) ([]DealContact, error)
	// ContactCandidates returns the contacts of the deal's company that
	// are not yet linked to the deal, by name. A deal without a company
	// has none.
	ContactCandidates(ctx context.Context, oppID int64) ([]DealContact, error)
	// SaveDealContact links a contact to a deal or, when c.ID is set,
	// changes its role and primary mark. ContactID 0 creates a contact
	// from Name and Email at the deal's company. Setting Primary clears
	// the mark on the deal's other contacts and makes this contact the
	// opportunity's contact. It returns the stored link.
	SaveDealContact(ctx context.Context, c DealContact) (DealContact, error)
	// RemoveDealContact unlinks a contact from its deal and keeps the
	// contact record. Removing the primary contact clears the
	// opportunity's contact.
	RemoveDealContact(ctx context.Context, id int64) error
	// Competitors returns the competitors of deal oppID by name.
	Competitors(ctx context.Context, oppID int64) ([]Competitor, error)
	// SaveCompetitor creates a competitor when c.ID is 0 and otherwise
	// overwrites every field, empty ones included.
	SaveCompetitor(ctx context.Context, c Competitor) (Competitor, error)
	// RemoveCompetitor deletes a competitor.
	RemoveCompetitor(ctx context.Context, id int64) error
}

// CompetitorStatusOnClose returns the status that closing a deal gives
// the competitor chosen in the close dialog: [CompetitorWonDeal] for the
// winner of a lost deal and [CompetitorEliminated] for the competitor
// beaten to a won deal.
func CompetitorStatusOnClose(won bool) CompetitorStatus {
	if won {
		return CompetitorEliminated
	}

	return CompetitorWonDeal
}

// FindCompetitor returns the competitor in list whose name equals name
// after [NormalizeCompany], so "acme" finds "ACME GmbH". Names that fold
// to nothing, such as "???", match only when equal ignoring case and
// surrounding spaces. The first match in list wins.
func FindCompetitor(list []Competitor, name string) (Competitor, bool) {
	name = strings.TrimSpace(name)
	if name == "" {
		return Competitor{}, false
	}

	key := NormalizeCompany(name)
	for _, c := range list {
		if key != "" && NormalizeCompany(c.Name) == key {
			return c, true
		}

		if key == "" && strings.EqualFold(strings.TrimSpace(c.Name), name) {
			return c, true
		}
	}

	return Competitor{}, false
}

// CompanyChoice is the company a deal moves to when its company is
// edited: an existing company, a new one by name, or none.
type CompanyChoice struct {
	// ID is an existing company, or 0 for a new company or none.
	ID int64
	// Name is the new company's name when ID is 0. A store reuses the
	// company whose [NormalizeCompany] key equals that of Name instead of
	// creating a second one. ID 0 with an empty Name leaves the deal
	// without a company.
	Name string
}

// IsNew reports whether c names a company to create.
func (c CompanyChoice) IsNew() bool {
	return c.ID == 0 && strings.TrimSpace(c.Name) != ""
}

// KeepsContact reports whether a contact working at contactCompanyID (0
// for none) may stay the primary contact of a deal moved to c. A deal's
// primary contact must work at the deal's company, so no contact stays
// with a company that is still to be created.
func (c CompanyChoice) KeepsContact(contactCompanyID int64) bool {
	return !c.IsNew() && contactCompanyID == c.ID
}
