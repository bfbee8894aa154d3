package ui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/ui/words"
)

// quickCapture is the dialog for typing in business cards at a trade
// fair without the mouse. Tab moves between fields and Escape closes the
// dialog. Enter saves the card and starts a blank one that keeps the
// source, source detail and campaign.
type quickCapture struct {
	store    leadEditor
	window   fyne.Window
	do       uiRunner
	errors   errorReporter
	language string

	// onSaved runs on the UI goroutine after each stored card.
	onSaved func(app.Lead)

	saved  int
	saving bool

	source       *sourcePicker
	sourceDetail *keyEntry
	campaign     *keyEntry
	firstName    *keyEntry
	lastName     *keyEntry
	company      *keyEntry
	role         *keyEntry
	email        *keyEntry
	phone        *keyEntry
	notes        *keyEntry
	status       *widget.Label
	problem      *widget.Label
	dialog       *dialog.CustomDialog
}

func newQuickCapture(store leadEditor, window fyne.Window, do uiRunner, errors errorReporter, language string) *quickCapture {
	q := &quickCapture{store: store, window: window, do: do, errors: errors, language: language}

	q.source = newSourcePicker(app.SourceTradeFair)
	q.sourceDetail = q.entry(lang.L("such as the trade fair's name"))
	q.campaign = q.entry("")
	q.firstName = q.entry("")
	q.lastName = q.entry("")
	q.company = q.entry("")
	q.role = q.entry("")
	q.email = q.entry("")
	q.phone = q.entry("")
	q.notes = q.entry("")
	q.status = wrappedLabel(lang.L("Enter saves the card and starts the next one. Tab moves to the next field, Escape closes."))
	q.problem = widget.NewLabel("")
	q.problem.Importance = widget.DangerImportance
	q.problem.Wrapping = fyne.TextWrapWord

	fields := container.New(layout.NewFormLayout(),
		headingLabel(lang.L("Source")), q.source.choice,
		headingLabel(lang.L("Source detail")), q.sourceDetail,
		headingLabel(lang.L("Campaign")), q.campaign,
		headingLabel(lang.L("First name")), q.firstName,
		headingLabel(lang.L("Last name")), q.lastName,
		headingLabel(lang.L("Company")), q.company,
		headingLabel(lang.L("Role")), q.role,
		headingLabel(lang.L("E-mail")), q.email,
		headingLabel(lang.L("Phone")), q.phone,
		headingLabel(lang.L("Notes")), q.notes,
	)
	closeButton := widget.NewButton(lang.L("Close"), q.close)
	content := container.NewVBox(fields, q.problem, q.status,
		container.NewHBox(layout.NewSpacer(), closeButton))

	q.dialog = dialog.NewCustomWithoutButtons(lang.L("Quick capture"), content, window)
	q.dialog.Resize(fyne.NewSize(560, 0))

	return q
}

func (q *quickCapture) entry(placeholder string) *keyEntry {
	e := newKeyEntry(q.close)
	e.SetPlaceHolder(placeholder)
	e.OnSubmitted = func(string) { q.onSubmitted() }

	return e
}

// show opens the dialog with the cursor in the first field a person
// fills: the source detail while it is empty, else the first name.
func (q *quickCapture) show() {
	q.dialog.Show()
	if q.sourceDetail.Text == "" {
		q.window.Canvas().Focus(q.sourceDetail)
		return
	}

	q.window.Canvas().Focus(q.firstName)
}

func (q *quickCapture) close() {
	q.dialog.Hide()
}

func (q *quickCapture) lead() app.Lead {
	text := func(e *keyEntry) string { return strings.TrimSpace(e.Text) }

	return app.Lead{
		FirstName:    text(q.firstName),
		LastName:     text(q.lastName),
		CompanyName:  text(q.company),
		Role:         text(q.role),
		Email:        text(q.email),
		Phone:        text(q.phone),
		Notes:        text(q.notes),
		Source:       q.source.value(),
		SourceDetail: text(q.sourceDetail),
		Campaign:     text(q.campaign),
	}
}

// onSubmitted saves the card when it is valid. The fields are cleared
// only once the card is stored, so a failed save loses nothing.
func (q *quickCapture) onSubmitted() {
	if q.saving {
		return
	}

	l := q.lead()
	if problems := app.ValidateLead(l, app.DateOf(time.Now())); len(problems) > 0 {
		q.showProblem(problems[0])
		return
	}

	q.saving = true
	q.problem.SetText("")
	go func() {
		ctx := context.Background()
		duplicates, err := q.store.FindDuplicates(ctx, l)
		if err != nil {
			q.errors.logger.Error("find duplicates failed", "err", err)
		}

		saved, err := q.store.CreateLead(ctx, l)
		q.do(func() { q.onSaveDone(saved, duplicates, err) })
	}()
}

func (q *quickCapture) showProblem(problem app.FieldError) {
	field := map[string]string{
		app.FieldName:  lang.L("Name or company"),
		app.FieldEmail: lang.L("E-mail"),
		app.FieldPhone: lang.L("Phone"),
	}[problem.Field]
	q.problem.SetText(strings.TrimSpace(field + ": " + words.FieldProblem(problem.Code)))

	focus := map[string]*keyEntry{app.FieldName: q.firstName, app.FieldEmail: q.email, app.FieldPhone: q.phone}[problem.Field]
	if focus != nil {
		q.window.Canvas().Focus(focus)
	}
}

// onSaveDone counts the stored card, mentions a likely duplicate and
// starts a blank card that keeps the source fields.
func (q *quickCapture) onSaveDone(saved app.Lead, duplicates []app.Lead, err error) {
	q.saving = false
	if err != nil {
		q.errors.report(lang.L("The card could not be saved. The log file has the details."), err)
		return
	}

	q.saved++
	status := lang.XN("quick.saved", "Saved {{.Name}}. {{.Count}} cards in this session.", q.saved,
		map[string]any{"Name": saved.Name(), "Count": q.saved})
	if len(duplicates) > 0 {
		status += " " + lang.X("quick.duplicate", "It may duplicate {{.Name}}; check it in the list.",
			map[string]any{"Name": strings.Join(nonEmpty(duplicates[0].Name(), duplicates[0].CompanyName), ", ")})
	}
	q.status.SetText(status)

	for _, e := range []*keyEntry{q.firstName, q.lastName, q.company, q.role, q.email, q.phone, q.notes} {
		e.SetText("")
	}
	q.window.Canvas().Focus(q.firstName)
	q.onSaved(saved)
}
