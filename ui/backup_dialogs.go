package ui

import (
	"context"
	"log/slog"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/assets"
	"leadwerk/ui/words"
)

// backupStore is the part of the store that the File menu's backup items use.
type backupStore interface {
	// Backup writes a backup into BackupDir when dest is empty and
	// returns the path written.
	Backup(ctx context.Context, dest string) (string, error)
	// Restore replaces the data with the backup src and returns where the
	// replaced data was kept.
	Restore(ctx context.Context, src string) (string, error)
	Path() string
	BackupDir() string
}

// backupDialogs runs "Back up now" and "Restore…" of the File menu.
type backupDialogs struct {
	window fyne.Window
	store  backupStore
	do     uiRunner
	errors errorReporter
	// reload shows the restored data in every screen.
	reload func()
}

// backupMenuItems returns a separator and the backup items for the File
// menu, or nil when the store cannot back up.
func (m *mainWindow) backupMenuItems() []*fyne.MenuItem {
	store, ok := m.store.(backupStore)
	if !ok {
		return nil
	}

	d := &backupDialogs{window: m.window, store: store, do: m.do, errors: m.errors, reload: m.start}

	return []*fyne.MenuItem{
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.X("backup.menu.now", "Back up now"), d.onBackUpNowTapped),
		fyne.NewMenuItem(lang.X("backup.menu.restore", "Restore…"), d.onRestoreTapped),
	}
}

// showProgress shows a dialog with an endless progress bar that the
// person cannot close, and returns it.
func showProgress(window fyne.Window, title string) dialog.Dialog {
	progress := dialog.NewCustomWithoutButtons(title, widget.NewProgressBarInfinite(), window)
	progress.Show()

	return progress
}

func (d *backupDialogs) onBackUpNowTapped() {
	progress := showProgress(d.window, lang.X("backup.progress.backup", "Backing up…"))

	go func() {
		path, err := d.store.Backup(context.Background(), "")
		d.do(func() {
			progress.Hide()
			if err != nil {
				d.errors.report(lang.X("backup.error.backup",
					"The backup failed: {{.Err}}", map[string]any{"Err": err}), err)
				return
			}

			dialog.ShowInformation(lang.X("backup.done.title", "Backup saved"),
				lang.X("backup.done.message", "The database was copied to\n{{.Path}}",
					map[string]any{"Path": path}), d.window)
		})
	}()
}

// onRestoreTapped opens a file dialog in the backups folder.
func (d *backupDialogs) onRestoreTapped() {
	open := dialog.NewFileOpen(d.onRestoreFileChosen, d.window)
	open.SetFilter(storage.NewExtensionFileFilter([]string{".db"}))

	if folder, err := storage.ListerForURI(storage.NewFileURI(d.store.BackupDir())); err == nil {
		open.SetLocation(folder)
	}

	open.Resize(fyne.NewSize(800, 560))
	open.Show()
}

func (d *backupDialogs) onRestoreFileChosen(file fyne.URIReadCloser, err error) {
	if err != nil {
		d.errors.report(lang.X("backup.error.choose", "The file could not be opened: {{.Err}}",
			map[string]any{"Err": err}), err)
		return
	}
	if file == nil {
		return
	}

	path := file.URI().Path()
	_ = file.Close()
	d.confirmRestore(path)
}

// confirmRestore shows a confirmation before the backup at src replaces the data.
func (d *backupDialogs) confirmRestore(src string) {
	message := widget.NewLabel(lang.X("backup.confirm.message",
		"The data in {{.Database}} will be replaced by the backup {{.Backup}}.\n\n"+
			"A copy of the current data is kept in the backups folder first.",
		map[string]any{"Database": d.store.Path(), "Backup": src}))
	message.Wrapping = fyne.TextWrapWord

	confirm := dialog.NewCustomConfirm(lang.X("backup.confirm.title", "Restore this backup?"),
		lang.X("backup.confirm.restore", "Restore"), lang.L("Cancel"), message,
		func(ok bool) {
			if ok {
				d.restore(src)
			}
		}, d.window)
	confirm.Resize(fyne.NewSize(560, 240))
	confirm.Show()
}

func (d *backupDialogs) restore(src string) {
	progress := showProgress(d.window, lang.X("backup.progress.restore", "Restoring…"))

	go func() {
		kept, err := d.store.Restore(context.Background(), src)
		d.do(func() {
			progress.Hide()
			if message, ok := words.RestoreSource(err); ok {
				d.errors.report(message, err)
				return
			}
			if err != nil {
				d.errors.report(lang.X("backup.error.restore",
					"The backup was not restored: {{.Err}}", map[string]any{"Err": err}), err)
				return
			}

			d.reload()
			dialog.ShowInformation(lang.X("backup.restored.title", "Backup restored"),
				lang.X("backup.restored.message", "Restored {{.Backup}}.\nThe replaced data is kept in\n{{.Kept}}",
					map[string]any{"Backup": src, "Kept": kept}), d.window)
		})
	}()
}

// OpenProblem is the failure to open the database for the window, with
// the functions that [RunOpenError] needs to offer a restore.
type OpenProblem struct {
	// Path is the database file and Err the error of opening it.
	Path string
	Err  error
	// InUse is set when another Leadwerk has the database open.
	InUse bool
	// Damaged is set when the integrity check failed. Backup is then the
	// newest good backup, or "" when there is none.
	Damaged bool
	Backup  string
	// Restore replaces the damaged database with Backup and returns where
	// the damaged file was kept.
	Restore func(ctx context.Context) (string, error)
	// Open opens the database after a restore, or Fallback.
	Open func(path string) (app.Store, error)
	// Fallback is the database file that the window offers to open when
	// the database chosen in Preferences, such as a server out of reach,
	// failed to open. The saved choice stays. "" offers none.
	Fallback string
}

// RunOpenError shows why the database could not be opened, before any
// main window. For a damaged database with a good backup it offers to
// restore the backup and then opens the main window on the restored
// data. It returns nil when the main window ran, and problem.Err when the
// person closed the window without a restore.
func RunOpenError(problem OpenProblem, logger *slog.Logger) error {
	if err := loadTranslations(); err != nil {
		return err
	}

	a := fyneapp.NewWithID(AppID)
	a.SetIcon(assets.Icon)

	w := newOpenErrorWindow(a, problem, fyne.Do, logger)
	logger.Info("open error shown", "path", problem.Path, "err", problem.Err)
	w.window.ShowAndRun()

	if w.store == nil {
		return problem.Err
	}

	return w.store.Close()
}

// openErrorWindow is the small window of [RunOpenError].
type openErrorWindow struct {
	app     fyne.App
	window  fyne.Window
	problem OpenProblem
	do      uiRunner
	logger  *slog.Logger

	message  *widget.Label
	progress *widget.ProgressBarInfinite
	restore  *widget.Button
	fallback *widget.Button
	quit     *widget.Button
	// store is the database opened after a successful restore.
	store app.Store
}

func newOpenErrorWindow(a fyne.App, problem OpenProblem, do uiRunner, logger *slog.Logger) *openErrorWindow {
	w := &openErrorWindow{app: a, problem: problem, do: do, logger: logger}
	w.window = a.NewWindow(lang.L("Leadwerk"))

	w.message = widget.NewLabel(openErrorText(problem))
	w.message.Wrapping = fyne.TextWrapWord
	w.progress = widget.NewProgressBarInfinite()
	w.progress.Hide()
	w.quit = widget.NewButton(lang.X("backup.open.quit", "Quit"), w.window.Close)

	buttons := container.NewHBox(w.quit)
	if problem.Damaged && problem.Backup != "" && problem.Restore != nil {
		w.restore = widget.NewButton(lang.X("backup.open.restore", "Restore newest backup"), w.onRestoreTapped)
		w.restore.Importance = widget.HighImportance
		buttons.Add(w.restore)
	}
	if problem.Fallback != "" && problem.Open != nil {
		w.fallback = widget.NewButton(lang.X("teamdatabase.open_fallback", "Open the file on this computer"),
			w.onFallbackTapped)
		w.fallback.Importance = widget.HighImportance
		buttons.Add(w.fallback)
	}

	w.window.SetContent(container.NewPadded(container.NewBorder(nil,
		container.NewVBox(w.progress, container.NewHBox(layout.NewSpacer(), buttons)), nil, nil, container.NewVScroll(w.message))))
	w.window.Resize(fyne.NewSize(640, 320))

	return w
}

// openErrorText returns the window's message for problem.
func openErrorText(problem OpenProblem) string {
	values := map[string]any{"Path": problem.Path, "Backup": problem.Backup, "Err": problem.Err}
	switch {
	case problem.InUse:
		return lang.X("backup.open.in_use",
			"The database {{.Path}} is open in another Leadwerk window.\n\n"+
				"Switch to that window, or close it and start Leadwerk again.", values)
	case problem.Damaged && problem.Backup != "":
		return lang.X("backup.open.damaged",
			"The database {{.Path}} is damaged: SQLite's integrity check failed.\n\n"+
				"The newest good backup is {{.Backup}}. Restoring it replaces the damaged file, "+
				"and a copy of the damaged file is kept in the backups folder.\n\nDetails: {{.Err}}", values)
	case problem.Damaged:
		return lang.X("backup.open.damaged_no_backup",
			"The database {{.Path}} is damaged: SQLite's integrity check failed, "+
				"and no good backup was found in the backups folder beside it.\n\n"+
				"Restore a copy you made yourself with: leadwerk restore FILE\n\nDetails: {{.Err}}", values)
	default:
		return lang.X("backup.open.failed", "Leadwerk could not open the database {{.Path}}.\n\n{{.Err}}", values)
	}
}

func (w *openErrorWindow) onRestoreTapped() {
	w.restore.Disable()
	w.quit.Disable()
	w.progress.Show()

	go func() {
		kept, err := w.problem.Restore(context.Background())
		var store app.Store
		if err == nil {
			store, err = w.problem.Open(w.problem.Path)
		}
		w.do(func() { w.onRestored(store, kept, err) })
	}()
}

// onRestored opens the main window on the restored store and closes this
// one, or shows why the restore failed.
func (w *openErrorWindow) onRestored(store app.Store, kept string, err error) {
	w.progress.Hide()
	w.quit.Enable()
	if err != nil {
		w.logger.Error("restore at start failed", "path", w.problem.Path, "backup", w.problem.Backup, "err", err)
		w.message.SetText(lang.X("backup.open.restore_failed", "The backup was not restored: {{.Err}}",
			map[string]any{"Err": err}))
		return
	}

	w.logger.Info("restored at start", "path", w.problem.Path, "backup", w.problem.Backup, "kept", kept)
	m := w.showMainWindow(store)
	dialog.ShowInformation(lang.X("backup.restored.title", "Backup restored"),
		lang.X("backup.open.restored", "Restored {{.Backup}}.\nThe damaged file is kept in\n{{.Kept}}",
			map[string]any{"Backup": w.problem.Backup, "Kept": kept}), m.window)
}

// showMainWindow opens the main window on store in place of this one.
func (w *openErrorWindow) showMainWindow(store app.Store) *mainWindow {
	w.store = store
	m := newMainWindow(w.app, store, defaultSources(), w.do, w.logger)
	m.window.Show()
	m.start()
	w.window.Close()

	return m
}
