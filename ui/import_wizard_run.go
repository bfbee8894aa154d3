package ui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/app/mapping"
)

// wizardImportPage is the last step: the import with its progress, and
// what it changed.
type wizardImportPage struct {
	w       *importWizard
	status  *widget.Label
	bar     *widget.ProgressBar
	summary *widget.Label
	content fyne.CanvasObject
}

func newWizardImportPage(w *importWizard) *wizardImportPage {
	p := &wizardImportPage{w: w}
	note := widget.NewLabel(lang.X("importwizard.import.note",
		"Leadwerk imports all rows in one transaction. Cancel or an error leaves the database as it was."))
	note.Wrapping = fyne.TextWrapWord
	p.status = widget.NewLabel("")
	p.status.Wrapping = fyne.TextWrapWord
	p.bar = widget.NewProgressBar()
	p.summary = widget.NewLabel("")
	p.summary.Wrapping = fyne.TextWrapWord
	p.content = container.NewVBox(note, p.bar, p.status, p.summary)

	return p
}

// progressTo returns an app.Progress that moves bar. It queues a UI
// update only when the whole percentage changes, so a file of 100,000
// rows does not queue 100,000 of them. The engine calls it from one
// goroutine.
func (w *importWizard) progressTo(bar *widget.ProgressBar) app.Progress {
	last := -1

	return func(done, total int) {
		if total <= 0 {
			return
		}

		percent := done * 100 / total
		if percent == last {
			return
		}

		last = percent
		w.do(func() { bar.SetValue(float64(done) / float64(total)) })
	}
}

// startImport runs the import of the checked plan in a goroutine.
func (w *importWizard) startImport() {
	w.showStep(stepImport)
	ctx, gen := w.startJob()
	w.importing = true
	w.run.bar.SetValue(0)
	w.run.summary.SetText("")
	w.run.status.SetText(lang.X("importwizard.import.running", "Importing {{.File}}…",
		map[string]any{"File": w.file.name.Text}))
	w.updateButtons()

	plan := w.plan
	progress := w.progressTo(w.run.bar)
	go func() {
		report, err := w.store.ImportFile(ctx, plan, progress)
		w.do(func() { w.onImportDone(gen, report, err) })
	}()
}

func (w *importWizard) onImportDone(gen int, report mapping.Report, err error) {
	if err == nil {
		w.errors.logger.Info("import wizard: import finished", "kind", report.Kind, "rows", report.Rows,
			"new", report.New, "updated", report.Updated, "rejected", len(report.Rejected))
		w.onImported()
	}
	if !w.finishJob(gen) {
		// The dialog was closed, which cancelled the import.
		w.errors.logger.Info("import wizard: import ended after the dialog closed", "err", err)
		return
	}

	w.importing = false
	w.imported = err == nil
	w.run.onDone(report, err)
	w.updateButtons()
}

// onCancelling shows that the import stops and rolls back.
func (p *wizardImportPage) onCancelling() {
	p.status.SetText(lang.X("importwizard.import.cancelling", "Cancelling…"))
	p.w.cancel.Disable()
}

func (p *wizardImportPage) onDone(report mapping.Report, err error) {
	switch {
	case errors.Is(err, context.Canceled):
		p.w.errors.logger.Info("import wizard: import cancelled")
		p.status.SetText(lang.X("importwizard.import.cancelled",
			"The import was cancelled. The database is unchanged."))
	case err != nil:
		p.w.errors.logger.Error("import wizard: import failed", "err", err)
		p.status.SetText(lang.X("importwizard.import.failed",
			"The import failed, so the database is unchanged: {{.Err}}. Check the file and the dry run, then try again.",
			map[string]any{"Err": err}))
	default:
		p.bar.SetValue(1)
		p.status.SetText(lang.X("importwizard.import.done", "The import is finished."))
		p.summary.SetText(strings.Join(reportLines(report, p.w.language), "\n"))
	}
}
