package ui

import (
	"context"
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/app/export"
	"leadwerk/ui/exporting"
)

// fileChooser requests where to save a file named name, offering the given
// extensions, and calls done with the open file, nil when the person
// cancelled, or an error. The window uses Fyne's save dialog; tests pass
// a function that opens a file in a temporary folder.
type fileChooser func(name string, extensions []string, done func(fyne.URIWriteCloser, error))

// exportFormatChoice is one entry of the format list of a list export.
type exportFormatChoice struct {
	label     string
	format    exporting.Format
	extension string
}

// exportDialog runs one export: it requests the format where there is a
// choice, then the file, and writes the file off the UI goroutine
// with a progress bar and a Cancel button.
type exportDialog struct {
	window fyne.Window
	source exporting.Source
	do     uiRunner
	errors errorReporter
	choose fileChooser
	now    func() time.Time

	request  exporting.Request
	formats  *widget.RadioGroup
	choices  []exportFormatChoice
	form     *dialog.ConfirmDialog
	cancel   context.CancelFunc
	bar      *widget.ProgressBar
	progress *dialog.CustomDialog
	// written is the saved file's URI after a successful export, for
	// tests.
	written fyne.URI
}

// newExportDialog returns the export of req from the window's store, or
// false after telling the person when the store cannot export.
func (m *mainWindow) newExportDialog(req exporting.Request) (*exportDialog, bool) {
	source, ok := m.store.(exporting.Source)
	if !ok {
		m.errors.report(lang.X("export.window.unsupported", "This database cannot be exported."),
			errors.New("store does not implement exporting.Source"))
		return nil, false
	}

	req.Language = m.language
	req.Locale = export.LocaleOf(m.language)
	req.Location = time.Local
	d := &exportDialog{window: m.window, source: source, do: m.do, errors: m.errors, now: time.Now, request: req}
	d.choose = d.saveDialog

	return d, true
}

// onExportLeadsTapped exports the Leads list with its current search,
// filters and order.
func (m *mainWindow) onExportLeadsTapped() {
	if d, ok := m.newExportDialog(exporting.Request{What: exporting.Leads, Leads: m.leads.currentQuery()}); ok {
		d.showFormats()
	}
}

// onExportOpportunitiesTapped exports the Opportunities list with its
// current search, pipeline and order.
func (m *mainWindow) onExportOpportunitiesTapped() {
	req := exporting.Request{What: exporting.Opportunities, Opportunities: m.opportunities.currentQuery()}
	if d, ok := m.newExportDialog(req); ok {
		d.showFormats()
	}
}

// onExportEverythingTapped writes the whole database as JSON.
func (m *mainWindow) onExportEverythingTapped() {
	if d, ok := m.newExportDialog(exporting.Request{What: exporting.All, Format: exporting.JSON}); ok {
		d.chooseFile(".json")
	}
}

// onExportCalendarTapped writes the open activities and next steps as an
// iCalendar file.
func (m *mainWindow) onExportCalendarTapped() {
	if d, ok := m.newExportDialog(exporting.Request{What: exporting.Activities, Format: exporting.ICS}); ok {
		d.chooseFile(".ics")
	}
}

// showFormats shows the choice of table format and then the save dialog.
func (d *exportDialog) showFormats() {
	d.choices = []exportFormatChoice{
		{lang.X("export.window.format_excel_csv", "CSV for Excel (this language's separators)"), exporting.ExcelCSV, ".csv"},
		{lang.X("export.window.format_xlsx", "Excel workbook (.xlsx)"), exporting.XLSX, ".xlsx"},
		{lang.X("export.window.format_plain_csv", "Plain CSV (RFC 4180, for other programs)"), exporting.PlainCSV, ".csv"},
	}

	labels := make([]string, len(d.choices))
	for i, c := range d.choices {
		labels[i] = c.label
	}
	d.formats = widget.NewRadioGroup(labels, nil)
	d.formats.Required = true
	d.formats.SetSelected(labels[0])

	hint := widget.NewLabel(lang.X("export.window.filters_hint",
		"The file gets the rows of the list with its current search, filters and order."))
	hint.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(hint, d.formats)

	d.form = dialog.NewCustomConfirm(d.title(), lang.X("export.window.save", "Save…"), lang.L("Cancel"), content,
		d.onFormatConfirmed, d.window)
	d.form.Resize(fyne.NewSize(480, 0))
	showClosingOnEscape(d.window, d.form)
}

func (d *exportDialog) onFormatConfirmed(ok bool) {
	if !ok {
		return
	}

	for _, c := range d.choices {
		if c.label == d.formats.Selected {
			d.request.Format = c.format
			d.chooseFile(c.extension)
		}
	}
}

func (d *exportDialog) title() string {
	switch d.request.What {
	case exporting.Leads:
		return lang.X("export.window.title_leads", "Export leads")
	case exporting.Opportunities:
		return lang.X("export.window.title_opportunities", "Export opportunities")
	case exporting.All:
		return lang.X("export.window.title_all", "Export everything")
	default:
		return lang.X("export.window.title_calendar", "Export open activities")
	}
}

// chooseFile opens the save dialog with a name such as
// leadwerk-leads-2026-04-01.csv.
func (d *exportDialog) chooseFile(extension string) {
	name := lang.X("export.window.file_name", "leadwerk-{{.What}}-{{.Date}}",
		map[string]any{"What": string(d.request.What), "Date": app.DateOf(d.now()).String()}) + extension
	d.choose(name, []string{extension}, func(target fyne.URIWriteCloser, err error) {
		if err != nil {
			d.errors.report(lang.X("export.window.create_failed", "The file could not be created. Choose another folder."), err)
			return
		}

		if target != nil {
			d.write(target)
		}
	})
}

func (d *exportDialog) saveDialog(name string, extensions []string, done func(fyne.URIWriteCloser, error)) {
	picker := dialog.NewFileSave(done, d.window)
	picker.SetFileName(name)
	picker.SetFilter(storage.NewExtensionFileFilter(extensions))
	picker.Resize(fyne.NewSize(800, 560))
	picker.Show()
}

// write exports to target in a goroutine, closes target and lands the
// result in one do call.
func (d *exportDialog) write(target fyne.URIWriteCloser) {
	ctx, cancel := context.WithCancel(context.Background())
	d.cancel = cancel
	d.request.Now = d.now()
	d.showProgress()

	go func() {
		err := exporting.Write(ctx, target, d.source, d.request, d.onProgress)
		if closeErr := target.Close(); err == nil && closeErr != nil {
			err = fmt.Errorf("close %s: %w", target.URI(), closeErr)
		}

		d.do(func() {
			cancel()
			d.progress.Hide()
			d.onWritten(target.URI(), err)
		})
	}()
}

func (d *exportDialog) showProgress() {
	d.bar = widget.NewProgressBar()
	cancel := widget.NewButton(lang.L("Cancel"), func() { d.cancel() })
	content := container.NewVBox(widget.NewLabel(lang.X("export.window.writing", "Writing the export…")), d.bar,
		container.NewCenter(cancel))
	d.progress = dialog.NewCustomWithoutButtons(d.title(), content, d.window)
	d.progress.Resize(fyne.NewSize(420, 0))
	d.progress.Show()
}

// onProgress moves the bar. It is called from the export's goroutine.
func (d *exportDialog) onProgress(done, total int) {
	if total > 0 {
		d.do(func() { d.bar.SetValue(float64(done) / float64(total)) })
	}
}

// onWritten shows where the file is saved, or removes the partial file
// and reports what failed.
func (d *exportDialog) onWritten(target fyne.URI, err error) {
	if err != nil {
		if removeErr := storage.Delete(target); removeErr != nil {
			d.errors.logger.Error("remove unfinished export", "uri", target.String(), "err", removeErr)
		}

		if errors.Is(err, context.Canceled) {
			dialog.ShowInformation(d.title(), lang.X("export.window.cancelled", "The export was cancelled. No file was saved."), d.window)
			return
		}

		d.errors.report(lang.X("export.window.failed", "The export could not be written. The log file has the details."), err)
		return
	}

	d.written = target
	d.errors.logger.Info("export written", "uri", target.String(), "format", string(d.request.Format))
	dialog.ShowInformation(d.title(), lang.X("export.window.saved", "The export was saved to {{.Path}}.",
		map[string]any{"Path": target.Path()}), d.window)
}
