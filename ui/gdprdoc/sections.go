package gdprdoc

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
	"leadwerk/gdprpdf"
	"leadwerk/ui/words"
)

func emptySection() string {
	return lang.X("gdpr.pdf.none", "Nothing stored.")
}

func joinName(first, last string) string {
	return strings.TrimSpace(first + " " + last)
}

func contactSection(d app.PersonalData, language string) gdprpdf.Section {
	s := gdprpdf.Section{Heading: lang.X("gdpr.section.contacts", "Contacts"), Empty: emptySection()}
	for _, c := range d.Contacts {
		fields := []gdprpdf.Field{
			{Label: lang.X("gdpr.field.company", "Company"), Value: c.Company},
			{Label: lang.X("gdpr.field.role", "Role"), Value: c.Role},
			{Label: lang.X("gdpr.field.email", "E-mail"), Value: c.Email},
			{Label: lang.X("gdpr.field.phone", "Phone"), Value: c.Phone},
			{Label: lang.X("gdpr.field.created", "Created"), Value: formatTime(c.CreatedAt, language)},
		}
		s.Entries = append(s.Entries, gdprpdf.Entry{Heading: joinName(c.FirstName, c.LastName),
			Fields: append(fields, privacyFields(c.Privacy, language)...)})
	}

	return s
}

func leadSection(d app.PersonalData, language string) gdprpdf.Section {
	s := gdprpdf.Section{Heading: lang.X("gdpr.section.leads", "Leads"), Empty: emptySection()}
	for _, l := range d.Leads {
		address := strings.TrimSpace(strings.Join([]string{l.Street, strings.TrimSpace(l.PostalCode + " " + l.City),
			l.Country}, ", "))
		fields := []gdprpdf.Field{
			{Label: lang.X("gdpr.field.company", "Company"), Value: l.Company},
			{Label: lang.X("gdpr.field.role", "Role"), Value: l.Role},
			{Label: lang.X("gdpr.field.email", "E-mail"), Value: l.Email},
			{Label: lang.X("gdpr.field.phone", "Phone"), Value: l.Phone},
			{Label: lang.X("gdpr.field.website", "Website"), Value: l.Website},
			{Label: lang.X("gdpr.field.address", "Address"), Value: strings.Trim(address, ", ")},
			{Label: lang.X("gdpr.field.source", "Source"), Value: words.LeadSource(l.Source)},
			{Label: lang.X("gdpr.field.status", "Status"), Value: words.LeadStatus(l.Status)},
			{Label: lang.X("gdpr.field.owner", "Owner"), Value: l.Owner},
			{Label: lang.X("gdpr.field.notes", "Notes"), Value: l.Notes},
			{Label: lang.X("gdpr.field.qualification", "Qualification notes"),
				Value: strings.Join(l.QualificationNotes, "\n")},
			{Label: lang.X("gdpr.field.created", "Created"), Value: formatTime(l.CreatedAt, language)},
		}
		s.Entries = append(s.Entries, gdprpdf.Entry{Heading: joinName(l.FirstName, l.LastName),
			Fields: append(fields, privacyFields(l.Privacy, language)...)})
	}

	return s
}

func dealSection(d app.PersonalData, language string) gdprpdf.Section {
	s := gdprpdf.Section{Heading: lang.X("gdpr.section.opportunities", "Opportunities as a contact"),
		Empty: emptySection()}
	for _, o := range d.Opportunities {
		s.Entries = append(s.Entries, gdprpdf.Entry{Heading: o.Title, Fields: []gdprpdf.Field{
			{Label: lang.X("gdpr.field.company", "Company"), Value: o.Company},
			{Label: lang.X("gdpr.field.stage", "Stage"), Value: o.Stage},
			{Label: lang.X("gdpr.field.amount", "Amount"),
				Value: app.FormatMoney(app.Money{Minor: o.AmountMinor, Currency: o.Currency}, language)},
			{Label: lang.X("gdpr.field.close_date", "Close date"), Value: formatDay(o.CloseDate, language)},
			{Label: lang.X("gdpr.field.deal_role", "Role in the deal"), Value: dealRole(o.Role)},
			{Label: lang.X("gdpr.field.primary", "Primary contact"), Value: yesNo(o.Primary)},
			{Label: lang.X("gdpr.field.notes", "Notes"), Value: o.Notes},
		}})
	}

	return s
}

func dealRole(r app.DealRole) string {
	switch r {
	case app.DealRoleDecisionMaker:
		return lang.X("gdpr.role.decision_maker", "decision maker")
	case app.DealRoleEconomicBuyer:
		return lang.X("gdpr.role.economic_buyer", "economic buyer")
	case app.DealRoleInfluencer:
		return lang.X("gdpr.role.influencer", "influencer")
	case app.DealRoleChampion:
		return lang.X("gdpr.role.champion", "champion")
	case app.DealRoleUser:
		return lang.X("gdpr.role.user", "user")
	case app.DealRoleGatekeeper:
		return lang.X("gdpr.role.gatekeeper", "gatekeeper")
	default:
		return string(r)
	}
}

func activitySection(d app.PersonalData, language string) gdprpdf.Section {
	s := gdprpdf.Section{Heading: lang.X("gdpr.section.activities", "Activities"), Empty: emptySection()}
	for _, a := range d.Activities {
		heading := strings.TrimSpace(words.ActivityKind(a.Kind) + ": " + a.Subject)
		s.Entries = append(s.Entries, gdprpdf.Entry{Heading: heading, Fields: []gdprpdf.Field{
			{Label: lang.X("gdpr.field.record", "Record"), Value: recordOf(a.LeadID, a.OpportunityID)},
			{Label: lang.X("gdpr.field.notes", "Notes"), Value: a.Notes},
			{Label: lang.X("gdpr.field.outcome", "Outcome"), Value: a.Outcome},
			{Label: lang.X("gdpr.field.due", "Due"), Value: formatTime(a.Due, language)},
			{Label: lang.X("gdpr.field.done", "Done"), Value: yesNo(a.Done)},
			{Label: lang.X("gdpr.field.created", "Created"), Value: formatTime(a.CreatedAt, language)},
		}})
	}

	return s
}

func recordOf(leadID, opportunityID int64) string {
	if opportunityID != 0 {
		return lang.X("gdpr.record.opportunity", "opportunity {{.ID}}",
			map[string]any{"ID": strconv.FormatInt(opportunityID, 10)})
	}

	return lang.X("gdpr.record.lead", "lead {{.ID}}", map[string]any{"ID": strconv.FormatInt(leadID, 10)})
}

func historySection(d app.PersonalData, language string) gdprpdf.Section {
	s := gdprpdf.Section{Heading: lang.X("gdpr.section.history", "History"), Empty: emptySection()}
	for _, h := range d.History {
		heading := historySource(h.Source) + " · " + formatTime(h.At, language)
		s.Entries = append(s.Entries, gdprpdf.Entry{Heading: heading, Fields: []gdprpdf.Field{
			{Label: lang.X("gdpr.field.record_id", "Record number"), Value: strconv.FormatInt(h.RecordID, 10)},
			{Label: lang.X("gdpr.field.field", "Field"), Value: h.Field},
			{Label: lang.X("gdpr.field.old", "Before"), Value: h.Old},
			{Label: lang.X("gdpr.field.new", "After"), Value: h.New},
		}})
	}

	return s
}

func historySource(source string) string {
	switch source {
	case app.HistoryLeadStatus:
		return lang.X("gdpr.history.lead_status", "Lead status change")
	case app.HistoryFieldChange:
		return lang.X("gdpr.history.field_change", "Opportunity field change")
	case app.HistoryMerge:
		return lang.X("gdpr.history.merge", "Merge of duplicates")
	case app.HistoryAudit:
		return lang.X("gdpr.history.audit", "Audit trail")
	case app.HistoryTrash:
		return lang.X("gdpr.history.trash", "Trash")
	default:
		return source
	}
}

func offerSection(d app.PersonalData, language string) gdprpdf.Section {
	s := gdprpdf.Section{Heading: lang.X("gdpr.section.offers", "Offers"), Empty: emptySection()}
	for _, o := range d.Offers {
		s.Entries = append(s.Entries, gdprpdf.Entry{Heading: o.Number, Fields: []gdprpdf.Field{
			{Label: lang.X("gdpr.field.record", "Record"), Value: recordOf(0, o.OpportunityID)},
			{Label: lang.X("gdpr.field.issued_on", "Issued on"), Value: formatDay(o.IssuedOn, language)},
			{Label: lang.X("gdpr.field.valid_until", "Valid until"), Value: formatDay(o.ValidUntil, language)},
			{Label: lang.X("gdpr.field.gross", "Gross"),
				Value: app.FormatMoney(app.Money{Minor: o.GrossMinor, Currency: o.Currency}, language)},
		}})
	}

	return s
}
