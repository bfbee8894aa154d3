package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// closeReasonSettings is the store access of the close reasons dialog.
type closeReasonSettings interface {
	CloseReasons(ctx context.Context) (app.CloseReasons, error)
	SaveCloseReasons(ctx context.Context, r app.CloseReasons) error
}

// closeReasonsDialog edits the reasons the won and lost dialogs offer,
// one reason per line.
type closeReasonsDialog struct {
	store    closeReasonSettings
	do       uiRunner
	reporter errorReporter

	won        *widget.Entry
	lost       *widget.Entry
	problem    *widget.Label
	saveButton *widget.Button
	dialog     *dialog.CustomDialog
}

// openCloseReasonSettings is the Settings → Close reasons menu action.
func (m *mainWindow) openCloseReasonSettings() {
	openCloseReasonsDialog(m.store, m.window, m.do, m.errors)
}

// openCloseReasonsDialog loads the reasons in a goroutine and shows the
// dialog once they are there.
func openCloseReasonsDialog(store closeReasonSettings, window fyne.Window, do uiRunner, reporter errorReporter) {
	go func() {
		reasons, err := store.CloseReasons(context.Background())
		do(func() {
			if err != nil {
				reporter.report(lang.L("The close reasons could not be loaded. The log file has the details."), err)
				return
			}
			showClosingOnEscape(window, newCloseReasonsDialog(store, window, do, reporter, reasons).dialog)
		})
	}()
}

func newCloseReasonsDialog(store closeReasonSettings, window fyne.Window, do uiRunner, reporter errorReporter,
	reasons app.CloseReasons) *closeReasonsDialog {
	d := &closeReasonsDialog{store: store, do: do, reporter: reporter}

	d.won = reasonListEntry(reasons.Won, d.validate)
	d.lost = reasonListEntry(reasons.Lost, d.validate)
	d.problem = widget.NewLabel("")
	d.problem.Importance = widget.DangerImportance
	d.problem.Wrapping = fyne.TextWrapWord

	intro := wrappedLabel(lang.L("One reason per line, in the order the close dialogs list them. A lost deal requires a reason, so the lost list needs at least one. Deals closed earlier keep their reason."))
	lists := container.NewGridWithColumns(2,
		widget.NewCard(lang.L("Reasons for won deals"), "", d.won),
		widget.NewCard(lang.L("Reasons for lost deals"), "", d.lost),
	)

	d.saveButton = widget.NewButton(lang.L("Save"), d.onSaveTapped)
	d.saveButton.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() { d.dialog.Hide() })
	buttons := container.NewHBox(layout.NewSpacer(), cancel, d.saveButton)

	body := container.NewBorder(intro, container.NewVBox(d.problem, buttons), nil, nil, lists)
	d.dialog = dialog.NewCustomWithoutButtons(lang.L("Close reasons"), body, window)
	d.dialog.Resize(fyne.NewSize(760, 520))
	d.validate()

	return d
}

func reasonListEntry(reasons []string, onChanged func()) *widget.Entry {
	entry := widget.NewMultiLineEntry()
	entry.SetMinRowsVisible(10)
	entry.SetText(strings.Join(reasons, "\n"))
	entry.OnChanged = func(string) { onChanged() }

	return entry
}

// reasons reads both entries, one reason per line, dropping blank lines.
func (d *closeReasonsDialog) reasons() app.CloseReasons {
	r := app.CloseReasons{
		Won:  strings.Split(d.won.Text, "\n"),
		Lost: strings.Split(d.lost.Text, "\n"),
	}

	return r.Trimmed()
}

// validate shows the first problem of the lists and enables Save only
// without one.
func (d *closeReasonsDialog) validate() {
	if d.saveButton == nil {
		return
	}

	problem := closeReasonsProblem(d.reasons())
	d.problem.SetText(problem)
	setEnabled(d.saveButton, problem == "")
}

// closeReasonsProblem returns a message for the person when
// app.ValidateCloseReasons rejects r, else "".
func closeReasonsProblem(r app.CloseReasons) string {
	if len(r.Lost) == 0 {
		return lang.L("Enter at least one reason for lost deals.")
	}
	if app.ValidateCloseReasons(r) != nil {
		return lang.X("close_reasons.invalid",
			"Each reason may appear once per list and have at most {{.Max}} characters.",
			map[string]any{"Max": app.MaxCloseReasonLength})
	}

	return ""
}

func (d *closeReasonsDialog) onSaveTapped() {
	reasons := d.reasons()
	if closeReasonsProblem(reasons) != "" {
		return
	}

	d.saveButton.Disable()
	go func() {
		err := d.store.SaveCloseReasons(context.Background(), reasons)
		d.do(func() {
			if err != nil {
				d.saveButton.Enable()
				d.reporter.report(lang.L("The close reasons could not be saved. The log file has the details."), err)
				return
			}
			d.dialog.Hide()
		})
	}()
}
