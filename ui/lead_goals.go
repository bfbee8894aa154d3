package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/ui/words"
)

// leadGoalFacts is the store access of the lead goal calculator.
type leadGoalFacts interface {
	DealFacts(ctx context.Context, f app.ReportFilter) ([]app.DealFact, error)
	LeadFacts(ctx context.Context, f app.ReportFilter) ([]app.LeadFact, error)
}

// goalPeriod is a period a revenue target can cover.
type goalPeriod struct {
	name   string
	months int
}

func goalPeriods() []goalPeriod {
	return []goalPeriod{
		{lang.L("Month"), 1}, {lang.L("Quarter"), 3}, {lang.L("Half year"), 6}, {lang.L("Year"), 12},
	}
}

// leadGoalDialog works back from a revenue target to the leads needed,
// for all sources or per source, with every rate pre-filled from the
// firm's history and editable. The results follow every keystroke.
type leadGoalDialog struct {
	window   fyne.Window
	do       uiRunner
	reporter errorReporter
	language string

	deals []app.DealFact
	leads []app.LeadFact

	currency *widget.Select
	target   *widget.Entry
	period   *widget.Select
	bySource *widget.Check

	overall *goalColumn
	sources []*goalColumn
	total   *goalColumn

	table   *fyne.Container
	problem *widget.Label
	export  *widget.Button
	dialog  *dialog.CustomDialog
}

// openLeadGoals is the Leads → Lead goal calculator menu action.
func (m *mainWindow) openLeadGoals() {
	openLeadGoalDialog(m.store, m.window, m.do, m.errors, m.language)
}

// openLeadGoalDialog loads the deal and lead facts in a goroutine and
// shows the dialog once they are there.
func openLeadGoalDialog(store leadGoalFacts, window fyne.Window, do uiRunner, reporter errorReporter, language string) {
	go func() {
		deals, leads, err := loadGoalFacts(store)
		do(func() {
			if err != nil {
				reporter.report(lang.L("The history for the lead goal could not be loaded. The log file has the details."), err)
				return
			}
			showClosingOnEscape(window, newLeadGoalDialog(window, do, reporter, language, deals, leads).dialog)
		})
	}()
}

func loadGoalFacts(store leadGoalFacts) ([]app.DealFact, []app.LeadFact, error) {
	ctx := context.Background()
	deals, err := store.DealFacts(ctx, app.ReportFilter{})
	if err != nil {
		return nil, nil, fmt.Errorf("load deal facts for the lead goal: %w", err)
	}

	leads, err := store.LeadFacts(ctx, app.ReportFilter{})
	if err != nil {
		return nil, nil, fmt.Errorf("load lead facts for the lead goal: %w", err)
	}

	return deals, leads, nil
}

func newLeadGoalDialog(window fyne.Window, do uiRunner, reporter errorReporter, language string,
	deals []app.DealFact, leads []app.LeadFact) *leadGoalDialog {
	d := &leadGoalDialog{window: window, do: do, reporter: reporter, language: language, deals: deals, leads: leads}

	d.target = widget.NewEntry()
	d.target.SetPlaceHolder(lang.L("Revenue to win in the period"))
	d.target.OnChanged = func(string) { d.recompute() }
	d.currency = newSelect(goalCurrencies(deals), d.onCurrencyChanged)
	d.period = newSelect(periodNames(), func(string) { d.recompute() })
	d.bySource = widget.NewCheck(lang.L("Per lead source"), func(bool) { d.rebuildTable() })

	d.problem = widget.NewLabel("")
	d.problem.Importance = widget.DangerImportance
	d.problem.Wrapping = fyne.TextWrapWord
	d.export = widget.NewButton(lang.L("Export to Excel…"), d.onExportTapped)
	d.table = container.New(tableLayout{columns: 2, maxWidth: 200})

	d.dialog = dialog.NewCustomWithoutButtons(lang.L("Lead goal calculator"), d.body(), window)
	d.dialog.Resize(fyne.NewSize(1180, 760))

	d.period.SetSelectedIndex(1)
	d.currency.SetSelectedIndex(0)

	return d
}

func (d *leadGoalDialog) body() fyne.CanvasObject {
	target := container.NewGridWrap(fyne.NewSize(180, d.target.MinSize().Height), d.target)
	top := container.NewHBox(widget.NewLabel(lang.L("Revenue target")), target, d.currency,
		widget.NewLabel(lang.L("Period")), d.period, layout.NewSpacer(), d.bySource)

	note := widget.NewLabel(lang.L("Rates come from your own deals and leads and can be overwritten. Counts are rounded up to whole deals and leads."))
	note.Truncation = fyne.TextTruncateEllipsis
	closeButton := widget.NewButton(lang.L("Close"), func() { d.dialog.Hide() })
	buttons := container.NewHBox(d.export, closeButton)
	bottom := container.NewVBox(d.problem, container.NewBorder(nil, nil, nil, buttons, note))

	return container.NewBorder(top, bottom, nil, nil, container.NewScroll(d.table))
}

// goalCurrencies lists the currencies of the won deals, the most used
// first, or the euro when nothing is won yet.
func goalCurrencies(deals []app.DealFact) []string {
	codes := app.WonCurrencies(deals)
	if len(codes) == 0 {
		return []string{"EUR"}
	}

	return codes
}

func periodNames() []string {
	var names []string
	for _, p := range goalPeriods() {
		names = append(names, p.name)
	}

	return names
}

// onCurrencyChanged counts the history again, because the average won
// deal depends on the currency, and pre-fills every column from it.
func (d *leadGoalDialog) onCurrencyChanged(currency string) {
	overall := app.LeadGoalHistoryOf(d.deals, d.leads, currency)
	d.overall = newGoalColumn(lang.L("All sources"), overall, overall, d.recompute)
	d.overall.prefill(d.language)
	d.overall.share.fill(formatRate(app.FullRate, d.language), "")

	bySource := app.LeadGoalHistoryBySource(d.deals, d.leads, currency)
	shares := app.TargetShares(bySource)
	byRevenue := overall.WonAmount.Minor > 0 && sourcesHaveRevenue(bySource)
	d.sources = nil
	for i, h := range bySource {
		c := newGoalColumn(words.LeadSource(h.Source), h, overall, d.recompute)
		c.prefill(d.language)
		c.share.fill(formatRate(shares[i], d.language), shareHint(h, byRevenue, d.language))
		d.sources = append(d.sources, c)
	}

	d.total = newGoalColumn(lang.L("Total"), overall, overall, d.recompute)
	d.rebuildTable()
}

func sourcesHaveRevenue(histories []app.LeadGoalHistory) bool {
	for _, h := range histories {
		if h.WonAmount.Minor > 0 {
			return true
		}
	}

	return false
}

// shareHint names what a source's share of the target is split by: its
// won deals, or its converted leads where no deal names a source.
func shareHint(h app.LeadGoalHistory, byRevenue bool, language string) string {
	if byRevenue {
		return dealsHint(h.WonDeals, false, language)
	}

	return leadsHint(h.Converted, false, language)
}

// columns returns the columns the table shows: all sources, or one per
// source.
func (d *leadGoalDialog) columns() []*goalColumn {
	if d.bySource.Checked && len(d.sources) > 0 {
		return d.sources
	}

	return []*goalColumn{d.overall}
}

// rebuildTable lays out the rows of labels, inputs and results for the
// current columns, with a total column when there are several sources.
func (d *leadGoalDialog) rebuildTable() {
	if d.overall == nil {
		return
	}

	columns := d.columns()
	tableColumns := columns
	if len(columns) > 1 {
		tableColumns = append(append([]*goalColumn{}, columns...), d.total)
	}

	var cells []fyne.CanvasObject
	add := func(label fyne.CanvasObject, cell func(c *goalColumn) fyne.CanvasObject) {
		cells = append(cells, label)
		for _, c := range tableColumns {
			cells = append(cells, cell(c))
		}
	}

	add(widget.NewLabel(""), func(c *goalColumn) fyne.CanvasObject { return columnHeader(c.name) })
	for i, in := range d.overall.inputs() {
		if i == 0 && len(columns) == 1 {
			continue
		}
		add(widget.NewLabel(in.label), func(c *goalColumn) fyne.CanvasObject {
			if c == d.total {
				return totalCell(c, i)
			}
			return c.inputs()[i].cell
		})
	}

	add(widget.NewSeparator(), func(*goalColumn) fyne.CanvasObject { return widget.NewSeparator() })
	for i, text := range resultLabels() {
		add(widget.NewLabel(text), func(c *goalColumn) fyne.CanvasObject { return c.results()[i] })
	}

	d.table.Layout = tableLayout{columns: len(tableColumns) + 1, maxWidth: 200}
	d.table.Objects = cells
	d.table.Refresh()
	d.recompute()
}

func columnHeader(name string) fyne.CanvasObject {
	label := widget.NewLabelWithStyle(name, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	label.Truncation = fyne.TextTruncateEllipsis

	return label
}

// totalCell shows the sum of the shares in the total column; the rates
// have no total.
func totalCell(total *goalColumn, row int) fyne.CanvasObject {
	if row == 0 {
		total.share.hint.Alignment = fyne.TextAlignTrailing
		return total.share.hint
	}

	return widget.NewLabel("")
}

func resultLabels() []string {
	return []string{
		lang.L("Target share"), lang.L("Won deals needed"), lang.L("Opportunities needed"),
		lang.L("Qualified leads needed"), lang.L("Leads needed"), lang.L("Leads per month"),
	}
}

// selectedPeriod returns the chosen period, a quarter until one is
// chosen.
func (d *leadGoalDialog) selectedPeriod() goalPeriod {
	periods := goalPeriods()
	if i := d.period.SelectedIndex(); i >= 0 && i < len(periods) {
		return periods[i]
	}

	return periods[1]
}

// recompute reads every input and shows the plans, or the first problem
// in place of the plans it blocks. It changes no entry, so nothing the
// person typed is lost.
func (d *leadGoalDialog) recompute() {
	if d.overall == nil || d.problem == nil {
		return
	}

	plans, problem := d.plans()
	d.problem.SetText(problem)
	d.problem.Hidden = problem == ""
	d.problem.Refresh()
	setEnabled(d.export, len(plans) > 0 && problem == "")
}

// plans computes the plan of every tableColumns column and the total. It returns
// the problems of the inputs as one message for the person.
func (d *leadGoalDialog) plans() ([]app.LeadGoalPlan, string) {
	columns := d.columns()
	target, problem := d.readTarget()
	var plans []app.LeadGoalPlan
	total := app.LeadGoalPlan{Target: app.Money{Currency: target.Currency}}
	var problems []string
	if problem != "" {
		problems = append(problems, problem)
	}

	for _, c := range columns {
		plan, problem := d.planColumn(c, target)
		if problem != "" {
			problems = append(problems, problem)
			continue
		}
		plans = append(plans, plan)
		total = total.Add(plan)
	}

	d.showTotal(columns, total, len(problems) == 0)
	if len(columns) > 1 {
		problems = append(problems, d.shareSumProblem(columns)...)
	}

	if len(problems) > 0 {
		return nil, strings.Join(problems, "\n")
	}

	return plans, ""
}

func (d *leadGoalDialog) readTarget() (app.Money, string) {
	currency := d.currency.Selected
	text := strings.TrimSpace(d.target.Text)
	if text == "" {
		return app.Money{Currency: currency}, lang.L("Enter a revenue target above 0.")
	}

	target, err := parseAmount(text, currency, d.language)
	if err != nil {
		return app.Money{Currency: currency}, lang.X("leadgoals.target_not_amount",
			"The revenue target “{{.Text}}” is not an amount. Type a number such as 250000.", map[string]any{"Text": d.target.Text})
	}

	return target, ""
}

// planColumn computes one column and shows its counts, or dashes when
// the target or the column's inputs give no plan.
func (d *leadGoalDialog) planColumn(c *goalColumn, target app.Money) (app.LeadGoalPlan, string) {
	in, problem := c.readInputs(target, d.selectedPeriod().months, d.language)
	if problem != "" {
		c.clearPlan()
		return app.LeadGoalPlan{}, problem
	}

	if target.Minor <= 0 {
		c.clearPlan()
		return app.LeadGoalPlan{}, ""
	}

	plan, err := app.PlanLeadGoal(in)
	if err != nil {
		c.clearPlan()
		return app.LeadGoalPlan{}, c.problemText(err)
	}

	c.showPlan(plan, d.language)

	return plan, ""
}

func (d *leadGoalDialog) showTotal(columns []*goalColumn, total app.LeadGoalPlan, ok bool) {
	if len(columns) < 2 {
		return
	}

	var shares app.Rate
	for _, c := range columns {
		r, _ := parseRate(c.share.entry.Text, d.language)
		shares += r
	}
	d.total.share.hint.SetText(formatRate(shares, d.language) + " %")

	if !ok {
		d.total.clearPlan()
		return
	}
	d.total.showPlan(total, d.language)
}

// shareSumProblem returns a message when the shares of the sources do
// not add up to 100 %, so part of the target has no source.
func (d *leadGoalDialog) shareSumProblem(columns []*goalColumn) []string {
	var shares app.Rate
	for _, c := range columns {
		r, err := parseRate(c.share.entry.Text, d.language)
		if err != nil {
			return nil
		}
		shares += r
	}

	if shares == app.FullRate {
		return nil
	}

	return []string{lang.X("leadgoals.shares_sum", "The shares of the target add up to {{.Sum}} %, not 100 %.",
		map[string]any{"Sum": formatRate(shares, d.language)})}
}
