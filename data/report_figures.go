package data

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"leadwerk/app"
)

// sourceCountRow is one group of [Store.LeadsBySource]'s query.
type sourceCountRow struct {
	Source    string
	Leads     int
	Converted int
}

// LeadsBySource returns the figures of [app.LeadsBySource] over every
// lead, summed in SQL so that the printed report does not load each lead.
// A lead counts in period by the UTC day of its created_at, as in
// [Store.LeadFacts]. The query compares created_at as text, which orders
// the stored UTC timestamps by time, so it reads only the period's part of
// the leads_created index.
func (s *Store) LeadsBySource(ctx context.Context, period app.Period) ([]app.SourceConversion, error) {
	if period.Days() == 0 {
		return []app.SourceConversion{}, nil
	}

	// Sources are grouped as stored and trimmed in Go, because SQLite's
	// trim() removes only spaces and strings.TrimSpace all white space.
	const query = `SELECT source,
		COUNT(*) AS leads,
		SUM(CASE WHEN status = ? OR COALESCE(converted_opportunity_id, 0) != 0 THEN 1 ELSE 0 END) AS converted
	FROM leads
	WHERE created_at >= ? AND created_at < ?
	GROUP BY source`

	from := period.From.String()
	dayAfter := app.DateOf(time.Date(period.To.Year, period.To.Month, period.To.Day+1, 0, 0, 0, 0, time.UTC)).String()
	var rows []sourceCountRow
	err := s.db.WithContext(ctx).Raw(query, string(app.LeadConverted), from, dayAfter).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("count leads by source: %w", err)
	}

	return mergeSources(rows), nil
}

// mergeSources adds up the groups whose sources differ only in the white
// space around them and orders the rows as [app.LeadsBySource] does.
func mergeSources(rows []sourceCountRow) []app.SourceConversion {
	merged := map[string]*app.SourceConversion{}
	for _, row := range rows {
		source := strings.TrimSpace(row.Source)
		total := merged[source]
		if total == nil {
			total = &app.SourceConversion{Source: source}
			merged[source] = total
		}
		total.Leads += row.Leads
		total.Converted += row.Converted
	}

	out := make([]app.SourceConversion, 0, len(merged))
	for _, total := range merged {
		total.Rate = float64(total.Converted) / float64(total.Leads)
		out = append(out, *total)
	}
	sort.Slice(out, func(i, j int) bool { return sourceBefore(out[i], out[j]) })

	return out
}

// sourceBefore orders the rows with the most leads first, then by source,
// and the row without a source last.
func sourceBefore(a, b app.SourceConversion) bool {
	if (a.Source == "") != (b.Source == "") {
		return b.Source == ""
	}
	if a.Leads != b.Leads {
		return a.Leads > b.Leads
	}

	return a.Source < b.Source
}
