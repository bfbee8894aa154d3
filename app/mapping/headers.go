package mapping

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// CRM is the program that exported a file, detected from its header.
type CRM string

// The programs whose export headers headerTable contains. CRMNone is a file of
// any other program or one made by hand.
const (
	CRMNone       CRM = ""
	CRMHubSpot    CRM = "hubspot"
	CRMPipedrive  CRM = "pipedrive"
	CRMSalesforce CRM = "salesforce"
	CRMZoho       CRM = "zoho"
	CRMOutlook    CRM = "outlook"
)

// headerEntry maps header names to a field. An entry of a CRM applies
// only to that CRM's files and wins over a generic entry, and one without
// a field keeps a generic entry from mapping the header. kinds limits
// the entry to those kinds, nil means every kind that has the field.
// hint is the kind that the header announces, or "".
type headerEntry struct {
	crm   CRM
	field Field
	kinds []Kind
	hint  Kind
	names []string
}

var (
	people       = []Kind{KindLeads, KindContacts}
	onlyLeads    = []Kind{KindLeads}
	onlyContacts = []Kind{KindContacts}
	onlyCompany  = []Kind{KindCompanies}
	onlyDeals    = []Kind{KindOpportunities}
)

// headerTable is the known headers. Names are compared after headerKey
// folds them, so "First Name", "FirstName" and "first_name" are one name.
// Each CRM's block names the exports its names were checked against. A
// CRM adds custom fields and renames labels per account, so a file with
// other labels needs a preset.
var headerTable = []headerEntry{
	// Salesforce API names (Data Export, Data Loader, Bulk API), checked
	// against the Data Export files of SFDC-Assets/data-cloud-workshop
	// (data/Account.csv, Contact.csv, Lead.csv, Opportunity.csv).
	{crm: CRMSalesforce, field: FieldSourceID, names: []string{"Id"}},
	{crm: CRMSalesforce, field: FieldTitle, kinds: onlyDeals, names: []string{"Name"}},
	{crm: CRMSalesforce, field: FieldCompany, kinds: onlyCompany, names: []string{"Name"}},
	{crm: CRMSalesforce, field: FieldFullName, kinds: people, names: []string{"Name"}},
	{crm: CRMSalesforce, field: FieldRole, kinds: people, names: []string{"Title"}},
	{crm: CRMSalesforce, field: FieldCompanyID, hint: KindContacts, names: []string{"AccountId"}},
	{crm: CRMSalesforce, field: FieldStage, hint: KindOpportunities, names: []string{"StageName"}},
	{crm: CRMSalesforce, field: FieldCurrency, names: []string{"CurrencyIsoCode"}},
	{crm: CRMSalesforce, field: FieldSource, names: []string{"LeadSource"}},
	{crm: CRMSalesforce, field: FieldNotes, names: []string{"Description"}},
	{crm: CRMSalesforce, field: FieldProduct, names: []string{"Product__c"}},
	{crm: CRMSalesforce, field: FieldMobile, names: []string{"MobilePhone"}},
	{crm: CRMSalesforce, field: FieldEmployees, hint: KindCompanies, names: []string{"NumberOfEmployees"}},
	{crm: CRMSalesforce, field: FieldRevenue, names: []string{"AnnualRevenue"}},
	{crm: CRMSalesforce, field: FieldStreet, names: []string{"MailingStreet", "BillingStreet"}},
	{crm: CRMSalesforce, field: FieldCity, names: []string{"MailingCity", "BillingCity"}},
	{crm: CRMSalesforce, field: FieldPostalCode, names: []string{"MailingPostalCode", "BillingPostalCode"}},
	{crm: CRMSalesforce, field: FieldCountry, names: []string{"MailingCountry", "BillingCountry"}},
	{crm: CRMSalesforce, field: FieldWon, kinds: onlyDeals, names: []string{"IsWon"}},
	{crm: CRMSalesforce, field: FieldClosed, kinds: onlyDeals, names: []string{"IsClosed"}},
	{crm: CRMSalesforce, hint: KindLeads, names: []string{"IsConverted", "ConvertedAccountId", "ConvertedDate"}},
	{crm: CRMSalesforce, hint: KindContacts, names: []string{"ReportsToId", "Birthdate", "AssistantName"}},
	{crm: CRMSalesforce, hint: KindCompanies, names: []string{"ShippingCity", "ParentId", "BillingAddress"}},
	{crm: CRMSalesforce, names: []string{"IsDeleted", "SystemModstamp", "CreatedById", "LastModifiedById",
		"OwnerId", "MasterRecordId"}},
	// Salesforce report labels.
	{crm: CRMSalesforce, field: FieldTitle, hint: KindOpportunities, names: []string{"Opportunity Name"}},
	{crm: CRMSalesforce, field: FieldOwner, names: []string{"Opportunity Owner", "Account Owner", "Lead Owner",
		"Contact Owner"}},
	{crm: CRMSalesforce, field: FieldSourceID, names: []string{"Opportunity ID", "Lead ID", "Contact ID",
		"Account ID"}},

	// HubSpot exports of deals, contacts and companies, checked against
	// the export column labels in Cloudkibo/KiboEngage
	// server/api/v1.1/hubspotIntegration/hubspotDefaultFields.js, the
	// contacts export read by jadTahaGit/zoho
	// Dev-74/Dev-74/02-partition/03-Subscribers.sql, and deal and contact
	// export headers in public test code. Newer exports name every id
	// column "Record ID", older ones "Contact ID", "Deal ID" and
	// "Company ID".
	{crm: CRMHubSpot, field: FieldSourceID, names: []string{"Record ID", "Contact ID", "Deal ID", "Company ID"}},
	{crm: CRMHubSpot, field: FieldCompanyID, kinds: []Kind{KindContacts, KindOpportunities},
		names: []string{"Associated Company ID", "Primary Associated Company ID", "Associated Company IDs"}},
	{crm: CRMHubSpot, field: FieldTitle, hint: KindOpportunities, names: []string{"Deal Name"}},
	{crm: CRMHubSpot, field: FieldStage, hint: KindOpportunities, names: []string{"Deal Stage"}},
	{crm: CRMHubSpot, field: FieldProbability, names: []string{"Deal probability"}},
	{crm: CRMHubSpot, field: FieldCurrency, names: []string{"Currency", "Deal currency code"}},
	{crm: CRMHubSpot, field: FieldOwner, hint: KindOpportunities, names: []string{"Deal owner"}},
	{crm: CRMHubSpot, field: FieldOwner, hint: KindContacts, names: []string{"Contact owner"}},
	{crm: CRMHubSpot, field: FieldOwner, hint: KindCompanies, names: []string{"Company owner"}},
	{crm: CRMHubSpot, field: FieldOwner, names: []string{"HubSpot Owner"}},
	{crm: CRMHubSpot, field: FieldCompany, names: []string{"Associated Company", "Company Name"}},
	{crm: CRMHubSpot, field: FieldCompany, kinds: onlyCompany, names: []string{"Name"}},
	{crm: CRMHubSpot, field: FieldPhone, names: []string{"Phone Number"}},
	{crm: CRMHubSpot, field: FieldMobile, names: []string{"Mobile Phone Number"}},
	{crm: CRMHubSpot, field: FieldStreet, names: []string{"Street Address"}},
	{crm: CRMHubSpot, field: FieldCity, names: []string{"City"}},
	{crm: CRMHubSpot, field: FieldCountry, names: []string{"Country/Region"}},
	{crm: CRMHubSpot, field: FieldSource, names: []string{"Original Source"}},
	{crm: CRMHubSpot, field: FieldWebsite, hint: KindCompanies, names: []string{"Company Domain Name"}},
	{crm: CRMHubSpot, field: FieldWebsite, names: []string{"Website URL"}},
	{crm: CRMHubSpot, hint: KindContacts, names: []string{"Lifecycle Stage"}},

	// Zoho CRM exports of leads, contacts, accounts and deals, which label
	// columns with the field labels. The lead labels were checked against
	// Jkthompson82/zoho-deluge-library
	// reference/api_fields/lead_module_api_names.md, where the label
	// "Title" is the API field Designation.
	//
	// NOTE: the account, contact and deal labels below are Zoho's default
	// field labels but were not checked against an export file.
	{crm: CRMZoho, field: FieldOwner, hint: KindLeads, names: []string{"Lead Owner"}},
	{crm: CRMZoho, field: FieldOwner, hint: KindContacts, names: []string{"Contact Owner"}},
	{crm: CRMZoho, field: FieldOwner, hint: KindCompanies, names: []string{"Account Owner"}},
	{crm: CRMZoho, field: FieldOwner, hint: KindOpportunities, names: []string{"Deal Owner"}},
	{crm: CRMZoho, field: FieldSourceID, names: []string{"Record Id", "Lead Id", "Deal Id", "Account Id"}},
	{crm: CRMZoho, field: FieldRole, kinds: people, names: []string{"Designation", "Title"}},
	{crm: CRMZoho, field: FieldEmployees, names: []string{"No of Employees", "No. of Employees"}},
	{crm: CRMZoho, field: FieldPostalCode, names: []string{"Zip Code", "Mailing Zip", "Billing Code"}},
	{crm: CRMZoho, field: FieldStreet, names: []string{"Mailing Street", "Billing Street"}},
	{crm: CRMZoho, field: FieldCity, names: []string{"Mailing City", "Billing City"}},
	{crm: CRMZoho, field: FieldCountry, names: []string{"Mailing Country", "Billing Country"}},
	{crm: CRMZoho, field: FieldTitle, names: []string{"Deal Name"}},
	{crm: CRMZoho, field: FieldCloseDate, hint: KindOpportunities, names: []string{"Closing Date"}},
	{crm: CRMZoho, field: FieldProbability, names: []string{"Probability (%)"}},
	{crm: CRMZoho, hint: KindCompanies, names: []string{"Account Number", "Account Type"}},

	// Outlook contacts CSV, English and German. The English names were
	// checked against the export header in GitHubEberle/PowerShell-Toolbox
	// OutlookContacts/ConvertExcelToOutlookContacts.ps1 and the field list
	// at https://www.spstechnical.com/outlook_contacts_schema.htm, the
	// German ones against the field list of the German Outlook at
	// http://hilfe.cibamberg.de/index.aspx?page=FormOutlookDirekt, which
	// writes them without spaces, as "Telefongeschäftlich". Its "Title"
	// (German "Anrede") is the salutation, such as "Dr.", and "Job Title"
	// (German "Position") is the role.
	{crm: CRMOutlook, names: []string{"Title"}},
	{crm: CRMOutlook, field: FieldEmail, hint: KindContacts, names: []string{"E-mail Address", "E-Mail-Adresse"}},
	{crm: CRMOutlook, field: FieldPhone, hint: KindContacts, names: []string{"Business Phone", "Telefon geschäftlich"}},
	{crm: CRMOutlook, field: FieldMobile, names: []string{"Mobile Phone", "Mobiltelefon"}},
	{crm: CRMOutlook, field: FieldStreet, names: []string{"Business Street", "Straße geschäftlich"}},
	{crm: CRMOutlook, field: FieldCity, names: []string{"Business City", "Ort geschäftlich"}},
	{crm: CRMOutlook, field: FieldPostalCode, names: []string{"Business Postal Code", "Postleitzahl geschäftlich"}},
	{crm: CRMOutlook, field: FieldCountry, names: []string{"Business Country/Region", "Land/Region geschäftlich"}},
	{crm: CRMOutlook, field: FieldWebsite, names: []string{"Web Page", "Webseite"}},
	{crm: CRMOutlook, hint: KindContacts, names: []string{"Middle Name", "Weitere Vornamen", "E-mail 2 Address",
		"E-Mail 2: Adresse", "Home Phone", "Telefon privat"}},
	{crm: CRMOutlook, names: []string{"E-mail Display Name", "E-Mail: Angezeigter Name"}},

	// Pipedrive exports of one entity, such as people, name their columns
	// without the "Person - " prefix of the exports that join entities.
	// Checked against public scripts that read Pipedrive person exports,
	// with columns "Email - Work", "Email - Home", "Phone - Work" and
	// "Phone - Mobile". They match no generic name, so they also tell the
	// CRM, and only people have them.
	{crm: CRMPipedrive, field: FieldEmail, hint: KindContacts,
		names: []string{"Email - Work", "Email - Home", "Email - Other"}},
	{crm: CRMPipedrive, field: FieldPhone, hint: KindContacts,
		names: []string{"Phone - Work", "Phone - Home", "Phone - Other"}},
	{crm: CRMPipedrive, field: FieldMobile, hint: KindContacts, names: []string{"Phone - Mobile"}},
	{crm: CRMPipedrive, field: FieldCompanyID, kinds: onlyContacts, names: []string{"Organization ID"}},

	// Generic English and German headers.
	{field: FieldSourceID, names: []string{"ID", "External ID", "Source ID", "Externe ID", "Opportunity ID",
		"Deal ID", "Lead ID", "Prospect ID"}},
	{field: FieldSalutation, names: []string{"Salutation", "Anrede"}},
	{field: FieldFirstName, names: []string{"First Name", "Given Name", "Vorname"}},
	{field: FieldLastName, names: []string{"Last Name", "Surname", "Family Name", "Nachname", "Familienname"}},
	{field: FieldFullName, kinds: people, names: []string{"Name", "Full Name", "Contact Name", "Contact",
		"Kontakt", "Ansprechpartner", "Vollständiger Name"}},
	{field: FieldCompany, names: []string{"Company", "Company Name", "Account", "Account Name", "Organization",
		"Organisation", "Firma", "Firmenname", "Unternehmen"}},
	{field: FieldCompany, kinds: onlyCompany, names: []string{"Name"}},
	{field: FieldCompanyID, names: []string{"Company ID", "Account ID", "Firmen-ID"}},
	{field: FieldRole, kinds: people, names: []string{"Job Title", "Title", "Position", "Role", "Funktion",
		"Berufsbezeichnung", "Titel"}},
	{field: FieldEmail, names: []string{"Email", "E-mail", "Email Address", "E-Mail-Adresse", "Mail", "Work Email"}},
	{field: FieldPhone, names: []string{"Phone", "Telephone", "Work Phone", "Telefon", "Telefonnummer", "Tel"}},
	{field: FieldMobile, names: []string{"Mobile", "Mobile Phone", "Cell Phone", "Mobil", "Handy", "Mobiltelefon"}},
	{field: FieldWebsite, names: []string{"Website", "Web Site", "Homepage", "URL", "Domain", "Webseite",
		"Internetseite"}},
	{field: FieldStreet, names: []string{"Street", "Address", "Straße", "Strasse", "Adresse", "Anschrift"}},
	{field: FieldPostalCode, names: []string{"Postal Code", "Zip", "Zip Code", "Postcode", "PLZ", "Postleitzahl"}},
	{field: FieldCity, names: []string{"City", "Town", "Ort", "Stadt", "Wohnort"}},
	{field: FieldCountry, names: []string{"Country", "Land", "Country/Region", "Office Location"}},
	{field: FieldSource, names: []string{"Source", "Lead Source", "Quelle", "Leadquelle", "Herkunft"}},
	{field: FieldCampaign, names: []string{"Campaign", "Kampagne"}},
	{field: FieldStatus, kinds: onlyLeads, hint: KindLeads, names: []string{"Lead Status", "Leadstatus"}},
	{field: FieldStatus, kinds: onlyLeads, names: []string{"Status"}},
	{field: FieldIndustry, names: []string{"Industry", "Sector", "Branche", "Sektor"}},
	{field: FieldEmployees, names: []string{"Employees", "Number of Employees", "Employee Count", "Mitarbeiter",
		"Anzahl Mitarbeiter", "Mitarbeiterzahl"}},
	{field: FieldRevenue, kinds: onlyCompany, names: []string{"Revenue", "Annual Revenue", "Umsatz", "Jahresumsatz"}},
	{field: FieldFounded, names: []string{"Year Founded", "Founded", "Year Established", "Gründungsjahr"}},
	{field: FieldOwner, names: []string{"Owner", "Sales Agent", "Sales Rep", "Salesperson", "Besitzer", "Inhaber",
		"Verantwortlich", "Zuständig", "Vertriebsmitarbeiter"}},
	{field: FieldNotes, names: []string{"Notes", "Note", "Description", "Comments", "Notizen", "Bemerkung",
		"Bemerkungen", "Beschreibung", "Kommentar"}},
	{field: FieldTitle, kinds: onlyDeals, hint: KindOpportunities, names: []string{"Deal", "Deal Title",
		"Opportunity", "Verkaufschance", "Projekt"}},
	{field: FieldTitle, kinds: onlyDeals, names: []string{"Title", "Name", "Titel", "Bezeichnung"}},
	{field: FieldAmount, hint: KindOpportunities, names: []string{"Amount", "Deal Amount", "Deal Value",
		"Close Value", "Opportunity Amount", "Betrag", "Auftragswert", "Volumen"}},
	{field: FieldAmount, kinds: onlyDeals, names: []string{"Value", "Wert"}},
	{field: FieldCurrency, names: []string{"Currency", "Currency Code", "Währung"}},
	{field: FieldStage, hint: KindOpportunities, names: []string{"Stage", "Deal Stage", "Sales Stage",
		"Pipeline Stage", "Phase", "Verkaufsphase", "Stufe"}},
	{field: FieldDealStatus, kinds: onlyDeals, names: []string{"Status", "Deal Status", "Won/Lost"}},
	{field: FieldProbability, hint: KindOpportunities, names: []string{"Probability", "Win Probability",
		"Wahrscheinlichkeit", "Abschlusswahrscheinlichkeit"}},
	{field: FieldCloseDate, hint: KindOpportunities, names: []string{"Close Date", "Expected Close Date",
		"Abschlussdatum", "Erwarteter Abschluss"}},
	{field: FieldProduct, names: []string{"Product", "Produkt"}},
	{field: FieldNextStep, names: []string{"Next Step", "Nächster Schritt"}},
	{field: FieldContactEmail, kinds: onlyDeals, names: []string{"Contact Email", "Contact E-mail",
		"Kontakt E-Mail"}},
	// Salesforce's API name is CreatedDate, and HubSpot's exports write
	// "Create Date" (see TestMapHubSpotExports).
	//
	// NOTE: Zoho's "Created Time" is its default field label but was not
	// checked against an export file.
	{field: FieldCreated, names: []string{"Created", "Created At", "Created Date", "Create Date", "Created Time",
		"Created On", "Creation Date", "Date Created", "Erstellt", "Erstellt am", "Erstelldatum", "Angelegt am",
		"Anlagedatum"}},
	// HasOptedOutOfEmail is Salesforce's API name, and "Unsubscribed from
	// all email" is the label of HubSpot's property hs_email_optout.
	{field: FieldOptOut, names: []string{"Email Opt Out", "Opt Out", "Marketing Opt Out", "HasOptedOutOfEmail",
		"Unsubscribed", "Unsubscribed from all email", "Do Not Email", "Werbewiderspruch", "Abgemeldet",
		"Newsletter abgemeldet", "Kein Marketing"}},
}

// pipedriveEntities maps the entity prefix of Pipedrive's "Deal - Title"
// columns, English and German, to the kind it describes.
var pipedriveEntities = map[string]Kind{
	"deal": KindOpportunities, "lead": KindLeads, "person": KindContacts,
	"organization": KindCompanies, "organisation": KindCompanies,
}

// pipedriveFields maps the part after the prefix, per entity kind, to a
// field. Pipedrive splits e-mail and phone by label, so "Person - Email -
// Work" folds to "emailwork", and the leftmost of them fills the field.
var pipedriveFields = map[Kind]map[string]Field{
	KindOpportunities: {
		"id": FieldSourceID, "title": FieldTitle, "titel": FieldTitle, "value": FieldAmount, "wert": FieldAmount,
		"currency": FieldCurrency, "währung": FieldCurrency, "stage": FieldStage, "phase": FieldStage,
		"status": FieldDealStatus, "probability": FieldProbability, "wahrscheinlichkeit": FieldProbability,
		"expectedclosedate": FieldCloseDate, "erwartetesabschlussdatum": FieldCloseDate,
		"owner": FieldOwner, "besitzer": FieldOwner, "inhaber": FieldOwner,
		"source": FieldSource, "quelle": FieldSource, "product": FieldProduct, "produkt": FieldProduct,
		"nextactivitysubject": FieldNextStep, "organization": FieldCompany, "organisation": FieldCompany,
	},
	KindLeads: {
		"id": FieldSourceID, "title": FieldCompany, "titel": FieldCompany, "owner": FieldOwner,
		"besitzer": FieldOwner, "source": FieldSource, "quelle": FieldSource,
	},
	KindContacts: {
		"id": FieldSourceID, "name": FieldFullName, "firstname": FieldFirstName, "vorname": FieldFirstName,
		"lastname": FieldLastName, "nachname": FieldLastName, "email": FieldEmail, "emailwork": FieldEmail,
		"emailhome": FieldEmail, "emailother": FieldEmail, "phone": FieldPhone, "phonework": FieldPhone,
		"phonehome": FieldPhone, "phoneother": FieldPhone, "phonemobile": FieldMobile, "telefon": FieldPhone,
		"jobtitle": FieldRole, "position": FieldRole, "organization": FieldCompany, "organisation": FieldCompany,
		"organizationid": FieldCompanyID, "organisationid": FieldCompanyID,
	},
	KindCompanies: {
		"id": FieldSourceID, "name": FieldCompany, "address": FieldStreet, "adresse": FieldStreet,
		"industry": FieldIndustry, "branche": FieldIndustry, "employees": FieldEmployees,
		"anzahlmitarbeiter": FieldEmployees, "numberofemployees": FieldEmployees,
	},
}

// headerKey folds a header name for lookups: composed Unicode, lower
// case, and only letters and digits, so "E-Mail-Adresse" is
// "emailadresse" and "FirstName" equals "First Name".
func headerKey(name string) string {
	folded := strings.ToLower(norm.NFC.String(strings.TrimPrefix(name, "\uFEFF")))

	var b strings.Builder
	for _, r := range folded {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}

	return b.String()
}

// splitPipedrive splits a Pipedrive column such as "Deal - Title" into
// the kind of its entity and the folded field name.
func splitPipedrive(name string) (Kind, string, bool) {
	entity, rest, found := strings.Cut(name, " - ")
	if !found {
		return "", "", false
	}

	kind, ok := pipedriveEntities[headerKey(entity)]
	if !ok {
		return "", "", false
	}

	return kind, headerKey(rest), true
}

// headerIndex is headerTable keyed by folded name.
var headerIndex = buildHeaderIndex()

// buildHeaderIndex lists each entry once per folded name, even when two
// of its names fold alike, as "Lead Status" and "Leadstatus" do, so a
// hint is not counted twice.
func buildHeaderIndex() map[string][]headerEntry {
	index := map[string][]headerEntry{}
	for i, e := range headerTable {
		seen := map[string]bool{}
		for _, name := range e.names {
			key := headerKey(name)
			if seen[key] {
				continue
			}
			seen[key] = true
			index[key] = append(index[key], headerTable[i])
		}
	}

	return index
}
