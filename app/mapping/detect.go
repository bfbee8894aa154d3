package mapping

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"leadwerk/app"
)

// ErrUnknownKind means the header names tell neither people, companies
// nor deals apart, so the person has to choose the kind.
var ErrUnknownKind = errors.New("the kind of records is not recognized")

// ErrActivities means the header is that of activities, such as a
// Salesforce Task.csv or a Pipedrive activity export, which no import
// kind takes. Errors that wrap it also wrap [ErrUnknownKind], so a caller
// that lets the person choose the kind still can.
var ErrActivities = errors.New("the file contains activities, not leads, contacts, companies or opportunities")

// Column is one column of a file and the field it fills.
type Column struct {
	// Name is the header cell as tabular reads it.
	Name string
	// Field is the import field, or FieldIgnore.
	Field Field
}

// Mapping is the meaning of each column of a file.
type Mapping struct {
	Kind Kind
	// CRM is the program that exported the file, or CRMNone.
	CRM     CRM
	Columns []Column
}

// Field returns the index of the column mapped to f, or -1.
func (m Mapping) Field(f Field) int {
	return slices.IndexFunc(m.Columns, func(c Column) bool { return c.Field == f })
}

// Map detects the CRM and, when kind is "", the kind of a file from its
// header names, and maps every known column. A field is filled by one
// column only: a CRM's own header wins over a generic one, and otherwise
// the leftmost column wins. It wraps [ErrUnknownKind] and [app.ErrInvalid]
// when kind is "" and the header announces no kind, and [ErrActivities]
// when kind is "" and the header is that of activities.
func Map(header []string, kind Kind) (Mapping, error) {
	crm := detectCRM(header)
	if kind == "" && isActivityHeader(header) {
		return Mapping{}, fmt.Errorf("columns %q: %w: %w: %w", header, ErrActivities, ErrUnknownKind, app.ErrInvalid)
	}
	if kind == "" {
		kind = detectKind(header, crm)
	}
	if kind == "" {
		return Mapping{}, fmt.Errorf("columns %q: %w: %w", header, ErrUnknownKind, app.ErrInvalid)
	}

	m := Mapping{Kind: kind, CRM: crm, Columns: make([]Column, len(header))}
	specific := map[Field]bool{}
	for i, name := range header {
		m.Columns[i].Name = name
		field, own := resolve(name, kind, crm)
		if field == FieldIgnore {
			continue
		}

		taken := m.Field(field)
		switch {
		case taken < 0:
			m.Columns[i].Field, specific[field] = field, own
		case own && !specific[field]:
			m.Columns[taken].Field = FieldIgnore
			m.Columns[i].Field, specific[field] = field, true
		}
	}

	return m, nil
}

// detectCRM returns the CRM with the most header names of its own, which
// no generic entry knows, or CRMNone. Pipedrive's "Deal - Title" columns
// count for Pipedrive.
func detectCRM(header []string) CRM {
	counts := map[CRM]int{}
	for _, name := range header {
		if _, _, ok := splitPipedrive(name); ok {
			counts[CRMPipedrive]++
			continue
		}

		entries := headerIndex[headerKey(name)]
		if slices.ContainsFunc(entries, func(e headerEntry) bool { return e.crm == CRMNone }) {
			continue
		}

		seen := map[CRM]bool{}
		for _, e := range entries {
			if !seen[e.crm] {
				counts[e.crm]++
				seen[e.crm] = true
			}
		}
	}

	best, most := CRMNone, 0
	for _, crm := range []CRM{CRMSalesforce, CRMHubSpot, CRMPipedrive, CRMZoho, CRMOutlook} {
		if counts[crm] > most {
			best, most = crm, counts[crm]
		}
	}

	return best
}

// pipedriveWeights makes a deal export with person and organization
// columns a deal file, and a person export with organization columns a
// contact file.
var pipedriveWeights = map[Kind]int{KindOpportunities: 4, KindLeads: 4, KindContacts: 2, KindCompanies: 1}

// detectKind adds up the kinds that the header names announce. Without
// any, a file with names or e-mails is a lead file and a file with a
// company column a company file. It returns "" when nothing fits.
func detectKind(header []string, crm CRM) Kind {
	score := map[Kind]int{}
	fields := map[Field]bool{}
	for _, name := range header {
		if entity, _, ok := splitPipedrive(name); ok {
			score[entity] += pipedriveWeights[entity]
			continue
		}

		for _, e := range headerIndex[headerKey(name)] {
			if e.crm == crm || e.crm == CRMNone {
				fields[e.field] = true
				if e.hint != "" {
					score[e.hint]++
				}
			}
		}
	}

	best, most := Kind(""), 0
	for _, k := range Kinds() {
		if score[k] > most {
			best, most = k, score[k]
		}
	}

	switch {
	case best != "":
		return best
	case fields[FieldFirstName] || fields[FieldLastName] || fields[FieldFullName] || fields[FieldEmail]:
		return KindLeads
	case fields[FieldCompany]:
		return KindCompanies
	}

	return ""
}

// resolve returns the field of one header name in a file of kind and
// crm, and whether the entry is the CRM's own.
func resolve(name string, kind Kind, crm CRM) (Field, bool) {
	if entity, key, ok := splitPipedrive(name); ok {
		field := pipedriveField(kind, entity, key)
		if !HasField(kind, field) {
			field = FieldIgnore
		}

		return field, true
	}

	var generic Field
	for _, e := range headerIndex[headerKey(name)] {
		if crm != CRMNone && e.crm == crm && e.field == FieldIgnore && e.kinds == nil {
			return FieldIgnore, true
		}
		if e.field == FieldIgnore || !HasField(kind, e.field) || (e.kinds != nil && !slices.Contains(e.kinds, kind)) {
			continue
		}

		if crm != CRMNone && e.crm == crm {
			return e.field, true
		}
		if e.crm == CRMNone && generic == FieldIgnore {
			generic = e.field
		}
	}

	return generic, false
}

// pipedriveField maps a Pipedrive column of entity in a file of kind.
// Columns of the file's own entity map by name; in other files the
// organization's name and id link the company, and a person's e-mail
// links a deal's contact.
func pipedriveField(kind, entity Kind, key string) Field {
	switch {
	case entity == kind:
		return pipedriveFields[entity][key]
	case entity == KindCompanies && key == "name":
		return FieldCompany
	case entity == KindCompanies && key == "id" && HasField(kind, FieldCompanyID):
		return FieldCompanyID
	case entity == KindContacts && kind == KindOpportunities && pipedriveFields[entity][key] == FieldEmail:
		return FieldContactEmail
	}

	return FieldIgnore
}

// activityKeys are folded header names that only activity exports have:
// Salesforce's Task and Event objects link the record by WhoId and
// WhatId, and calls and meetings have a type and duration.
var activityKeys = map[string]bool{
	"whoid": true, "whatid": true, "activitydate": true, "activitydatetime": true, "tasksubtype": true,
	"eventsubtype": true, "calldurationinseconds": true, "durationinminutes": true, "activitytype": true,
	"aktivitätstyp": true, "tasktype": true, "aufgabentyp": true,
}

// isActivityHeader reports whether two or more columns are activity
// columns, or Pipedrive's "Activity - " columns are.
func isActivityHeader(header []string) bool {
	count := 0
	for _, name := range header {
		entity, _, found := strings.Cut(name, " - ")
		pipedrive := found && (headerKey(entity) == "activity" || headerKey(entity) == "aktivität")
		if pipedrive || activityKeys[headerKey(name)] {
			count++
		}
	}

	return count >= 2
}
