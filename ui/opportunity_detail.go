package ui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/ui/words"
)

// opportunityReader is the store's read access for the detail panel.
type opportunityReader interface {
	Opportunity(ctx context.Context, id int64) (app.OpportunityDetail, error)
}

// dealEditor is the store access the detail panel needs to change a deal:
// the pipelines for the stage choice and the edit methods.
type dealEditor interface {
	Pipelines(ctx context.Context) ([]app.Pipeline, error)
	UpdateOpportunity(ctx context.Context, o app.Opportunity) (app.OpportunityDetail, error)
	MoveOpportunity(ctx context.Context, id, stageID int64) error
	SetOpportunityProbability(ctx context.Context, id int64, percent int) error
	ResetOpportunityProbability(ctx context.Context, id int64) error
	CloseOpportunity(ctx context.Context, id int64, r app.CloseRequest) error
	ReopenOpportunity(ctx context.Context, id, stageID int64) error
	FieldChanges(ctx context.Context, id int64) ([]app.FieldChange, error)
}

// opportunityDetail is the panel beside the opportunity list: every field
// of the selected deal, its stage and field history and its activities.
// When the store is also a dealEditor, the panel edits the deal too.
type opportunityDetail struct {
	store    opportunityReader
	editor   dealEditor
	do       uiRunner
	errors   errorReporter
	language string
	now      func() time.Time

	// onChanged runs after a change to the shown deal is stored, so the
	// list beside the panel can reload.
	onChanged func()
	// onDeleted runs after the shown deal went to the trash; without it
	// onChanged reloads the list.
	onDeleted func()

	// generation drops the result for a deal that is no longer selected.
	generation int
	deal       app.OpportunityDetail
	stages     []app.Stage
	busy       bool

	title       *widget.Label
	controls    *dealControls
	fields      *fyne.Container
	history     *fyne.Container
	durations   *fyne.Container
	changes     *fyne.Container
	activities  *fyne.Container
	placeholder *widget.Label
	body        fyne.CanvasObject
	content     *fyne.Container

	// timeline replaces activities when the store can change activities.
	timeline *dealActivitiesSection
	// parties lists decision makers and competitors when the store keeps them.
	parties *dealPartiesSection
	// milestones is the checklist of the current stage when the store is a dealMilestoneStore.
	milestones *dealMilestonesSection
	// deleter moves the deal to the trash when the store keeps one.
	deleter      *deleteAction
	deleteButton *widget.Button
	// companyButton opens companyHistory when the store keeps an audit trail.
	companyButton  *widget.Button
	companyHistory *auditHistorySection
	// auditHistory lists every recorded change of the deal, also those of
	// imports and activities, when the store keeps an audit trail.
	auditHistory *auditHistorySection
}

// dealSnapshot is the data that one load of the panel reads from the store.
type dealSnapshot struct {
	detail  app.OpportunityDetail
	stages  []app.Stage
	changes []app.FieldChange
}

func newOpportunityDetail(store opportunityReader, do uiRunner, errors errorReporter, language string) *opportunityDetail {
	d := &opportunityDetail{store: store, do: do, errors: errors, language: language, now: time.Now}
	d.editor, _ = store.(dealEditor)
	if activityStore, ok := store.(dealActivityStore); ok {
		d.timeline = newDealActivitiesSection(activityStore, do, errors, language)
	}
	if partiesStore, ok := store.(dealPartiesStore); ok {
		d.parties = newDealPartiesSection(partiesStore, errors.window, do, errors)
		d.parties.onContactsChanged = func() { d.onStored(d.deal.ID) }
	}
	if milestoneStore, ok := store.(dealMilestoneStore); ok {
		d.milestones = newDealMilestonesSection(milestoneStore, do, errors, language)
	}

	d.title = widget.NewLabel("")
	d.title.SizeName = theme.SizeNameSubHeadingText
	d.title.TextStyle.Bold = true
	d.title.Wrapping = fyne.TextWrapWord
	d.fields = container.New(layout.NewFormLayout())
	d.history = container.NewVBox()
	d.durations = container.NewVBox()
	d.changes = container.NewVBox()
	d.activities = container.NewVBox()

	if d.editor != nil {
		d.controls = newDealControls(d)
	}
	top := []fyne.CanvasObject{d.title, d.newActions(store)}
	if d.controls != nil {
		top = append(top, d.controls.form)
	}
	if auditStore, ok := store.(auditReader); ok {
		d.auditHistory = newAuditHistorySection(auditStore, do, errors, language)
	}

	sections := []fyne.CanvasObject{
		d.fields,
		sectionHeading(lang.L("Stage history")),
		d.history,
		sectionHeading(lang.L("Time in each stage")),
		d.durations,
	}
	if d.milestones != nil {
		sections = append(sections, d.milestones.content)
	}
	if d.parties != nil {
		sections = append(sections, d.parties.content)
	}
	if d.editor != nil {
		sections = append(sections, sectionHeading(lang.L("Field changes")), d.changes)
	}
	activities := fyne.CanvasObject(d.activities)
	if d.timeline != nil {
		activities = d.timeline.content
	}
	sections = append(sections, sectionHeading(lang.L("Activities")), activities)
	if d.auditHistory != nil {
		sections = append(sections, sectionHeading(lang.X("trash.history.heading", "History")), d.auditHistory.content)
	}
	d.body = container.NewVScroll(container.NewVBox(append(top, sections...)...))

	d.placeholder = widget.NewLabel(lang.L("Select an opportunity to see its details."))
	d.placeholder.Wrapping = fyne.TextWrapWord
	d.content = container.NewStack(d.placeholder)

	return d
}

// newActions returns the buttons of the actions the store allows, in rows
// that wrap at the panel's width, so the German labels take two rows in
// a narrow panel instead of one row per button. Delete comes last,
// away from the everyday actions.
func (d *opportunityDetail) newActions(store opportunityReader) fyne.CanvasObject {
	var buttons []fyne.CanvasObject
	if d.controls != nil {
		buttons = append(buttons, d.controls.actions...)
	}
	if offersStore, ok := store.(offerStore); ok {
		buttons = append(buttons, newOfferButton(d, offersStore))
	}
	if auditStore, ok := store.(auditReader); ok {
		buttons = append(buttons, d.newCompanyHistoryButton(auditStore))
	}
	if deleteStore, ok := store.(recordDeleter); ok {
		buttons = append(buttons, d.newDeleteButton(deleteStore))
	}

	return container.New(&wrapLayout{}, buttons...)
}

func (d *opportunityDetail) newDeleteButton(store recordDeleter) fyne.CanvasObject {
	d.deleter = &deleteAction{store: store, window: d.errors.window, do: d.do, errors: d.errors, onDeleted: d.onDealDeleted}
	d.deleteButton = widget.NewButtonWithIcon(lang.X("trash.delete.button", "Delete…"), theme.DeleteIcon(),
		func() { d.deleter.start(app.EntityOpportunity, d.deal.ID) })

	return container.NewHBox(d.deleteButton)
}

// onDealDeleted empties the panel, because the deal it showed is in the
// trash now.
func (d *opportunityDetail) onDealDeleted() {
	d.generation++
	d.deal = app.OpportunityDetail{}
	d.content.Objects = []fyne.CanvasObject{d.placeholder}
	d.content.Refresh()

	switch {
	case d.onDeleted != nil:
		d.onDeleted()
	case d.onChanged != nil:
		d.onChanged()
	}
}

// show loads deal id in a goroutine and shows it when it lands.
func (d *opportunityDetail) show(id int64) {
	d.generation++
	if d.timeline != nil {
		d.timeline.show(id)
	}
	if d.parties != nil {
		d.parties.show(id)
	}
	if d.milestones != nil {
		d.milestones.show(id)
	}
	if d.auditHistory != nil {
		d.auditHistory.show(app.EntityOpportunity, id)
	}
	generation := d.generation

	go func() {
		snapshot, err := d.load(context.Background(), id)
		d.do(func() { d.onLoaded(generation, id, snapshot, err) })
	}()
}

// load reads the deal and, when the panel edits, its pipeline's stages
// and its field changes.
func (d *opportunityDetail) load(ctx context.Context, id int64) (dealSnapshot, error) {
	var s dealSnapshot
	var err error
	if s.detail, err = d.store.Opportunity(ctx, id); err != nil || d.editor == nil {
		return s, err
	}

	pipelines, err := d.editor.Pipelines(ctx)
	if err != nil {
		return s, err
	}
	for _, p := range pipelines {
		if p.ID == s.detail.PipelineID {
			s.stages = p.Stages
		}
	}

	s.changes, err = d.editor.FieldChanges(ctx, id)

	return s, err
}

func (d *opportunityDetail) onLoaded(generation int, id int64, s dealSnapshot, err error) {
	if generation != d.generation {
		return
	}

	if err != nil {
		d.errors.report(lang.X("detail.error", "Opportunity {{.ID}} could not be loaded. The log file has the details.",
			map[string]any{"ID": id}), err)
		return
	}

	d.deal, d.stages = s.detail, s.stages
	d.fill(s.detail)
	d.fillChanges(s.changes)
	if d.controls != nil {
		d.controls.fill()
	}
	d.content.Objects = []fyne.CanvasObject{d.body}
	d.content.Refresh()
}

func (d *opportunityDetail) fill(o app.OpportunityDetail) {
	d.title.SetText(o.Title)
	d.fields.Objects = formRows(d.fieldRows(o), true)
	d.fields.Refresh()
	d.fillHistory(o.History)
	d.fillDurations(o.History)
	d.fillActivities(o.Activities)
	d.fillCompanyButton(o)
}

// fieldRows lists the deal's fields as label/value pairs. Stage and
// probability are left out when the panel edits them above the rows.
func (d *opportunityDetail) fieldRows(o app.OpportunityDetail) [][2]string {
	probability := fmt.Sprintf("%d %%", o.Probability)
	if o.ProbabilityManual {
		probability += " " + lang.L("(set by hand)")
	}

	var stageRows [][2]string
	if d.editor == nil {
		stageRows = [][2]string{{lang.L("Stage"), o.Stage.Name}, {lang.L("Probability"), probability}}
	}

	var budget string
	if o.CustomerBudget.Minor != 0 {
		budget = app.FormatMoney(o.CustomerBudget, d.language)
	}

	var source string
	if o.Source != "" {
		source = words.LeadSource(o.Source)
	}

	rows := [][2]string{
		{lang.L("Company"), o.Company.Name},
		{lang.L("Sector"), o.Company.Sector},
		{lang.L("Pipeline"), o.Pipeline},
	}
	rows = append(rows, stageRows...)

	return append(rows, [][2]string{
		{lang.L("Status"), stageKindLabel(o.Stage.Kind)},
		{lang.L("Close reason"), o.CloseReason},
		{lang.L("Competitor"), o.CloseCompetitor},
		{lang.L("Close note"), o.CloseNote},
		{lang.L("Amount"), app.FormatMoney(o.Amount, d.language)},
		{lang.L("Weighted"), app.FormatMoney(o.Weighted, d.language)},
		{lang.L("Close date"), app.FormatDate(o.CloseDate, d.language)},
		{lang.L("In stage since"), app.FormatDate(o.StageEnteredOn, d.language)},
		{lang.L("Owner"), o.Owner},
		{lang.L("Product"), o.Product},
		{lang.L("Next step"), o.NextStep},
		{lang.L("Status of talks"), o.TalksStatus},
		{lang.L("Customer budget"), budget},
		{lang.L("Expectations"), o.Expectations},
		{lang.L("Source"), source},
		{lang.L("Notes"), o.Notes},
		{lang.L("Imported from"), o.SourceRef},
		{lang.L("Created"), formatTimestamp(o.CreatedAt, d.language)},
		{lang.L("Updated"), formatTimestamp(o.UpdatedAt, d.language)},
	}...)
}

// fillHistory shows one line per stage change, oldest first, such as
// "22.12.2017: Prospecting → Engaging, 55,00 $, 40 %". Lines wrap, so a
// narrow detail panel cuts no date or amount.
func (d *opportunityDetail) fillHistory(history []app.StageChangeView) {
	d.history.Objects = nil
	for _, h := range history {
		d.history.Add(wrappedLabel(d.historyLine(h)))
	}

	if len(history) == 0 {
		d.history.Add(widget.NewLabel(lang.L("No stage changes recorded.")))
	}
	d.history.Refresh()
}

func (d *opportunityDetail) historyLine(h app.StageChangeView) string {
	move := h.To
	if h.From != "" {
		move = h.From + " → " + h.To
	}

	values := map[string]any{
		"Date":        formatTimestamp(h.At, d.language),
		"Move":        move,
		"Amount":      app.FormatMoney(h.Amount, d.language),
		"Probability": h.Probability,
		"By":          changedBy(h.By),
	}
	if h.By == "" {
		return lang.X("detail.history.line", "{{.Date}}: {{.Move}}, {{.Amount}}, {{.Probability}} %", values)
	}

	return lang.X("profile.history.line", "{{.Date}}, {{.By}}: {{.Move}}, {{.Amount}}, {{.Probability}} %", values)
}

// changedBy returns the name a change was stamped with, translating the
// stamp of an import.
func changedBy(name string) string {
	if name == app.ChangedByImport {
		return lang.L("Import")
	}

	return name
}

func wrappedLabel(text string) *widget.Label {
	label := widget.NewLabel(text)
	label.Wrapping = fyne.TextWrapWord

	return label
}

func (d *opportunityDetail) fillActivities(activities []app.Activity) {
	d.activities.Objects = nil
	for _, a := range activities {
		status := lang.L("open")
		if a.Done {
			status = lang.L("done")
		}
		line := widget.NewLabel(fmt.Sprintf("%s  %s  %s (%s)", formatTimestamp(a.Due, d.language), words.ActivityKind(a.Kind), a.Subject, status))
		line.Wrapping = fyne.TextWrapWord
		d.activities.Add(line)
	}

	if len(activities) == 0 {
		d.activities.Add(widget.NewLabel(lang.L("No activities.")))
	}
	d.activities.Refresh()
}

// formRows turns label/value pairs into the objects of a form layout,
// leaving out empty values. Values wrap at word boundaries when wrap is
// set. Wrapped labels have almost no minimum width, so wrap only where the
// parent sets the width.
func formRows(rows [][2]string, wrap bool) []fyne.CanvasObject {
	var objects []fyne.CanvasObject
	for _, r := range rows {
		if r[1] == "" {
			continue
		}

		value := widget.NewLabel(r[1])
		if wrap {
			value.Wrapping = fyne.TextWrapWord
		}
		objects = append(objects, headingLabel(r[0]), value)
	}

	return objects
}

func headingLabel(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func sectionHeading(text string) fyne.CanvasObject {
	heading := widget.NewLabel(text)
	heading.SizeName = theme.SizeNameSubHeadingText
	heading.TextStyle.Bold = true

	return heading
}

func stageKindLabel(kind app.StageKind) string {
	switch kind {
	case app.StageWon:
		return lang.L("won")
	case app.StageLost:
		return lang.L("lost")
	default:
		return lang.L("open")
	}
}
