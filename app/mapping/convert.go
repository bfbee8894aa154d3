package mapping

import (
	"errors"
	"net/mail"
	"strings"
	"time"
	"unicode"

	"leadwerk/app"
	"leadwerk/app/tabular"
)

// The reasons a row is rejected beyond the cell errors of tabular.
const (
	// ReasonMissingName means a person or company row has neither a name
	// nor, for people, an e-mail address.
	ReasonMissingName tabular.Reason = "missing_name"
	// ReasonInvalidEmail means the e-mail cell is not one bare address.
	ReasonInvalidEmail tabular.Reason = "invalid_email"
	// ReasonMissingTitle means a deal row has no title, company or product
	// to name it by.
	ReasonMissingTitle tabular.Reason = "missing_title"
	// ReasonInvalidCurrency means the currency cell is neither an ISO 4217
	// code nor a currency symbol that [tabular.CurrencyCode] maps.
	ReasonInvalidCurrency tabular.Reason = "invalid_currency"
	// ReasonUnknownStage means a strict import found a stage that the
	// pipeline lacks.
	ReasonUnknownStage tabular.Reason = "unknown_stage"
)

// Record is one converted row. Only the part of its kind is filled.
type Record struct {
	Line int
	// SourceID is the record's id in the exporting program, or "".
	SourceID string
	Lead     app.Lead
	Contact  app.Contact
	Company  app.Company
	Deal     Deal
	// CompanyName and CompanyID name the company of a contact or deal, by
	// name and by its id in the exporting program.
	CompanyName string
	CompanyID   string
	// Created is when the exporting program created the record, in UTC, or
	// the zero time for none or a cell that is no date.
	Created time.Time
	// MarketingOptOut reports a lead or contact that objected to
	// marketing.
	MarketingOptOut bool
}

// Deal is a deal row with names in place of database ids.
type Deal struct {
	app.Opportunity
	// Stage is the stage as the file writes it; "" means the pipeline's
	// first stage.
	Stage string
	// HasProbability reports a probability in the file, which then counts
	// as set by hand.
	HasProbability bool
	ContactEmail   string
}

// Converter turns the rows of one plan into records.
type Converter struct {
	plan     Plan
	currency string
	index    map[Field]int
}

// NewConverter returns a converter for p. currency is the currency of
// amounts that name none, used when p.Currency is "".
func NewConverter(p Plan, currency string) *Converter {
	if p.Currency != "" {
		currency = p.Currency
	}

	index := map[Field]int{}
	for i, c := range p.Mapping.Columns {
		if c.Field != FieldIgnore && i < len(p.Dialect.Columns) {
			index[c.Field] = i
		}
	}

	return &Converter{plan: p, currency: currency, index: index}
}

// rowReader reads the mapped cells of one row and records the first
// rejection.
type rowReader struct {
	c      *Converter
	row    tabular.Row
	reject *Rejection
}

// text returns the trimmed cell of field without a formula guard, "" for
// an unmapped field or a placeholder such as "n/a".
func (r *rowReader) text(f Field) string {
	i, ok := r.c.index[f]
	if !ok || i >= len(r.row.Cells) {
		return ""
	}

	s := strings.TrimSpace(r.row.Cells[i])
	if tabular.IsPlaceholder(s) {
		return ""
	}

	return dropFormulaGuard(s)
}

// dropFormulaGuard removes the apostrophe that CSV exports for Excel,
// Leadwerk's own included, put before a leading = + - @, TAB or CR so a
// spreadsheet shows the value as text. The apostrophe is no part of the
// value.
func dropFormulaGuard(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.IndexByte("=+-@\t\r", s[1]) >= 0 {
		return s[1:]
	}

	return s
}

// fail records the first rejection of the row, on the column of f.
func (r *rowReader) fail(f Field, reason tabular.Reason, value string) {
	if r.reject != nil {
		return
	}

	column := ""
	if i, ok := r.c.index[f]; ok {
		column = r.c.plan.Mapping.Columns[i].Name
	}
	r.reject = &Rejection{Line: r.row.Line, Column: column, Reason: reason, Value: value}
}

// failErr records a parser's *tabular.CellError on the column of f.
func (r *rowReader) failErr(f Field, err error) {
	var cellErr *tabular.CellError
	if errors.As(err, &cellErr) {
		r.fail(f, cellErr.Reason, cellErr.Value)
		return
	}

	r.fail(f, tabular.ReasonMalformedRecord, r.text(f))
}

func (r *rowReader) column(f Field) tabular.Column {
	return r.c.plan.Dialect.Columns[r.c.index[f]]
}

// Convert returns the record of row, or the reason it is rejected.
func (c *Converter) Convert(row tabular.Row) (Record, *Rejection) {
	r := &rowReader{c: c, row: row}
	rec := Record{Line: row.Line, SourceID: r.text(FieldSourceID)}

	switch c.plan.Mapping.Kind {
	case KindLeads:
		rec.Lead = r.lead()
	case KindContacts:
		rec.Contact, rec.CompanyName, rec.CompanyID = r.contact()
	case KindCompanies:
		rec.Company = r.company()
	default:
		rec.Deal, rec.CompanyName, rec.CompanyID = r.deal()
	}
	rec.Created = r.created()
	rec.MarketingOptOut = r.optOut()

	if r.reject == nil {
		r.check(&rec)
	}
	if r.reject != nil {
		return Record{}, r.reject
	}

	return rec, nil
}

// RejectRead turns an error of [tabular.Reader.Read] into a rejection.
// It reports false for an error that ends the reading.
func RejectRead(row tabular.Row, err error) (Rejection, bool) {
	var cellErr *tabular.CellError
	if !errors.As(err, &cellErr) {
		return Rejection{}, false
	}

	line := cellErr.Line
	if line == 0 {
		line = row.Line
	}

	return Rejection{Line: line, Column: cellErr.Column, Reason: cellErr.Reason, Value: cellErr.Value}, true
}

// names returns first and last name, split from the full name when both
// are empty: "Schmidt, Anna" and "Anna Schmidt" give Anna and Schmidt.
func (r *rowReader) names() (string, string) {
	first, last := r.text(FieldFirstName), r.text(FieldLastName)
	if first != "" || last != "" {
		return first, last
	}

	full := r.text(FieldFullName)
	if before, after, ok := strings.Cut(full, ","); ok {
		return strings.TrimSpace(after), strings.TrimSpace(before)
	}

	if i := strings.LastIndexFunc(full, unicode.IsSpace); i >= 0 {
		return strings.TrimSpace(full[:i]), strings.TrimSpace(full[i+1:])
	}

	return "", full
}

// email returns the cell of f after checking that it is one bare
// address. Leads and contacts get the stricter rule of the forms from
// [rowReader.check] instead.
func (r *rowReader) email(f Field) string {
	s := r.text(f)
	if s == "" {
		return ""
	}

	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Address != s || !strings.Contains(s[strings.LastIndex(s, "@"):], ".") {
		r.fail(f, ReasonInvalidEmail, s)
		return ""
	}

	return s
}

// phone returns the phone cell, else the mobile cell.
func (r *rowReader) phone() string {
	if p := r.text(FieldPhone); p != "" {
		return p
	}

	return r.text(FieldMobile)
}

func (r *rowReader) lead() app.Lead {
	first, last := r.names()
	l := app.Lead{
		Salutation: r.text(FieldSalutation), FirstName: first, LastName: last,
		CompanyName: r.text(FieldCompany), Role: r.text(FieldRole), Email: r.text(FieldEmail),
		Phone: r.phone(), Website: r.text(FieldWebsite), Street: r.text(FieldStreet),
		PostalCode: r.text(FieldPostalCode), City: r.text(FieldCity), Country: r.text(FieldCountry),
		Source: r.text(FieldSource), Campaign: r.text(FieldCampaign), Industry: r.text(FieldIndustry),
		Owner: r.text(FieldOwner), Notes: r.text(FieldNotes), Status: LeadStatusOf(r.text(FieldStatus)),
	}
	l.SizeBand = app.SizeBandFor(r.integer(FieldEmployees))

	if l.FirstName == "" && l.LastName == "" && l.CompanyName == "" && l.Email == "" {
		r.fail(FieldLastName, ReasonMissingName, "")
	}

	return l
}

func (r *rowReader) contact() (app.Contact, string, string) {
	first, last := r.names()
	c := app.Contact{FirstName: first, LastName: last, Role: r.text(FieldRole), Email: r.text(FieldEmail),
		Phone: r.phone()}

	if c.FirstName == "" && c.LastName == "" && c.Email == "" {
		r.fail(FieldLastName, ReasonMissingName, "")
	}

	return c, r.text(FieldCompany), r.text(FieldCompanyID)
}

func (r *rowReader) company() app.Company {
	c := app.Company{Name: r.text(FieldCompany), Sector: r.text(FieldIndustry), Country: r.text(FieldCountry),
		Employees: r.integer(FieldEmployees), YearFounded: r.integer(FieldFounded)}
	c.Revenue = r.amount(FieldRevenue)

	if c.Name == "" {
		r.fail(FieldCompany, ReasonMissingName, "")
	}

	return c
}

func (r *rowReader) deal() (Deal, string, string) {
	company := r.text(FieldCompany)
	d := Deal{Stage: r.text(FieldStage), ContactEmail: r.email(FieldContactEmail)}
	d.Title, d.Owner, d.Product = r.text(FieldTitle), r.text(FieldOwner), r.text(FieldProduct)
	d.Source, d.NextStep, d.Notes = r.text(FieldSource), r.text(FieldNextStep), r.text(FieldNotes)
	d.Amount = r.amount(FieldAmount)
	d.CloseDate = r.date(FieldCloseDate)
	if text := r.text(FieldProbability); text != "" {
		p, err := tabular.ParseProbabilityAs(text, r.column(FieldProbability).Probability)
		if err != nil {
			r.failErr(FieldProbability, err)
		}
		d.Probability, d.HasProbability = p, true
	}

	if outcome := r.dealOutcome(); outcome != app.StageOpen && StageKindOf(d.Stage) != outcome {
		// The stage's probability, 100 or 0, replaces the file's.
		d.Stage, d.HasProbability = closedStageNames[outcome], false
	}

	if d.Title == "" {
		d.Title = strings.Trim(company+" – "+d.Product, " –")
	}
	if d.Title == "" {
		r.fail(FieldTitle, ReasonMissingTitle, "")
	}

	return d, company, r.text(FieldCompanyID)
}

// closedStageNames are the stage names of won and lost deals whose stage
// column names an open stage. [MatchStage] matches them to the
// pipeline's won or lost stage.
var closedStageNames = map[app.StageKind]string{app.StageWon: "Won", app.StageLost: "Lost"}

// dealOutcome returns whether the row's status or won and closed cells
// say the deal is won or lost, and app.StageOpen when they say neither.
func (r *rowReader) dealOutcome() app.StageKind {
	if kind := StageKindOf(r.text(FieldDealStatus)); kind != app.StageOpen {
		return kind
	}

	won, closed := r.flag(FieldWon), r.flag(FieldClosed)
	switch {
	case won:
		return app.StageWon
	case closed && r.text(FieldWon) != "":
		return app.StageLost
	}

	return app.StageOpen
}

// leadStatuses maps folded status words of CRMs, English and German, to
// lead statuses. Salesforce writes "Open - Not Contacted" and "Closed -
// Converted".
var leadStatuses = map[string]app.LeadStatus{
	"new": app.LeadNew, "neu": app.LeadNew, "open": app.LeadNew, "opennotcontacted": app.LeadNew,
	"contacted": app.LeadContacted, "kontaktiert": app.LeadContacted, "workingcontacted": app.LeadContacted,
	"attemptedtocontact": app.LeadContacted, "inprogress": app.LeadContacted, "working": app.LeadContacted,
	"nurturing": app.LeadNurturing, "nurture": app.LeadNurturing, "inpflege": app.LeadNurturing,
	"qualified": app.LeadQualified, "qualifiziert": app.LeadQualified,
	"converted": app.LeadConverted, "closedconverted": app.LeadConverted, "konvertiert": app.LeadConverted,
	"disqualified": app.LeadDisqualified, "unqualified": app.LeadDisqualified,
	"closednotconverted": app.LeadDisqualified, "disqualifiziert": app.LeadDisqualified,
	"badtiming": app.LeadNurturing,
}

// LeadStatusOf returns the lead status a CRM's status text means, and
// [app.LeadNew] for an empty or unknown text.
func LeadStatusOf(text string) app.LeadStatus {
	if status, ok := leadStatuses[headerKey(text)]; ok {
		return status
	}

	return app.LeadNew
}
