package mapping

import "testing"

// exportCase is the header line of one CRM export and the fields its
// columns must map to. Columns missing from want must map to nothing.
type exportCase struct {
	name   string
	header []string
	kind   Kind
	crm    CRM
	want   map[string]Field
}

// checkExports maps each header with kind detection and checks the kind,
// the CRM and the field of every column.
func checkExports(t *testing.T, cases []exportCase) {
	t.Helper()

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := Map(c.header, "")
			if err != nil {
				t.Fatalf("Map: %v", err)
			}

			if m.Kind != c.kind {
				t.Errorf("kind = %q, want %q", m.Kind, c.kind)
			}
			if m.CRM != c.crm {
				t.Errorf("CRM = %q, want %q", m.CRM, c.crm)
			}
			for _, col := range m.Columns {
				if want := c.want[col.Name]; col.Field != want {
					t.Errorf("column %q = %q, want %q", col.Name, col.Field, want)
				}
			}
		})
	}
}

// The headers below are cut from real exports in their original order,
// except the Zoho accounts and deals, which use Zoho's default labels.
// The comments of headerTable name where each was checked.

func TestMapHubSpotExports(t *testing.T) {
	checkExports(t, []exportCase{
		{"contacts", []string{"Record ID", "First Name", "Last Name", "Annual Revenue", "City", "Company Name",
			"Contact owner", "Country/Region", "Create Date", "Email", "Industry", "Job Title", "Lead Status",
			"Lifecycle Stage", "Mobile Phone Number", "Number of Employees", "Original Source", "Phone Number",
			"Postal Code", "State/Region", "Street Address", "Website URL", "Work email", "Associated Company",
			"Associated Deal", "Associated Company IDs"}, KindContacts, CRMHubSpot,
			map[string]Field{"Record ID": FieldSourceID, "First Name": FieldFirstName, "Last Name": FieldLastName,
				"Email": FieldEmail, "Job Title": FieldRole, "Mobile Phone Number": FieldMobile,
				"Phone Number": FieldPhone, "Company Name": FieldCompany,
				"Associated Company IDs": FieldCompanyID, "Create Date": FieldCreated}},
		{"older contacts", []string{"Contact ID", "First Name", "Last Name", "Associated Company ID", "Company Name",
			"Contact owner", "Lifecycle Stage", "Lead Status", "Email", "Phone Number", "Website URL"},
			KindContacts, CRMHubSpot,
			map[string]Field{"Contact ID": FieldSourceID, "First Name": FieldFirstName, "Last Name": FieldLastName,
				"Associated Company ID": FieldCompanyID, "Company Name": FieldCompany, "Email": FieldEmail,
				"Phone Number": FieldPhone}},
		{"contacts as leads", []string{"Record ID", "First Name", "Last Name", "Email", "Lead Status",
			"Original Source", "Website URL", "Street Address", "Contact owner"}, KindLeads, CRMHubSpot,
			map[string]Field{"Record ID": FieldSourceID, "First Name": FieldFirstName, "Last Name": FieldLastName,
				"Email": FieldEmail, "Lead Status": FieldStatus, "Original Source": FieldSource,
				"Website URL": FieldWebsite, "Street Address": FieldStreet, "Contact owner": FieldOwner}},
		{"deals", []string{"Record ID", "Deal Name", "Deal Stage", "Amount", "Deal owner", "Close Date",
			"Create Date", "Last Activity Date", "Associated Company", "Associated Company IDs"},
			KindOpportunities, CRMHubSpot,
			map[string]Field{"Record ID": FieldSourceID, "Deal Name": FieldTitle, "Deal Stage": FieldStage,
				"Amount": FieldAmount, "Deal owner": FieldOwner, "Close Date": FieldCloseDate,
				"Associated Company": FieldCompany, "Associated Company IDs": FieldCompanyID,
				"Create Date": FieldCreated}},
		{"companies", []string{"Record ID", "Company name", "Domain", "Company owner", "Industry",
			"Country/Region"}, KindCompanies, CRMHubSpot,
			map[string]Field{"Record ID": FieldSourceID, "Company name": FieldCompany, "Industry": FieldIndustry,
				"Country/Region": FieldCountry}},
	})
}

func TestMapPipedriveExports(t *testing.T) {
	checkExports(t, []exportCase{
		{"deals with people", []string{"Deal - Title", "Deal - Owner", "Person - Email - Work",
			"Person - Email - Home", "Person - Phone - Work", "Deal - Deal created", "Deal - ID", "Deal - Pipeline",
			"Deal - Source", "Deal - Stage", "Person - ID", "Person - Owner", "Organization - Name"},
			KindOpportunities, CRMPipedrive,
			map[string]Field{"Deal - Title": FieldTitle, "Deal - Owner": FieldOwner,
				"Person - Email - Work": FieldContactEmail, "Deal - ID": FieldSourceID, "Deal - Source": FieldSource,
				"Deal - Stage": FieldStage, "Organization - Name": FieldCompany}},
		{"people with organizations", []string{"Person - ID", "Person - Organization ID", "Person - Name",
			"Person - First name", "Person - Last name", "Person - Job title", "Person - Email - Work",
			"Person - Email - Home", "Person - Email - Other", "Person - Phone - Work", "Person - Phone - Mobile",
			"Person - Phone - Home", "Organization - Name", "Organization - Organization created"},
			KindContacts, CRMPipedrive,
			map[string]Field{"Person - ID": FieldSourceID, "Person - Organization ID": FieldCompanyID,
				"Person - Name": FieldFullName, "Person - First name": FieldFirstName,
				"Person - Last name": FieldLastName, "Person - Job title": FieldRole,
				"Person - Email - Work": FieldEmail, "Person - Phone - Work": FieldPhone,
				"Person - Phone - Mobile": FieldMobile, "Organization - Name": FieldCompany}},
		{"people alone", []string{"ID", "Name", "First name", "Last name", "Email - Work", "Email - Home",
			"Email - Other", "Phone - Work", "Phone - Home", "Phone - Mobile", "Organization"},
			KindContacts, CRMPipedrive,
			map[string]Field{"ID": FieldSourceID, "Name": FieldFullName, "First name": FieldFirstName,
				"Last name": FieldLastName, "Email - Work": FieldEmail, "Phone - Work": FieldPhone,
				"Phone - Mobile": FieldMobile, "Organization": FieldCompany}},
	})
}

func TestMapZohoExports(t *testing.T) {
	checkExports(t, []exportCase{
		{"leads", []string{"Record Id", "Lead Owner", "Company", "First Name", "Last Name", "Title", "Email",
			"Phone", "Mobile", "Website", "Lead Source", "Lead Status", "Industry", "No. of Employees",
			"Annual Revenue", "Rating", "Street", "City", "State", "Zip Code", "Country", "Description"},
			KindLeads, CRMZoho,
			map[string]Field{"Record Id": FieldSourceID, "Lead Owner": FieldOwner, "Company": FieldCompany,
				"First Name": FieldFirstName, "Last Name": FieldLastName, "Title": FieldRole, "Email": FieldEmail,
				"Phone": FieldPhone, "Mobile": FieldMobile, "Website": FieldWebsite, "Lead Source": FieldSource,
				"Lead Status": FieldStatus, "Industry": FieldIndustry, "No. of Employees": FieldEmployees,
				"Street": FieldStreet, "City": FieldCity, "Zip Code": FieldPostalCode, "Country": FieldCountry,
				"Description": FieldNotes}},
		{"accounts", []string{"Record Id", "Account Owner", "Account Name", "Phone", "Website", "Account Type",
			"Industry", "Employees", "Annual Revenue", "Billing Street", "Billing City", "Billing Code",
			"Billing Country"}, KindCompanies, CRMZoho,
			map[string]Field{"Record Id": FieldSourceID, "Account Name": FieldCompany, "Industry": FieldIndustry,
				"Employees": FieldEmployees, "Annual Revenue": FieldRevenue, "Billing Country": FieldCountry}},
		{"deals", []string{"Record Id", "Deal Owner", "Deal Name", "Amount", "Closing Date", "Account Name",
			"Stage", "Probability (%)", "Lead Source", "Contact Name"}, KindOpportunities, CRMZoho,
			map[string]Field{"Record Id": FieldSourceID, "Deal Owner": FieldOwner, "Deal Name": FieldTitle,
				"Amount": FieldAmount, "Closing Date": FieldCloseDate, "Account Name": FieldCompany,
				"Stage": FieldStage, "Probability (%)": FieldProbability, "Lead Source": FieldSource}},
	})
}

func TestMapOutlookExports(t *testing.T) {
	english := []string{"First Name", "Middle Name", "Last Name", "Title", "Suffix", "Nickname", "E-mail Address",
		"E-mail 2 Address", "Home Phone", "Business Phone", "Mobile Phone", "Job Title", "Department", "Company",
		"Business Street", "Business City", "Business Postal Code", "Business Country/Region", "Web Page", "Notes"}
	german := []string{"Anrede", "Vorname", "Weitere Vornamen", "Nachname", "Suffix", "Firma", "Abteilung",
		"Position", "Straße geschäftlich", "Ort geschäftlich", "Region geschäftlich", "Postleitzahl geschäftlich",
		"Land/Region geschäftlich", "Telefon geschäftlich", "Telefon privat", "Mobiltelefon", "E-Mail-Adresse",
		"E-Mail: Angezeigter Name", "E-Mail 2: Adresse", "Webseite"}

	checkExports(t, []exportCase{
		{"English", english, KindContacts, CRMOutlook,
			map[string]Field{"First Name": FieldFirstName, "Last Name": FieldLastName,
				"E-mail Address": FieldEmail, "Business Phone": FieldPhone, "Mobile Phone": FieldMobile,
				"Job Title": FieldRole, "Company": FieldCompany}},
		{"German", german, KindContacts, CRMOutlook,
			map[string]Field{"Vorname": FieldFirstName, "Nachname": FieldLastName, "Firma": FieldCompany,
				"Position": FieldRole, "Telefon geschäftlich": FieldPhone, "Mobiltelefon": FieldMobile,
				"E-Mail-Adresse": FieldEmail}},
	})
}

// TestMapOutlookAsLeads imports an Outlook file as leads, which keep the
// address and website that contacts do not store. Outlook's "Title" is a
// salutation such as "Dr.", never the role.
func TestMapOutlookAsLeads(t *testing.T) {
	header := []string{"Title", "First Name", "Last Name", "Job Title", "Company", "Business Street",
		"Business City", "Business Postal Code", "Business Country/Region", "E-mail Address", "Web Page"}

	m, err := Map(header, KindLeads)
	if err != nil {
		t.Fatal(err)
	}

	want := map[string]Field{"First Name": FieldFirstName, "Last Name": FieldLastName, "Job Title": FieldRole,
		"Company": FieldCompany, "Business Street": FieldStreet, "Business City": FieldCity,
		"Business Postal Code": FieldPostalCode, "Business Country/Region": FieldCountry,
		"E-mail Address": FieldEmail, "Web Page": FieldWebsite}
	for _, col := range m.Columns {
		if col.Field != want[col.Name] {
			t.Errorf("column %q = %q, want %q", col.Name, col.Field, want[col.Name])
		}
	}
}
