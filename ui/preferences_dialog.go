package ui

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/ui/internal/dbpref"
)

// preferencesDialog edits the per-computer language, theme and database,
// saved in fyne.App.Preferences, and the database's [app.Preferences] and
// [app.BackupSettings].
type preferencesDialog struct {
	store    preferencesStore
	app      fyne.App
	do       uiRunner
	reporter errorReporter

	language    *widget.Select
	theme       *widget.Select
	currency    *widget.Entry
	fiscalStart *widget.Select
	idleDays    *widget.Entry
	leadSources *widget.Entry
	backup      *backupFields
	database    *databaseFields
	problem     *widget.Label
	scroll      *container.Scroll
	saveButton  *widget.Button
	dialog      *dialog.CustomDialog
	// databaseNotice is the message on when a newly saved database takes
	// effect, shown once the save succeeded, or "" when it did not change.
	databaseNotice string
}

var (
	languageChoices = []string{languageSystem, languageEnglish, languageGerman}
	themeChoices    = []string{themeSystem, themeLight, themeDark}
)

// openPreferences is the Settings → Preferences menu action. It loads the
// database's preferences and backup settings in a goroutine and then
// shows the dialog.
func (m *mainWindow) openPreferences() {
	store, ok := m.store.(preferencesStore)
	if !ok {
		return
	}

	go func() {
		p, err := store.Preferences(context.Background())
		var backup app.BackupSettings
		if err == nil {
			backup, err = store.BackupSettings(context.Background())
		}

		m.do(func() {
			if err != nil {
				m.errors.report(lang.X("preferences.open.error",
					"The preferences could not be loaded. The log file has the details."), err)
				return
			}

			newPreferencesDialog(store, fyne.CurrentApp(), m.window, m.do, m.errors, p, backup).dialog.Show()
		})
	}()
}

func newPreferencesDialog(store preferencesStore, a fyne.App, window fyne.Window, do uiRunner,
	reporter errorReporter, p app.Preferences, backup app.BackupSettings,
) *preferencesDialog {
	d := &preferencesDialog{store: store, app: a, do: do, reporter: reporter}
	d.buildFields(p)
	d.backup = newBackupFields(window, backup, d.onSaveTapped)
	d.database = newDatabaseFields(window, databaseSetup, do, reporter.logger, a.Preferences().String(dbpref.Key),
		openDatabaseName(store), d.onSaveTapped)
	d.database.onServerReached = d.onServerChecked

	form := widget.NewForm(
		widget.NewFormItem(lang.X("preferences.language", "Language"), d.language),
		widget.NewFormItem(lang.X("preferences.theme", "Theme"), d.theme),
		widget.NewFormItem(lang.X("preferences.currency", "Home currency"), d.currency),
		widget.NewFormItem(lang.X("preferences.fiscal_start", "Fiscal year starts in"), d.fiscalStart),
		widget.NewFormItem(lang.X("preferences.idle_days", "Idle threshold of new stages (days)"), d.idleDays),
		widget.NewFormItem(lang.X("preferences.lead_sources", "Own lead sources (one per line)"), d.leadSources),
	)
	form.Items[0].HintText = lang.X("preferences.language.hint", "Takes effect after Leadwerk restarts.")
	form.Items[2].HintText = lang.X("preferences.currency.hint", "New sales processes start in this currency.")
	form.Items[5].HintText = lang.X("preferences.lead_sources.hint", "Offered in the lead forms after the built-in sources.")
	for _, item := range d.backup.formItems() {
		form.AppendItem(item)
	}
	form.AppendItem(d.database.formItem())

	d.problem = widget.NewLabel("")
	d.problem.Importance = widget.DangerImportance
	d.problem.Wrapping = fyne.TextWrapWord

	d.saveButton = widget.NewButton(lang.L("Save"), d.onSaveTapped)
	d.saveButton.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() { d.dialog.Hide() })
	buttons := container.NewHBox(layout.NewSpacer(), cancel, d.saveButton)

	// The form scrolls, so that the buttons and a problem stay in view
	// on a small screen.
	d.scroll = container.NewVScroll(form)
	body := container.NewBorder(nil, container.NewVBox(d.problem, buttons), nil, nil, d.scroll)
	d.dialog = dialog.NewCustomWithoutButtons(lang.X("preferences.title", "Preferences"), body, window)
	d.dialog.Resize(fyne.NewSize(720, 760))
	closeOnEscape(window, d.dialog)
	d.dialog.SetOnClosed(d.database.stop)

	return d
}

func (d *preferencesDialog) buildFields(p app.Preferences) {
	d.language = newSelect([]string{
		lang.X("preferences.language.system", "Follow the system"), "English", "Deutsch",
	}, nil)
	d.language.SetSelectedIndex(indexOf(languageChoices, d.app.Preferences().String(prefLanguage)))

	d.theme = newSelect([]string{
		lang.X("preferences.theme.system", "Follow the system"),
		lang.X("preferences.theme.light", "Light"),
		lang.X("preferences.theme.dark", "Dark"),
	}, nil)
	d.theme.SetSelectedIndex(indexOf(themeChoices, d.app.Preferences().String(prefTheme)))

	d.currency = widget.NewEntry()
	d.currency.SetText(p.HomeCurrency)
	d.currency.OnSubmitted = func(string) { d.onSaveTapped() }

	d.fiscalStart = newSelect(monthNames(), nil)
	d.fiscalStart.SetSelectedIndex(int(p.FiscalYearStart) - 1)

	d.idleDays = widget.NewEntry()
	d.idleDays.SetText(strconv.Itoa(p.DefaultIdleDays))
	d.idleDays.OnSubmitted = func(string) { d.onSaveTapped() }

	d.leadSources = widget.NewMultiLineEntry()
	d.leadSources.SetText(strings.Join(p.LeadSources, "\n"))
	d.leadSources.SetMinRowsVisible(3)
}

// preferences returns the typed database preferences, or a message that
// names the field whose value is rejected.
func (d *preferencesDialog) preferences() (app.Preferences, string) {
	p := app.Preferences{
		HomeCurrency:    strings.ToUpper(strings.TrimSpace(d.currency.Text)),
		FiscalYearStart: time.Month(d.fiscalStart.SelectedIndex() + 1),
		LeadSources:     app.ParseLeadSources(d.leadSources.Text),
	}

	days, err := strconv.Atoi(strings.TrimSpace(d.idleDays.Text))
	if err != nil {
		return p, idleDaysProblem()
	}
	p.DefaultIdleDays = days

	var invalid *app.PreferenceError
	if errors.As(p.Validate(), &invalid) {
		return p, preferenceProblem(invalid)
	}

	return p, ""
}

// onSaveTapped saves the language and theme at once and the database's
// preferences and backup settings in a goroutine. A rejected value keeps
// the dialog open with everything typed and names the field to fix. The
// backup settings are saved first, because only the store checks that the
// folder can be written, and a rejected folder leaves the database's
// preferences unsaved too.
func (d *preferencesDialog) onSaveTapped() {
	p, backup, database, problem := d.typedValues()
	d.problem.SetText(problem)
	if problem != "" {
		return
	}

	d.saveLocal(database)
	d.saveButton.Disable()
	go func() {
		err := d.store.SaveBackupSettings(context.Background(), backup)
		if err == nil {
			err = d.store.SavePreferences(context.Background(), p)
		}
		d.do(func() { d.onSaveDone(p, err) })
	}()
}

// typedValues returns the typed preferences, backup settings and database
// setting, or the message on the first rejected field.
func (d *preferencesDialog) typedValues() (app.Preferences, app.BackupSettings, string, string) {
	p, problem := d.preferences()

	var backup app.BackupSettings
	if problem == "" {
		backup, problem = d.backup.settings()
	}

	var database string
	if problem == "" {
		database, problem = d.database.value()
	}

	return p, backup, database, problem
}

// onServerChecked checks the fields again after a successful connection
// test, so that a message on the server URL that Save showed before the
// URL was fixed goes away. A problem in another field stays.
func (d *preferencesDialog) onServerChecked() {
	if d.problem.Text == "" {
		return
	}

	_, _, _, problem := d.typedValues()
	d.problem.SetText(problem)
}

// saveLocal stores the language, the theme and the database on this
// computer and applies the theme now. The language and the database
// apply at the next start.
func (d *preferencesDialog) saveLocal(database string) {
	prefs := d.app.Preferences()
	prefs.SetString(prefLanguage, valueAt(languageChoices, d.language.SelectedIndex()))
	prefs.SetString(prefTheme, valueAt(themeChoices, d.theme.SelectedIndex()))
	applyThemePreference(d.app)
	if notice := d.database.saveValue(prefs, database); notice != "" {
		d.databaseNotice = notice
	}
}

func (d *preferencesDialog) onSaveDone(p app.Preferences, err error) {
	var invalid *app.PreferenceError
	if errors.As(err, &invalid) && invalid.Rule == app.RuleNotWritable {
		d.saveButton.Enable()
		d.problem.SetText(backupProblem(invalid))
		return
	}

	if err != nil {
		d.saveButton.Enable()
		d.reporter.report(lang.X("preferences.save.error",
			"The preferences could not be saved. The log file has the details."), err)
		return
	}

	activePreferences = p
	d.dialog.Hide()
	if d.databaseNotice != "" {
		title := lang.X("teamdatabase.changed.title", "Database changed")
		dialog.ShowInformation(title, d.databaseNotice, d.reporter.window)
		d.databaseNotice = ""
	}
}

func idleDaysProblem() string {
	return lang.X("preferences.problem.idle_days",
		"Idle threshold of new stages: enter a whole number of days from 0 to {{.Max}}, or 0 for none.",
		map[string]any{"Max": app.MaxIdleDays})
}

// preferenceProblem returns the person's message for a rejected field.
func preferenceProblem(invalid *app.PreferenceError) string {
	switch invalid.Field {
	case app.FieldHomeCurrency:
		return lang.X("preferences.problem.currency",
			"Home currency: {{.Value}} is no ISO 4217 code. Enter three letters, such as EUR or CHF.",
			map[string]any{"Value": invalid.Value})
	case app.FieldDefaultIdleDays:
		return idleDaysProblem()
	case app.FieldLeadSources:
		return leadSourcesProblem(invalid)
	default:
		return lang.X("preferences.problem.fiscal_start", "Fiscal year start: choose a month.")
	}
}

// leadSourcesProblem names what is wrong with the rejected lead source.
func leadSourcesProblem(invalid *app.PreferenceError) string {
	values := map[string]any{"Value": invalid.Value, "Max": app.MaxLeadSourceLength, "Count": app.MaxCustomLeadSources}
	switch invalid.Rule {
	case app.RuleTooLong:
		return lang.X("preferences.problem.source_long",
			"Own lead sources: \"{{.Value}}\" is too long. Shorten it to {{.Max}} characters.", values)
	case app.RuleControlCharacter:
		return lang.X("preferences.problem.source_control",
			"Own lead sources: remove the tab or control character from \"{{.Value}}\".", values)
	case app.RuleTooMany:
		return lang.X("preferences.problem.source_count",
			"Own lead sources: at most {{.Count}} fit. Remove some lines.", values)
	default:
		return lang.X("preferences.problem.source_twice",
			"Own lead sources: \"{{.Value}}\" is listed twice. Remove one line.", values)
	}
}

func monthNames() []string {
	return []string{
		lang.X("preferences.month.1", "January"), lang.X("preferences.month.2", "February"),
		lang.X("preferences.month.3", "March"), lang.X("preferences.month.4", "April"),
		lang.X("preferences.month.5", "May"), lang.X("preferences.month.6", "June"),
		lang.X("preferences.month.7", "July"), lang.X("preferences.month.8", "August"),
		lang.X("preferences.month.9", "September"), lang.X("preferences.month.10", "October"),
		lang.X("preferences.month.11", "November"), lang.X("preferences.month.12", "December"),
	}
}
