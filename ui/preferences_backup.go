package ui

import (
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// backupFields are the Preferences dialog's fields for the database's
// [app.BackupSettings]: the folder as text with a folder picker, and the
// two rotation counts.
type backupFields struct {
	window     fyne.Window
	folder     *widget.Entry
	choose     *widget.Button
	keepDaily  *widget.Entry
	keepWeekly *widget.Entry
}

func newBackupFields(window fyne.Window, b app.BackupSettings, submit func()) *backupFields {
	f := &backupFields{window: window}

	f.folder = widget.NewEntry()
	f.folder.SetText(b.Folder)
	f.folder.SetPlaceHolder(lang.X("preferences.backup.folder.placeholder", "backups beside the database"))
	f.folder.OnSubmitted = func(string) { submit() }
	f.choose = widget.NewButton(lang.X("preferences.backup.folder.choose", "Choose…"), f.onChooseTapped)

	f.keepDaily = widget.NewEntry()
	f.keepDaily.SetText(strconv.Itoa(b.KeepDaily))
	f.keepDaily.OnSubmitted = func(string) { submit() }

	f.keepWeekly = widget.NewEntry()
	f.keepWeekly.SetText(strconv.Itoa(b.KeepWeekly))
	f.keepWeekly.OnSubmitted = func(string) { submit() }

	return f
}

// formItems returns the form rows of the backup settings.
func (f *backupFields) formItems() []*widget.FormItem {
	folder := widget.NewFormItem(lang.X("preferences.backup.folder", "Backup folder"),
		container.NewBorder(nil, nil, nil, f.choose, f.folder))
	folder.HintText = lang.X("preferences.backup.folder.hint",
		"Leave it empty for the backups folder beside the database.")

	daily := widget.NewFormItem(lang.X("preferences.backup.keep_daily", "Keep daily backups (days)"), f.keepDaily)
	daily.HintText = lang.X("preferences.backup.keep_daily.hint", "{{.Min}} to {{.Max}}",
		map[string]any{"Min": app.MinKeepDaily, "Max": app.MaxKeepDaily})

	weekly := widget.NewFormItem(lang.X("preferences.backup.keep_weekly", "Keep weekly backups (weeks)"), f.keepWeekly)
	weekly.HintText = lang.X("preferences.backup.keep_weekly.hint", "0 to {{.Max}}, older than the daily ones",
		map[string]any{"Max": app.MaxKeepWeekly})

	return []*widget.FormItem{folder, daily, weekly}
}

// onChooseTapped opens a folder picker at the typed folder, when it
// exists, and puts the chosen folder's path into the text field.
func (f *backupFields) onChooseTapped() {
	picker := dialog.NewFolderOpen(func(folder fyne.ListableURI, err error) {
		if err != nil || folder == nil {
			return
		}

		f.folder.SetText(folder.Path())
	}, f.window)

	if typed := strings.TrimSpace(f.folder.Text); typed != "" {
		if lister, err := storage.ListerForURI(storage.NewFileURI(typed)); err == nil {
			picker.SetLocation(lister)
		}
	}

	picker.Show()
}

// settings returns the typed backup settings, or a message that names
// the field whose value is rejected. Whether the folder can be written
// is checked by the store when it saves.
func (f *backupFields) settings() (app.BackupSettings, string) {
	b := app.BackupSettings{Folder: strings.TrimSpace(f.folder.Text)}

	days, err := strconv.Atoi(strings.TrimSpace(f.keepDaily.Text))
	if err != nil {
		return b, keepDailyProblem()
	}
	b.KeepDaily = days

	weeks, err := strconv.Atoi(strings.TrimSpace(f.keepWeekly.Text))
	if err != nil {
		return b, keepWeeklyProblem()
	}
	b.KeepWeekly = weeks

	var invalid *app.PreferenceError
	if errors.As(b.Validate(), &invalid) {
		return b, backupProblem(invalid)
	}

	return b, ""
}

// backupProblem returns the person's message for a rejected backup
// setting.
func backupProblem(invalid *app.PreferenceError) string {
	switch invalid.Field {
	case app.FieldKeepDaily:
		return keepDailyProblem()
	case app.FieldKeepWeekly:
		return keepWeeklyProblem()
	default:
		return backupFolderProblem(invalid)
	}
}

func backupFolderProblem(invalid *app.PreferenceError) string {
	values := map[string]any{"Value": invalid.Value, "Max": app.MaxBackupFolderLength}
	switch invalid.Rule {
	case app.RuleNotWritable:
		return lang.X("preferences.problem.backup_folder_writable",
			"Backup folder: Leadwerk cannot create or write to {{.Value}}. Choose a folder you can write to, "+
				"or leave the field empty for the backups folder beside the database.", values)
	case app.RuleNotAbsolute:
		return lang.X("preferences.problem.backup_folder_relative",
			"Backup folder: {{.Value}} is not a full path. Use Choose… to pick a folder, "+
				"or leave the field empty for the backups folder beside the database.", values)
	case app.RuleTooLong:
		return lang.X("preferences.problem.backup_folder_long",
			"Backup folder: the path is longer than {{.Max}} characters. Choose a folder with a shorter path.", values)
	default:
		return lang.X("preferences.problem.backup_folder_characters",
			"Backup folder: remove the spaces at the start or end and any tab or control character.", values)
	}
}

func keepDailyProblem() string {
	return lang.X("preferences.problem.keep_daily",
		"Keep daily backups: enter a whole number of days from {{.Min}} to {{.Max}}.",
		map[string]any{"Min": app.MinKeepDaily, "Max": app.MaxKeepDaily})
}

func keepWeeklyProblem() string {
	return lang.X("preferences.problem.keep_weekly",
		"Keep weekly backups: enter a whole number of weeks from 0 to {{.Max}}.",
		map[string]any{"Max": app.MaxKeepWeekly})
}
