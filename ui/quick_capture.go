package ui

import (
	"context"
	"reflect"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/ui/words"
)

// openExistingShortcut opens the lead that quick capture warned a card may
// duplicate: Ctrl+O, or Cmd+O on macOS.
var openExistingShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}

// quickCapture is the dialog for typing in business cards at a trade
// fair without the mouse. Tab moves between fields and Escape closes the
// dialog. Enter saves the card and starts a blank one that keeps the
// source, source detail and campaign. A card that may duplicate a stored
// lead is not saved on the first Enter: the status line names the lead,
// a second Enter on the unchanged card saves it anyway, and
// openExistingShortcut opens the stored lead instead.
type quickCapture struct {
	store    leadEditor
	window   fyne.Window
	do       uiRunner
	errors   errorReporter
	language string

	// onSaved runs on the UI goroutine after each stored card.
	// onOpenExisting runs with the id of the stored lead that a card may
	// duplicate, after the dialog has closed.
	onSaved        func(app.Lead)
	onOpenExisting func(id int64)

	saved  int
	saving bool
	// warned is the card whose likely duplicate the status line names,
	// and existing is that stored lead. Both are zero without a warning.
	warned   app.Lead
	existing app.Lead

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
	e.shortcuts = map[string]func(){openExistingShortcut.ShortcutName(): q.openExisting}

	return e
}

// show opens the dialog with the cursor in the first field a person
// fills: the source detail while it is empty, else the first name.
func (q *quickCapture) show() {
	showClosingOnEscape(q.window, q.dialog)
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

// onSubmitted saves the card when it is valid and no stored lead looks
// like it, or when the person was already warned about this unchanged
// card. The fields are cleared only once the card is stored, so a failed
// save loses nothing.
func (q *quickCapture) onSubmitted() {
	if q.saving {
		return
	}

	l := q.lead()
	if problems := app.ValidateLead(l, app.DateOf(time.Now())); len(problems) > 0 {
		q.showProblem(problems[0])
		return
	}

	saveAnyway := q.existing.ID != 0 && reflect.DeepEqual(l, q.warned)
	q.saving = true
	q.problem.SetText("")
	go func() {
		ctx := context.Background()
		if !saveAnyway {
			duplicates, err := q.store.FindDuplicates(ctx, l)
			if err != nil {
				q.errors.logger.Error("find duplicates failed", "err", err)
			}
			if len(duplicates) > 0 {
				q.do(func() { q.warnDuplicate(l, duplicates[0]) })
				return
			}
		}

		saved, err := q.store.CreateLead(ctx, l)
		q.do(func() { q.onSaveDone(saved, err) })
	}()
}

// warnDuplicate leaves card unsaved and shows in the status line the
// stored lead it may duplicate and the keys that save or open it.
func (q *quickCapture) warnDuplicate(card, existing app.Lead) {
	q.saving = false
	q.warned, q.existing = card, existing

	name := strings.Join(nonEmpty(existing.Name(), existing.CompanyName), ", ")
	q.status.SetText(lang.X("quick.duplicate.found",
		"This card may duplicate {{.Name}}. Press Enter again to save it anyway, or {{.Shortcut}} to open the existing lead.",
		map[string]any{"Name": name, "Shortcut": shortcutText(openExistingShortcut)}))
	q.status.Importance = widget.WarningImportance
	q.status.Refresh()
}

// openExisting closes quick capture and opens the lead named in the
// duplicate warning. Without a warning it does nothing.
func (q *quickCapture) openExisting() {
	if q.existing.ID == 0 || q.saving {
		return
	}

	id := q.existing.ID
	q.clearWarning()
	q.close()
	q.onOpenExisting(id)
}

func (q *quickCapture) clearWarning() {
	q.warned, q.existing = app.Lead{}, app.Lead{}
	q.status.Importance = widget.MediumImportance
	q.status.Refresh()
}

// shortcutText writes a shortcut as a person presses it on this system,
// such as "Ctrl+O", or "Cmd+O" on macOS.
func shortcutText(s *desktop.CustomShortcut) string {
	var parts []string
	if s.Modifier&fyne.KeyModifierControl != 0 {
		parts = append(parts, "Ctrl")
	}
	if s.Modifier&fyne.KeyModifierSuper != 0 {
		parts = append(parts, "Cmd")
	}
	if s.Modifier&fyne.KeyModifierShift != 0 {
		parts = append(parts, "Shift")
	}

	return strings.Join(append(parts, string(s.KeyName)), "+")
}

func (q *quickCapture) showProblem(problem app.FieldError) {
	field := map[string]string{
		app.FieldName:  lang.L("Name or company"),
		app.FieldEmail: lang.L("E-mail"),
		app.FieldPhone: lang.L("Phone"),
	}[problem.Field]
	if field == "" {
		field = words.FieldLabel(problem.Field)
	}
	q.problem.SetText(strings.TrimSpace(field + ": " + words.Problem(problem, "", q.language)))

	focus := map[string]*keyEntry{app.FieldName: q.firstName, app.FieldEmail: q.email, app.FieldPhone: q.phone}[problem.Field]
	if focus != nil {
		q.window.Canvas().Focus(focus)
	}
}

// onSaveDone counts the stored card and starts a blank card that keeps
// the source fields.
func (q *quickCapture) onSaveDone(saved app.Lead, err error) {
	q.saving = false
	if err != nil {
		q.errors.report(lang.L("The card could not be saved. The log file has the details."), err)
		return
	}

	q.saved++
	q.clearWarning()
	q.status.SetText(lang.XN("quick.saved", "Saved {{.Name}}. {{.Count}} cards in this session.", q.saved,
		map[string]any{"Name": saved.Name(), "Count": q.saved}))

	for _, e := range []*keyEntry{q.firstName, q.lastName, q.company, q.role, q.email, q.phone, q.notes} {
		e.SetText("")
	}
	q.window.Canvas().Focus(q.firstName)
	q.onSaved(saved)
}
