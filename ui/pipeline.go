package ui

import (
	"context"
	"image"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/charts"
)

// pipelineReader is the store's read access for the Pipeline tab.
type pipelineReader interface {
	Pipelines(ctx context.Context) ([]app.Pipeline, error)
	PipelineSummary(ctx context.Context) ([]app.StageSummary, error)
}

// Pixel size the chart is rendered at. The image is scaled to fit the
// tab, keeping its aspect ratio.
const (
	chartWidth  = 1000
	chartHeight = 640
)

// pipelineScreen is the Pipeline tab: a bar chart of the open amount and
// the weighted amount per stage, with the totals beside it.
type pipelineScreen struct {
	store    pipelineReader
	do       uiRunner
	errors   errorReporter
	language string

	// generation drops store results of an older reload, and
	// renderGeneration drops charts of an earlier selection.
	generation       int
	renderGeneration int
	pipelines        []app.Pipeline
	summary          []app.StageSummary
	selected         int64

	// currency is the one the chart shows; the person picks it when the
	// pipeline's open deals are in more than one currency.
	currency string

	picker         *widget.Select
	currencyPicker *widget.Select
	chart          *canvas.Image
	status         *widget.Label
	totals         *fyne.Container
	content        fyne.CanvasObject
}

func newPipelineScreen(store pipelineReader, do uiRunner, errors errorReporter, language string) *pipelineScreen {
	s := &pipelineScreen{store: store, do: do, errors: errors, language: language}

	s.picker = newSelect(nil, s.onPipelineSelected)
	s.picker.Hide()
	s.chart = canvas.NewImageFromImage(nil)
	s.chart.FillMode = canvas.ImageFillContain
	s.chart.SetMinSize(fyne.NewSize(500, 320))
	s.status = widget.NewLabel(lang.L("Loading…"))
	s.currencyPicker = newSelect(nil, s.onCurrencySelected)
	s.currencyPicker.Hide()
	s.totals = container.NewStack()

	pickers := container.NewHBox(s.picker, s.currencyPicker)
	bottom := container.NewVBox(s.totals, s.status)
	s.content = container.NewBorder(pickers, bottom, nil, nil, s.chart)

	return s
}

// reload reads the pipelines and their totals in a goroutine.
func (s *pipelineScreen) reload() {
	s.generation++
	generation := s.generation

	go func() {
		ctx := context.Background()
		pipelines, err := s.store.Pipelines(ctx)
		var summary []app.StageSummary
		if err == nil {
			summary, err = s.store.PipelineSummary(ctx)
		}
		s.do(func() { s.onLoaded(generation, pipelines, summary, err) })
	}()
}

func (s *pipelineScreen) onLoaded(generation int, pipelines []app.Pipeline, summary []app.StageSummary, err error) {
	if generation != s.generation {
		return
	}

	if err != nil {
		s.status.SetText("")
		s.errors.report(lang.L("The pipeline totals could not be loaded. The log file has the details."), err)
		return
	}

	s.pipelines, s.summary = pipelines, summary
	s.selected = s.pickPipeline()
	s.updatePicker()
	s.showSelected()
}

// pickPipeline keeps the selected pipeline if it still exists, else
// takes the first one that has deals, else the first one.
func (s *pipelineScreen) pickPipeline() int64 {
	for _, p := range s.pipelines {
		if p.ID == s.selected {
			return p.ID
		}
	}

	for _, row := range s.summary {
		if row.Count > 0 {
			return row.PipelineID
		}
	}

	if len(s.pipelines) > 0 {
		return s.pipelines[0].ID
	}

	return 0
}

func (s *pipelineScreen) updatePicker() {
	names := make([]string, len(s.pipelines))
	selected := ""
	for i, p := range s.pipelines {
		names[i] = p.Name
		if p.ID == s.selected {
			selected = p.Name
		}
	}

	s.picker.Options = names
	s.picker.SetSelected(selected)
	if len(names) > 1 {
		s.picker.Show()
	} else {
		s.picker.Hide()
	}
}

func (s *pipelineScreen) onPipelineSelected(name string) {
	for _, p := range s.pipelines {
		if p.Name == name && p.ID != s.selected {
			s.selected = p.ID
			s.showSelected()
		}
	}
}

// showSelected fills the totals of the selected pipeline and renders its
// chart in a goroutine.
func (s *pipelineScreen) showSelected() {
	pipeline, ok := s.selectedPipeline()
	if !ok {
		s.status.SetText(lang.L("There is no pipeline yet."))
		return
	}

	rows := s.rowsOf(pipeline.ID)
	s.fillTotals(rows)
	s.updateCurrencyPicker(pipeline, rows)

	s.status.SetText(lang.L("Rendering chart…"))
	s.render(s.series(pipeline, rows, s.currency))
}

// updateCurrencyPicker keeps the chart's currency if the pipeline still
// has open deals in it, and offers a choice when there are several.
func (s *pipelineScreen) updateCurrencyPicker(pipeline app.Pipeline, rows []app.StageSummary) {
	currencies := openCurrencies(rows)
	if !slices.Contains(currencies, s.currency) {
		s.currency = chartCurrency(pipeline, rows)
	}

	s.currencyPicker.Options = currencies
	s.currencyPicker.Selected = s.currency
	s.currencyPicker.Refresh()
	if len(currencies) > 1 {
		s.currencyPicker.Show()
	} else {
		s.currencyPicker.Hide()
	}
}

func (s *pipelineScreen) onCurrencySelected(currency string) {
	if currency == s.currency {
		return
	}

	s.currency = currency
	s.showSelected()
}

// openCurrencies returns the currencies of the open deals in rows, in the
// order they first appear.
func openCurrencies(rows []app.StageSummary) []string {
	var currencies []string
	for _, row := range rows {
		if row.Kind == app.StageOpen && row.Count > 0 && !slices.Contains(currencies, row.Amount.Currency) {
			currencies = append(currencies, row.Amount.Currency)
		}
	}

	return currencies
}

func (s *pipelineScreen) selectedPipeline() (app.Pipeline, bool) {
	for _, p := range s.pipelines {
		if p.ID == s.selected {
			return p, true
		}
	}

	return app.Pipeline{}, false
}

func (s *pipelineScreen) rowsOf(pipelineID int64) []app.StageSummary {
	var rows []app.StageSummary
	for _, row := range s.summary {
		if row.PipelineID == pipelineID {
			rows = append(rows, row)
		}
	}

	return rows
}

// chartCurrency returns the pipeline's currency if it has open deals in
// it, else the currency of the first open stage with deals. The chart
// shows one currency at a time, because amounts in different currencies
// cannot be added.
func chartCurrency(pipeline app.Pipeline, rows []app.StageSummary) string {
	for _, row := range rows {
		if row.Kind == app.StageOpen && row.Count > 0 && row.Amount.Currency == pipeline.Currency {
			return pipeline.Currency
		}
	}

	for _, row := range rows {
		if row.Kind == app.StageOpen && row.Count > 0 {
			return row.Amount.Currency
		}
	}

	return pipeline.Currency
}

func (s *pipelineScreen) series(pipeline app.Pipeline, rows []app.StageSummary, currency string) charts.PipelineSeries {
	series := charts.PipelineSeries{
		Title:         pipeline.Name + " · " + currency,
		Currency:      currency,
		Language:      s.language,
		AmountLabel:   lang.L("Open amount"),
		WeightedLabel: lang.L("Weighted amount"),
		EmptyLabel:    lang.L("No open deals"),
	}

	for _, stage := range pipeline.Stages {
		if stage.Kind != app.StageOpen {
			continue
		}

		value := charts.StageValue{Name: stage.Name}
		for _, row := range rows {
			if row.StageID == stage.ID && row.Amount.Currency == currency {
				value.Amount += row.Amount.Minor
				value.Weighted += row.Weighted.Minor
			}
		}
		series.Stages = append(series.Stages, value)
	}

	return series
}

func (s *pipelineScreen) render(series charts.PipelineSeries) {
	s.renderGeneration++
	generation := s.renderGeneration

	go func() {
		img, err := charts.RenderPipelineImage(series, chartWidth, chartHeight)
		s.do(func() { s.onRendered(generation, img, err) })
	}()
}

func (s *pipelineScreen) onRendered(generation int, img image.Image, err error) {
	if generation != s.renderGeneration {
		return
	}

	if err != nil {
		s.status.SetText("")
		s.errors.report(lang.L("The pipeline chart could not be drawn. The log file has the details."), err)
		return
	}

	s.status.SetText("")
	s.chart.Image = img
	s.chart.Refresh()
}
