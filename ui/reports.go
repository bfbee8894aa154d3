package ui

import (
	"context"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// reportsReader is the store's read access for the Reports tab.
type reportsReader interface {
	Pipelines(ctx context.Context) ([]app.Pipeline, error)
	DealFacts(ctx context.Context, f app.ReportFilter) ([]app.DealFact, error)
	LeadFacts(ctx context.Context, f app.ReportFilter) ([]app.LeadFact, error)
	ForecastMonthSums(ctx context.Context, f app.ReportFilter) ([]app.ForecastMonthSum, error)
}

// reportsScreen is the Reports tab: filters, KPI tiles, one chart with its
// table per figure, the forecast from history and the idle deals. It is a widget so that it can
// reload whenever its tab is shown, because the other tabs change the
// deals it reports on.
type reportsScreen struct {
	widget.BaseWidget

	store    reportsReader
	do       uiRunner
	errors   errorReporter
	window   fyne.Window
	language string
	today    func() app.Date

	// onOpenOpportunity opens a deal of the idle list in the
	// Opportunities tab.
	onOpenOpportunity func(id int64)

	// generation drops the results of an older load or render, and
	// cancel stops the render in flight, whose context is ctx.
	generation int
	cancel     context.CancelFunc
	ctx        context.Context
	shown      bool

	pipelines []app.Pipeline
	settings  reportSettings
	last      reportResult

	filters  *reportFilters
	kpis     *kpiTiles
	sections []*chartSection
	history  *historySection
	idle     *idleList
	status   *widget.Label
	// scroll contains every figure under the filters. It must be
	// refreshed after new figures, so it lays them out at their new size.
	scroll  *container.Scroll
	content fyne.CanvasObject
}

// reportSettings are the person's choices that the figures depend on.
type reportSettings struct {
	pipelineID int64
	preset     periodPreset
	// custom is the period typed in the date fields, used with
	// presetCustom.
	custom       app.Period
	owner        string
	source       string
	currency     string
	dimension    app.WinLossDimension
	futureMonths int
	commitAt     int
	// lookBackMonths is the look-back window of the historical rates, or
	// allClosedDeals.
	lookBackMonths int
}

// Defaults of the forecast: past months shown, months ahead and the
// probability from which an open deal counts as committed.
const (
	forecastPastMonths    = 6
	defaultForecastMonths = 6
	defaultCommitAt       = 75
)

func newReportsScreen(store reportsReader, window fyne.Window, do uiRunner, errors errorReporter, language string) *reportsScreen {
	s := &reportsScreen{
		store: store, do: do, errors: errors, window: window, language: language,
		today: func() app.Date { return app.DateOf(time.Now()) },
		settings: reportSettings{
			preset:       savedReportPreset(presetThisQuarter),
			dimension:    app.WinLossByReason,
			futureMonths: defaultForecastMonths,
			commitAt:     defaultCommitAt,
			// The same window as "leadwerk forecast" without -lookback.
			lookBackMonths: app.DefaultLookBackMonths,
		},
	}

	s.filters = newReportFilters(s)
	s.kpis = newKPITiles()
	s.sections = newChartSections(s)
	s.history = newHistorySection(s)
	s.idle = newIdleList(s)
	s.status = widget.NewLabel(lang.L("Loading…"))

	body := container.NewVBox(s.kpis.content)
	for i, section := range s.sections {
		body.Add(section.content)
		if i == sectionForecast {
			body.Add(s.history.content)
		}
	}
	body.Add(s.idle.content)

	s.scroll = container.NewVScroll(body)
	s.content = container.NewBorder(s.filters.content, s.status, nil, nil, s.scroll)
	s.ExtendBaseWidget(s)

	return s
}

// buildReports returns the Reports tab's content and wires its idle deals
// to the Opportunities tab.
func (m *mainWindow) buildReports() fyne.CanvasObject {
	s := newReportsScreen(m.store, m.window, m.do, m.errors, m.language)
	s.onOpenOpportunity = func(id int64) {
		m.selectTab(m.opportunities.content)
		m.opportunities.detail.show(id)
	}
	m.reports = s

	return s
}

// CreateRenderer shows the screen's content.
func (s *reportsScreen) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(s.content)
}

// Show reloads the reports when the tab becomes visible. The tab
// container of Fyne v2.7.1 calls Show on the selected tab's content at
// every layout, so a screen that is already visible does not reload.
func (s *reportsScreen) Show() {
	reload := !s.shown || !s.Visible()
	s.BaseWidget.Show()
	if reload {
		s.shown = true
		s.reload()
	}
}

// reload reads the pipelines and the filter choices in a goroutine, then
// refreshes the figures.
func (s *reportsScreen) reload() {
	ctx := s.restart()
	generation := s.generation
	s.status.SetText(lang.L("Loading…"))

	go func() {
		options, err := loadReportOptions(ctx, s.store)
		s.do(func() { s.onOptionsLoaded(generation, options, err) })
	}()
}

// restart cancels the load or render in flight and returns the context
// of the next one.
func (s *reportsScreen) restart() context.Context {
	if s.cancel != nil {
		s.cancel()
	}

	s.generation++
	s.ctx, s.cancel = context.WithCancel(context.Background())

	return s.ctx
}

func (s *reportsScreen) onOptionsLoaded(generation int, options reportOptions, err error) {
	if generation != s.generation {
		return
	}

	if err != nil {
		s.status.SetText("")
		s.errors.report(lang.L("The reports could not be loaded. The log file has the details."), err)
		return
	}

	s.pipelines = options.pipelines
	s.settings.pipelineID = pickReportPipeline(options, s.settings.pipelineID)
	s.filters.setOptions(options, s.settings)
	s.refresh()
}

// pickReportPipeline keeps the chosen pipeline if it still exists, else
// takes the first one that has deals, else the first one.
func pickReportPipeline(options reportOptions, chosen int64) int64 {
	for _, p := range options.pipelines {
		if p.ID == chosen {
			return chosen
		}
	}

	for _, p := range options.pipelines {
		if slices.Contains(options.pipelinesWithDeals, p.ID) {
			return p.ID
		}
	}

	if len(options.pipelines) > 0 {
		return options.pipelines[0].ID
	}

	return 0
}

// refresh computes the figures and renders the charts for the current
// settings in a goroutine, cancelling the previous render, and shows them
// in one step on the UI goroutine. The simulated range of the forecast
// from history follows in a second step.
func (s *reportsScreen) refresh() {
	request, ok := s.request()
	if !ok {
		s.status.SetText(lang.L("There is no pipeline yet."))
		return
	}

	ctx := s.restart()
	generation := s.generation
	s.status.SetText(lang.L("Updating the reports…"))

	go func() {
		result, err := computeReports(ctx, s.store, request)
		s.do(func() { s.onComputed(generation, result, err) })
		if err == nil {
			s.simulateRange(ctx, generation, result.history)
		}
	}()
}

// request collects what a render needs from the settings. It returns
// false when there is no pipeline to report on.
func (s *reportsScreen) request() (reportRequest, bool) {
	pipeline, ok := s.selectedPipeline()
	if !ok {
		return reportRequest{}, false
	}

	today := s.today()
	settings := s.settings

	return reportRequest{
		filter:    app.ReportFilter{PipelineID: pipeline.ID, Owner: settings.owner, Source: settings.source},
		pipeline:  pipeline,
		pipelines: s.pipelines,
		period:    settings.period(today),
		today:     today,
		settings:  settings,
		language:  s.language,
	}, true
}

func (s *reportsScreen) selectedPipeline() (app.Pipeline, bool) {
	for _, p := range s.pipelines {
		if p.ID == s.settings.pipelineID {
			return p, true
		}
	}

	return app.Pipeline{}, false
}

func (s *reportsScreen) onComputed(generation int, result reportResult, err error) {
	if generation != s.generation {
		return
	}

	if err != nil {
		s.status.SetText("")
		s.errors.report(lang.L("The reports could not be computed. The log file has the details."), err)
		return
	}

	s.last = result
	s.settings.currency = result.currency
	s.filters.setCurrencies(result.currencies, result.currency)
	s.kpis.fill(result, s.language)
	for i, section := range s.sections {
		section.show(result.charts[i], result.tables[i])
	}
	s.history.fill(result.history, s.language)
	s.idle.fill(result.idle, s.pipelines)
	s.scroll.Content.Refresh()
	s.scroll.Refresh()
	s.status.SetText(periodText(result.period, s.language))
}

// onSettingsChanged applies a change of one filter and refreshes.
func (s *reportsScreen) onSettingsChanged(change func(*reportSettings)) {
	change(&s.settings)
	s.refresh()
}
