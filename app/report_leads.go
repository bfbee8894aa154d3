package app

import (
	"sort"
	"strings"
)

// SourceConversion is how many leads of one source were converted into
// deals.
type SourceConversion struct {
	// Source is "" for leads without a source, for the UI to label.
	Source    string
	Leads     int
	Converted int
	// Rate is Converted ÷ Leads.
	Rate float64
}

// LeadsBySource counts the leads created in period per source, and how
// many of them are converted: their status is converted or they link to
// the deal they became. Rows come with the most leads first, then by
// source, and the row without a source last.
func LeadsBySource(leads []LeadFact, period Period) []SourceConversion {
	rows := map[string]*SourceConversion{}
	for _, l := range leads {
		if !period.Contains(l.CreatedOn) {
			continue
		}

		source := strings.TrimSpace(l.Source)
		r := rows[source]
		if r == nil {
			r = &SourceConversion{Source: source}
			rows[source] = r
		}

		r.Leads++
		if l.Status == LeadConverted || l.OpportunityID != 0 {
			r.Converted++
		}
	}

	out := make([]SourceConversion, 0, len(rows))
	for _, r := range rows {
		r.Rate = rate(r.Converted, r.Leads)
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool { return sourceBefore(out[i], out[j]) })

	return out
}

func sourceBefore(a, b SourceConversion) bool {
	if (a.Source == "") != (b.Source == "") {
		return b.Source == ""
	}
	if a.Leads != b.Leads {
		return a.Leads > b.Leads
	}

	return a.Source < b.Source
}
