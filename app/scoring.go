package app

import (
	"fmt"
	"strings"
	"time"
)

// ScoreReason is one term of a lead's score, such as +25 points for a
// confirmed budget. Code names the rule for translation; Detail carries
// a value the words need, such as the matched industry.
type ScoreReason struct {
	Points int
	Code   string
	Detail string
}

// The score reason codes.
const (
	ReasonFit             = "fit"
	ReasonBudgetConfirmed = "budget_confirmed"
	ReasonBudgetIndicated = "budget_indicated"
	ReasonBudgetNone      = "budget_none"
	ReasonDecisionMaker   = "decision_maker"
	ReasonInfluencer      = "influencer"
	ReasonUser            = "user"
	ReasonNeedPriority    = "need_priority"
	ReasonTimeframe       = "timeframe"
	ReasonNoTimeframe     = "no_timeframe"
	ReasonEngagement      = "engagement"
)

// Score limits. Fit, BANT and engagement add up to at most 100 points.
const (
	maxFitPoints        = 20
	maxEngagementPoints = 10
	pointsPerActivity   = 2
	// EngagementWindow is how far back activities count for engagement.
	EngagementWindow = 30 * 24 * time.Hour
)

// ScoreInput is everything a lead's score depends on.
type ScoreInput struct {
	Lead Lead
	// Qualification is the newest BANT assessment, or nil.
	Qualification *Qualification
	Profile       IdealCustomerProfile
	// RecentActivities counts the lead's activities within
	// EngagementWindow before now.
	RecentActivities int
}

// ScoreLead returns a score from 0 to 100 and the reasons that make it
// up, largest first as computed: fit to the ideal customer profile (up
// to 20), BANT (up to 70) and engagement (up to 10).
func ScoreLead(in ScoreInput) (int, []ScoreReason) {
	var reasons []ScoreReason
	if fit, matched := fitPoints(in.Lead, in.Profile); fit > 0 {
		reasons = append(reasons, ScoreReason{Points: fit, Code: ReasonFit, Detail: strings.Join(matched, ", ")})
	}

	if in.Qualification != nil {
		reasons = append(reasons, bantReasons(*in.Qualification)...)
	}

	if n := in.RecentActivities; n > 0 {
		points := min(n*pointsPerActivity, maxEngagementPoints)
		reasons = append(reasons, ScoreReason{Points: points, Code: ReasonEngagement, Detail: fmt.Sprint(n)})
	}

	total := 0
	for _, r := range reasons {
		total += r.Points
	}

	return max(0, min(100, total)), reasons
}

// bantReasons returns the points of a qualification's answers: budget
// up to 25, authority up to 20, need up to 10, time up to 15.
func bantReasons(q Qualification) []ScoreReason {
	var reasons []ScoreReason
	add := func(points int, code, detail string) {
		reasons = append(reasons, ScoreReason{Points: points, Code: code, Detail: detail})
	}

	switch q.Budget {
	case BudgetConfirmed:
		add(25, ReasonBudgetConfirmed, "")
	case BudgetIndicated:
		add(10, ReasonBudgetIndicated, "")
	case BudgetNone:
		add(-15, ReasonBudgetNone, "")
	}

	switch q.Authority {
	case DecisionMaker:
		add(20, ReasonDecisionMaker, "")
	case Influencer:
		add(10, ReasonInfluencer, "")
	case User:
		add(5, ReasonUser, "")
	}

	if q.NeedPriority > 0 {
		add(2*min(q.NeedPriority, maxNeedPriority), ReasonNeedPriority, fmt.Sprint(q.NeedPriority))
	}

	switch q.Timeframe {
	case TimeUnder1Month:
		add(15, ReasonTimeframe, string(q.Timeframe))
	case Time1To3Months:
		add(10, ReasonTimeframe, string(q.Timeframe))
	case Time3To6Months:
		add(5, ReasonTimeframe, string(q.Timeframe))
	case Time6To12Months:
		add(2, ReasonTimeframe, string(q.Timeframe))
	case TimeframeUnknown, TimeframeUnset:
		add(-10, ReasonNoTimeframe, "")
	}

	return reasons
}

// fitPoints scales the weights of the matched profile criteria to at
// most 20 points and returns the matched values.
func fitPoints(l Lead, p IdealCustomerProfile) (int, []string) {
	dimensions := []struct {
		value    string
		criteria []ProfileCriterion
	}{
		{l.Industry, p.Industries},
		{string(l.SizeBand), p.SizeBands},
		{l.Region, p.Regions},
		{l.Persona, p.Personas},
	}

	possible, matched := 0, 0
	var values []string
	for _, d := range dimensions {
		best, hit := 0, ""
		for _, c := range d.criteria {
			best = max(best, c.Weight)
			if d.value != "" && strings.EqualFold(strings.TrimSpace(c.Value), strings.TrimSpace(d.value)) && c.Weight > 0 {
				hit = d.value
				matched += c.Weight
			}
		}
		possible += best
		if hit != "" {
			values = append(values, hit)
		}
	}

	if possible == 0 {
		return 0, nil
	}

	return (matched*maxFitPoints + possible/2) / possible, values
}

// TemperatureFor returns the temperature a score earns.
func TemperatureFor(score int, t ScoreThresholds) Temperature {
	switch {
	case score >= t.Hot:
		return Hot
	case score >= t.Warm:
		return Warm
	default:
		return Cold
	}
}

// ValidateThresholds checks that 0 ≤ warm < hot ≤ 100.
func ValidateThresholds(t ScoreThresholds) error {
	if t.Warm < 0 || t.Hot > 100 || t.Warm >= t.Hot {
		return fmt.Errorf("thresholds warm %d and hot %d must satisfy 0 ≤ warm < hot ≤ 100: %w", t.Warm, t.Hot, ErrInvalid)
	}

	return nil
}

// FormatPoints writes a score term with its sign, as "+25" or "−10" with
// a real minus sign.
func FormatPoints(points int) string {
	if points < 0 {
		return fmt.Sprintf("−%d", -points)
	}

	return fmt.Sprintf("+%d", points)
}
