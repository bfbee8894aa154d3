// Package printing builds the printed pipeline report from the store's
// facts in the language Fyne's lang package has chosen. The window and
// the command line share it, so both print the same PDF.
package printing

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
	"leadwerk/report"
)

// Source is the store access the report reads.
type Source interface {
	Pipelines(ctx context.Context) ([]app.Pipeline, error)
	app.AnalyticsService
}

// Request is the scope and the header of one report.
type Request struct {
	// Pipeline is the name of the pipeline to report on. Empty picks the
	// first pipeline with open deals, or else the first pipeline.
	Pipeline string
	// Period is the span of the closed-deal and lead figures. The zero
	// Period means the calendar quarter of Now.
	Period app.Period
	// Company and Logo head the first page. Either may be empty.
	Company string
	Logo    []byte
	// Language selects how numbers, money and dates are written, such as
	// "de-DE". The texts follow lang's choice.
	Language string
	// Now is the report's date and the day that forecasts and idle deals
	// count from.
	Now time.Time
}

// Forecast window and commit threshold of the report's forecast section.
const (
	forecastPastMonths   = 3
	forecastFutureMonths = 6
	// CommitPercent is the probability from which an open deal counts as
	// committed in the forecast.
	CommitPercent = 75
)

// ErrNoPipeline is returned when the database has no pipeline to report on.
var ErrNoPipeline = errors.New("no pipeline")

// Steps of the progress that [Write] reports.
const (
	stepPipelines = iota + 1
	stepDeals
	stepLeads
	stepLayout
	stepWritten
	stepCount = stepWritten
)

// Write reads the facts that req selects, lays out the report and writes
// the PDF to w. It calls progress, which may be nil, after each step. A
// pipeline name that matches none returns an error wrapping
// [app.ErrNotFound] whose message, in the person's language, lists the
// names to choose from.
func Write(ctx context.Context, w io.Writer, src Source, req Request, progress app.Progress) error {
	if progress == nil {
		progress = func(int, int) {}
	}

	pipelines, err := src.Pipelines(ctx)
	if err != nil {
		return fmt.Errorf("read pipelines: %w", err)
	}
	progress(stepPipelines, stepCount)

	all, err := src.DealFacts(ctx, app.ReportFilter{})
	if err != nil {
		return fmt.Errorf("read deals: %w", err)
	}
	progress(stepDeals, stepCount)

	pipeline, err := choosePipeline(pipelines, all, req.Pipeline)
	if err != nil {
		return err
	}

	forecastSums, err := src.ForecastMonthSums(ctx, app.ReportFilter{PipelineID: pipeline.ID})
	if err != nil {
		return fmt.Errorf("read forecast sums of pipeline %d: %w", pipeline.ID, err)
	}

	req = withDefaults(req)
	sources, err := leadSources(ctx, src, req.Period)
	if err != nil {
		return fmt.Errorf("read leads: %w", err)
	}
	progress(stepLeads, stepCount)

	// Laying out the PDF does not watch ctx, so a cancel that arrives
	// while the facts load stops here.
	if err := ctx.Err(); err != nil {
		return err
	}

	facts := reportFacts{
		pipeline: pipeline, pipelines: pipelines, deals: dealsOf(pipeline, all),
		forecastSums: forecastSums, leadSources: sources,
	}
	doc := build(facts, req)
	progress(stepLayout, stepCount)

	if err := report.Write(w, doc); err != nil {
		return err
	}
	progress(stepWritten, stepCount)

	return nil
}

// reportFacts is everything the sections compute their figures from.
type reportFacts struct {
	pipeline  app.Pipeline
	pipelines []app.Pipeline
	deals     []app.DealFact
	// forecastSums are the pipeline's deals summed for the forecast by
	// month.
	forecastSums []app.ForecastMonthSum
	// leadSources are the leads created in the report's period, counted
	// per source.
	leadSources []app.SourceConversion
}

// leadSourceCounter is a store that counts leads per source in SQL, such
// as data.Store, so that the report need not load every lead.
type leadSourceCounter interface {
	LeadsBySource(ctx context.Context, period app.Period) ([]app.SourceConversion, error)
}

// leadSources returns [app.LeadsBySource] of every lead for period,
// counted by src when it can, else from its lead facts.
func leadSources(ctx context.Context, src Source, period app.Period) ([]app.SourceConversion, error) {
	if counter, ok := src.(leadSourceCounter); ok {
		return counter.LeadsBySource(ctx, period)
	}

	leads, err := src.LeadFacts(ctx, app.ReportFilter{})
	if err != nil {
		return nil, err
	}

	return app.LeadsBySource(leads, period), nil
}

// withDefaults fills the period with the quarter of req.Now.
func withDefaults(req Request) Request {
	if req.Period.IsZero() {
		req.Period = QuarterOf(app.DateOf(req.Now))
	}

	return req
}

// QuarterOf returns the calendar quarter that contains d.
func QuarterOf(d app.Date) app.Period {
	first := app.Month{Year: d.Year, Month: time.Month((int(d.Month)-1)/3*3 + 1)}

	return app.Period{From: first.First(), To: first.Add(2).Last()}
}

// choosePipeline returns the pipeline called name, or with an empty name
// the first pipeline that has open deals, or else the first pipeline.
func choosePipeline(pipelines []app.Pipeline, deals []app.DealFact, name string) (app.Pipeline, error) {
	if len(pipelines) == 0 {
		return app.Pipeline{}, messageError{err: ErrNoPipeline, message: lang.X("printing.error.no_pipeline",
			"the database has no pipeline to report on; import deals or load the demo data first")}
	}

	if name != "" {
		return pipelineNamed(pipelines, name)
	}

	for _, p := range pipelines {
		for _, d := range deals {
			if d.PipelineID == p.ID && d.Open() {
				return p, nil
			}
		}
	}

	return pipelines[0], nil
}

func pipelineNamed(pipelines []app.Pipeline, name string) (app.Pipeline, error) {
	names := make([]string, len(pipelines))
	for i, p := range pipelines {
		if p.Name == name {
			return p, nil
		}
		names[i] = strconv.Quote(p.Name)
	}

	return app.Pipeline{}, messageError{err: app.ErrNotFound, message: lang.X("printing.error.unknown_pipeline",
		"pipeline {{.Name}} not found; choose one of {{.Names}}",
		map[string]any{"Name": strconv.Quote(name), "Names": strings.Join(names, ", ")})}
}

// dealsOf returns the deals of pipeline p.
func dealsOf(p app.Pipeline, deals []app.DealFact) []app.DealFact {
	var out []app.DealFact
	for _, d := range deals {
		if d.PipelineID == p.ID {
			out = append(out, d)
		}
	}

	return out
}

// messageError is a translated message for the person that keeps the
// error it describes in its chain for [errors.Is].
type messageError struct {
	message string
	err     error
}

func (e messageError) Error() string { return e.message }

func (e messageError) Unwrap() error { return e.err }
