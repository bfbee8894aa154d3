package xeducation

import (
	"errors"
	"io"
	"strings"

	"leadwerk/app"
)

// The header names of the columns that Load reads, spelled as in the file.
const (
	colProspectID     = "Prospect ID"
	colLeadNumber     = "Lead Number"
	colOrigin         = "Lead Origin"
	colSource         = "Lead Source"
	colDoNotEmail     = "Do Not Email"
	colDoNotCall      = "Do Not Call"
	colConverted      = "Converted"
	colVisits         = "TotalVisits"
	colTimeOnWebsite  = "Total Time Spent on Website"
	colPageViews      = "Page Views Per Visit"
	colLastActivity   = "Last Activity"
	colCountry        = "Country"
	colCity           = "City"
	colSpecialization = "Specialization"
	colOccupation     = "What is your current occupation"
	colHeardFrom      = "How did you hear about X Education"
	colTags           = "Tags"
	colLeadQuality    = "Lead Quality"
	colLeadProfile    = "Lead Profile"
)

// requiredColumns must be in the header. The other columns are optional
// and read as empty when absent.
var requiredColumns = []string{colProspectID, colLeadNumber, colOrigin, colSource, colConverted}

// noteColumns are copied into a lead's notes, one "column: value" line
// each, in this order, leaving out empty values. Leadwerk has no fields
// for them, but a salesperson reads them before a call.
var noteColumns = []string{
	colTags, colLeadQuality, colLeadProfile, colHeardFrom,
	colLastActivity, colVisits, colTimeOnWebsite, colPageViews,
}

// readLeads reads the lead file into leads, in file order, and unifies
// the spellings of their sources. Every Prospect ID must be unique.
func readLeads(path string) ([]app.Lead, error) {
	t, err := openTable(path, requiredColumns...)
	if err != nil {
		return nil, err
	}
	defer t.close()

	var leads []app.Lead
	lines := map[string]int{}
	for {
		r, err := t.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}

		l, err := parseLead(r)
		if err != nil {
			return nil, err
		}

		id := r.get(colProspectID)
		if first, dup := lines[id]; dup {
			return nil, r.errorf("%s %q is already used at line %d", colProspectID, id, first)
		}
		lines[id] = r.line
		leads = append(leads, l)
	}

	unifySources(leads)

	return leads, nil
}

// parseLead turns one row into a lead. The Lead Source is stored with
// its inner spaces collapsed, and [unifySources] settles its spelling
// later.
//
// Specialization, the course subject a lead chose, becomes the Industry
// and the occupation becomes the Persona, so that an ideal customer
// profile can weight them.
func parseLead(r row) (app.Lead, error) {
	id := r.get(colProspectID)
	if id == "" {
		return app.Lead{}, r.errorf("%s is empty", colProspectID)
	}

	number := r.get(colLeadNumber)
	if !isDigits(number) {
		return app.Lead{}, r.errorf("invalid %s %q, want digits", colLeadNumber, r.raw(colLeadNumber))
	}

	status, err := parseConverted(r)
	if err != nil {
		return app.Lead{}, err
	}

	notes, err := leadNotes(r)
	if err != nil {
		return app.Lead{}, err
	}

	return app.Lead{
		LastName:  "Lead " + number,
		City:      r.get(colCity),
		Country:   r.get(colCountry),
		Source:    strings.Join(strings.Fields(r.get(colSource)), " "),
		Origin:    r.get(colOrigin),
		Industry:  r.get(colSpecialization),
		Persona:   r.get(colOccupation),
		Notes:     notes,
		Status:    status,
		SourceRef: leadRef(id),
	}, nil
}

// parseConverted reads the Converted flag: 1 is [app.LeadConverted] and
// 0 is [app.LeadNew].
//
// NOTE: a converted lead from the file has no company, contact or
// opportunity behind it, so its conversion links stay 0.
func parseConverted(r row) (app.LeadStatus, error) {
	switch value := r.get(colConverted); value {
	case "1":
		return app.LeadConverted, nil
	case "0":
		return app.LeadNew, nil
	default:
		return "", r.errorf("invalid %s %q, want 0 or 1", colConverted, r.raw(colConverted))
	}
}

// leadNotes writes the Do Not Email and Do Not Call flags that are set,
// then the [noteColumns], one "column: value" line each.
func leadNotes(r row) (string, error) {
	var lines []string
	for _, column := range []string{colDoNotEmail, colDoNotCall} {
		set, err := parseYesNo(r, column)
		if err != nil {
			return "", err
		}
		if set {
			lines = append(lines, column+": Yes")
		}
	}

	for _, column := range noteColumns {
		if value := r.get(column); value != "" {
			lines = append(lines, column+": "+value)
		}
	}

	return strings.Join(lines, "\n"), nil
}

// parseYesNo reads a Yes or No column, ignoring case. An empty value is
// No.
func parseYesNo(r row, column string) (bool, error) {
	switch value := r.get(column); strings.ToLower(value) {
	case "yes":
		return true, nil
	case "no", "":
		return false, nil
	default:
		return false, r.errorf("invalid %s %q, want Yes or No", column, r.raw(column))
	}
}

// unifySources gives every lead the most common spelling of its source
// among the spellings that differ only in case, so "google" becomes
// "Google". On a tie the spelling that comes first in the file wins.
//
// Sources keep the file's channel names, such as "Direct Traffic",
// "Olark Chat" or "Reference", and none is mapped to a Source constant of
// [app]. The file does not say what its channels mean, so no mapping
// would be certain.
func unifySources(leads []app.Lead) {
	counts := map[string]int{}
	for _, l := range leads {
		counts[l.Source]++
	}

	spelling := map[string]string{}
	for _, l := range leads {
		key := strings.ToLower(l.Source)
		if best, ok := spelling[key]; !ok || counts[l.Source] > counts[best] {
			spelling[key] = l.Source
		}
	}

	for i := range leads {
		leads[i].Source = spelling[strings.ToLower(leads[i].Source)]
	}
}

// isDigits reports whether s is a non-empty string of ASCII digits.
func isDigits(s string) bool {
	if s == "" {
		return false
	}

	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}

	return true
}
