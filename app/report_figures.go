package app

import "sort"

// StageFigure is the total of one stage's open deals in one currency.
type StageFigure struct {
	// Stage is the zero Stage for open deals whose stage is not an open
	// stage of the pipeline.
	Stage Stage
	Count int
	// Amount and Weighted are sums in one currency. Weighted adds each
	// deal's [Money.Weighted] at its own probability.
	Amount   Money
	Weighted Money
}

// PipelineByStage sums the open deals of pipeline p per open stage, in
// stage order, and per currency in code order. A stage without deals gets
// one figure with Count 0 in the pipeline's currency, so every stage keeps
// its place in a chart. Open deals whose stage is not an open stage of p
// follow in figures with the zero Stage. Deals of other pipelines and
// closed deals are left out.
func PipelineByStage(p Pipeline, deals []DealFact) []StageFigure {
	stages := openStages(p)
	known := make(map[int64]bool, len(stages))
	for _, s := range stages {
		known[s.ID] = true
	}

	byStage := map[int64]map[string]*StageFigure{}
	for _, d := range deals {
		if d.PipelineID != p.ID || !d.Open() {
			continue
		}

		stageID := d.StageID
		if !known[stageID] {
			stageID = 0
		}
		addToStageFigure(byStage, stageID, d)
	}

	var out []StageFigure
	for _, s := range stages {
		figures := stageFiguresOf(byStage[s.ID], s)
		if len(figures) == 0 {
			figures = []StageFigure{{Stage: s, Amount: Money{Currency: p.Currency}, Weighted: Money{Currency: p.Currency}}}
		}
		out = append(out, figures...)
	}

	return append(out, stageFiguresOf(byStage[0], Stage{})...)
}

func addToStageFigure(byStage map[int64]map[string]*StageFigure, stageID int64, d DealFact) {
	currencies := byStage[stageID]
	if currencies == nil {
		currencies = map[string]*StageFigure{}
		byStage[stageID] = currencies
	}

	code := d.Amount.Currency
	f := currencies[code]
	if f == nil {
		f = &StageFigure{Amount: Money{Currency: code}, Weighted: Money{Currency: code}}
		currencies[code] = f
	}

	f.Count++
	f.Amount.Minor += d.Amount.Minor
	f.Weighted.Minor += d.Amount.Weighted(d.Probability).Minor
}

// stageFiguresOf returns the figures of one stage in currency order.
func stageFiguresOf(currencies map[string]*StageFigure, s Stage) []StageFigure {
	out := make([]StageFigure, 0, len(currencies))
	for _, f := range currencies {
		f.Stage = s
		out = append(out, *f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Amount.Currency < out[j].Amount.Currency })

	return out
}

// openStages returns p's open stages sorted by position, counting a stage
// without a kind as open.
func openStages(p Pipeline) []Stage {
	var out []Stage
	for _, s := range p.Stages {
		if s.Kind == StageOpen || s.Kind == "" {
			out = append(out, s)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Position < out[j].Position })

	return out
}

// MonthForecast is the forecast of one month in one currency.
type MonthForecast struct {
	// Month is the zero Month for open deals without a close date.
	Month    Month
	Currency string
	// Weighted adds each open deal's amount at its own probability,
	// rounded per deal as [Money.Weighted] does.
	Weighted Money
	// BestCase adds every open deal's full amount.
	BestCase Money
	// Committed adds the full amount of the open deals whose probability
	// is at least the commit threshold.
	Committed Money
	// Won adds the deals won in the month, by ClosedOn. Only the current
	// and past months have won deals.
	Won Money
	// OpenDeals and WonDeals count the deals behind the sums.
	OpenDeals int
	WonDeals  int
}

// ForecastByMonth sums deals per expected close month and currency over a
// window of pastMonths months before today's month, today's month, and
// futureMonths−1 months after it, so futureMonths counts today's month. A
// futureMonths below 1 counts as 1, and a negative pastMonths as 0.
//
// An open deal counts in the month of its close date, and an open deal
// whose close date has already passed counts in today's month, because it
// can still close from today on. Open deals without a close date follow
// the months in entries with the zero Month. Open deals closing after the
// window and won deals closed outside it are left out. A deal counts as
// committed when its probability is at least commitAt percent.
//
// The result has one entry per month of the window and currency seen in
// it, in month and then currency order, so a month without deals still
// has its place in a chart.
func ForecastByMonth(deals []DealFact, today Date, pastMonths, futureMonths, commitAt int) []MonthForecast {
	current := MonthOf(today)
	first := current.Add(-max(pastMonths, 0))
	last := current.Add(max(futureMonths, 1) - 1)

	sums := map[Month]map[string]*MonthForecast{}
	for _, d := range deals {
		month, ok := forecastMonth(d, current, first, last)
		if ok {
			addToForecast(sums, month, d, commitAt)
		}
	}

	codes := map[string]bool{}
	for _, byCurrency := range sums {
		for code := range byCurrency {
			codes[code] = true
		}
	}

	var out []MonthForecast
	for m := first; !last.Before(m); m = m.Add(1) {
		out = append(out, monthForecastsOf(sums[m], m, codes)...)
	}

	return append(out, monthForecastsOf(sums[Month{}], Month{}, nil)...)
}

// forecastMonth returns the month a deal counts in, and false when it
// counts in no month of the window from first to last.
func forecastMonth(d DealFact, current, first, last Month) (Month, bool) {
	switch {
	case d.Open() && d.CloseDate.IsZero():
		return Month{}, true
	case d.Open():
		m := MonthOf(d.CloseDate)
		if m.Before(current) {
			m = current
		}

		return m, !last.Before(m)
	case d.Won() && !d.ClosedOn.IsZero():
		m := MonthOf(d.ClosedOn)

		return m, !m.Before(first) && !current.Before(m)
	default:
		return Month{}, false
	}
}

func addToForecast(sums map[Month]map[string]*MonthForecast, m Month, d DealFact, commitAt int) {
	byCurrency := sums[m]
	if byCurrency == nil {
		byCurrency = map[string]*MonthForecast{}
		sums[m] = byCurrency
	}

	code := d.Amount.Currency
	f := byCurrency[code]
	if f == nil {
		f = newMonthForecast(m, code)
		byCurrency[code] = f
	}

	if d.Won() {
		f.WonDeals++
		f.Won.Minor += d.Amount.Minor

		return
	}

	f.OpenDeals++
	f.BestCase.Minor += d.Amount.Minor
	f.Weighted.Minor += d.Amount.Weighted(d.Probability).Minor
	if d.Probability >= commitAt {
		f.Committed.Minor += d.Amount.Minor
	}
}

func newMonthForecast(m Month, code string) *MonthForecast {
	zero := Money{Currency: code}

	return &MonthForecast{Month: m, Currency: code, Weighted: zero, BestCase: zero, Committed: zero, Won: zero}
}

// monthForecastsOf returns a month's entries in currency order: one per
// code in codes, or one per currency with deals when codes is nil.
func monthForecastsOf(byCurrency map[string]*MonthForecast, m Month, codes map[string]bool) []MonthForecast {
	if codes == nil {
		codes = map[string]bool{}
		for code := range byCurrency {
			codes[code] = true
		}
	}

	out := make([]MonthForecast, 0, len(codes))
	for code := range codes {
		f := byCurrency[code]
		if f == nil {
			f = newMonthForecast(m, code)
		}
		out = append(out, *f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Currency < out[j].Currency })

	return out
}
