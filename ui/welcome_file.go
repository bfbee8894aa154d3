package ui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/app/mapping"
	"leadwerk/ui/words"
)

// shownRejections is how many rejected rows the import summaries list
// before they only count the rest.
const shownRejections = 5

// fileImporter is the store's access to the generic file import.
type fileImporter interface {
	DryRunFile(ctx context.Context, p mapping.Plan, progress app.Progress) (mapping.Report, error)
	ImportFile(ctx context.Context, p mapping.Plan, progress app.Progress) (mapping.Report, error)
}

// importFileExtensions are the file types that mapping.Prepare reads.
var importFileExtensions = []string{".csv", ".txt", ".xlsx", ".xlsm", ".vcf", ".vcard"}

// onImportFileTapped lets the person pick a CSV, XLSX or vCard file.
func (w *welcomePanel) onImportFileTapped() {
	picker := dialog.NewFileOpen(w.onImportFileChosen, w.window)
	picker.SetFilter(storage.NewExtensionFileFilter(importFileExtensions))
	picker.Resize(fyne.NewSize(800, 560))
	picker.Show()
}

func (w *welcomePanel) onImportFileChosen(file fyne.URIReadCloser, err error) {
	if err != nil {
		w.errors.report(lang.X("welcome.file.open_error", "The file could not be opened."), err)
		return
	}

	if file == nil {
		return
	}

	path := file.URI().Path()
	_ = file.Close()
	w.dryRunFile(path)
}

// dryRunFile detects the columns of the file at path and runs the
// import without writing, with a progress dialog, then shows its counts.
func (w *welcomePanel) dryRunFile(path string) {
	var plan mapping.Plan
	var report mapping.Report
	task := func(ctx context.Context, progress app.Progress) (app.ImportResult, error) {
		prepared, err := mapping.Prepare(path, mapping.Preset{Locale: lang.SystemLocale().String()}, "")
		if err != nil {
			return app.ImportResult{}, err
		}

		plan = prepared
		report, err = w.files.DryRunFile(ctx, plan, progress)

		return app.ImportResult{}, err
	}

	w.running = runWithProgress(w.window, w.do, lang.X("welcome.file.checking", "Checking the file"), task,
		func(_ app.ImportResult, err error) {
			w.running = nil
			if w.fileFailed("dry run", path, err) {
				return
			}

			w.confirmFileImport(path, plan, report)
		})
}

// confirmFileImport shows the dry run's counts and imports on Import.
func (w *welcomePanel) confirmFileImport(path string, plan mapping.Plan, report mapping.Report) {
	intro := widget.NewLabel(lang.X("welcome.file.dry_run", "A dry run of {{.File}} found:",
		map[string]any{"File": fileName(path)}))
	content := container.NewVBox(intro, importSummary(report))

	confirm := dialog.NewCustomConfirm(lang.X("welcome.file.title", "Import a file"),
		lang.X("welcome.file.import", "Import"), lang.L("Cancel"), content,
		func(ok bool) {
			if ok {
				w.importFile(path, plan)
			}
		}, w.window)
	closeOnEscape(w.window, confirm)
	confirm.Show()
}

// importFile stores the rows of plan with a progress dialog and shows
// what changed.
func (w *welcomePanel) importFile(path string, plan mapping.Plan) {
	var report mapping.Report
	task := func(ctx context.Context, progress app.Progress) (app.ImportResult, error) {
		var err error
		report, err = w.files.ImportFile(ctx, plan, progress)

		return app.ImportResult{}, err
	}

	w.running = runWithProgress(w.window, w.do, lang.L("Importing"), task, func(_ app.ImportResult, err error) {
		w.running = nil
		if w.fileFailed("file import", path, err) {
			return
		}

		w.logger.Info("file import finished", "kind", report.Kind, "rows", report.Rows, "new", report.New,
			"updated", report.Updated, "rejected", len(report.Rejected))
		w.showFileImported(report)
	})
}

// showFileImported lists what the import changed and opens the tabs when
// the person closes it.
func (w *welcomePanel) showFileImported(report mapping.Report) {
	content := container.NewVBox(
		widget.NewLabel(lang.X("welcome.file.imported", "The import is finished:")),
		importSummary(report))
	done := dialog.NewCustom(lang.X("welcome.file.title", "Import a file"), lang.L("Close"), content, w.window)
	closeOnEscape(w.window, done)
	done.SetOnClosed(w.onFinished)
	done.Show()
}

// fileFailed reports err, if any, and returns whether there was one. A
// cancel is no failure worth a log line at error level.
func (w *welcomePanel) fileFailed(task, path string, err error) bool {
	switch {
	case err == nil:
		return false
	case errors.Is(err, context.Canceled):
		w.logger.Info(task + " cancelled")
		dialog.ShowInformation(lang.L("Cancelled"), lang.L("Nothing was changed."), w.window)
	case errors.Is(err, mapping.ErrUnknownKind):
		w.errors.report(lang.X("welcome.file.unknown_kind",
			"The columns of {{.File}} name no known fields, so Leadwerk cannot tell whether it contains leads, contacts, companies or deals. Rename the header row, such as to Name, E-mail, Company, Amount or Stage, and try again.",
			map[string]any{"File": fileName(path)}), err)
	default:
		w.errors.report(lang.X("welcome.file.failed",
			"The file {{.File}} could not be imported. Nothing was changed.",
			map[string]any{"File": fileName(path)})+"\n\n"+err.Error(), err)
	}

	return true
}

// importSummary returns the counts of report and its first rejected rows
// with line, column and reason.
func importSummary(report mapping.Report) fyne.CanvasObject {
	language := currentLanguage()
	count := func(n int) string { return app.FormatCount(n, language) }
	lines := []string{lang.X("welcome.file.counts",
		"{{.Rows}} rows of {{.Kind}}: {{.New}} new, {{.Updated}} updated, {{.Duplicates}} duplicates, {{.Rejected}} rejected",
		map[string]any{"Rows": count(report.Rows), "Kind": lang.X("importing.kind."+string(report.Kind), string(report.Kind)),
			"New": count(report.New), "Updated": count(report.Updated), "Duplicates": count(report.Duplicates),
			"Rejected": count(len(report.Rejected))})}

	for i, rejection := range report.Rejected {
		if i == shownRejections {
			lines = append(lines, lang.X("welcome.file.more_rejected", "… and {{.Count}} more rejected rows",
				map[string]any{"Count": count(len(report.Rejected) - shownRejections)}))
			break
		}

		lines = append(lines, lang.X("welcome.file.rejected_row", "Line {{.Line}}, column {{.Column}}: {{.Reason}}",
			map[string]any{"Line": rejection.Line, "Column": rejection.Column,
				"Reason": words.ImportRejection(rejection, currentLanguage())}))
	}

	return widget.NewLabel(strings.Join(lines, "\n"))
}

// fileName returns the last element of path, which is what the person
// recognises in a message.
func fileName(path string) string {
	return storage.NewFileURI(path).Name()
}
