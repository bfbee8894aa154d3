package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/ui/words"
)

// leadWorkflow is the store access of the lead detail and its actions.
type leadWorkflow interface {
	Lead(ctx context.Context, id int64) (app.LeadDetail, error)
	ChangeLeadStatus(ctx context.Context, id int64, to app.LeadStatus, reason string) error
	SetTemperature(ctx context.Context, id int64, t app.Temperature) error
	HandOver(ctx context.Context, id int64, by string) error
	ConvertLead(ctx context.Context, id int64, r app.ConversionRequest) (app.ConversionResult, error)
	UndoConversion(ctx context.Context, leadID int64) error
	Pipelines(ctx context.Context) ([]app.Pipeline, error)
	activityLogger
}

// leadDetail is the panel beside the lead list: the selected lead's
// score with its explanation, its fields, status and qualification
// history, and the actions that move it on.
type leadDetail struct {
	store    leadWorkflow
	window   fyne.Window
	do       uiRunner
	errors   errorReporter
	language string

	// onEdit and onQualify open the lead form and the BANT dialog;
	// onChanged runs after an action changed the lead.
	onEdit    func(app.Lead)
	onQualify func(app.LeadDetail)
	onChanged func(id int64)
	// onDeleted runs after the shown lead went to the trash.
	onDeleted func()

	// learning is the Leads tab's refresh of learned chances, which
	// explains why a lead has none.
	learning *leadLearning

	// generation drops the result for a lead that is no longer selected.
	generation int
	lead       app.LeadDetail

	title          *widget.Label
	score          *widget.Label
	explanation    *widget.Label
	learned        *widget.Label
	learnedReasons *widget.Label
	value          *widget.Label
	editButton     *widget.Button
	qualifyButton  *widget.Button
	handOverButton *widget.Button
	convertButton  *widget.Button
	undoButton     *widget.Button
	activityButton *widget.Button
	deleteButton   *widget.Button
	statusButtons  *fyne.Container
	temperature    *widget.Select
	fields         *fyne.Container
	statusHistory  *fyne.Container
	qualifications *fyne.Container
	activities     *fyne.Container
	placeholder    *widget.Label
	body           *container.Scroll
	content        *fyne.Container

	// history and deleter are nil when the store keeps no audit trail or
	// no trash.
	history *auditHistorySection
	deleter *deleteAction
}

func newLeadDetail(store leadWorkflow, window fyne.Window, do uiRunner, errors errorReporter, language string) *leadDetail {
	d := &leadDetail{store: store, window: window, do: do, errors: errors, language: language}

	d.title = widget.NewLabel("")
	d.title.SizeName = theme.SizeNameSubHeadingText
	d.title.TextStyle.Bold = true
	d.title.Wrapping = fyne.TextWrapWord
	d.score = widget.NewLabel("")
	d.score.TextStyle.Bold = true
	d.explanation = wrappedLabel("")
	d.learned = wrappedLabel("")
	d.learned.TextStyle.Bold = true
	d.learnedReasons = wrappedLabel("")
	d.value = wrappedLabel("")
	d.fields = container.New(layout.NewFormLayout())
	d.statusHistory = container.NewVBox()
	d.qualifications = container.NewVBox()
	d.activities = container.NewVBox()
	if auditStore, ok := store.(auditReader); ok {
		d.history = newAuditHistorySection(auditStore, do, errors, language)
	}
	if deleteStore, ok := store.(recordDeleter); ok {
		d.deleter = &deleteAction{store: deleteStore, window: window, do: do, errors: errors, onDeleted: d.onLeadDeleted}
	}

	sections := []fyne.CanvasObject{
		d.title,
		d.buildActions(),
		d.score,
		d.explanation,
		d.learned,
		d.learnedReasons,
		d.value,
		d.fields,
		sectionHeading(lang.L("Status history")),
		d.statusHistory,
		sectionHeading(lang.L("Qualification history")),
		d.qualifications,
		sectionHeading(lang.L("Activities")),
		d.activities,
	}
	if d.history != nil {
		sections = append(sections, sectionHeading(lang.X("trash.history.heading", "History")), d.history.content)
	}
	d.body = container.NewVScroll(container.NewVBox(sections...))

	d.placeholder = wrappedLabel(lang.L("Select a lead to see its details."))
	d.content = container.NewStack(d.placeholder)

	return d
}

func (d *leadDetail) buildActions() fyne.CanvasObject {
	d.editButton = widget.NewButtonWithIcon(lang.L("Edit"), theme.DocumentCreateIcon(), func() { d.onEdit(d.lead.Lead) })
	d.qualifyButton = widget.NewButton(lang.L("Qualify (BANT)"), func() { d.onQualify(d.lead) })
	d.handOverButton = widget.NewButton(lang.L("Hand over to sales"), d.onHandOverTapped)
	d.convertButton = widget.NewButton(lang.L("Convert"), d.onConvertTapped)
	d.convertButton.Importance = widget.HighImportance
	d.undoButton = widget.NewButton(lang.L("Undo conversion"), d.onUndoTapped)
	d.activityButton = widget.NewButton(lang.L("Log activity"), d.onLogActivityTapped)
	d.statusButtons = container.NewGridWithColumns(2)

	d.temperature = newSelect(d.temperatureOptions(), nil)

	buttons := container.NewGridWithColumns(2, d.editButton, d.qualifyButton, d.activityButton,
		d.handOverButton, d.convertButton, d.undoButton)
	if d.deleter != nil {
		d.deleteButton = widget.NewButtonWithIcon(lang.X("trash.delete.button", "Delete…"), theme.DeleteIcon(),
			func() { d.deleter.start(app.EntityLead, d.lead.ID) })
		buttons.Add(d.deleteButton)
	}
	temperature := container.NewBorder(nil, nil, widget.NewLabel(lang.L("Temperature")), nil, d.temperature)

	return container.NewVBox(buttons, widget.NewLabel(lang.L("Change status to")), d.statusButtons, temperature)
}

// temperatureOptions are the choices of the temperature select: the
// score's own temperature first, then hot, warm and cold set by hand.
func (d *leadDetail) temperatureOptions() []string {
	return []string{
		lang.L("From the score"),
		words.Temperature(app.Hot),
		words.Temperature(app.Warm),
		words.Temperature(app.Cold),
	}
}

var temperatureChoices = []app.Temperature{"", app.Hot, app.Warm, app.Cold}

// show loads lead id in a goroutine and shows it when it lands.
func (d *leadDetail) show(id int64) {
	d.generation++
	generation := d.generation

	go func() {
		detail, err := d.store.Lead(context.Background(), id)
		d.do(func() { d.onLoaded(generation, id, detail, err) })
	}()
}

func (d *leadDetail) onLoaded(generation int, id int64, detail app.LeadDetail, err error) {
	if generation != d.generation {
		return
	}

	if err != nil {
		d.errors.report(lang.X("lead.detail.error", "Lead {{.ID}} could not be loaded. The log file has the details.",
			map[string]any{"ID": id}), err)
		return
	}

	// Another lead starts at the top; the same lead after an action keeps
	// the place the person scrolled to.
	if detail.ID != d.lead.ID {
		d.body.ScrollToTop()
	}
	d.lead = detail
	d.fill()
	d.content.Objects = []fyne.CanvasObject{d.body}
	d.content.Refresh()
}

func (d *leadDetail) fill() {
	l := d.lead
	d.title.SetText(l.Name())
	d.score.SetText(lang.X("lead.score", "Score {{.Score}} of 100 · {{.Temperature}}",
		map[string]any{"Score": l.Score, "Temperature": temperatureText(l.Lead)}))
	d.explanation.SetText(words.ScoreExplanation(l.ScoreReasons))
	d.fillLearned()

	d.fillActions()
	d.fields.Objects = formRows(d.fieldRows(), true)
	d.fields.Refresh()
	d.fillStatusHistory()
	d.fillQualifications()
	d.fillActivities()
	if d.history != nil {
		d.history.show(app.EntityLead, l.ID)
	}
}

// onLeadDeleted empties the panel, because the lead it showed is in the
// trash now.
func (d *leadDetail) onLeadDeleted() {
	d.generation++
	d.lead = app.LeadDetail{}
	d.content.Objects = []fyne.CanvasObject{d.placeholder}
	d.content.Refresh()

	if d.onDeleted != nil {
		d.onDeleted()
	}
}

// fillActions offers only what the lead's status allows: the manual
// status changes of app.NextStatuses, hand-over for qualified leads,
// conversion for qualified and handed-over leads, and undo for converted
// ones. A converted lead takes no new qualification or activity, because
// its activities moved to the opportunity.
func (d *leadDetail) fillActions() {
	status := d.lead.Status
	setEnabled(d.handOverButton, status == app.LeadQualified)
	setEnabled(d.convertButton, status == app.LeadQualified || status == app.LeadHandedOver)
	setEnabled(d.undoButton, status == app.LeadConverted)
	setEnabled(d.qualifyButton, status != app.LeadConverted)
	setEnabled(d.activityButton, status != app.LeadConverted)

	d.statusButtons.Objects = nil
	for _, next := range app.NextStatuses(status) {
		if next == app.LeadHandedOver {
			continue
		}
		d.statusButtons.Add(widget.NewButton(words.LeadStatus(next), func() { d.onStatusTapped(next) }))
	}
	d.statusButtons.Refresh()

	d.temperature.OnChanged = nil
	d.temperature.SetSelectedIndex(0)
	if d.lead.TemperatureManual {
		for i, t := range temperatureChoices {
			if t == d.lead.Temperature {
				d.temperature.SetSelectedIndex(i)
			}
		}
	}
	d.temperature.OnChanged = d.onTemperatureChanged
}

func setEnabled(w fyne.Disableable, enabled bool) {
	if enabled {
		w.Enable()
		return
	}

	w.Disable()
}

func (d *leadDetail) fieldRows() [][2]string {
	l := d.lead
	person := strings.TrimSpace(l.Salutation + " " + l.Name())
	address := strings.TrimSpace(strings.Join(nonEmpty(l.Street, strings.TrimSpace(l.PostalCode+" "+l.City), l.Country), "\n"))
	segment := strings.Join(nonEmpty(l.Industry, string(l.SizeBand), l.Region, l.Persona), " · ")

	rows := [][2]string{
		{lang.L("Status"), words.LeadStatus(l.Status)},
		{lang.L("Reason"), l.DisqualifyReason},
		{lang.L("Person"), person},
		{lang.L("Role"), l.Role},
		{lang.L("Company"), l.CompanyName},
		{lang.L("E-mail"), l.Email},
		{lang.L("Phone"), l.Phone},
		{lang.L("Website"), l.Website},
		{lang.L("Address"), address},
		{lang.L("Source"), strings.Join(nonEmpty(words.LeadSource(l.Source), l.SourceDetail), ": ")},
		{lang.L("Origin"), l.Origin},
		{lang.L("Campaign"), l.Campaign},
		{lang.L("Segment"), segment},
		{lang.L("Owner"), l.Owner},
		{lang.L("Consent"), d.consentText()},
		{lang.L("Notes"), l.Notes},
		{lang.L("Handed over"), d.handOverText()},
		{lang.L("Converted to"), d.conversionText()},
		{lang.L("Created"), formatDateTime(l.CreatedAt, d.language)},
		{lang.L("Last activity"), formatDateTime(l.LastActivityAt, d.language)},
	}

	return rows
}

func nonEmpty(values ...string) []string {
	var kept []string
	for _, v := range values {
		if strings.TrimSpace(v) != "" {
			kept = append(kept, v)
		}
	}

	return kept
}

// consentText writes the GDPR consent as "consent, 2026-02-28, business
// card at the fair". A date or source stored without a legal basis is
// shown too, with the basis marked as not recorded.
func (d *leadDetail) consentText() string {
	c := d.lead.Consent
	date := app.FormatDate(c.Date, d.language)
	if c.Basis == "" && date == "" && c.Obtained == "" {
		return ""
	}

	basis := lang.L("legal basis not recorded")
	if c.Basis != "" {
		basis = words.LegalBasis(c.Basis)
	}

	return strings.Join(nonEmpty(basis, date, c.Obtained), ", ")
}

func (d *leadDetail) handOverText() string {
	if d.lead.HandedOverAt.IsZero() {
		return ""
	}

	return lang.X("lead.handed_over", "by {{.By}} on {{.Date}}",
		map[string]any{"By": d.lead.HandedOverBy, "Date": formatTimestamp(d.lead.HandedOverAt, d.language)})
}

func (d *leadDetail) conversionText() string {
	l := d.lead
	if l.ConvertedOpportunityID == 0 {
		return ""
	}

	return lang.X("lead.converted_to", "opportunity {{.Opportunity}}, company {{.Company}}, contact {{.Contact}}",
		map[string]any{"Opportunity": l.ConvertedOpportunityID, "Company": l.ConvertedCompanyID, "Contact": l.ConvertedContactID})
}

// fillStatusHistory shows one line per status change, oldest first, with
// the local time, such as "2024-03-01 14:05: New → Contacted".
func (d *leadDetail) fillStatusHistory() {
	d.statusHistory.Objects = nil
	for _, c := range d.lead.StatusChanges {
		move := words.LeadStatus(c.To)
		if c.From != "" {
			move = words.LeadStatus(c.From) + " → " + move
		}

		line := formatDateTime(c.At, d.language) + ": " + move
		if c.Reason != "" {
			line += " (" + c.Reason + ")"
		}
		d.statusHistory.Add(wrappedLabel(line))
	}

	if len(d.lead.StatusChanges) == 0 {
		d.statusHistory.Add(widget.NewLabel(lang.L("No status changes recorded.")))
	}
	d.statusHistory.Refresh()
}

// fillQualifications shows each BANT assessment, newest first, with the
// answers given; unanswered questions are left out.
func (d *leadDetail) fillQualifications() {
	d.qualifications.Objects = nil
	for _, q := range d.lead.Qualifications {
		d.qualifications.Add(wrappedLabel(d.qualificationText(q)))
	}

	if len(d.lead.Qualifications) == 0 {
		d.qualifications.Add(widget.NewLabel(lang.L("Not qualified yet.")))
	}
	d.qualifications.Refresh()
}

func (d *leadDetail) qualificationText(q app.Qualification) string {
	var parts []string
	if q.Budget != "" {
		budget := lang.L("Budget") + ": " + words.Budget(q.Budget)
		if q.BudgetAmount.Minor != 0 {
			budget += " " + app.FormatMoney(q.BudgetAmount, d.language)
		}
		if q.BudgetUpTo.Minor != 0 {
			budget += " – " + app.FormatMoney(q.BudgetUpTo, d.language)
		}
		parts = append(parts, budget)
	}

	if q.Authority != "" {
		parts = append(parts, lang.L("Authority")+": "+words.Authority(q.Authority))
	}
	if q.DecidedBy != "" {
		parts = append(parts, lang.L("Decides")+": "+q.DecidedBy)
	}
	if q.Need != "" || q.NeedPriority > 0 {
		parts = append(parts, fmt.Sprintf("%s: %s (%d/5)", lang.L("Need"), q.Need, q.NeedPriority))
	}
	if q.Timeframe != "" {
		parts = append(parts, lang.L("Time")+": "+words.Timeframe(q.Timeframe))
	}

	for _, note := range nonEmpty(q.BudgetNote, q.AuthorityNote, q.NeedNote, q.TimeNote) {
		parts = append(parts, "“"+note+"”")
	}

	if len(parts) == 0 {
		parts = append(parts, lang.L("no answers"))
	}

	return formatTimestamp(q.CreatedAt, d.language) + ": " + strings.Join(parts, "; ")
}

// onLearningChanged shows the shown lead's learned chance again, because
// the reason it has none may have changed.
func (d *leadDetail) onLearningChanged() {
	if d.lead.ID != 0 {
		d.fillLearned()
	}
}

// reloadLearned reads the shown lead's learned chance and value again
// after a refresh. Unlike show, it leaves the generation alone, so a lead
// selected meanwhile still lands, and the reread is dropped.
func (d *leadDetail) reloadLearned() {
	id, generation := d.lead.ID, d.generation
	if id == 0 {
		return
	}

	go func() {
		detail, err := d.store.Lead(context.Background(), id)
		d.do(func() { d.onLearnedReloaded(generation, id, detail, err) })
	}()
}

func (d *leadDetail) onLearnedReloaded(generation int, id int64, detail app.LeadDetail, err error) {
	if generation != d.generation || d.lead.ID != id {
		return
	}

	if err != nil {
		d.errors.logger.Warn("reread the learned chance of the shown lead", "lead", id, "err", err)
		return
	}

	d.lead.Predicted, d.lead.PredictedReasons, d.lead.Value = detail.Predicted, detail.PredictedReasons, detail.Value
	d.fillLearned()
}

// fillLearned shows the learned chance with its reasons and the expected
// value, or explains why the lead has none.
func (d *leadDetail) fillLearned() {
	l := d.lead.Lead
	d.learned.SetText(d.learnedText())

	var reasons []string
	for _, w := range l.PredictedReasons {
		reasons = append(reasons, words.LeadWeightText(w))
	}
	d.learnedReasons.SetText(strings.Join(reasons, "\n"))
	d.learnedReasons.Hidden = len(reasons) == 0

	d.value.SetText(d.valueText())
	d.value.Hidden = d.value.Text == ""
	d.learnedReasons.Refresh()
	d.value.Refresh()
}

// learnedText is "Learned chance 34 % · learned from 230 closed leads",
// or why the lead has no learned chance.
func (d *leadDetail) learnedText() string {
	l := d.lead.Lead
	summary := d.learning.summary

	switch {
	case l.Predicted != nil:
		return lang.X("leadmodel.detail.chance", "Learned chance {{.Chance}} · learned from {{.Closed}} closed leads",
			map[string]any{"Chance": formatPercent(*l.Predicted, d.language),
				"Closed": app.FormatCount(summary.Closed, d.language)})
	case !app.IsOpenLead(l.Status):
		return lang.L("No learned chance: only open leads get one.")
	case d.learning.running:
		return lang.L("No learned chance yet: learning from the closed leads…")
	case d.learning.known && !summary.Learned:
		return lang.L("No learned chance yet.") + " " + tooFewText(summary, d.language)
	case d.learning.known:
		return lang.L("No learned chance yet: the lead was added after the last learning. Settings → Learned scoring… → Learn again.")
	default:
		return lang.L("No learned chance yet.")
	}
}

// valueText is the expected value with the chance it rests on, or "" for
// a lead without one.
func (d *leadDetail) valueText() string {
	l := d.lead.Lead
	if l.Value.Currency == "" {
		return ""
	}

	data := map[string]any{"Value": app.FormatMoney(l.Value, d.language)}
	if l.Predicted != nil {
		return lang.X("leadmodel.detail.value_learned",
			"Expected value {{.Value}}: learned chance × average won deal of similar leads", data)
	}

	return lang.X("leadmodel.detail.value_score",
		"Expected value {{.Value}}: score ÷ 100 × average won deal of similar leads, until enough leads are closed to learn from",
		data)
}
