package ui

import (
	"context"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// userNameSettings is the store access of the "Your name" dialog.
type userNameSettings interface {
	UserName(ctx context.Context) (string, error)
	SaveUserName(ctx context.Context, name string) error
}

// userNameDialog is the dialog that sets the name which every deal's
// change history records with each change.
type userNameDialog struct {
	store    userNameSettings
	do       uiRunner
	reporter errorReporter

	name       *widget.Entry
	problem    *widget.Label
	saveButton *widget.Button
	dialog     *dialog.CustomDialog
	// onSaved runs on the UI goroutine after the name is stored.
	onSaved func()
}

// openUserSettings is the Settings → Your name menu action.
func (m *mainWindow) openUserSettings() {
	openUserNameDialog(m.store, m.window, m.do, m.errors)
}

// openUserNameDialog loads the current name in a goroutine and shows the
// dialog once it is there.
func openUserNameDialog(store userNameSettings, window fyne.Window, do uiRunner, reporter errorReporter) {
	go func() {
		name, err := store.UserName(context.Background())
		do(func() {
			if err != nil {
				reporter.report(lang.L("Your name could not be loaded. The log file has the details."), err)
				return
			}
			showClosingOnEscape(window, newUserNameDialog(store, window, do, reporter, name).dialog)
		})
	}()
}

func newUserNameDialog(store userNameSettings, window fyne.Window, do uiRunner, reporter errorReporter,
	name string,
) *userNameDialog {
	d := &userNameDialog{store: store, do: do, reporter: reporter}

	d.name = widget.NewEntry()
	d.name.SetText(name)
	d.name.OnChanged = func(string) { d.validate() }
	d.name.OnSubmitted = func(string) { d.onSaveTapped() }
	d.problem = widget.NewLabel("")
	d.problem.Importance = widget.DangerImportance
	d.problem.Wrapping = fyne.TextWrapWord

	intro := wrappedLabel(lang.L("Leadwerk records this name with every change you make to a deal, so the deal's history shows who changed what. Changes made earlier keep their name."))
	form := widget.NewForm(widget.NewFormItem(lang.L("Your name"), d.name))

	d.saveButton = widget.NewButton(lang.L("Save"), d.onSaveTapped)
	d.saveButton.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() { d.dialog.Hide() })
	buttons := container.NewHBox(layout.NewSpacer(), cancel, d.saveButton)

	body := container.NewVBox(intro, form, d.problem, buttons)
	d.dialog = dialog.NewCustomWithoutButtons(lang.L("Your name"), body, window)
	d.dialog.Resize(fyne.NewSize(520, 260))
	d.validate()

	return d
}

// validate shows what is wrong with the typed name and enables Save only
// when nothing is.
func (d *userNameDialog) validate() {
	problem := userNameProblem(d.name.Text)
	d.problem.SetText(problem)
	setEnabled(d.saveButton, problem == "")
}

// userNameProblem returns a message for the person when
// [app.CleanUserName] rejects name, else "".
func userNameProblem(name string) string {
	if _, err := app.CleanUserName(name); err == nil {
		return ""
	}

	trimmed := strings.TrimSpace(name)
	if trimmed == "" {
		return lang.L("Enter your name. It may not be empty or only spaces.")
	}

	if n := utf8.RuneCountInString(trimmed); n > app.MaxUserNameLength {
		return lang.X("profile.name.too_long",
			"Your name has {{.Count}} characters, but at most {{.Max}} fit. Shorten it.",
			map[string]any{"Count": n, "Max": app.MaxUserNameLength})
	}

	return lang.L("Remove tabs, line breaks and other control characters from your name.")
}

func (d *userNameDialog) onSaveTapped() {
	name := d.name.Text
	if userNameProblem(name) != "" {
		return
	}

	d.saveButton.Disable()
	go func() {
		err := d.store.SaveUserName(context.Background(), name)
		d.do(func() { d.onSaveDone(err) })
	}()
}

// onSaveDone closes the dialog after a save, or keeps it open with the
// typed name when the save failed.
func (d *userNameDialog) onSaveDone(err error) {
	if err != nil {
		d.saveButton.Enable()
		d.reporter.report(lang.L("Your name could not be saved. The log file has the details."), err)
		return
	}

	d.dialog.Hide()
	if d.onSaved != nil {
		d.onSaved()
	}
}
