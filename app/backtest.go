package app

import (
	"maps"
	"slices"
	"time"
)

// BacktestRow compares the forecasts of one period and currency, made
// from the pipeline as it stood on the period's first day, with the
// revenue actually won in the period.
type BacktestRow struct {
	Period   Period
	Currency string
	// OpenDeals counts the deals open on the period's first day.
	OpenDeals int
	// Defaults is the forecast by the stages' default probabilities.
	Defaults Money
	// Historical is the forecast by the rates learned from the deals
	// closed before the period.
	Historical Money
	// Range is the simulated won revenue of the open deals at their
	// default probabilities.
	Range RevenueRange
	// Actual is the revenue won in the period, by deals open at its start
	// and by deals that entered the pipeline during it.
	Actual Money
	// ActualFromOpen is the part of Actual won by the deals open at the
	// period's start, the only deals the forecasts could see.
	ActualFromOpen Money
	// Rates are the historical rates the period's forecast used.
	Rates PipelineRates
}

// QuartersOf returns the four calendar quarters of year.
func QuartersOf(year int) []Period {
	quarters := make([]Period, 4)
	for i := range quarters {
		first := Month{Year: year, Month: time.Month(3*i + 1)}
		quarters[i] = Period{From: first.First(), To: first.Add(2).Last()}
	}

	return quarters
}

// Backtest replays batch's deals and, for each period, forecasts the won
// revenue from the pipeline as it stood on the period's first day, with
// rates learned from the deals closed in the lookBackMonths months
// before. It returns one row per period and currency, in period order.
//
// A deal's stage and amount on a day are those of the last stage change
// before that day. Every deal open on the first day is forecast to close
// within the period, because an export records only the day a deal
// actually closed, and using that day would give the forecast knowledge
// of the outcome. A deal whose history has no dated stage change, such as
// a Maven deal still in Prospecting, is left out, because the day it
// entered the pipeline is unknown.
func Backtest(batch ImportBatch, periods []Period, lookBackMonths int) []BacktestRow {
	pipeline := numberStages(batch.Pipeline)
	timelines := dealTimelines(pipeline, batch.Opportunities)

	var rows []BacktestRow
	for _, period := range periods {
		rows = append(rows, backtestPeriod(pipeline, timelines, period, lookBackMonths)...)
	}

	return rows
}

// backtestPeriod returns the rows of one period, sorted by currency.
func backtestPeriod(p Pipeline, timelines []dealTimeline, period Period, lookBackMonths int) []BacktestRow {
	var deals []DealFact
	for _, t := range timelines {
		if d, ok := t.asOf(period.From); ok {
			deals = append(deals, d)
		}
	}

	window := Period{From: MonthOf(period.From).Add(-lookBackMonths).First(), To: addDays(period.From, -1)}
	forecast := ForecastPeriod([]Pipeline{p}, deals, ForecastOptions{Period: period, Today: period.From, Window: window})

	rows := map[string]*BacktestRow{}
	row := func(code string) *BacktestRow {
		if r, ok := rows[code]; ok {
			return r
		}
		zero := Money{Currency: code}
		rows[code] = &BacktestRow{Period: period, Currency: code, Defaults: zero, Historical: zero,
			Range:  RevenueRange{Currency: code, P10: zero, P50: zero, P90: zero},
			Actual: zero, ActualFromOpen: zero, Rates: forecast.Rates[0]}

		return rows[code]
	}

	for _, f := range forecast.Currencies {
		r := row(f.Currency)
		r.OpenDeals, r.Defaults, r.Historical, r.Range = f.Deals, f.Weighted, f.Historical, f.Range
	}

	for _, t := range timelines {
		won, ok := t.wonIn(period)
		if !ok {
			continue
		}

		r := row(won.Currency)
		r.Actual.Minor += won.Minor
		if t.visits[0].on.Before(period.From) {
			r.ActualFromOpen.Minor += won.Minor
		}
	}

	return sortedRows(rows)
}

// sortedRows returns the rows sorted by currency code.
func sortedRows(rows map[string]*BacktestRow) []BacktestRow {
	out := make([]BacktestRow, 0, len(rows))
	for _, code := range slices.Sorted(maps.Keys(rows)) {
		out = append(out, *rows[code])
	}

	return out
}

// numberStages returns a copy of p in which the pipeline has ID 1 and each
// stage the ID of its index plus one, because a batch's records have no
// IDs yet.
func numberStages(p Pipeline) Pipeline {
	p.ID = 1
	p.Stages = append([]Stage(nil), p.Stages...)
	for i := range p.Stages {
		p.Stages[i].ID = int64(i + 1)
		p.Stages[i].PipelineID = p.ID
	}

	return p
}
