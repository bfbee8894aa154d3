package app

import (
	"context"
	"strings"
	"time"
)

// QualityGap names one kind of missing or doubtful data that the
// data-quality view counts.
type QualityGap string

// The gaps of leads, which the lead list can filter by, and of contacts.
// A text field counts as missing when it is empty or contains only
// spaces, tabs and line breaks.
const (
	GapMissingEmail    QualityGap = "missing_email"
	GapMissingPhone    QualityGap = "missing_phone"
	GapMissingIndustry QualityGap = "missing_industry"
	GapMissingSizeBand QualityGap = "missing_size_band"
	GapMissingRegion   QualityGap = "missing_region"
	GapMissingPersona  QualityGap = "missing_persona"
	// GapNoQualification is a lead without a qualification, or whose
	// newest qualification answers none of the four BANT questions.
	GapNoQualification QualityGap = "no_qualification"
	// GapPartialQualification is a lead whose newest qualification
	// answers one, two or three of the four BANT questions.
	GapPartialQualification QualityGap = "partial_qualification"
	// GapLikelyDuplicate is a lead that [IsLikelyDuplicate] matches with
	// at least one other stored lead.
	GapLikelyDuplicate QualityGap = "likely_duplicate"
	// GapNoActivity is an open lead whose newest activity or, without
	// any, whose creation is older than the filter's IdleSince.
	GapNoActivity QualityGap = "no_activity"

	GapContactMissingEmail QualityGap = "contact_missing_email"
	GapContactMissingPhone QualityGap = "contact_missing_phone"
)

// DefaultIdleDays is the number of days without activity after which the
// data-quality view counts an open lead as idle, until the person picks
// another number.
const DefaultIdleDays = 30

// leadGaps are the gaps of leads in the order the view lists them.
var leadGaps = []QualityGap{
	GapMissingEmail, GapMissingPhone,
	GapMissingIndustry, GapMissingSizeBand, GapMissingRegion, GapMissingPersona,
	GapNoQualification, GapPartialQualification,
	GapLikelyDuplicate, GapNoActivity,
}

// contactGaps are the gaps of contacts in the order the view lists them.
var contactGaps = []QualityGap{GapContactMissingEmail, GapContactMissingPhone}

// LeadGaps returns the gaps that the lead list can filter by, in the
// order of the data-quality view.
func LeadGaps() []QualityGap {
	return append([]QualityGap(nil), leadGaps...)
}

// IsLeadGap reports whether g is a gap of leads, so that a
// [LeadQualityFilter] can select the leads behind its count.
func (g QualityGap) IsLeadGap() bool {
	for _, lead := range leadGaps {
		if g == lead {
			return true
		}
	}

	return false
}

// LeadQualityFilter keeps the leads that have one data-quality gap. The
// zero value keeps all leads.
type LeadQualityFilter struct {
	// Gap is a gap for which IsLeadGap is true. A contact gap, or one
	// that Leadwerk does not know, keeps no lead.
	Gap QualityGap
	// IdleSince is the cut-off of GapNoActivity, which other gaps
	// ignore. The store compares it in UTC.
	IdleSince time.Time
}

// IsSet reports whether f filters at all.
func (f LeadQualityFilter) IsSet() bool {
	return f.Gap != ""
}

// IdleCutoff returns the time that lies the given number of days before
// now, the cut-off of GapNoActivity.
func IdleCutoff(now time.Time, days int) time.Time {
	return now.AddDate(0, 0, -days)
}

// BANTAnswers returns how many of the four BANT questions q answers. The
// need counts as answered when its text or its priority is given. An
// explicit "unknown" budget or timeframe counts as an answer, because the
// question was asked.
func BANTAnswers(q Qualification) int {
	answered := 0
	if q.Budget != "" {
		answered++
	}
	if q.Authority != "" {
		answered++
	}
	if strings.TrimSpace(q.Need) != "" || q.NeedPriority > 0 {
		answered++
	}
	if q.Timeframe != TimeframeUnset {
		answered++
	}

	return answered
}

// DataQuality contains the counts of the data-quality view.
type DataQuality struct {
	Leads     int
	OpenLeads int
	Contacts  int
	// IdleSince is the cut-off that the GapNoActivity count used.
	IdleSince time.Time
	// Counts contains the number of leads or contacts with each gap. A gap
	// that is missing from the map counts 0.
	Counts map[QualityGap]int
}

// QualityFigure is one row of the data-quality view: how many leads or
// contacts have a gap, out of how many.
type QualityFigure struct {
	Gap   QualityGap
	Count int
	// Total is the number that Count is a share of: all leads, the open
	// leads for GapNoActivity, or all contacts.
	Total int
}

// Share returns Count as a percentage of Total, rounded half up to one
// decimal, and 0 when Total is 0.
func (f QualityFigure) Share() float64 {
	return SharePercent(f.Count, f.Total)
}

// SharePercent returns count as a percentage of total, rounded half up to
// one decimal, such as 33.3 for 1 of 3. It returns 0 when total is 0 or
// less, and for a negative count.
func SharePercent(count, total int) float64 {
	if total <= 0 || count <= 0 {
		return 0
	}

	// Integer tenths of a percent round exactly, where a float product
	// such as 0.1235 * 1000 may fall on either side of the half.
	tenths := (int64(count)*1000 + int64(total)/2) / int64(total)

	return float64(tenths) / 10
}

// LeadFigures returns one figure per lead gap, in the order of the view.
func (d DataQuality) LeadFigures() []QualityFigure {
	figures := make([]QualityFigure, 0, len(leadGaps))
	for _, gap := range leadGaps {
		total := d.Leads
		if gap == GapNoActivity {
			total = d.OpenLeads
		}
		figures = append(figures, QualityFigure{Gap: gap, Count: d.Counts[gap], Total: total})
	}

	return figures
}

// ContactFigures returns one figure per contact gap, in the order of the
// view.
func (d DataQuality) ContactFigures() []QualityFigure {
	figures := make([]QualityFigure, 0, len(contactGaps))
	for _, gap := range contactGaps {
		figures = append(figures, QualityFigure{Gap: gap, Count: d.Counts[gap], Total: d.Contacts})
	}

	return figures
}

// Filter returns the lead filter that selects the leads behind the
// count of gap, with d's cut-off for GapNoActivity.
func (d DataQuality) Filter(gap QualityGap) LeadQualityFilter {
	f := LeadQualityFilter{Gap: gap}
	if gap == GapNoActivity {
		f.IdleSince = d.IdleSince
	}

	return f
}

// DataQualityService counts the gaps in the stored leads and contacts.
type DataQualityService interface {
	// DataQuality counts every gap with a few aggregate queries in one
	// read transaction. An open lead counts as idle when its newest
	// activity, or its creation without any, is before idleSince. For
	// each lead gap, CountLeads with LeadQuery.Quality set to
	// [DataQuality.Filter] returns the same count.
	DataQuality(ctx context.Context, idleSince time.Time) (DataQuality, error)
}
