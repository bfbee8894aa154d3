package app

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// Rate is a share in basis points, hundredths of a percent: 10000 is
// 100 % and 2353 is 23.53 %. Whole basis points keep the lead-goal
// arithmetic exact, so a plan never asks for one lead more because of a
// binary fraction.
type Rate int

// FullRate is 100 %.
const FullRate Rate = 10000

// RateOf returns part ÷ whole rounded half up to whole basis points. It
// returns false when whole is not positive.
func RateOf(part, whole int) (Rate, bool) {
	if whole <= 0 {
		return 0, false
	}

	scaled := int64(part)*int64(FullRate) + int64(whole)/2

	return Rate(scaled / int64(whole)), true
}

// ParseRate reads a percentage with a dot and at most two decimals, such
// as "23.5" or "100", into a Rate. A trailing "%" is allowed. Errors wrap
// ErrInvalid.
func ParseRate(text string) (Rate, error) {
	s := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(text), "%"))
	whole, frac, hasFrac := strings.Cut(s, ".")
	if s == "" || whole == "" || (hasFrac && (frac == "" || len(frac) > 2)) {
		return 0, fmt.Errorf("rate %q is not a percentage with at most two decimals: %w", text, ErrInvalid)
	}

	digits := whole + frac + strings.Repeat("0", 2-len(frac))
	if strings.ContainsAny(digits, "+-") {
		return 0, fmt.Errorf("rate %q is not a percentage between 0 and 100: %w", text, ErrInvalid)
	}

	n, err := strconv.Atoi(digits)
	if err != nil {
		return 0, fmt.Errorf("rate %q is not a number: %w", text, ErrInvalid)
	}

	return Rate(n), nil
}

// Decimal formats the rate as a percentage with a dot and two decimals,
// without the percent sign, as in "23.50". ParseRate reads it back.
func (r Rate) Decimal() string {
	return fmt.Sprintf("%d.%02d", r/100, r%100)
}

// Fraction returns the rate as a fraction of one, such as 0.235, for a
// spreadsheet's percent cell.
func (r Rate) Fraction() float64 {
	return float64(r) / float64(FullRate)
}

// LeadGoalInputs are the figures a lead goal is computed from, each
// pre-filled from a LeadGoalHistory or typed by the person.
type LeadGoalInputs struct {
	// Target is the revenue to win in the period.
	Target Money
	// Months is the length of the period; 0 leaves LeadsPerMonth at 0.
	Months int
	// Share is the part of Target that this plan covers: FullRate for
	// all sources together, or one source's part.
	Share       Rate
	AverageDeal Money
	WinRate     Rate
	// LeadToOpportunity is the share of qualified leads that become a deal.
	LeadToOpportunity Rate
	// Qualification is the share of decided leads that get qualified.
	Qualification Rate
}

// LeadGoalPlan is how many deals and leads a target needs. Every count
// is rounded up to a whole deal or lead, and each step divides the
// rounded count of the step before, so 2.1 won deals need 3 and the
// opportunities are computed from those 3.
type LeadGoalPlan struct {
	// Target is Share of the whole target, rounded half up to the minor
	// unit. The counts below use the exact share.
	Target         Money
	WonDeals       int64
	Opportunities  int64
	QualifiedLeads int64
	Leads          int64
	// LeadsPerMonth is Leads ÷ Months rounded up; 0 when Months is 0.
	LeadsPerMonth int64
}

// Add returns the sum of two plans in the same currency, for the total
// over all sources.
func (p LeadGoalPlan) Add(q LeadGoalPlan) LeadGoalPlan {
	return LeadGoalPlan{
		Target:         Money{Minor: p.Target.Minor + q.Target.Minor, Currency: p.Target.Currency},
		WonDeals:       p.WonDeals + q.WonDeals,
		Opportunities:  p.Opportunities + q.Opportunities,
		QualifiedLeads: p.QualifiedLeads + q.QualifiedLeads,
		Leads:          p.Leads + q.Leads,
		LeadsPerMonth:  p.LeadsPerMonth + q.LeadsPerMonth,
	}
}

// PlanLeadGoal works back from the target to the leads needed:
// won deals = target × share ÷ average deal, opportunities = won deals ÷
// win rate, qualified leads = opportunities ÷ lead-to-opportunity rate,
// leads = qualified leads ÷ qualification rate, each rounded up to a
// whole number. A share of 0 needs nothing, whatever the other inputs
// are. Otherwise a missing or zero input returns a *LeadGoalError in
// place of a division by zero.
func PlanLeadGoal(in LeadGoalInputs) (LeadGoalPlan, error) {
	if err := checkLeadGoalInputs(in); err != nil {
		return LeadGoalPlan{}, err
	}

	full := big.NewInt(int64(FullRate))
	shareOfTarget := mul(big.NewInt(in.Target.Minor), big.NewInt(int64(in.Share)))
	plan := LeadGoalPlan{Target: Money{Minor: roundHalfUp(shareOfTarget, full).Int64(), Currency: in.Target.Currency}}
	if in.Share == 0 {
		return plan, nil
	}

	won := ceilDiv(shareOfTarget, mul(big.NewInt(in.AverageDeal.Minor), full))
	opportunities := ceilDiv(mul(won, full), big.NewInt(int64(in.WinRate)))
	qualified := ceilDiv(mul(opportunities, full), big.NewInt(int64(in.LeadToOpportunity)))
	leads := ceilDiv(mul(qualified, full), big.NewInt(int64(in.Qualification)))

	if !leads.IsInt64() {
		return LeadGoalPlan{}, &LeadGoalError{Field: GoalTarget, Problem: GoalTooLarge}
	}

	plan.WonDeals = won.Int64()
	plan.Opportunities = opportunities.Int64()
	plan.QualifiedLeads = qualified.Int64()
	plan.Leads = leads.Int64()
	if in.Months > 0 {
		plan.LeadsPerMonth = (plan.Leads + int64(in.Months) - 1) / int64(in.Months)
	}

	return plan, nil
}

// checkLeadGoalInputs returns the first input that makes a plan
// impossible, in the order the form lists them.
func checkLeadGoalInputs(in LeadGoalInputs) error {
	switch {
	case in.Target.Minor <= 0:
		return &LeadGoalError{Field: GoalTarget, Problem: GoalNotPositive}
	case in.Months < 0:
		return &LeadGoalError{Field: GoalMonths, Problem: GoalNotPositive}
	case in.Share < 0 || in.Share > FullRate:
		return &LeadGoalError{Field: GoalShare, Problem: GoalOutOfRange}
	case in.Share == 0:
		return nil
	case in.AverageDeal.Minor <= 0:
		return &LeadGoalError{Field: GoalAverageDeal, Problem: GoalNotPositive}
	case in.AverageDeal.Currency != in.Target.Currency:
		return &LeadGoalError{Field: GoalAverageDeal, Problem: GoalOtherCurrency}
	}

	rates := []struct {
		field LeadGoalField
		rate  Rate
	}{{GoalWinRate, in.WinRate}, {GoalLeadToOpportunity, in.LeadToOpportunity}, {GoalQualification, in.Qualification}}
	for _, r := range rates {
		if r.rate <= 0 {
			return &LeadGoalError{Field: r.field, Problem: GoalNotPositive}
		}
		if r.rate > FullRate {
			return &LeadGoalError{Field: r.field, Problem: GoalOutOfRange}
		}
	}

	return nil
}

func mul(a, b *big.Int) *big.Int { return new(big.Int).Mul(a, b) }

// ceilDiv returns a ÷ b rounded up, for a ≥ 0 and b > 0.
func ceilDiv(a, b *big.Int) *big.Int {
	q, r := new(big.Int).QuoRem(a, b, new(big.Int))
	if r.Sign() > 0 {
		q.Add(q, big.NewInt(1))
	}

	return q
}

// roundHalfUp returns a ÷ b rounded half up, for a ≥ 0 and b > 0.
func roundHalfUp(a, b *big.Int) *big.Int {
	half := new(big.Int).Rsh(b, 1)

	return new(big.Int).Quo(new(big.Int).Add(a, half), b)
}

// LeadGoalField names the input of a lead goal that a LeadGoalError is
// about.
type LeadGoalField string

// The inputs of a lead goal.
const (
	GoalTarget            LeadGoalField = "target"
	GoalMonths            LeadGoalField = "months"
	GoalShare             LeadGoalField = "share"
	GoalAverageDeal       LeadGoalField = "average deal"
	GoalWinRate           LeadGoalField = "win rate"
	GoalLeadToOpportunity LeadGoalField = "lead-to-opportunity rate"
	GoalQualification     LeadGoalField = "qualification rate"
)

// LeadGoalProblem is the reason an input of a lead goal is rejected.
type LeadGoalProblem string

// The problems an input of a lead goal can have.
const (
	// GoalNotPositive is a missing, zero or negative value that the plan
	// would divide by or that leaves nothing to plan.
	GoalNotPositive LeadGoalProblem = "must be above 0"
	// GoalOutOfRange is a rate above 100 % or below 0 %.
	GoalOutOfRange LeadGoalProblem = "must be between 0 % and 100 %"
	// GoalOtherCurrency is an average deal in another currency than the
	// target.
	GoalOtherCurrency LeadGoalProblem = "must be in the target's currency"
	// GoalTooLarge is a plan whose lead count does not fit in an int64.
	GoalTooLarge LeadGoalProblem = "needs more leads than can be counted"
)

// LeadGoalError is an input that makes a lead goal impossible. It wraps
// ErrInvalid.
type LeadGoalError struct {
	Field   LeadGoalField
	Problem LeadGoalProblem
}

func (e *LeadGoalError) Error() string {
	return fmt.Sprintf("lead goal: the %s %s", e.Field, e.Problem)
}

func (e *LeadGoalError) Unwrap() error { return ErrInvalid }
