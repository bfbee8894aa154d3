package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// opportunityReader is the store's read access for the detail panel.
type opportunityReader interface {
	Opportunity(ctx context.Context, id int64) (app.OpportunityDetail, error)
}

// opportunityDetail is the panel beside the opportunity list: every field
// of the selected deal, its stage history and its activities.
type opportunityDetail struct {
	store    opportunityReader
	do       uiRunner
	errors   errorReporter
	language string

	// generation drops the result for a deal that is no longer selected.
	generation int

	title       *widget.Label
	fields      *fyne.Container
	history     *fyne.Container
	activities  *fyne.Container
	placeholder *widget.Label
	body        fyne.CanvasObject
	content     *fyne.Container
}

func newOpportunityDetail(store opportunityReader, do uiRunner, errors errorReporter, language string) *opportunityDetail {
	d := &opportunityDetail{store: store, do: do, errors: errors, language: language}

	d.title = widget.NewLabel("")
	d.title.SizeName = theme.SizeNameSubHeadingText
	d.title.TextStyle.Bold = true
	d.title.Wrapping = fyne.TextWrapWord
	d.fields = container.New(layout.NewFormLayout())
	d.history = container.NewVBox()
	d.activities = container.NewVBox()
	d.body = container.NewVScroll(container.NewVBox(
		d.title,
		d.fields,
		sectionHeading(lang.L("Stage history")),
		d.history,
		sectionHeading(lang.L("Activities")),
		d.activities,
	))

	d.placeholder = widget.NewLabel(lang.L("Select an opportunity to see its details."))
	d.placeholder.Wrapping = fyne.TextWrapWord
	d.content = container.NewStack(d.placeholder)

	return d
}

// show loads deal id in a goroutine and shows it when it lands.
func (d *opportunityDetail) show(id int64) {
	d.generation++
	generation := d.generation

	go func() {
		detail, err := d.store.Opportunity(context.Background(), id)
		d.do(func() { d.onLoaded(generation, id, detail, err) })
	}()
}

func (d *opportunityDetail) onLoaded(generation int, id int64, detail app.OpportunityDetail, err error) {
	if generation != d.generation {
		return
	}

	if err != nil {
		d.errors.report(lang.X("detail.error", "Opportunity {{.ID}} could not be loaded. The log file has the details.",
			map[string]any{"ID": id}), err)
		return
	}

	d.fill(detail)
	d.content.Objects = []fyne.CanvasObject{d.body}
	d.content.Refresh()
}

func (d *opportunityDetail) fill(o app.OpportunityDetail) {
	d.title.SetText(o.Title)
	d.fields.Objects = formRows(d.fieldRows(o), true)
	d.fields.Refresh()
	d.fillHistory(o.History)
	d.fillActivities(o.Activities)
}

func (d *opportunityDetail) fieldRows(o app.OpportunityDetail) [][2]string {
	probability := fmt.Sprintf("%d %%", o.Probability)
	if o.ProbabilityManual {
		probability += " " + lang.L("(set by hand)")
	}

	return [][2]string{
		{lang.L("Company"), o.Company.Name},
		{lang.L("Sector"), o.Company.Sector},
		{lang.L("Pipeline"), o.Pipeline},
		{lang.L("Stage"), o.Stage.Name},
		{lang.L("Status"), stageKindLabel(o.Stage.Kind)},
		{lang.L("Amount"), app.FormatMoney(o.Amount, d.language)},
		{lang.L("Probability"), probability},
		{lang.L("Weighted"), app.FormatMoney(o.Weighted, d.language)},
		{lang.L("Close date"), app.FormatDate(o.CloseDate, d.language)},
		{lang.L("In stage since"), app.FormatDate(o.StageEnteredOn, d.language)},
		{lang.L("Owner"), o.Owner},
		{lang.L("Product"), o.Product},
		{lang.L("Notes"), o.Notes},
		{lang.L("Source"), o.SourceRef},
		{lang.L("Created"), formatTimestamp(o.CreatedAt, d.language)},
		{lang.L("Updated"), formatTimestamp(o.UpdatedAt, d.language)},
	}
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

	return lang.X("detail.history.line", "{{.Date}}: {{.Move}}, {{.Amount}}, {{.Probability}} %", map[string]any{
		"Date":        formatTimestamp(h.At, d.language),
		"Move":        move,
		"Amount":      app.FormatMoney(h.Amount, d.language),
		"Probability": h.Probability,
	})
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
		line := widget.NewLabel(fmt.Sprintf("%s  %s  %s (%s)", formatTimestamp(a.Due, d.language), activityKindLabel(a.Kind), a.Subject, status))
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

// activityKindLabel translates the activity kinds Leadwerk knows and
// shows any other kind, such as one from an import, as it is stored.
func activityKindLabel(kind string) string {
	switch kind {
	case app.ActivityCall:
		return lang.L("call")
	case app.ActivityEmail:
		return lang.L("e-mail")
	case app.ActivityMeeting:
		return lang.L("meeting")
	case app.ActivityOffer:
		return lang.L("offer")
	case app.ActivityPresentation:
		return lang.L("presentation")
	default:
		return kind
	}
}
