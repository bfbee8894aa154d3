package app

import (
	"cmp"
	"math/bits"
	"slices"
)

// DefaultLookBackMonths is how many months of closed deals the historical
// rates learn from unless the caller chooses otherwise.
const DefaultLookBackMonths = 12

// ForecastOptions choose what a forecast covers.
type ForecastOptions struct {
	// Period selects the open deals whose close date falls in it.
	Period Period
	// Today places overdue deals: an open deal whose close date has
	// passed counts in the period that contains Today, because it may
	// still close there.
	Today Date
	// Window selects the closed deals that the historical rates learn
	// from, by the day they closed.
	Window Period
	// Runs and Seed set the simulation; zero takes [SimulationRuns] and
	// [SimulationSeed].
	Runs int
	Seed uint64
}

// CurrencyForecast is the forecast of one currency's won revenue in a
// period.
type CurrencyForecast struct {
	Currency string
	// Deals counts the open deals expected to close in the period.
	Deals int
	// Weighted is the sum of each deal's amount times its probability,
	// which is its stage's default unless set by hand.
	Weighted Money
	// Historical is the sum of each deal's amount times its stage's
	// historical rate, or the stage's default probability where the
	// stage has too few closed deals.
	Historical Money
	// Range is the simulated spread of the won revenue.
	Range RevenueRange
}

// Forecast is a period's forecast with the rates it used.
type Forecast struct {
	Period Period
	Window Period
	// Rates has one entry per pipeline, in the order given.
	Rates []PipelineRates
	// Currencies is sorted by currency code.
	Currencies []CurrencyForecast
}

// ForecastPeriod forecasts the won revenue per currency of the open deals
// of pipelines that are expected to close in o.Period. It weights them by
// their probabilities and by the historical stage rates learned from the
// deals closed within o.Window, and simulates their range. Deals of other
// pipelines are ignored, and so are open deals without a close date,
// because no period contains them.
func ForecastPeriod(pipelines []Pipeline, deals []DealFact, o ForecastOptions) Forecast {
	forecast := Forecast{Period: o.Period, Window: o.Window}
	ratesByPipeline := map[int64]PipelineRates{}
	for _, p := range pipelines {
		rates := HistoricalRates(p, deals, o.Window)
		forecast.Rates = append(forecast.Rates, rates)
		ratesByPipeline[p.ID] = rates
	}

	var expected []DealFact
	for _, d := range deals {
		if _, ok := ratesByPipeline[d.PipelineID]; ok && ExpectedToClose(d, o.Period, o.Today) {
			expected = append(expected, d)
		}
	}

	forecast.Currencies = sumForecasts(expected, ratesByPipeline)
	ranges := SimulateWonRevenue(expected, o.Runs, o.Seed)
	for i := range forecast.Currencies {
		forecast.Currencies[i].Range = ranges[i]
	}

	return forecast
}

// ExpectedToClose reports whether the open deal d is expected to close in
// period: its close date falls in it, or the date has passed and period
// contains today.
func ExpectedToClose(d DealFact, period Period, today Date) bool {
	if !d.Open() || d.CloseDate.IsZero() {
		return false
	}

	if period.Contains(d.CloseDate) {
		return true
	}

	return d.CloseDate.Before(today) && period.Contains(today)
}

// sumForecasts adds up the weighted and historical forecasts of deals
// per currency, sorted by currency code.
func sumForecasts(deals []DealFact, rates map[int64]PipelineRates) []CurrencyForecast {
	byCurrency := map[string]*CurrencyForecast{}
	for _, d := range deals {
		code := d.Amount.Currency
		f, ok := byCurrency[code]
		if !ok {
			f = &CurrencyForecast{Currency: code, Weighted: Money{Currency: code}, Historical: Money{Currency: code}}
			byCurrency[code] = f
		}

		f.Deals++
		f.Weighted.Minor += d.Amount.Weighted(d.Probability).Minor
		f.Historical.Minor += historicalWeighted(d, rates[d.PipelineID]).Minor
	}

	out := make([]CurrencyForecast, 0, len(byCurrency))
	for _, f := range byCurrency {
		out = append(out, *f)
	}
	slices.SortFunc(out, func(a, b CurrencyForecast) int { return cmp.Compare(a.Currency, b.Currency) })

	return out
}

// historicalWeighted returns d's amount times the historical rate of its
// stage, rounded half away from zero to the minor unit. A stage with too
// few closed deals gives its default probability, and a deal outside the
// open stages of its pipeline gives its own probability.
func historicalWeighted(d DealFact, rates PipelineRates) Money {
	rate, ok := rates.rateFor(d.StageID)
	switch {
	case !ok:
		return d.Amount.Weighted(d.Probability)
	case !rate.Enough():
		return d.Amount.Weighted(rate.Stage.Probability)
	default:
		return Money{Minor: mulDivRound(d.Amount.Minor, int64(rate.Won), int64(rate.Reached)), Currency: d.Amount.Currency}
	}
}

// mulDivRound returns amount × numerator ÷ denominator rounded half away
// from zero, exact for every int64 amount because the product is kept in
// 128 bits. numerator must lie from 0 to denominator, and denominator must
// be positive.
func mulDivRound(amount, numerator, denominator int64) int64 {
	negative := amount < 0
	magnitude := uint64(amount)
	if negative {
		magnitude = -magnitude
	}

	high, low := bits.Mul64(magnitude, uint64(numerator))
	quotient, remainder := bits.Div64(high, low, uint64(denominator))
	if remainder >= uint64(denominator)-remainder {
		quotient++
	}

	if negative {
		return -int64(quotient)
	}

	return int64(quotient)
}
