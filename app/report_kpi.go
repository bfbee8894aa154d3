package app

import "math/big"

// KPIs are the sales figures of one period. Amounts come one entry per
// currency in code order, because amounts of different currencies are
// never added.
type KPIs struct {
	Period Period
	// Won and Lost count the deals closed in the period, by ClosedOn.
	Won, Lost int
	// WinRate is Won ÷ (Won + Lost), 0 when no deal closed in the period.
	WinRate float64
	// AverageWon is the mean amount of the deals won in the period,
	// rounded half away from zero to the minor unit. WonCounts holds the
	// number of won deals behind each entry, at the same index.
	AverageWon []Money
	WonCounts  []int
	// AverageCycleDays is the mean number of days from CreatedOn to
	// ClosedOn of the deals won in the period. CycleDeals counts the won
	// deals with both dates, and AverageCycleDays is 0 when there are none.
	AverageCycleDays float64
	CycleDeals       int
	// OpenDeals counts the deals open at the end of the period: created
	// on or before its last day and not closed by then.
	OpenDeals int
	// Velocity is the revenue the pipeline is expected to win per day,
	// per currency of AverageWon: open deals in that currency × WinRate ×
	// AverageWon ÷ AverageCycleDays. It is computed from the unrounded
	// averages and rounded half away from zero to the minor unit. It is
	// empty when no deal was won or the won deals' cycles add up to 0 days.
	Velocity []Money
}

// KPIComparison holds a period's figures beside those of the period of
// the same length just before it.
type KPIComparison struct {
	Current  KPIs
	Previous KPIs
}

// Compare computes the figures of period and of [Period.Previous] from
// the same deals.
func Compare(deals []DealFact, period Period) KPIComparison {
	return KPIComparison{
		Current:  kpisOf(deals, period),
		Previous: kpisOf(deals, period.Previous()),
	}
}

// kpiSums are the integer sums behind a period's KPIs.
type kpiSums struct {
	won, lost      int
	wonMinor       currencySums
	wonCount       map[string]int
	cycleDays      int64
	cycleDeals     int
	openDeals      int
	openByCurrency map[string]int
}

func kpisOf(deals []DealFact, period Period) KPIs {
	sums := kpiSums{wonMinor: currencySums{}, wonCount: map[string]int{}, openByCurrency: map[string]int{}}
	for _, d := range deals {
		sums.add(d, period)
	}

	k := KPIs{
		Period: period, Won: sums.won, Lost: sums.lost,
		WinRate:    rate(sums.won, sums.won+sums.lost),
		CycleDeals: sums.cycleDeals, OpenDeals: sums.openDeals,
	}
	if sums.cycleDeals > 0 {
		k.AverageCycleDays = float64(sums.cycleDays) / float64(sums.cycleDeals)
	}

	for _, code := range sums.wonMinor.codes() {
		count := int64(sums.wonCount[code])
		average := divideRounded(big.NewInt(sums.wonMinor[code]), big.NewInt(count))
		k.AverageWon = append(k.AverageWon, Money{Minor: average, Currency: code})
		k.WonCounts = append(k.WonCounts, int(count))

		if sums.cycleDays > 0 {
			k.Velocity = append(k.Velocity, sums.velocity(code))
		}
	}

	return k
}

func (s *kpiSums) add(d DealFact, period Period) {
	if openAtEnd(d, period) {
		s.openDeals++
		s.openByCurrency[d.Amount.Currency]++
	}

	if d.Open() || !period.Contains(d.ClosedOn) {
		return
	}

	if d.Lost() {
		s.lost++

		return
	}

	s.won++
	s.wonMinor.add(d.Amount)
	s.wonCount[d.Amount.Currency]++
	if !d.CreatedOn.IsZero() {
		s.cycleDays += int64(max(daysBetween(d.CreatedOn, d.ClosedOn), 0))
		s.cycleDeals++
	}
}

// velocity returns open × (won ÷ closed) × (wonMinor ÷ wonCount) ÷
// (cycleDays ÷ cycleDeals) for one currency in exact integers.
func (s *kpiSums) velocity(code string) Money {
	num := product(int64(s.openByCurrency[code]), int64(s.won), s.wonMinor[code], int64(s.cycleDeals))
	den := product(int64(s.won+s.lost), int64(s.wonCount[code]), s.cycleDays)

	return Money{Minor: divideRounded(num, den), Currency: code}
}

// openAtEnd reports whether d was open on the period's last day: created
// by then and not closed by then. A deal without CreatedOn counts as
// created before the period, and a closed deal without ClosedOn as closed
// before it.
func openAtEnd(d DealFact, period Period) bool {
	if period.empty() {
		return false
	}

	if !d.CreatedOn.IsZero() && dateBefore(period.To, d.CreatedOn) {
		return false
	}

	return d.Open() || (!d.ClosedOn.IsZero() && dateBefore(period.To, d.ClosedOn))
}
