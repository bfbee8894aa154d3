package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/app/mapping"
)

// wizardStore is the import wizard's view of the store: the file import
// with its presets, and the pipelines that deals are imported into.
type wizardStore interface {
	mapping.Importer
	Pipelines(ctx context.Context) ([]app.Pipeline, error)
}

// wizardStep is one page of the import wizard, in the order they follow.
type wizardStep int

const (
	stepFile wizardStep = iota
	stepSettings
	stepMapping
	stepStages
	stepDryRun
	stepImport
)

// importWizard is the File → Import a file… dialog. It leads from the
// file through its detected settings, the column mapping and the stages
// to a dry run and the import. Every choice lives in the wizard's fields,
// so Back and Next keep them, and each change that needs the file or the
// store runs in a goroutine and lands in one do.
type importWizard struct {
	window     fyne.Window
	store      wizardStore
	do         uiRunner
	errors     errorReporter
	language   string
	onImported func()

	path string
	// preset holds the person's choices that mapping.Prepare takes: the
	// encoding, delimiter, header line, locale, number and date formats
	// and kind they set (zero ones are detected), an applied preset's
	// columns, and the pipeline and stage mapping.
	preset mapping.Preset
	// edits maps column names to the fields the person chose for them.
	edits map[string]mapping.Field

	plan    mapping.Plan
	planOK  bool
	preview wizardPreview
	report  mapping.Report

	step wizardStep
	// generation counts started jobs, so the result of a job that a newer
	// one replaced is dropped.
	generation int
	cancelJob  context.CancelFunc
	importing  bool
	imported   bool

	dialog   *dialog.CustomDialog
	title    *widget.Label
	body     *fyne.Container
	back     *widget.Button
	next     *widget.Button
	cancel   *widget.Button
	file     *wizardFilePage
	settings *wizardSettingsPage
	mapping  *wizardMappingPage
	stages   *wizardStagesPage
	dryRun   *wizardDryRunPage
	run      *wizardImportPage
}

// openImportWizard opens the import wizard on the window's store.
func (m *mainWindow) openImportWizard() {
	store, ok := m.store.(wizardStore)
	if !ok {
		m.errors.report(lang.X("importwizard.unsupported", "This database cannot import files."),
			errors.New("the store does not implement the file import"))
		return
	}

	newImportWizard(m.window, store, m.do, m.errors, m.language, m.showTabs).show()
}

func newImportWizard(window fyne.Window, store wizardStore, do uiRunner, errs errorReporter, language string,
	onImported func()) *importWizard {
	w := &importWizard{window: window, store: store, do: do, errors: errs, language: language,
		onImported: onImported, edits: map[string]mapping.Field{}}
	w.preset.Locale = lang.SystemLocale().String()

	w.file = newWizardFilePage(w)
	w.settings = newWizardSettingsPage(w)
	w.mapping = newWizardMappingPage(w)
	w.stages = newWizardStagesPage(w)
	w.dryRun = newWizardDryRunPage(w)
	w.run = newWizardImportPage(w)

	w.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	w.body = container.NewStack()
	w.back = widget.NewButton(lang.X("importwizard.back", "Back"), w.onBackTapped)
	w.next = widget.NewButton(lang.X("importwizard.next", "Next"), w.onNextTapped)
	w.next.Importance = widget.HighImportance
	w.cancel = widget.NewButton(lang.L("Cancel"), w.onCancelTapped)
	buttons := container.NewHBox(w.cancel, w.back, w.next)
	content := container.NewBorder(w.title, container.NewBorder(nil, nil, nil, buttons), nil, nil, w.body)

	w.dialog = dialog.NewCustomWithoutButtons(lang.X("importwizard.title", "Import a file"), content, window)
	w.dialog.Resize(fyne.NewSize(1040, 680))

	return w
}

// show opens the dialog on its first page. Escape closes it like Cancel.
func (w *importWizard) show() {
	closeOnEscape(w.window, w.dialog)
	w.dialog.SetOnClosed(w.stopJob)
	w.showStep(stepFile)
	w.dialog.Show()
}

// showStep puts the page of step in the dialog and sets the buttons.
func (w *importWizard) showStep(step wizardStep) {
	w.step = step
	page, title := w.page(step)
	w.title.SetText(title)
	w.body.Objects = []fyne.CanvasObject{page}
	w.body.Refresh()
	w.updateButtons()
}

func (w *importWizard) page(step wizardStep) (fyne.CanvasObject, string) {
	switch step {
	case stepSettings:
		return w.settings.content, lang.X("importwizard.step.settings", "Check how the file is read")
	case stepMapping:
		return w.mapping.content, lang.X("importwizard.step.mapping", "Choose the field of each column")
	case stepStages:
		return w.stages.content, lang.X("importwizard.step.stages", "Map the stages")
	case stepDryRun:
		return w.dryRun.content, lang.X("importwizard.step.dry_run", "Check the dry run")
	case stepImport:
		return w.run.content, lang.X("importwizard.step.import", "Import")
	}

	return w.file.content, lang.X("importwizard.step.file", "Choose a file")
}

// updateButtons enables Back and Next for the current step and names
// Next after what it does.
func (w *importWizard) updateButtons() {
	busy := w.cancelJob != nil
	w.back.Show()
	w.next.Show()
	w.back.Enable()
	w.cancel.Enable()
	w.next.SetText(lang.X("importwizard.next", "Next"))

	switch w.step {
	case stepFile:
		w.back.Disable()
		setEnabled(w.next, w.planOK && !busy)
	case stepSettings, stepMapping, stepStages:
		setEnabled(w.next, w.planOK && !busy)
	case stepDryRun:
		w.next.SetText(lang.X("importwizard.import", "Import"))
		setEnabled(w.next, !busy && w.report.Rows > 0)
	case stepImport:
		w.back.Hide()
		w.next.SetText(lang.L("Close"))
		setEnabled(w.next, !w.importing)
		setEnabled(w.cancel, w.importing)
	}
}

func (w *importWizard) onNextTapped() {
	switch w.step {
	case stepFile:
		w.showStep(stepSettings)
	case stepSettings:
		w.mapping.fill()
		w.showStep(stepMapping)
	case stepMapping:
		if w.hasStages() {
			w.showStep(stepStages)
			w.stages.load()
			return
		}
		w.startDryRun()
	case stepStages:
		w.startDryRun()
	case stepDryRun:
		w.startImport()
	case stepImport:
		w.dialog.Hide()
	}
}

func (w *importWizard) onBackTapped() {
	w.stopJob()

	switch w.step {
	case stepSettings:
		w.showStep(stepFile)
	case stepMapping:
		w.showStep(stepSettings)
	case stepStages:
		w.showStep(stepMapping)
	case stepDryRun:
		if w.hasStages() {
			w.showStep(stepStages)
			return
		}
		w.showStep(stepMapping)
	}
}

// onCancelTapped stops a running import, which then rolls back, and
// closes the dialog otherwise.
func (w *importWizard) onCancelTapped() {
	if w.step == stepImport && w.importing {
		// The generation stays, so the import's result still lands and
		// reports the rollback.
		w.cancelJob()
		w.run.onCancelling()
		return
	}

	w.dialog.Hide()
}

// hasStages reports whether the file's deals name stages, which then get
// their own step.
func (w *importWizard) hasStages() bool {
	return w.planOK && w.plan.Mapping.Kind == mapping.KindOpportunities && w.plan.Mapping.Field(mapping.FieldStage) >= 0
}

// startJob cancels the running job and returns the context and the
// generation of a new one.
func (w *importWizard) startJob() (context.Context, int) {
	w.stopJob()

	ctx, cancel := context.WithCancel(context.Background())
	w.cancelJob = cancel
	w.generation++

	return ctx, w.generation
}

// stopJob cancels the running job. Its result is dropped when it lands.
func (w *importWizard) stopJob() {
	if w.cancelJob != nil {
		w.cancelJob()
		w.cancelJob = nil
	}
	w.generation++
}

// finishJob reports whether the job of generation gen is still current,
// and marks it done.
func (w *importWizard) finishJob(gen int) bool {
	if gen != w.generation {
		return false
	}

	if w.cancelJob != nil {
		w.cancelJob()
		w.cancelJob = nil
	}

	return true
}
