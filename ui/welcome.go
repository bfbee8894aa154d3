package ui

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/app/demo"
)

// batchImporter is the store's write access for the welcome panel.
type batchImporter interface {
	Import(ctx context.Context, b app.ImportBatch, progress app.Progress) (app.ImportResult, error)
	LoadDemo(ctx context.Context, b app.ImportBatch, progress app.Progress) (app.ImportResult, error)
}

// batchSources produce the records the welcome panel offers to load.
// Run passes maven.Load and demo.Generate.
type batchSources struct {
	// loadFolder reads a folder of CSV files in the Maven CRM layout.
	loadFolder func(dir string) (app.ImportBatch, error)
	// demo returns deterministic demo data for the seed, dated around today.
	demo func(seed uint64, today app.Date) app.ImportBatch
}

// welcomePanel is shown on the first start with an empty database. It
// offers to import a file or a CSV folder, load demo data or start empty,
// and calls onFinished once the database is ready.
type welcomePanel struct {
	store   batchImporter
	files   fileImporter
	sources batchSources
	window  fyne.Window
	do      uiRunner
	errors  errorReporter
	logger  *slog.Logger

	onFinished func()
	running    *progressDialog

	fileButton   *widget.Button
	importButton *widget.Button
	demoButton   *widget.Button
	emptyButton  *widget.Button
	content      fyne.CanvasObject
}

func newWelcomePanel(store batchImporter, sources batchSources, window fyne.Window, do uiRunner,
	errors errorReporter, onFinished func()) *welcomePanel {
	w := &welcomePanel{
		store: store, sources: sources, window: window, do: do,
		errors: errors, logger: errors.logger, onFinished: onFinished,
	}

	title := widget.NewLabelWithStyle(lang.L("Welcome to Leadwerk"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	intro := widget.NewLabel(lang.L("The database is empty. How do you want to start?"))
	intro.Alignment = fyne.TextAlignCenter
	w.fileButton = widget.NewButton(lang.X("welcome.file.button", "Import a file (CSV, Excel, vCard)…"), w.onImportFileTapped)
	w.fileButton.Importance = widget.HighImportance
	w.importButton = widget.NewButton(lang.L("Import a CSV folder (Maven CRM layout)…"), w.onImportTapped)
	w.demoButton = widget.NewButton(lang.L("Load demo data"), w.onDemoTapped)
	w.emptyButton = widget.NewButton(lang.L("Start empty"), w.onStartEmptyTapped)

	// A store without the file import, such as a test double, offers
	// the other ways in.
	w.files, _ = store.(fileImporter)
	if w.files == nil {
		w.fileButton.Hide()
	}

	w.content = container.NewCenter(container.NewVBox(title, intro, w.fileButton, w.importButton, w.demoButton,
		w.emptyButton))

	return w
}

func (w *welcomePanel) onImportTapped() {
	picker := dialog.NewFolderOpen(w.onFolderChosen, w.window)
	picker.Resize(fyne.NewSize(800, 560))
	picker.Show()
}

func (w *welcomePanel) onFolderChosen(folder fyne.ListableURI, err error) {
	if err != nil {
		w.errors.report(lang.L("The folder could not be opened."), err)
		return
	}

	if folder == nil {
		return
	}

	w.importFolder(folder.Path())
}

// importFolder reads and stores the CSV folder dir with a progress dialog.
func (w *welcomePanel) importFolder(dir string) {
	task := func(ctx context.Context, progress app.Progress) (app.ImportResult, error) {
		batch, err := w.sources.loadFolder(dir)
		if err != nil {
			return app.ImportResult{}, err
		}

		return w.store.Import(ctx, batch, progress)
	}

	w.running = runWithProgress(w.window, w.do, lang.L("Importing"), task, func(result app.ImportResult, err error) {
		w.onTaskDone("import", result, err, lang.X("welcome.import.error",
			"The folder {{.Dir}} could not be imported. Nothing was changed.", map[string]any{"Dir": dir}))
	})
}

func (w *welcomePanel) onDemoTapped() {
	task := func(ctx context.Context, progress app.Progress) (app.ImportResult, error) {
		batch := w.sources.demo(demo.DefaultSeed, app.DateOf(time.Now()))

		return w.store.LoadDemo(ctx, batch, progress)
	}

	w.running = runWithProgress(w.window, w.do, lang.L("Loading demo data"), task, func(result app.ImportResult, err error) {
		w.onTaskDone("demo load", result, err, lang.L("The demo data could not be loaded. Nothing was changed."))
	})
}

func (w *welcomePanel) onStartEmptyTapped() {
	w.onFinished()
}

// onTaskDone logs the outcome of an import or demo load and, on success,
// hands over to the main window. A failed message shows the cause, such
// as the file and line of a bad CSV row, because the person can fix it.
func (w *welcomePanel) onTaskDone(task string, result app.ImportResult, err error, failed string) {
	w.running = nil
	if errors.Is(err, context.Canceled) {
		w.logger.Info(task + " cancelled")
		dialog.ShowInformation(lang.L("Cancelled"), lang.L("Nothing was changed."), w.window)
		return
	}

	if errors.Is(err, app.ErrNotEmpty) {
		w.errors.report(lang.L("Demo data can only be loaded into an empty database. Start Leadwerk on a new database file to try it."), err)
		return
	}

	if err != nil {
		w.errors.report(failed+"\n\n"+err.Error(), err)
		return
	}

	w.logger.Info(task+" finished",
		"companies", result.Companies,
		"leads", result.Leads,
		"opportunities_created", result.OpportunitiesCreated,
		"opportunities_updated", result.OpportunitiesUpdated,
		"activities", result.Activities,
		"duration", result.Duration)
	w.onFinished()
}
