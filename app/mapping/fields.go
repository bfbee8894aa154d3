package mapping

import "slices"

// Kind is the kind of records a file contains.
type Kind string

// The kinds of record a file import creates.
const (
	KindLeads         Kind = "leads"
	KindContacts      Kind = "contacts"
	KindCompanies     Kind = "companies"
	KindOpportunities Kind = "opportunities"
)

// Kinds lists every kind, in the order detection breaks ties.
func Kinds() []Kind {
	return []Kind{KindOpportunities, KindLeads, KindContacts, KindCompanies}
}

// singular returns the kind's word in a source reference, such as "lead".
func (k Kind) singular() string {
	switch k {
	case KindLeads:
		return "lead"
	case KindContacts:
		return "contact"
	case KindCompanies:
		return "company"
	default:
		return "opportunity"
	}
}

// Field is one of Leadwerk's import fields. Its value is stable, because
// presets store it.
type Field string

// The import fields. Not every kind has every field: see [FieldsOf].
const (
	FieldIgnore Field = ""
	// FieldSourceID is the record's id in the program that exported it.
	FieldSourceID   Field = "source_id"
	FieldSalutation Field = "salutation"
	FieldFirstName  Field = "first_name"
	FieldLastName   Field = "last_name"
	// FieldFullName is read only when first and last name are empty: the
	// last word is the last name.
	FieldFullName Field = "full_name"
	// FieldCompany is the company's name: a lead's company, the company
	// of a contact or deal, or the name of a company record.
	FieldCompany Field = "company"
	// FieldCompanyID is the company's id in the exporting program, which
	// links a contact or deal to a company imported from the same program.
	FieldCompanyID  Field = "company_id"
	FieldRole       Field = "role"
	FieldEmail      Field = "email"
	FieldPhone      Field = "phone"
	FieldMobile     Field = "mobile"
	FieldWebsite    Field = "website"
	FieldStreet     Field = "street"
	FieldPostalCode Field = "postal_code"
	FieldCity       Field = "city"
	FieldCountry    Field = "country"
	FieldSource     Field = "source"
	FieldCampaign   Field = "campaign"
	FieldStatus     Field = "status"
	FieldIndustry   Field = "industry"
	FieldEmployees  Field = "employees"
	FieldRevenue    Field = "revenue"
	FieldFounded    Field = "year_founded"
	FieldOwner      Field = "owner"
	FieldNotes      Field = "notes"
	FieldTitle      Field = "title"
	FieldAmount     Field = "amount"
	FieldCurrency   Field = "currency"
	FieldStage      Field = "stage"
	// FieldProbability is a fraction (0.4) or a percentage (40).
	FieldProbability Field = "probability"
	FieldCloseDate   Field = "close_date"
	FieldProduct     Field = "product"
	FieldNextStep    Field = "next_step"
	// FieldContactEmail links a deal to the contact with this e-mail.
	FieldContactEmail Field = "contact_email"
	// FieldDealStatus is a deal's outcome as a word, such as Pipedrive's
	// open, won or lost. A won or lost deal goes to a won or lost stage.
	FieldDealStatus Field = "deal_status"
	// FieldWon and FieldClosed are yes/no cells that close a deal, as
	// Salesforce's IsWon and IsClosed do: won when FieldWon is yes, lost
	// when FieldClosed is yes and FieldWon no.
	FieldWon    Field = "won"
	FieldClosed Field = "closed"
	// FieldCreated is when the exporting program created the record. A
	// cell that is no date or lies in the future leaves the import time.
	FieldCreated Field = "created"
	// FieldOptOut is a yes/no cell that records the person's objection to
	// marketing (GDPR Art. 21(2)). An import sets the opt-out but never
	// clears one, so "no" in a file does not undo an objection.
	FieldOptOut Field = "marketing_opt_out"
)

var kindFields = map[Kind][]Field{
	KindLeads: {
		FieldSourceID, FieldSalutation, FieldFirstName, FieldLastName, FieldFullName, FieldCompany, FieldRole,
		FieldEmail, FieldPhone, FieldMobile, FieldWebsite, FieldStreet, FieldPostalCode, FieldCity, FieldCountry,
		FieldSource, FieldCampaign, FieldStatus, FieldIndustry, FieldEmployees, FieldOwner, FieldNotes,
		FieldCreated, FieldOptOut,
	},
	KindContacts: {
		FieldSourceID, FieldFirstName, FieldLastName, FieldFullName, FieldCompany, FieldCompanyID, FieldRole,
		FieldEmail, FieldPhone, FieldMobile, FieldCreated, FieldOptOut,
	},
	KindCompanies: {
		FieldSourceID, FieldCompany, FieldIndustry, FieldEmployees, FieldRevenue, FieldCurrency, FieldCountry,
		FieldFounded, FieldCreated,
	},
	KindOpportunities: {
		FieldSourceID, FieldTitle, FieldCompany, FieldCompanyID, FieldContactEmail, FieldAmount, FieldCurrency,
		FieldStage, FieldDealStatus, FieldWon, FieldClosed, FieldProbability, FieldCloseDate, FieldOwner,
		FieldProduct, FieldSource, FieldNextStep, FieldNotes, FieldCreated,
	},
}

// FieldsOf returns the fields a record of kind k can take, in the order a
// mapping screen lists them.
func FieldsOf(k Kind) []Field {
	return slices.Clone(kindFields[k])
}

// HasField reports whether records of kind k take field f.
func HasField(k Kind, f Field) bool {
	return slices.Contains(kindFields[k], f)
}
