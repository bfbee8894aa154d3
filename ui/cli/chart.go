package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"

	"leadwerk/app"
	"leadwerk/charts"
)

// Default chart size in pixels.
const (
	defaultChartWidth  = 1000
	defaultChartHeight = 600
)

// chartRequest is a parsed "chart" command.
type chartRequest struct {
	path     string
	format   charts.Format
	pipeline string
	width    int
	height   int
}

func parseChart(args []string) (action, error) {
	fs := newFlagSet("chart")
	var req chartRequest
	fs.StringVar(&req.path, "o", "", "output file")
	fs.StringVar(&req.pipeline, "pipeline", "", "pipeline name")
	fs.IntVar(&req.width, "width", defaultChartWidth, "width in pixels")
	fs.IntVar(&req.height, "height", defaultChartHeight, "height in pixels")
	positional, err := parseMixed(fs, args)
	if err != nil {
		return nil, err
	}

	if len(positional) > 0 {
		return nil, usagef("chart: unexpected argument %q; this command takes only flags", positional[0])
	}

	if req.path == "" {
		return nil, usagef("chart: missing -o FILE")
	}

	req.format, err = charts.FormatFromPath(req.path)
	if err != nil {
		return nil, usagef("chart: %v", err)
	}

	if req.width < charts.MinWidth || req.height < charts.MinHeight {
		return nil, usagef("chart: size %d×%d is too small; use at least -width %d -height %d",
			req.width, req.height, charts.MinWidth, charts.MinHeight)
	}

	return func(ctx context.Context, s session) error {
		return runChart(ctx, s, req)
	}, nil
}

func runChart(ctx context.Context, s session, req chartRequest) error {
	pipelines, err := s.store.Pipelines(ctx)
	if err != nil {
		return fmt.Errorf("read pipelines: %w", err)
	}

	summary, err := s.store.PipelineSummary(ctx)
	if err != nil {
		return fmt.Errorf("read pipeline summary: %w", err)
	}

	pipeline, err := choosePipeline(pipelines, summary, req.pipeline)
	if err != nil {
		return err
	}

	series, skipped := openSeries(pipeline, summary, languageOf(s.env.Getenv))
	if skipped > 0 {
		fmt.Fprintf(s.env.Stderr, "leadwerk: the chart shows %s only and leaves out %d open deals in other currencies\n",
			series.Currency, skipped)
	}

	var buf bytes.Buffer
	if err := charts.RenderPipeline(&buf, series, req.format, req.width, req.height); err != nil {
		return fmt.Errorf("render chart of pipeline %q: %w", pipeline.Name, err)
	}

	if err := os.WriteFile(req.path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write chart: %w", err)
	}

	fmt.Fprintf(s.env.Stdout, "Wrote the open stages of pipeline %q to %s.\n", pipeline.Name, req.path)

	return nil
}

// choosePipeline returns the pipeline called name, or with an empty name
// the first pipeline that has deals, or else the first pipeline.
func choosePipeline(pipelines []app.Pipeline, summary []app.StageSummary, name string) (app.Pipeline, error) {
	if len(pipelines) == 0 {
		return app.Pipeline{}, fmt.Errorf("the database has no pipeline to draw; import deals or run demo first")
	}

	if name != "" {
		names := make([]string, len(pipelines))
		for i, p := range pipelines {
			if p.Name == name {
				return p, nil
			}
			names[i] = fmt.Sprintf("%q", p.Name)
		}

		return app.Pipeline{}, fmt.Errorf("pipeline %q not found; choose one of %s", name, strings.Join(names, ", "))
	}

	for _, p := range pipelines {
		for _, s := range summary {
			if s.PipelineID == p.ID && s.Count > 0 {
				return p, nil
			}
		}
	}

	return pipelines[0], nil
}

// openSeries returns the open stages of p in stage order, with the totals
// in p's currency, and the number of open deals in other currencies, which
// the chart cannot show on the same axis.
func openSeries(p app.Pipeline, summary []app.StageSummary, language string) (charts.PipelineSeries, int) {
	series := charts.PipelineSeries{
		Title:    p.Name + ": open deals",
		Currency: p.Currency,
		Language: language,
	}

	skipped := 0
	for _, stage := range p.Stages {
		if stage.Kind != app.StageOpen {
			continue
		}

		value := charts.StageValue{Name: stage.Name}
		for _, s := range summary {
			if s.StageID != stage.ID {
				continue
			}

			if s.Amount.Currency != p.Currency {
				skipped += s.Count
				continue
			}

			value.Amount += s.Amount.Minor
			value.Weighted += s.Weighted.Minor
		}

		series.Stages = append(series.Stages, value)
	}

	return series, skipped
}
