package app

// ForecastMonthSum is the sum of the deals of one stage kind, month,
// currency and probability. A store computes it in SQL, so that the
// forecast by month reads a few hundred sums in place of every deal.
type ForecastMonthSum struct {
	StageKind StageKind
	// Month is the month of an open deal's close date or of a won deal's
	// ClosedOn, and the zero Month when that date is missing.
	Month       Month
	Currency    string
	Probability int
	Deals       int
	// Amount adds the deals' amounts in minor units.
	Amount int64
	// Weighted adds each deal's amount at Probability, rounded per deal
	// as [Money.Weighted] does, in minor units.
	Weighted int64
}

// ForecastByMonthOfSums returns what [ForecastByMonth] returns for the
// deals that sums add up, with the same window, rules and order.
func ForecastByMonthOfSums(sums []ForecastMonthSum, today Date, pastMonths, futureMonths,
	commitAt int) []MonthForecast {
	current := MonthOf(today)
	first := current.Add(-max(pastMonths, 0))
	last := current.Add(max(futureMonths, 1) - 1)

	totals := map[Month]map[string]*MonthForecast{}
	for _, s := range sums {
		month, ok := forecastMonthOfSum(s, current, first, last)
		if ok {
			addSumToForecast(totals, month, s, commitAt)
		}
	}

	codes := map[string]bool{}
	for _, byCurrency := range totals {
		for code := range byCurrency {
			codes[code] = true
		}
	}

	var out []MonthForecast
	for m := first; !last.Before(m); m = m.Add(1) {
		out = append(out, monthForecastsOf(totals[m], m, codes)...)
	}

	return append(out, monthForecastsOf(totals[Month{}], Month{}, nil)...)
}

// forecastMonthOfSum applies the rules of forecastMonth to a sum.
func forecastMonthOfSum(s ForecastMonthSum, current, first, last Month) (Month, bool) {
	fact := DealFact{StageKind: s.StageKind}
	if !s.Month.IsZero() {
		fact.CloseDate = s.Month.First()
		fact.ClosedOn = s.Month.First()
	}

	return forecastMonth(fact, current, first, last)
}

func addSumToForecast(totals map[Month]map[string]*MonthForecast, m Month, s ForecastMonthSum, commitAt int) {
	byCurrency := totals[m]
	if byCurrency == nil {
		byCurrency = map[string]*MonthForecast{}
		totals[m] = byCurrency
	}

	f := byCurrency[s.Currency]
	if f == nil {
		f = newMonthForecast(m, s.Currency)
		byCurrency[s.Currency] = f
	}

	if s.StageKind == StageWon {
		f.WonDeals += s.Deals
		f.Won.Minor += s.Amount

		return
	}

	f.OpenDeals += s.Deals
	f.BestCase.Minor += s.Amount
	f.Weighted.Minor += s.Weighted
	if s.Probability >= commitAt {
		f.Committed.Minor += s.Amount
	}
}
