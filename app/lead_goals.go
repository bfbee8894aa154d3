package app

import (
	"cmp"
	"slices"
)

// LeadGoalHistory is the count of the firm's past deals and leads for one
// lead source, or for all sources together, in one currency. Each rate
// comes with the counts it is computed from, so a person can judge how
// far to trust it.
type LeadGoalHistory struct {
	// Source is the lead source; it is "" for the history of all sources.
	Source string

	// WonAmount is the sum of the won deals in the history's currency,
	// and WonDeals is their number. Won deals in other currencies are
	// left out, because amounts of different currencies never add up.
	WonAmount Money
	WonDeals  int

	// Won counts the won deals and Closed the won or lost deals, in every
	// currency, because a win rate does not depend on the currency.
	Won    int
	Closed int

	// Converted counts the leads that became an opportunity (status
	// converted), Qualified the leads at qualified or later (qualified,
	// handed over or converted), and Decided the leads whose
	// qualification is decided (qualified or later, or disqualified).
	// Leads that are new, contacted or in nurturing count in none.
	Converted int
	Qualified int
	Decided   int
}

// AverageDeal returns the average won deal: WonAmount ÷ WonDeals,
// rounded half away from zero to the minor unit. It returns false when no
// deal was won in the currency.
func (h LeadGoalHistory) AverageDeal() (Money, bool) {
	if h.WonDeals == 0 {
		return Money{}, false
	}

	n := int64(h.WonDeals)
	minor := h.WonAmount.Minor
	half := n / 2
	if minor < 0 {
		half = -half
	}

	return Money{Minor: (minor + half) / n, Currency: h.WonAmount.Currency}, true
}

// WinRate returns won ÷ closed deals. It returns false when no deal is
// closed.
func (h LeadGoalHistory) WinRate() (Rate, bool) {
	return RateOf(h.Won, h.Closed)
}

// LeadToOpportunityRate returns converted ÷ qualified-or-later leads. A
// lead that is qualified or handed over but not yet converted lowers the
// rate, so a young history understates it.
func (h LeadGoalHistory) LeadToOpportunityRate() (Rate, bool) {
	return RateOf(h.Converted, h.Qualified)
}

// QualificationRate returns qualified-or-later ÷ decided leads.
//
// NOTE: a lead stores only its current status, so a lead disqualified
// after it was qualified counts as never qualified.
func (h LeadGoalHistory) QualificationRate() (Rate, bool) {
	return RateOf(h.Qualified, h.Decided)
}

// LeadGoalHistoryOf counts the history of all deals and leads, with the
// average won deal in currency.
func LeadGoalHistoryOf(deals []DealFact, leads []LeadFact, currency string) LeadGoalHistory {
	h := LeadGoalHistory{WonAmount: Money{Currency: currency}}
	for _, d := range deals {
		h.addDeal(d)
	}

	for _, l := range leads {
		h.addLead(l)
	}

	return h
}

// LeadGoalHistoryBySource counts the history per lead source, with the
// average won deal in currency. It returns one entry per source that a
// deal or lead names, the largest won amount first and then by name.
// Deals and leads without a source are left out, because no lead goal
// can be set for them.
func LeadGoalHistoryBySource(deals []DealFact, leads []LeadFact, currency string) []LeadGoalHistory {
	bySource := map[string]*LeadGoalHistory{}
	entry := func(source string) *LeadGoalHistory {
		h, ok := bySource[source]
		if !ok {
			h = &LeadGoalHistory{Source: source, WonAmount: Money{Currency: currency}}
			bySource[source] = h
		}
		return h
	}

	for _, d := range deals {
		if d.Source != "" {
			entry(d.Source).addDeal(d)
		}
	}

	for _, l := range leads {
		if l.Source != "" {
			entry(l.Source).addLead(l)
		}
	}

	list := make([]LeadGoalHistory, 0, len(bySource))
	for _, h := range bySource {
		list = append(list, *h)
	}

	slices.SortFunc(list, func(a, b LeadGoalHistory) int {
		return cmp.Or(cmp.Compare(b.WonAmount.Minor, a.WonAmount.Minor), cmp.Compare(a.Source, b.Source))
	})

	return list
}

func (h *LeadGoalHistory) addDeal(d DealFact) {
	if d.Won() {
		h.Won++
	}

	if !d.Open() {
		h.Closed++
	}

	if d.Won() && d.Amount.Currency == h.WonAmount.Currency {
		h.WonAmount.Minor += d.Amount.Minor
		h.WonDeals++
	}
}

func (h *LeadGoalHistory) addLead(l LeadFact) {
	switch l.Status {
	case LeadConverted:
		h.Converted++
		h.Qualified++
		h.Decided++
	case LeadQualified, LeadHandedOver:
		h.Qualified++
		h.Decided++
	case LeadDisqualified:
		h.Decided++
	}
}

// TargetShares splits the whole target over the sources in proportion
// to their won amount, so each source is asked for the part of the
// revenue it brought before. Where no deal names a source, as when deals
// were entered without one, it splits by converted leads. The shares add
// up to exactly FullRate: each source gets its share rounded down, and
// the basis points left over go to the largest remainders. All shares
// are 0 when neither split has anything to go by.
func TargetShares(histories []LeadGoalHistory) []Rate {
	weights := make([]int64, len(histories))
	for i, h := range histories {
		weights[i] = max(h.WonAmount.Minor, 0)
	}

	if sumWeights(weights) == 0 {
		for i, h := range histories {
			weights[i] = int64(h.Converted)
		}
	}

	return splitByWeight(weights)
}

// splitByWeight splits FullRate by the largest remainder method.
func splitByWeight(weights []int64) []Rate {
	shares := make([]Rate, len(weights))
	total := sumWeights(weights)
	if total == 0 {
		return shares
	}

	remainders := make([]int64, len(weights))
	left := FullRate
	for i, w := range weights {
		scaled := w * int64(FullRate)
		shares[i] = Rate(scaled / total)
		remainders[i] = scaled % total
		left -= shares[i]
	}

	order := make([]int, len(weights))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(remainders[b], remainders[a]) })

	for _, i := range order[:left] {
		shares[i]++
	}

	return shares
}

func sumWeights(values []int64) int64 {
	var total int64
	for _, v := range values {
		total += v
	}

	return total
}

// WonCurrencies returns the currencies of the won deals, the one with
// the most won deals first and ties by code.
func WonCurrencies(deals []DealFact) []string {
	counts := map[string]int{}
	for _, d := range deals {
		if d.Won() && d.Amount.Currency != "" {
			counts[d.Amount.Currency]++
		}
	}

	codes := make([]string, 0, len(counts))
	for code := range counts {
		codes = append(codes, code)
	}

	slices.SortFunc(codes, func(a, b string) int {
		return cmp.Or(cmp.Compare(counts[b], counts[a]), cmp.Compare(a, b))
	})

	return codes
}
