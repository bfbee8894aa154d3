package ui

import (
	"context"
	"sort"
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

// activityLogger is the store access of the log activity dialog.
type activityLogger interface {
	AddLeadActivity(ctx context.Context, a app.Activity) (app.Lead, error)
}

// activityKinds are the kinds a person can log, in the order offered.
var activityKinds = []string{
	app.ActivityCall, app.ActivityEmail, app.ActivityMeeting, app.ActivityOffer, app.ActivityPresentation,
}

// activityDialog records a call, e-mail, meeting, offer or presentation
// on a lead, stamped with the time of saving. Save is enabled once a kind
// is chosen and a subject is typed, and Enter in the subject saves too.
type activityDialog struct {
	store  activityLogger
	window fyne.Window
	do     uiRunner
	errors errorReporter

	leadID int64
	// onSaved runs on the UI goroutine with the rescored lead.
	onSaved func(app.Lead)
	saving  bool

	kind       *widget.Select
	subject    *keyEntry
	notes      *widget.Entry
	done       *widget.Check
	saveButton *widget.Button
	dialog     *dialog.CustomDialog
}

func newActivityDialog(store activityLogger, window fyne.Window, do uiRunner, errors errorReporter, lead app.Lead) *activityDialog {
	d := &activityDialog{store: store, window: window, do: do, errors: errors, leadID: lead.ID}

	d.kind = newSelect(labelsOf(activityKinds, words.ActivityKind), func(string) { d.validate() })
	d.kind.PlaceHolder = lang.L("(choose the kind)")
	d.subject = newKeyEntry(func() { d.dialog.Hide() })
	d.subject.SetPlaceHolder(lang.L("such as: called about the offer"))
	d.subject.OnChanged = func(string) { d.validate() }
	d.subject.OnSubmitted = func(string) { d.onSaveTapped() }
	d.notes = widget.NewMultiLineEntry()
	d.notes.Wrapping = fyne.TextWrapWord
	d.notes.SetMinRowsVisible(4)
	d.done = widget.NewCheck(lang.L("Done"), nil)
	d.done.SetChecked(true)

	fields := container.New(layout.NewFormLayout(),
		headingLabel(lang.L("Kind")), d.kind,
		headingLabel(lang.L("Subject")), d.subject,
		headingLabel(lang.L("Notes")), d.notes,
		layout.NewSpacer(), d.done,
	)

	d.saveButton = widget.NewButton(lang.L("Save"), d.onSaveTapped)
	d.saveButton.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() { d.dialog.Hide() })
	buttons := container.NewHBox(layout.NewSpacer(), cancel, d.saveButton)

	title := lang.X("activity.title", "Log activity for {{.Name}}", map[string]any{"Name": lead.Name()})
	d.dialog = dialog.NewCustomWithoutButtons(title, container.NewVBox(fields, buttons), window)
	d.dialog.Resize(fyne.NewSize(520, 0))
	d.validate()

	return d
}

// show opens the dialog with the focus on the kind, the first field, so
// Tab then reaches the subject, the notes and the done box in order.
func (d *activityDialog) show() {
	showClosingOnEscape(d.window, d.dialog)
	d.window.Canvas().Focus(d.kind)
}

func (d *activityDialog) activity() app.Activity {
	return app.Activity{
		LeadID:  d.leadID,
		Kind:    valueAt(activityKinds, d.kind.SelectedIndex()),
		Subject: strings.TrimSpace(d.subject.Text),
		Notes:   strings.TrimSpace(d.notes.Text),
		Done:    d.done.Checked,
	}
}

// validate enables Save exactly when a kind and a subject are set and no
// save is running.
func (d *activityDialog) validate() bool {
	a := d.activity()
	valid := a.Kind != "" && a.Subject != ""
	setEnabled(d.saveButton, valid && !d.saving)

	return valid
}

// onSaveTapped stores the activity in a goroutine. The dialog stays open
// on a failure, so nothing typed is lost.
func (d *activityDialog) onSaveTapped() {
	if d.saving || !d.validate() {
		return
	}

	a := d.activity()
	d.saving = true
	d.saveButton.Disable()
	go func() {
		lead, err := d.store.AddLeadActivity(context.Background(), a)
		d.do(func() { d.onSaveDone(lead, err) })
	}()
}

func (d *activityDialog) onSaveDone(lead app.Lead, err error) {
	d.saving = false
	if err != nil {
		d.validate()
		d.errors.report(lang.L("The activity could not be saved. The log file has the details."), err)
		return
	}

	d.dialog.Hide()
	d.onSaved(lead)
}

// activityTime is when an activity happens: its due time when it has one,
// else the time it was recorded.
func activityTime(a app.Activity) time.Time {
	if !a.Due.IsZero() {
		return a.Due
	}

	return a.CreatedAt
}

// fillActivities lists the lead's activities, newest first, as
// "2026-03-04 14:30  call  Asked about the offer (done)" with the notes
// on a second line.
func (d *leadDetail) fillActivities() {
	activities := append([]app.Activity(nil), d.lead.Activities...)
	sort.SliceStable(activities, func(i, j int) bool {
		return activityTime(activities[i]).After(activityTime(activities[j]))
	})

	d.activities.Objects = nil
	for _, a := range activities {
		state := lang.L("open")
		if a.Done {
			state = lang.L("done")
		}

		line := strings.Join(nonEmpty(formatDateTime(activityTime(a), d.language), words.ActivityKind(a.Kind), a.Subject), "  ")
		line += " (" + state + ")"
		if a.Notes != "" {
			line += "\n" + quoted(a.Notes)
		}
		d.activities.Add(wrappedLabel(line))
	}

	if len(activities) == 0 {
		d.activities.Add(widget.NewLabel(lang.L("No activities.")))
	}
	d.activities.Refresh()
}

// onLogActivityTapped opens the log activity dialog for the shown lead and
// reloads list and detail once the activity is stored.
func (d *leadDetail) onLogActivityTapped() {
	dialog := newActivityDialog(d.store, d.window, d.do, d.errors, d.lead.Lead)
	dialog.onSaved = func(l app.Lead) { d.onChanged(l.ID) }
	dialog.show()
}
