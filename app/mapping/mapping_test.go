package mapping

import (
	"errors"
	"testing"

	"leadwerk/app"
)

func TestMapKnownExports(t *testing.T) {
	cases := []struct {
		name   string
		header []string
		kind   Kind
		crm    CRM
		want   map[string]Field
	}{
		{"salesforce opportunity", []string{"\uFEFFId", "IsDeleted", "AccountId", "Name", "StageName", "Amount",
			"Probability", "CloseDate", "LeadSource"}, KindOpportunities, CRMSalesforce,
			map[string]Field{"\uFEFFId": FieldSourceID, "AccountId": FieldCompanyID, "Name": FieldTitle,
				"StageName": FieldStage, "Amount": FieldAmount, "Probability": FieldProbability,
				"CloseDate": FieldCloseDate, "LeadSource": FieldSource}},
		{"salesforce report", []string{"Opportunity Name", "Account Name", "Stage", "Close Date", "Amount",
			"Opportunity Owner"}, KindOpportunities, CRMSalesforce,
			map[string]Field{"Opportunity Name": FieldTitle, "Account Name": FieldCompany, "Stage": FieldStage,
				"Close Date": FieldCloseDate, "Opportunity Owner": FieldOwner}},
		{"salesforce lead", []string{"Id", "LastName", "FirstName", "Name", "Title", "Company", "Email", "Status",
			"IsConverted", "NumberOfEmployees"}, KindLeads, CRMSalesforce,
			map[string]Field{"LastName": FieldLastName, "FirstName": FieldFirstName, "Name": FieldFullName,
				"Title": FieldRole, "Company": FieldCompany, "Status": FieldStatus, "NumberOfEmployees": FieldEmployees}},
		{"salesforce account", []string{"Id", "Name", "ParentId", "BillingCity", "ShippingCity", "Industry",
			"AnnualRevenue", "NumberOfEmployees"}, KindCompanies, CRMSalesforce,
			map[string]Field{"Name": FieldCompany, "Industry": FieldIndustry, "AnnualRevenue": FieldRevenue}},
		{"hubspot deals", []string{"Record ID", "Deal Name", "Deal Stage", "Amount", "Close Date", "Pipeline",
			"Deal owner", "Associated Company"}, KindOpportunities, CRMHubSpot,
			map[string]Field{"Record ID": FieldSourceID, "Deal Name": FieldTitle, "Deal Stage": FieldStage,
				"Deal owner": FieldOwner, "Associated Company": FieldCompany, "Pipeline": FieldIgnore}},
		{"hubspot contacts", []string{"Record ID", "First Name", "Last Name", "Email", "Phone Number",
			"Lifecycle Stage", "Associated Company"}, KindContacts, CRMHubSpot,
			map[string]Field{"Phone Number": FieldPhone, "Associated Company": FieldCompany, "Email": FieldEmail}},
		{"hubspot companies", []string{"Record ID", "Name", "Company Domain Name", "Industry",
			"Number of Employees"}, KindCompanies, CRMHubSpot,
			map[string]Field{"Name": FieldCompany, "Record ID": FieldSourceID, "Number of Employees": FieldEmployees}},
		{"pipedrive deals", []string{"Deal - ID", "Deal - Title", "Deal - Value", "Deal - Currency", "Deal - Stage",
			"Organization - Name", "Organization - ID", "Person - Email", "Person - Name"}, KindOpportunities,
			CRMPipedrive, map[string]Field{"Deal - ID": FieldSourceID, "Deal - Title": FieldTitle,
				"Deal - Value": FieldAmount, "Organization - Name": FieldCompany, "Organization - ID": FieldCompanyID,
				"Person - Email": FieldContactEmail, "Person - Name": FieldIgnore}},
		{"pipedrive german", []string{"Deal - Titel", "Deal - Wert", "Deal - Phase", "Organisation - Name"},
			KindOpportunities, CRMPipedrive, map[string]Field{"Deal - Titel": FieldTitle, "Deal - Wert": FieldAmount,
				"Deal - Phase": FieldStage, "Organisation - Name": FieldCompany}},
		{"pipedrive persons", []string{"Person - Name", "Person - Email", "Organization - Name"}, KindContacts,
			CRMPipedrive, map[string]Field{"Person - Name": FieldFullName, "Organization - Name": FieldCompany}},
		{"zoho leads", []string{"Record Id", "Lead Owner", "First Name", "Last Name", "Company", "Designation",
			"Lead Status", "No of Employees"}, KindLeads, CRMZoho,
			map[string]Field{"Designation": FieldRole, "Lead Owner": FieldOwner, "No of Employees": FieldEmployees}},
		{"zoho deals", []string{"Deal Id", "Deal Owner", "Deal Name", "Amount", "Stage", "Closing Date",
			"Account Name", "Probability (%)"}, KindOpportunities, CRMZoho,
			map[string]Field{"Closing Date": FieldCloseDate, "Account Name": FieldCompany,
				"Probability (%)": FieldProbability}},
		{"outlook english", []string{"Title", "First Name", "Middle Name", "Last Name", "Company", "Job Title",
			"Business Phone", "Mobile Phone", "E-mail Address"}, KindContacts, CRMOutlook,
			map[string]Field{"Title": FieldIgnore, "Job Title": FieldRole, "E-mail Address": FieldEmail,
				"Business Phone": FieldPhone}},
		{"outlook german", []string{"Anrede", "Vorname", "Weitere Vornamen", "Nachname", "Firma", "Position",
			"Telefon geschäftlich", "E-Mail-Adresse"}, KindContacts, CRMOutlook,
			map[string]Field{"Vorname": FieldFirstName, "Nachname": FieldLastName, "Firma": FieldCompany,
				"Telefon geschäftlich": FieldPhone, "E-Mail-Adresse": FieldEmail}},
		{"german hand-made", []string{"Vorname", "Nachname", "Firma", "E-Mail", "Telefon", "PLZ", "Ort"}, KindLeads,
			CRMNone, map[string]Field{"E-Mail": FieldEmail, "PLZ": FieldPostalCode, "Ort": FieldCity}},
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := Map(c.header, "")
			if err != nil {
				t.Fatal(err)
			}
			if m.Kind != c.kind {
				t.Errorf("kind = %q, want %q", m.Kind, c.kind)
			}
			if m.CRM != c.crm {
				t.Errorf("CRM = %q, want %q", m.CRM, c.crm)
			}
			for _, col := range m.Columns {
				if want, ok := c.want[col.Name]; ok && col.Field != want {
					t.Errorf("column %q maps to %q, want %q", col.Name, col.Field, want)
				}
			}
		})
	}
}

func TestMapUnknownKind(t *testing.T) {
	if _, err := Map([]string{"foo", "bar"}, ""); err == nil {
		t.Error("Map of unknown columns succeeded, want ErrUnknownKind")
	}
}

func TestMapKeepsOneColumnPerField(t *testing.T) {
	m, err := Map([]string{"Street", "Address"}, KindLeads)
	if err != nil {
		t.Fatal(err)
	}

	if m.Columns[0].Field != FieldStreet || m.Columns[1].Field != FieldIgnore {
		t.Errorf("columns = %+v, want only the first mapped to street", m.Columns)
	}
}

func TestMatchStage(t *testing.T) {
	stages := []app.Stage{
		{ID: 1, Name: "Prospecting", Kind: app.StageOpen}, {ID: 2, Name: "Angebot", Kind: app.StageOpen},
		{ID: 3, Name: "Abschluss", Kind: app.StageWon}, {ID: 4, Name: "Kein Auftrag", Kind: app.StageLost},
	}
	cases := []struct {
		name string
		want int64
	}{
		{"prospecting", 1}, {"  PROSPECTING ", 1}, {"Proposal/Price Quote", 2}, {"Closed Won", 3},
		{"Gewonnen", 3}, {"closed-lost", 4}, {"Verloren", 4},
	}
	for _, c := range cases {
		st, ok := MatchStage(c.name, stages)
		if !ok || st.ID != c.want {
			t.Errorf("MatchStage(%q) = %d, %v; want %d", c.name, st.ID, ok, c.want)
		}
	}

	if _, ok := MatchStage("Value Proposition", stages); ok {
		t.Error("MatchStage matched an unknown stage")
	}
}

func TestLeadStatusOf(t *testing.T) {
	cases := map[string]app.LeadStatus{
		"Open - Not Contacted": app.LeadNew, "Working - Contacted": app.LeadContacted,
		"Closed - Converted": app.LeadConverted, "Qualifiziert": app.LeadQualified, "whatever": app.LeadNew,
	}
	for text, want := range cases {
		if got := LeadStatusOf(text); got != want {
			t.Errorf("LeadStatusOf(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestMapRejectsActivities(t *testing.T) {
	headers := map[string][]string{
		"salesforce task": {"\uFEFFId", "WhoId", "WhatId", "Subject", "ActivityDate", "Status", "Priority",
			"OwnerId", "Description", "AccountId", "IsClosed", "CreatedDate", "CallDurationInSeconds", "TaskSubtype"},
		"salesforce event": {"Id", "WhoId", "WhatId", "Subject", "ActivityDateTime", "DurationInMinutes",
			"EventSubtype", "AccountId"},
		"pipedrive activities": {"Activity - Subject", "Activity - Type", "Activity - Due date", "Deal - Title",
			"Person - Name"},
	}

	for name, header := range headers {
		_, err := Map(header, "")
		if !errors.Is(err, ErrActivities) {
			t.Errorf("%s: Map error = %v, want ErrActivities", name, err)
		}
		if !errors.Is(err, ErrUnknownKind) {
			t.Errorf("%s: Map error = %v, want it to wrap ErrUnknownKind too", name, err)
		}
	}

	if _, err := Map(headers["salesforce task"], KindContacts); err != nil {
		t.Errorf("Map with the kind chosen: %v, want the columns mapped", err)
	}
}
