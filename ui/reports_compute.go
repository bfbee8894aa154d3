package ui

import (
	"context"
	"fmt"
	"image"
	"slices"
	"strings"

	"leadwerk/app"
	"leadwerk/charts"
)

// reportOptions are the choices the filters offer, read from every deal
// and lead whatever the filters select.
type reportOptions struct {
	pipelines          []app.Pipeline
	pipelinesWithDeals []int64
	owners             []string
	sources            []string
}

// reportChoicesReader lists the filter choices without loading every deal
// with its stage history.
type reportChoicesReader interface {
	ReportChoices(ctx context.Context) (pipelineIDs []int64, owners, sources []string, err error)
}

// loadReportOptions reads the pipelines and the owners and sources of all
// deals and leads.
func loadReportOptions(ctx context.Context, store reportsReader) (reportOptions, error) {
	var options reportOptions
	var err error
	if options.pipelines, err = store.Pipelines(ctx); err != nil {
		return options, fmt.Errorf("load pipelines: %w", err)
	}

	reader, ok := store.(reportChoicesReader)
	if !ok {
		return choicesFromFacts(ctx, store, options)
	}

	options.pipelinesWithDeals, options.owners, options.sources, err = reader.ReportChoices(ctx)
	if err != nil {
		return options, fmt.Errorf("load report choices: %w", err)
	}

	return options, nil
}

// choicesFromFacts adds the owners and sources of every deal and lead
// fact to options, for a store without ReportChoices.
func choicesFromFacts(ctx context.Context, store reportsReader, options reportOptions) (reportOptions, error) {
	deals, err := store.DealFacts(ctx, app.ReportFilter{})
	if err != nil {
		return options, fmt.Errorf("load deal facts: %w", err)
	}

	leads, err := store.LeadFacts(ctx, app.ReportFilter{})
	if err != nil {
		return options, fmt.Errorf("load lead facts: %w", err)
	}

	for _, d := range deals {
		options.pipelinesWithDeals = appendNew(options.pipelinesWithDeals, d.PipelineID)
		options.owners = appendNew(options.owners, strings.TrimSpace(d.Owner))
		options.sources = appendNew(options.sources, strings.TrimSpace(d.Source))
	}
	for _, l := range leads {
		options.sources = appendNew(options.sources, strings.TrimSpace(l.Source))
	}

	options.owners = slices.DeleteFunc(options.owners, func(s string) bool { return s == "" })
	options.sources = slices.DeleteFunc(options.sources, func(s string) bool { return s == "" })
	slices.Sort(options.owners)
	slices.Sort(options.sources)

	return options, nil
}

func appendNew[T comparable](values []T, value T) []T {
	if slices.Contains(values, value) {
		return values
	}

	return append(values, value)
}

// reportRequest is everything a render needs, copied on the UI goroutine.
type reportRequest struct {
	filter    app.ReportFilter
	pipeline  app.Pipeline
	pipelines []app.Pipeline
	period    app.Period
	today     app.Date
	settings  reportSettings
	language  string
}

// The chart sections in the order the tab shows them.
const (
	sectionStages = iota
	sectionForecast
	sectionFunnel
	sectionWinLoss
	sectionLeads
	sectionCount
)

// reportResult is the figures, charts and tables of one render.
type reportResult struct {
	period     app.Period
	currencies []string
	// currency is the one that the money charts and tiles show.
	currency string
	kpis     app.KPIComparison
	history  historyForecast
	idle     []app.DealFact
	charts   [sectionCount]renderedChart
	tables   [sectionCount]reportTable
}

// renderedChart is a chart's input with the image drawn from it. The
// input is kept so that "Save as" can draw it again in another format.
type renderedChart struct {
	chart         charts.Chart
	width, height int
	image         image.Image
}

// computeReports loads the facts that request selects, computes every
// figure in the chosen currency and renders the charts. It returns the
// context's error as soon as a newer request cancels it.
func computeReports(ctx context.Context, store reportsReader, request reportRequest) (reportResult, error) {
	deals, err := store.DealFacts(ctx, request.filter)
	if err != nil {
		return reportResult{}, fmt.Errorf("load deal facts for %+v: %w", request.filter, err)
	}

	leads, err := store.LeadFacts(ctx, request.filter)
	if err != nil {
		return reportResult{}, fmt.Errorf("load lead facts for %+v: %w", request.filter, err)
	}

	sums, err := store.ForecastMonthSums(ctx, request.filter)
	if err != nil {
		return reportResult{}, fmt.Errorf("load forecast sums for %+v: %w", request.filter, err)
	}

	result := reportResult{period: request.period, currencies: dealCurrencies(deals)}
	result.currency = chooseCurrency(result.currencies, request.settings.currency, request.pipeline.Currency)
	result.kpis = app.Compare(deals, request.period)
	result.idle = app.IdleDeals(request.pipelines, deals, request.today)
	result.history = forecastFromHistory(request, deals, result.currency)

	figures := reportFigures{request: request, currency: result.currency, deals: deals, leads: leads, forecastSums: sums}
	builders := [sectionCount]func() (charts.Chart, reportTable, int){
		sectionStages:   figures.stages,
		sectionForecast: figures.forecast,
		sectionFunnel:   figures.funnel,
		sectionWinLoss:  figures.winLoss,
		sectionLeads:    figures.leadSources,
	}

	for i, build := range builders {
		if err := ctx.Err(); err != nil {
			return reportResult{}, err
		}

		chart, table, height := build()
		img, err := charts.RenderImage(chart, reportChartWidth, height)
		if err != nil {
			return reportResult{}, fmt.Errorf("render report chart %d: %w", i, err)
		}

		result.charts[i] = renderedChart{chart: chart, width: reportChartWidth, height: height, image: img}
		result.tables[i] = table
	}

	return result, nil
}

// dealCurrencies returns the currencies of deals in code order.
func dealCurrencies(deals []app.DealFact) []string {
	var currencies []string
	for _, d := range deals {
		if d.Amount.Currency != "" {
			currencies = appendNew(currencies, d.Amount.Currency)
		}
	}
	slices.Sort(currencies)

	return currencies
}

// chooseCurrency keeps the chosen currency if the deals have it, else
// takes the pipeline's, else the first one. The money figures show one
// currency at a time, because amounts in different currencies are never
// added.
func chooseCurrency(currencies []string, chosen, pipelineCurrency string) string {
	if slices.Contains(currencies, chosen) {
		return chosen
	}

	if slices.Contains(currencies, pipelineCurrency) || len(currencies) == 0 {
		return pipelineCurrency
	}

	return currencies[0]
}
