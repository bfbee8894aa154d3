package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

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
		return nil, unexpectedArgument("chart", positional[0])
	}

	if req.path == "" {
		return nil, usageError{message: lang.X("cli.chart.missing_output", "chart: missing -o FILE")}
	}

	req.format, err = charts.FormatFromPath(req.path)
	if err != nil {
		return nil, usageError{message: lang.X("cli.chart.bad_extension",
			"chart: the file name {{.Path}} must end in .png or .svg",
			map[string]any{"Path": strconv.Quote(req.path)})}
	}

	if err := checkChartSize(req.width, req.height); err != nil {
		return nil, err
	}

	return func(ctx context.Context, s session) error {
		return runChart(ctx, s, req)
	}, nil
}

// checkChartSize returns a usage error when width × height lies outside
// the sizes that charts can draw.
func checkChartSize(width, height int) error {
	if width >= charts.MinWidth && width <= charts.MaxWidth &&
		height >= charts.MinHeight && height <= charts.MaxHeight {
		return nil
	}

	return usageError{message: lang.X("cli.chart.size",
		"chart: the size {{.Width}}×{{.Height}} is out of range; "+
			"use -width {{.MinWidth}} to {{.MaxWidth}} and -height {{.MinHeight}} to {{.MaxHeight}}",
		map[string]any{
			"Width": width, "Height": height,
			"MinWidth": charts.MinWidth, "MaxWidth": charts.MaxWidth,
			"MinHeight": charts.MinHeight, "MaxHeight": charts.MaxHeight,
		})}
}

func runChart(ctx context.Context, s session, req chartRequest) error {
	pipelines, err := s.store.Pipelines(ctx)
	if err != nil {
		return wrap(lang.X("cli.error.read_pipelines", "reading the pipelines failed: {{.Err}}",
			map[string]any{"Err": err}), err)
	}

	summary, err := s.store.PipelineSummary(ctx)
	if err != nil {
		return wrap(lang.X("cli.error.read_summary", "reading the pipeline totals failed: {{.Err}}",
			map[string]any{"Err": err}), err)
	}

	pipeline, err := choosePipeline(pipelines, summary, req.pipeline)
	if err != nil {
		return err
	}

	language := language()
	series, skipped := openSeries(pipeline, summary, language)
	if skipped > 0 {
		fmt.Fprintf(s.env.Stderr, "leadwerk: %s\n", lang.XN("cli.chart.skipped",
			"the chart shows {{.Currency}} only and leaves out {{.Count}} open deals in other currencies", skipped,
			map[string]any{"Currency": series.Currency, "Count": app.FormatCount(skipped, language)}))
	}

	var buf bytes.Buffer
	if err := charts.RenderPipeline(&buf, series, req.format, req.width, req.height); err != nil {
		return wrap(lang.X("cli.chart.render_failed", "drawing the chart of pipeline {{.Pipeline}} failed: {{.Err}}",
			map[string]any{"Pipeline": strconv.Quote(pipeline.Name), "Err": err}), err)
	}

	if err := os.WriteFile(req.path, buf.Bytes(), 0o644); err != nil {
		return wrap(lang.X("cli.chart.write_failed", "writing the chart failed: {{.Err}}",
			map[string]any{"Err": err}), err)
	}

	fmt.Fprintln(s.env.Stdout, lang.X("cli.chart.written",
		"Wrote the open stages of pipeline {{.Pipeline}} to {{.Path}}.",
		map[string]any{"Pipeline": strconv.Quote(pipeline.Name), "Path": req.path}))

	return nil
}

// choosePipeline returns the pipeline called name, or with an empty name
// the first pipeline that has deals, or else the first pipeline.
func choosePipeline(pipelines []app.Pipeline, summary []app.StageSummary, name string) (app.Pipeline, error) {
	if len(pipelines) == 0 {
		return app.Pipeline{}, errors.New(lang.X("cli.chart.no_pipeline",
			"the database has no pipeline to draw; import deals or run demo first"))
	}

	if name != "" {
		names := make([]string, len(pipelines))
		for i, p := range pipelines {
			if p.Name == name {
				return p, nil
			}
			names[i] = strconv.Quote(p.Name)
		}

		return app.Pipeline{}, errors.New(lang.X("cli.chart.unknown_pipeline",
			"pipeline {{.Name}} not found; choose one of {{.Names}}",
			map[string]any{"Name": strconv.Quote(name), "Names": strings.Join(names, ", ")}))
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
// the chart cannot show on the same axis. The title and legend are in the
// current language.
func openSeries(p app.Pipeline, summary []app.StageSummary, language string) (charts.PipelineSeries, int) {
	series := charts.PipelineSeries{
		Title:         lang.X("cli.chart.title", "{{.Pipeline}}: open deals", map[string]any{"Pipeline": p.Name}),
		Currency:      p.Currency,
		Language:      language,
		AmountLabel:   lang.L("Open amount"),
		WeightedLabel: lang.L("Weighted amount"),
		EmptyLabel:    lang.L("No open deals"),
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
