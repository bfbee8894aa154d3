package app

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Kinds of the rows in a [RowProblem].
const (
	RowCompany     = "company"
	RowLead        = "lead"
	RowOpportunity = "opportunity"
)

// RowProblem is one invalid field of one imported row. Line is the row's
// line in the file when the reader knows it, else its 1-based position
// among the batch's rows of its kind.
type RowProblem struct {
	Kind string
	Line int
	// Ref is the row's SourceRef, such as "maven-crm:opportunity:1C1I7A6R".
	Ref string
	FieldError
	// Value is the rejected value as text, or its length in characters
	// for a text that is too long. It may be personal data, so it is
	// shown to the person but never logged.
	Value string
}

// String formats the problem for the person and the command line, as in
// `lead 12 "x:lead:7": email "anna@": invalid_email`.
func (p RowProblem) String() string {
	return fmt.Sprintf("%s %d %q: %s %q: %s", p.Kind, p.Line, p.Ref, p.Field, p.Value, p.Code)
}

// ImportRowsError is the error of an import that rejected rows. It
// matches [ErrInvalid] with errors.Is.
type ImportRowsError struct {
	Problems []RowProblem
}

// maxListedProblems is how many problems Error names before it counts
// the rest.
const maxListedProblems = 5

// Error lists the first problems and counts the rest.
func (e *ImportRowsError) Error() string {
	listed := make([]string, 0, maxListedProblems)
	for i, p := range e.Problems {
		if i == maxListedProblems {
			break
		}
		listed = append(listed, p.String())
	}

	text := fmt.Sprintf("%d invalid import rows: %s", len(e.Problems), strings.Join(listed, "; "))
	if more := len(e.Problems) - len(listed); more > 0 {
		text += fmt.Sprintf(" and %d more", more)
	}

	return text + ": fix them in the file and import again"
}

// Unwrap returns [ErrInvalid].
func (e *ImportRowsError) Unwrap() error { return ErrInvalid }

// ValidateBatch checks every company, lead and opportunity of b with the
// rules the forms use and returns the blocking problems, or nil. An
// imported deal may close before its creation day, because history is
// imported as it happened. A lead's consent date is checked against
// today.
func ValidateBatch(b ImportBatch, today Date) []RowProblem {
	var problems []RowProblem
	for i, c := range b.Companies {
		row := RowProblem{Kind: RowCompany, Line: i + 1, Ref: c.SourceRef}
		problems = appendRow(problems, row, ValidateCompany(c.Company), companyValues(c.Company))
	}

	for i, l := range b.Leads {
		row := RowProblem{Kind: RowLead, Line: i + 1, Ref: l.SourceRef}
		problems = appendRow(problems, row, ValidateLead(l, today), leadValues(l))
	}

	for i, d := range b.Opportunities {
		row := RowProblem{Kind: RowOpportunity, Line: i + 1, Ref: d.SourceRef}
		problems = appendRow(problems, row, ValidateOpportunity(d.Opportunity, Date{}), dealValues(d.Opportunity))
	}

	return problems
}

func appendRow(problems []RowProblem, row RowProblem, errs []FieldError, values map[string]string) []RowProblem {
	for _, e := range Blocking(errs) {
		row.FieldError = e
		row.Value = values[e.Field]
		if e.Code == CodeTooLong {
			row.Value = fmt.Sprintf("%d characters", utf8.RuneCountInString(row.Value))
		}
		problems = append(problems, row)
	}

	return problems
}

func companyValues(c Company) map[string]string {
	return map[string]string{FieldName: c.Name, FieldSector: c.Sector, FieldCountry: c.Country,
		FieldRevenue: c.Revenue.String()}
}

func leadValues(l Lead) map[string]string {
	return map[string]string{
		FieldName: strings.TrimSpace(l.FirstName + " " + l.LastName), FieldEmail: l.Email, FieldPhone: l.Phone,
		FieldWebsite: l.Website, FieldConsentDate: l.Consent.Date.String(), FieldSalutation: l.Salutation,
		FieldFirstName: l.FirstName, FieldLastName: l.LastName, FieldCompanyName: l.CompanyName,
		FieldRole: l.Role, FieldStreet: l.Street, FieldPostalCode: l.PostalCode, FieldCity: l.City,
		FieldCountry: l.Country, FieldSource: l.Source, FieldSourceDetail: l.SourceDetail,
		FieldCampaign: l.Campaign, FieldIndustry: l.Industry, FieldRegion: l.Region, FieldPersona: l.Persona,
		FieldOwner: l.Owner, FieldNotes: l.Notes, FieldConsentSource: l.Consent.Obtained,
	}
}

func dealValues(o Opportunity) map[string]string {
	return map[string]string{
		FieldTitle: o.Title, FieldAmount: o.Amount.String(), FieldCustomerBudget: o.CustomerBudget.String(),
		FieldProbability: strconv.Itoa(o.Probability), FieldCloseDate: o.CloseDate.String(),
		FieldOwner: o.Owner, FieldProduct: o.Product, FieldNotes: o.Notes, FieldNextStep: o.NextStep,
		FieldTalksStatus: o.TalksStatus, FieldExpectations: o.Expectations, FieldSource: o.Source,
	}
}
