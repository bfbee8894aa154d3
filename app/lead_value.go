package app

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// MinSimilarWonDeals is the minimum number of won deals of a lead's own
// source that a lead value averages over. With fewer, the average of all
// won deals stands in, because the mean of two or three deals swings with
// any single one of them.
const MinSimilarWonDeals = 5

// WonDeal is one won deal as the lead value sees it: its amount and the
// lead source it came from, "" when unknown.
type WonDeal struct {
	Source string
	Amount Money
}

// DealSizes holds the won deals that lead values average over: all of
// them and those of each lead source, in one currency.
type DealSizes struct {
	// Currency is the currency that most won deals are in, the first in
	// alphabetical order on a tie. Won deals in other currencies are left
	// out, because amounts of different currencies never add up. It is ""
	// when no deal is won.
	Currency string
	all      dealSum
	bySource map[string]dealSum
}

// dealSum is the sum of n won deals in minor units.
type dealSum struct {
	minor int64
	n     int
}

func (s *dealSum) add(minor int64) {
	s.minor += minor
	s.n++
}

// NewDealSizes sums deals per lead source, comparing sources without
// regard to case and surrounding spaces.
func NewDealSizes(deals []WonDeal) DealSizes {
	d := DealSizes{Currency: mostCommonCurrency(deals), bySource: map[string]dealSum{}}
	for _, deal := range deals {
		if deal.Amount.Currency != d.Currency {
			continue
		}

		d.all.add(deal.Amount.Minor)
		if source := sourceKey(deal.Source); source != "" {
			sum := d.bySource[source]
			sum.add(deal.Amount.Minor)
			d.bySource[source] = sum
		}
	}

	return d
}

func mostCommonCurrency(deals []WonDeal) string {
	counts := map[string]int{}
	for _, d := range deals {
		counts[d.Amount.Currency]++
	}

	currencies := make([]string, 0, len(counts))
	for c := range counts {
		currencies = append(currencies, c)
	}
	slices.SortFunc(currencies, func(a, b string) int {
		return cmp.Or(cmp.Compare(counts[b], counts[a]), cmp.Compare(a, b))
	})

	if len(currencies) == 0 {
		return ""
	}

	return currencies[0]
}

func sourceKey(source string) string {
	return strings.ToLower(strings.TrimSpace(source))
}

// WonDeals returns how many won deals the sizes count, all of them in
// Currency.
func (d DealSizes) WonDeals() int { return d.all.n }

// similar returns the won deals a lead of source is compared with: those
// of its source when there are at least MinSimilarWonDeals, else all. A
// lead without a source is compared with all won deals.
func (d DealSizes) similar(source string) (sum dealSum, bySource bool) {
	if s, ok := d.bySource[sourceKey(source)]; ok && s.n >= MinSimilarWonDeals {
		return s, true
	}

	return d.all, false
}

// AverageDealFor returns the average won deal of leads like those from
// source, rounded half away from zero to the minor unit. bySource is true
// when the average is of the source's own won deals, false when it falls
// back to all won deals. ok is false when no deal is won.
func (d DealSizes) AverageDealFor(source string) (average Money, bySource, ok bool) {
	sum, bySource := d.similar(source)
	if sum.n == 0 {
		return Money{}, false, false
	}

	minor := math.Round(float64(sum.minor) / float64(sum.n))

	return Money{Minor: int64(minor), Currency: d.Currency}, bySource, true
}

// LeadValue returns a lead's expected value: chance, from 0 to 1, times
// the average won deal of similar leads. The value is rounded half away
// from zero to the minor unit once, from the unrounded average. ok is
// false when no deal is won, so no value can be given.
func (d DealSizes) LeadValue(source string, chance float64) (value Money, ok bool) {
	sum, _ := d.similar(source)
	if sum.n == 0 {
		return Money{}, false
	}

	minor := math.Round(chance * float64(sum.minor) / float64(sum.n))

	return Money{Minor: int64(minor), Currency: d.Currency}, true
}

// LeadChance returns the conversion chance, from 0 to 1, that a lead's
// value is computed from: the learned probability when there is one,
// else the rule-based score ÷ 100. learned reports which.
func LeadChance(score int, predicted *float64) (chance float64, learned bool) {
	if predicted != nil {
		return *predicted, true
	}

	return float64(score) / 100, false
}
