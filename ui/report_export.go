package ui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/report"
	"leadwerk/ui/printing"
)

// Preference keys of the report header, which the export dialog
// remembers between runs. They are settings of this computer's window,
// and the command line takes -company and -logo instead.
const (
	companyPreference = "printing.company"
	logoPreference    = "printing.logo"
)

// reportExport is the "Print / Export PDF…" dialog. It collects the
// header and filters, writes the pipeline report off the UI goroutine
// with a progress bar, and opens the saved PDF in the system's viewer.
type reportExport struct {
	window   fyne.Window
	store    printing.Source
	do       uiRunner
	errors   errorReporter
	language string
	prefs    fyne.Preferences
	// openURL opens the saved file, such as fyne.App.OpenURL.
	openURL func(*url.URL) error
	now     func() time.Time

	company  *widget.Entry
	logo     *widget.Entry
	pipeline *widget.Select
	from, to *widget.Entry
	problem  *widget.Label
	form     *dialog.CustomDialog

	cancel   context.CancelFunc
	bar      *widget.ProgressBar
	progress *dialog.CustomDialog
}

// openReportExport shows the export dialog over the main window.
func (m *mainWindow) openReportExport() {
	a := fyne.CurrentApp()
	e := newReportExport(m.window, m.store, m.do, m.errors, m.language, a.Preferences(), a.OpenURL)
	e.show()
}

func newReportExport(window fyne.Window, store printing.Source, do uiRunner, reporter errorReporter, language string,
	prefs fyne.Preferences, openURL func(*url.URL) error) *reportExport {
	return &reportExport{window: window, store: store, do: do, errors: reporter, language: language,
		prefs: prefs, openURL: openURL, now: time.Now}
}

// show builds the form, fills the period with the current quarter and
// loads the pipeline names in a goroutine.
func (e *reportExport) show() {
	e.company = widget.NewEntry()
	e.company.SetText(e.prefs.String(companyPreference))
	e.logo = widget.NewEntry()
	e.logo.SetText(e.prefs.String(logoPreference))
	e.logo.SetPlaceHolder(lang.X("printing.export.logo_placeholder", "PNG or JPEG file, optional"))
	chooseLogo := widget.NewButton(lang.X("printing.export.choose", "Choose…"), e.onChooseLogoTapped)
	e.pipeline = newSelect([]string{firstWithDeals()}, nil)
	e.pipeline.SetSelectedIndex(0)

	quarter := printing.QuarterOf(app.DateOf(e.now()))
	e.from = e.dateEntry(quarter.From)
	e.to = e.dateEntry(quarter.To)
	e.problem = widget.NewLabel("")
	e.problem.Wrapping = fyne.TextWrapWord
	e.problem.Importance = widget.DangerImportance
	e.problem.Hide()

	form := widget.NewForm(
		widget.NewFormItem(lang.X("printing.export.company", "Company"), e.company),
		widget.NewFormItem(lang.X("printing.export.logo", "Logo"), container.NewBorder(nil, nil, nil, chooseLogo, e.logo)),
		widget.NewFormItem(lang.X("printing.filter.pipeline", "Pipeline"), e.pipeline),
		widget.NewFormItem(lang.X("printing.export.from", "Period from"), newDateField(e.from, e.language)),
		widget.NewFormItem(lang.X("printing.export.to", "Period to"), newDateField(e.to, e.language)),
	)
	save := widget.NewButton(lang.X("printing.export.save", "Save PDF…"), e.onSaveTapped)
	save.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() { e.form.Hide() })
	content := container.NewVBox(form, e.problem, container.NewHBox(layout.NewSpacer(), cancel, save))

	e.form = dialog.NewCustomWithoutButtons(lang.X("printing.export.title", "Print / Export PDF"), content, e.window)
	e.form.Resize(fyne.NewSize(520, 0))
	showClosingOnEscape(e.window, e.form)
	e.loadPipelines()
}

func (e *reportExport) dateEntry(d app.Date) *widget.Entry {
	entry := widget.NewEntry()
	entry.SetPlaceHolder(dayPlaceholder(e.language))
	entry.SetText(app.FormatDate(d, e.language))

	return entry
}

// firstWithDeals is the pipeline choice that lets the report pick the
// first pipeline with open deals.
func firstWithDeals() string {
	return lang.X("printing.export.first_pipeline", "First with open deals")
}

func (e *reportExport) loadPipelines() {
	go func() {
		pipelines, err := e.store.Pipelines(context.Background())
		e.do(func() { e.onPipelinesLoaded(pipelines, err) })
	}()
}

func (e *reportExport) onPipelinesLoaded(pipelines []app.Pipeline, err error) {
	if err != nil {
		e.errors.logger.Error("load pipelines for the report", "err", err)
		e.setProblem(lang.X("printing.export.pipelines_failed",
			"The pipelines could not be read, so the report uses the first with open deals."))
		return
	}

	options := []string{firstWithDeals()}
	for _, p := range pipelines {
		options = append(options, p.Name)
	}
	e.pipeline.SetOptions(options)
}

func (e *reportExport) onChooseLogoTapped() {
	picker := dialog.NewFileOpen(func(file fyne.URIReadCloser, err error) {
		if err != nil || file == nil {
			return
		}

		_ = file.Close()
		e.logo.SetText(file.URI().Path())
	}, e.window)
	picker.SetFilter(storage.NewExtensionFileFilter([]string{".png", ".jpg", ".jpeg"}))
	picker.Resize(fyne.NewSize(800, 560))
	picker.Show()
}

// onSaveTapped checks the period, stores the header in the preferences
// and opens the save dialog. A wrong date keeps the dialog open with
// everything typed.
func (e *reportExport) onSaveTapped() {
	req, ok := e.request()
	if !ok {
		return
	}

	e.prefs.SetString(companyPreference, req.Company)
	e.prefs.SetString(logoPreference, strings.TrimSpace(e.logo.Text))
	picker := dialog.NewFileSave(func(target fyne.URIWriteCloser, err error) {
		if err != nil {
			e.errors.report(lang.X("printing.export.save_failed", "The file could not be created. Choose another folder."), err)
			return
		}

		if target != nil {
			e.form.Hide()
			e.write(req, strings.TrimSpace(e.logo.Text), target)
		}
	}, e.window)
	picker.SetFileName(lang.X("printing.export.file_name", "pipeline-report-{{.Date}}.pdf",
		map[string]any{"Date": app.DateOf(e.now()).String()}))
	picker.SetFilter(storage.NewExtensionFileFilter([]string{".pdf"}))
	picker.Resize(fyne.NewSize(800, 560))
	picker.Show()
}

// setProblem shows text under the form, or hides the line when text is
// empty.
func (e *reportExport) setProblem(text string) {
	e.problem.SetText(text)
	if text == "" {
		e.problem.Hide()
		return
	}

	e.problem.Show()
}

// request reads the form into a report request, or shows what is wrong
// and returns false.
func (e *reportExport) request() (printing.Request, bool) {
	from, errFrom := parseDay(e.from.Text, e.language)
	to, errTo := parseDay(e.to.Text, e.language)
	switch {
	case errFrom != nil || from.IsZero():
		e.setProblem(dayProblem(e.from.Text, e.language))
		return printing.Request{}, false
	case errTo != nil || to.IsZero():
		e.setProblem(dayProblem(e.to.Text, e.language))
		return printing.Request{}, false
	case to.Before(from):
		e.setProblem(lang.X("printing.export.reversed", "The end of the period lies before its start."))
		return printing.Request{}, false
	}

	e.setProblem("")
	req := printing.Request{
		Period:   app.Period{From: from, To: to},
		Company:  strings.TrimSpace(e.company.Text),
		Language: e.language,
		Now:      e.now(),
	}
	if e.pipeline.SelectedIndex() > 0 {
		req.Pipeline = e.pipeline.Selected
	}

	return req, true
}

// write builds the PDF in a goroutine, writes it to target and lands the
// result in one do call. logoPath is read in the goroutine too.
func (e *reportExport) write(req printing.Request, logoPath string, target fyne.URIWriteCloser) {
	ctx, cancel := context.WithCancel(context.Background())
	e.cancel = cancel
	e.showProgress()

	go func() {
		err := writeReport(ctx, e.store, req, logoPath, target, e.onProgress)
		e.do(func() {
			cancel()
			e.progress.Hide()
			e.onWritten(target.URI(), err)
		})
	}()
}

// writeReport reads the logo, builds the PDF, writes it to target and
// closes target, also after a failure.
func writeReport(ctx context.Context, store printing.Source, req printing.Request, logoPath string,
	target fyne.URIWriteCloser, progress app.Progress) error {
	err := writePDF(ctx, store, req, logoPath, target, progress)
	if closeErr := target.Close(); err == nil && closeErr != nil {
		err = fmt.Errorf("close %s: %w", target.URI(), closeErr)
	}

	return err
}

func writePDF(ctx context.Context, store printing.Source, req printing.Request, logoPath string,
	target fyne.URIWriteCloser, progress app.Progress) error {
	if logoPath != "" {
		logo, err := os.ReadFile(logoPath)
		if err != nil {
			return fmt.Errorf("read logo: %w", err)
		}
		req.Logo = logo
	}

	var buf bytes.Buffer
	if err := printing.Write(ctx, &buf, store, req, progress); err != nil {
		return err
	}

	if _, err := target.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write %s: %w", target.URI(), err)
	}

	return nil
}

func (e *reportExport) showProgress() {
	e.bar = widget.NewProgressBar()
	cancel := widget.NewButton(lang.L("Cancel"), func() { e.cancel() })
	content := container.NewVBox(widget.NewLabel(lang.X("printing.export.writing", "Writing the report…")), e.bar,
		container.NewCenter(cancel))
	e.progress = dialog.NewCustomWithoutButtons(lang.X("printing.export.title", "Print / Export PDF"), content, e.window)
	e.progress.Resize(fyne.NewSize(420, 0))
	e.progress.Show()
}

// onProgress moves the bar. It is called from the report's goroutine.
func (e *reportExport) onProgress(done, total int) {
	e.do(func() { e.bar.SetValue(float64(done) / float64(total)) })
}

// onWritten opens the saved report, or removes the partial file and
// reports what failed.
func (e *reportExport) onWritten(target fyne.URI, err error) {
	if err != nil {
		if removeErr := storage.Delete(target); removeErr != nil {
			e.errors.logger.Error("remove unfinished report", "uri", target.String(), "err", removeErr)
		}
		e.errors.report(e.failureMessage(err), err)
		return
	}

	e.errors.logger.Info("report written", "uri", target.String())
	// NOTE: a failed open is only logged, because the message below
	// still tells the person where to find the file.
	location, openErr := url.Parse(target.String())
	if openErr == nil {
		openErr = e.openURL(location)
	}
	if openErr != nil {
		e.errors.logger.Error("open report in the PDF viewer", "uri", target.String(), "err", openErr)
	}

	dialog.ShowInformation(lang.X("printing.export.title", "Print / Export PDF"),
		lang.X("printing.export.saved", "The report was saved to {{.Path}}.", map[string]any{"Path": target.Path()}),
		e.window)
}

// failureMessage returns what the person reads about err.
func (e *reportExport) failureMessage(err error) string {
	var pathErr *os.PathError
	switch {
	case errors.Is(err, context.Canceled):
		return lang.X("printing.export.cancelled", "The report was cancelled. No file was saved.")
	case errors.Is(err, report.ErrLogoFormat):
		return lang.X("printing.export.bad_logo", "The logo is not a PNG or JPEG image. Choose another file or clear the logo.")
	case errors.As(err, &pathErr) && strings.TrimSpace(e.logo.Text) == pathErr.Path:
		return lang.X("printing.export.logo_unreadable",
			"The logo {{.Path}} could not be read. Choose another file or clear the logo.",
			map[string]any{"Path": pathErr.Path})
	case errors.Is(err, printing.ErrNoPipeline), errors.Is(err, app.ErrNotFound):
		return err.Error()
	default:
		return lang.X("printing.export.failed", "The report could not be written. The log file has the details.")
	}
}
