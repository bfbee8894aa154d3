package app

import (
	"cmp"
	"math/rand/v2"
	"slices"
)

// SimulationRuns is how many times [SimulateWonRevenue] plays out the
// open deals when the caller passes no count. With 10,000 runs the P10 and P90
// ranks rest on 1,000 runs beyond them each.
const SimulationRuns = 10_000

// SimulationSeed is the fixed seed of the simulation, so the same deals
// give the same range on every run and every machine.
const SimulationSeed uint64 = 1

// RevenueRange is the simulated won revenue of one currency: in 10 % of
// the runs it was at most P10, in half at most P50, in 90 % at most P90.
type RevenueRange struct {
	Currency      string
	P10, P50, P90 Money
}

// SimulateWonRevenue plays out deals runs times: in each run every deal is
// won with its probability and then brings its whole amount, or is lost.
// It returns the P10, P50 and P90 of the won revenue per currency, sorted
// by currency code, by the nearest-rank method. runs ≤ 0 takes
// [SimulationRuns] and seed 0 takes [SimulationSeed].
//
// The draws follow the order of deals and come from a PCG generator of
// math/rand/v2, so the same deals in the same order give the same result.
//
// NOTE: every deal is drawn independently. Deals that win or lose
// together, such as several with one customer, make the real range wider.
func SimulateWonRevenue(deals []DealFact, runs int, seed uint64) []RevenueRange {
	if runs <= 0 {
		runs = SimulationRuns
	}
	if seed == 0 {
		seed = SimulationSeed
	}

	currencies := currencyCodes(deals)
	column := map[string]int{}
	for i, code := range currencies {
		column[code] = i
	}

	totals := make([][]int64, len(currencies))
	for i := range totals {
		totals[i] = make([]int64, runs)
	}

	// Each deal's currency column is looked up once, outside the runs.
	columns := make([]int, len(deals))
	for i, d := range deals {
		columns[i] = column[d.Amount.Currency]
	}

	random := rand.New(rand.NewPCG(seed, seed))
	for run := range runs {
		for i, d := range deals {
			if random.IntN(100) < d.Probability {
				totals[columns[i]][run] += d.Amount.Minor
			}
		}
	}

	ranges := make([]RevenueRange, len(currencies))
	for i, code := range currencies {
		slices.Sort(totals[i])
		ranges[i] = RevenueRange{
			Currency: code,
			P10:      Money{Minor: nearestRank(totals[i], 10), Currency: code},
			P50:      Money{Minor: nearestRank(totals[i], 50), Currency: code},
			P90:      Money{Minor: nearestRank(totals[i], 90), Currency: code},
		}
	}

	return ranges
}

// currencyCodes returns the currencies of deals, sorted and without
// repeats.
func currencyCodes(deals []DealFact) []string {
	var codes []string
	for _, d := range deals {
		codes = append(codes, d.Amount.Currency)
	}
	slices.SortFunc(codes, cmp.Compare[string])

	return slices.Compact(codes)
}

// nearestRank returns the percentile of the sorted values: the smallest
// value that at least percent % of the values do not exceed.
func nearestRank(sorted []int64, percent int) int64 {
	rank := (len(sorted)*percent + 99) / 100

	return sorted[max(rank, 1)-1]
}
