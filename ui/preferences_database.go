package ui

import (
	"context"
	"errors"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/ui/internal/dbpref"
)

// DatabaseSetup contains the storage functions that the database setting
// of the Preferences dialog calls. Package ui does not import the storage
// code, so main passes data's functions to [SetDatabaseSetup] before [Run].
type DatabaseSetup struct {
	// CheckServer checks, without changing anything, that Leadwerk can
	// use the PostgreSQL database at url. It returns an
	// *app.ServerCheckError for every problem it finds.
	CheckServer func(ctx context.Context, url string) (app.ServerCheck, error)
	// DefaultPath returns the database file that opens when nothing
	// else is chosen.
	DefaultPath func() (string, error)
}

// databaseSetup is set by SetDatabaseSetup before the window starts and
// only read after that. Without it, the dialog offers no Test connection.
var databaseSetup DatabaseSetup

// SetDatabaseSetup gives the Preferences dialog the functions of setup.
// Call it before [Run] or [RunOpenError].
func SetDatabaseSetup(setup DatabaseSetup) {
	databaseSetup = setup
}

// serverCheckTimeout bounds a Test connection as a whole.
const serverCheckTimeout = 30 * time.Second

// The choices of the database setting, by index of databaseFields.kind.
const (
	databaseKindFile = iota
	databaseKindServer
)

// databaseFields are the Preferences dialog's fields for the database
// that Leadwerk opens at its next start, saved on this computer under
// dbpref.Key: a file, empty for the default one, or a PostgreSQL URL
// with a Test connection that runs CheckServer in a goroutine.
type databaseFields struct {
	window fyne.Window
	setup  DatabaseSetup
	do     uiRunner
	logger *slog.Logger
	// saved is the setting when the dialog opened, and open is the
	// database this window has open, "" when the store does not name it.
	saved string
	open  string

	kind      *widget.RadioGroup
	file      *widget.Entry
	choose    *widget.Button
	fileRow   *fyne.Container
	server    *widget.Entry
	test      *widget.Button
	serverRow *fyne.Container
	progress  *widget.ProgressBarInfinite
	result    *widget.Label
	openNow   *widget.Label

	// generation counts the checks, so a check that the person started
	// again or left behind does not show its result.
	generation int
	cancel     context.CancelFunc

	// onServerReached, when set, runs after a connection test succeeded.
	onServerReached func()
}

func newDatabaseFields(window fyne.Window, setup DatabaseSetup, do uiRunner, logger *slog.Logger,
	saved, open string, submit func()) *databaseFields {
	f := &databaseFields{window: window, setup: setup, do: do, logger: logger, saved: saved, open: open}

	f.file = widget.NewEntry()
	f.file.SetPlaceHolder(f.defaultFile())
	f.file.OnSubmitted = func(string) { submit() }
	f.choose = widget.NewButton(lang.X("teamdatabase.file.choose", "Choose…"), f.onChooseTapped)
	f.fileRow = container.NewBorder(nil, nil, nil, f.choose, f.file)

	f.server = widget.NewEntry()
	f.server.SetPlaceHolder("postgres://anna@crm.example.com/leadwerk?sslmode=verify-full")
	f.server.OnSubmitted = func(string) { f.onTestTapped() }
	f.test = widget.NewButton(lang.X("teamdatabase.test", "Test connection"), f.onTestTapped)
	if setup.CheckServer == nil {
		f.test.Disable()
	}
	f.serverRow = container.NewBorder(nil, nil, nil, f.test, f.server)

	f.progress = widget.NewProgressBarInfinite()
	f.progress.Hide()
	f.result = wrappedLabel("")
	f.openNow = wrappedLabel(f.openNowText())
	f.openNow.TextStyle = fyne.TextStyle{Italic: true}

	f.kind = widget.NewRadioGroup([]string{
		lang.X("teamdatabase.kind.file", "File on this computer"),
		lang.X("teamdatabase.kind.server", "PostgreSQL server"),
	}, func(string) { f.onKindChanged() })
	f.kind.Horizontal = true
	f.kind.Required = true
	f.showSaved()

	return f
}

// showSaved puts the saved setting into the fields.
func (f *databaseFields) showSaved() {
	if app.IsServerURL(f.saved) {
		f.server.SetText(f.saved)
		f.kind.SetSelected(f.kind.Options[databaseKindServer])
		return
	}

	f.file.SetText(f.saved)
	f.kind.SetSelected(f.kind.Options[databaseKindFile])
}

// formItem returns the form row of the database setting.
func (f *databaseFields) formItem() *widget.FormItem {
	item := widget.NewFormItem(lang.X("teamdatabase.label", "Database"),
		container.NewVBox(f.openNow, f.kind, f.fileRow, f.serverRow, f.progress, f.result))
	item.HintText = lang.X("teamdatabase.hint", "Applies after a restart. -db and LEADWERK_DB win over it.")

	return item
}

// serverChosen reports whether the person chose a PostgreSQL server.
func (f *databaseFields) serverChosen() bool {
	return f.kind.Selected == f.kind.Options[databaseKindServer]
}

// onKindChanged shows the row of the chosen kind and drops the result
// of a check, which belongs to the other kind's value.
func (f *databaseFields) onKindChanged() {
	f.stop()
	f.result.SetText("")
	if f.serverChosen() {
		f.fileRow.Hide()
		f.serverRow.Show()
		return
	}

	f.serverRow.Hide()
	f.fileRow.Show()
}

// defaultFile returns the default database file, or "" when it is not
// known.
func (f *databaseFields) defaultFile() string {
	if f.setup.DefaultPath == nil {
		return ""
	}

	path, err := f.setup.DefaultPath()
	if err != nil {
		f.logger.Warn("default database file not found", "err", err)
		return ""
	}

	return path
}

// openNowText names the database this window has open, and notes when
// it is not the one the saved setting opens.
func (f *databaseFields) openNowText() string {
	if f.open == "" {
		return ""
	}

	values := map[string]any{"Database": f.open}
	if f.open != f.savedDatabase() {
		return lang.X("teamdatabase.open_now.override",
			"Open now: {{.Database}}, which -db, LEADWERK_DB or a failed start chose in place of the saved setting.",
			values)
	}

	return lang.X("teamdatabase.open_now", "Open now: {{.Database}}", values)
}

// savedDatabase returns the database that the saved setting opens, as
// the store names it: a URL without its password, or the file's path.
func (f *databaseFields) savedDatabase() string {
	if f.saved == "" {
		return f.defaultFile()
	}

	if u, err := url.Parse(f.saved); err == nil && app.IsServerURL(f.saved) {
		return u.Redacted()
	}

	return f.saved
}

// onChooseTapped opens a file picker in the typed file's folder, when it
// exists, and puts the chosen file's path into the field.
func (f *databaseFields) onChooseTapped() {
	picker := dialog.NewFileOpen(func(file fyne.URIReadCloser, err error) {
		if err != nil || file == nil {
			return
		}

		_ = file.Close()
		f.file.SetText(file.URI().Path())
	}, f.window)

	start := strings.TrimSpace(f.file.Text)
	if start == "" {
		start = f.defaultFile()
	}
	if lister, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(start))); err == nil && start != "" {
		picker.SetLocation(lister)
	}

	picker.Show()
}

// value returns the setting to save: a file path, "" for the default
// file, or a server URL, or a message that names what to fix.
func (f *databaseFields) value() (string, string) {
	if f.serverChosen() {
		return f.serverValue()
	}

	path := strings.TrimSpace(f.file.Text)
	if path == "" {
		return "", ""
	}

	return path, databaseFileProblem(path)
}

// serverValue returns the typed server URL, or a message that names what
// to fix in it.
func (f *databaseFields) serverValue() (string, string) {
	raw := strings.TrimSpace(f.server.Text)
	if raw == "" {
		return "", serverURLMissingProblem()
	}

	if !app.IsServerURL(raw) {
		return raw, serverURLSchemeProblem(raw)
	}

	u, err := url.Parse(raw)
	if err != nil {
		return raw, serverURLProblem(nil)
	}

	if _, has := u.User.Password(); has {
		return raw, serverPasswordProblem(u)
	}

	return raw, ""
}

// databaseFileProblem returns what is wrong with path as the database
// file, or "". It reads the file system only to tell a folder apart.
func databaseFileProblem(path string) string {
	values := map[string]any{"Value": path}
	switch {
	case app.IsServerURL(path):
		return lang.X("teamdatabase.problem.file_is_url",
			"Database file: {{.Value}} is a server URL. Choose PostgreSQL server for it.", values)
	case !filepath.IsAbs(path):
		return lang.X("teamdatabase.problem.file_relative",
			"Database file: {{.Value}} is not a full path. Use Choose… to pick the file, "+
				"or leave the field empty for the default file.", values)
	case strings.Contains(path, "?"):
		return lang.X("teamdatabase.problem.file_question_mark",
			"Database file: the SQLite driver reads the '?' in {{.Value}} as options. "+
				"Rename the file or its folder without it.", values)
	}

	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return lang.X("teamdatabase.problem.file_is_folder",
			"Database file: {{.Value}} is a folder. Choose a file in it, such as leadwerk.db.", values)
	}

	return ""
}

// onTestTapped checks the typed URL in a goroutine, with a progress bar,
// and shows what the check found.
func (f *databaseFields) onTestTapped() {
	raw, problem := f.serverValue()
	if problem != "" {
		f.showResult(problem, true)
		return
	}

	f.stop()
	f.generation++
	generation := f.generation
	ctx, cancel := context.WithTimeout(context.Background(), serverCheckTimeout)
	f.cancel = cancel

	f.test.Disable()
	f.progress.Show()
	f.progress.Start()
	f.showResult(lang.X("teamdatabase.testing", "Connecting to {{.Host}}…",
		map[string]any{"Host": urlHost(raw)}), false)

	go func() {
		check, err := f.setup.CheckServer(ctx, raw)
		f.do(func() { f.onChecked(generation, raw, check, err) })
	}()
}

// onChecked shows the result of the check of raw, unless another check
// started or the dialog closed since.
func (f *databaseFields) onChecked(generation int, raw string, check app.ServerCheck, err error) {
	if generation != f.generation {
		return
	}

	f.stop()
	if err == nil {
		f.logger.Info("database server checked", "schema_version", check.SchemaVersion)
		f.showResult(serverCheckText(check, raw), false)
		if f.onServerReached != nil {
			f.onServerReached()
		}
		return
	}

	var problem *app.ServerCheckError
	if !errors.As(err, &problem) {
		problem = &app.ServerCheckError{Problem: app.ServerFailed, Err: err}
	}
	f.logger.Info("database server check failed", "problem", problem.Problem, "err", err)
	f.showResult(serverProblemText(problem, raw, check), true)
}

// showResult shows text below the fields, in red for a problem.
func (f *databaseFields) showResult(text string, problem bool) {
	f.result.Importance = widget.MediumImportance
	if problem {
		f.result.Importance = widget.DangerImportance
	}
	f.result.SetText(text)
}

// stop ends the running check, if any, and its progress bar. The dialog
// calls it when it closes.
func (f *databaseFields) stop() {
	if f.cancel != nil {
		f.cancel()
		f.cancel = nil
		f.generation++
	}

	f.progress.Stop()
	f.progress.Hide()
	if f.setup.CheckServer != nil {
		f.test.Enable()
	}
}

// changedNotice returns the message that value, a newly saved setting,
// takes effect at the next start.
func (f *databaseFields) changedNotice(value string) string {
	database := value
	if value == "" {
		database = f.defaultFile()
	}
	if database == "" {
		database = lang.X("teamdatabase.default_file", "the default database file")
	}

	return lang.X("teamdatabase.changed",
		"Leadwerk opens {{.Database}} from its next start. Close Leadwerk and start it again to switch now.",
		map[string]any{"Database": database})
}

// saveValue stores value as the setting on this computer and returns
// the message on when it takes effect, or "" when it did not change.
func (f *databaseFields) saveValue(prefs fyne.Preferences, value string) string {
	prefs.SetString(dbpref.Key, value)
	if value == f.saved {
		return ""
	}

	f.saved = value

	return f.changedNotice(value)
}

// openDatabaseName returns the database that store has open as the store
// names it, a file path or a URL without its password, or "" when the
// store does not name it.
func openDatabaseName(store any) string {
	if named, ok := store.(interface{ Path() string }); ok {
		return named.Path()
	}

	return ""
}
