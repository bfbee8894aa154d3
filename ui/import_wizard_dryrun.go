package ui

import (
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"strconv"
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

// rejectionColumnWidths are the widths of the line, column, reason and
// value columns of the rejected rows.
var rejectionColumnWidths = []float32{70, 180, 360, 300}

// wizardDryRunPage is the fifth step: what the import would do, and the
// rows it would leave out: the rejected ones with their reasons, then the
// duplicates with the line each repeats.
type wizardDryRunPage struct {
	w          *importWizard
	status     *widget.Label
	bar        *widget.ProgressBar
	counts     *widget.Label
	table      *widget.Table
	copy       *widget.Button
	export     *widget.Button
	content    fyne.CanvasObject
	rejected   []mapping.Rejection
	duplicates []mapping.DuplicateRow
}

func newWizardDryRunPage(w *importWizard) *wizardDryRunPage {
	p := &wizardDryRunPage{w: w}
	p.status = widget.NewLabel("")
	p.bar = widget.NewProgressBar()
	p.counts = widget.NewLabel("")
	p.counts.Wrapping = fyne.TextWrapWord
	p.table = widget.NewTable(p.tableSize, p.createCell, p.updateCell)
	for i, width := range rejectionColumnWidths {
		p.table.SetColumnWidth(i, width)
	}
	p.copy = widget.NewButton(lang.X("importwizard.dry_run.copy", "Copy rows left out"), p.onCopyTapped)
	p.export = widget.NewButton(lang.X("importwizard.dry_run.export", "Export rows left out…"), p.onExportTapped)

	top := container.NewVBox(p.status, p.bar, p.counts, container.NewHBox(p.copy, p.export))
	p.content = container.NewBorder(top, nil, nil, nil, p.table)

	return p
}

// startDryRun shows the dry run step and runs the dry run in a
// goroutine. Back cancels it.
func (w *importWizard) startDryRun() {
	w.showStep(stepDryRun)
	ctx, gen := w.startJob()
	p := w.dryRun
	w.report = mapping.Report{}
	p.show(mapping.Report{})
	p.bar.Show()
	p.bar.SetValue(0)
	p.status.SetText(lang.X("importwizard.dry_run.running", "Checking every row without writing anything…"))
	w.updateButtons()

	plan := w.plan
	progress := w.progressTo(p.bar)
	go func() {
		report, err := w.store.DryRunFile(ctx, plan, progress)
		w.do(func() {
			if !w.finishJob(gen) {
				return
			}
			w.onDryRunDone(report, err)
		})
	}()
}

func (w *importWizard) onDryRunDone(report mapping.Report, err error) {
	p := w.dryRun
	p.bar.Hide()
	if err != nil {
		p.status.SetText("")
		w.errors.report(lang.X("importwizard.dry_run.failed",
			"The dry run of {{.File}} failed: {{.Err}}. Check the settings and the mapping.",
			map[string]any{"File": w.file.name.Text, "Err": err}), err)
		w.updateButtons()
		return
	}

	w.report = report
	p.status.SetText(lang.X("importwizard.dry_run.done", "The dry run wrote nothing. Import stores these rows:"))
	p.show(report)
	w.updateButtons()
}

func (p *wizardDryRunPage) show(report mapping.Report) {
	p.rejected = report.Rejected
	p.duplicates = report.DuplicateRows
	p.counts.SetText(strings.Join(reportLines(report, p.w.language), "\n"))
	left := len(p.rejected)+len(p.duplicates) > 0
	setEnabled(p.copy, left)
	setEnabled(p.export, left)
	p.table.Refresh()
}

// reportLines returns the counts of report and its notes: the e-mails
// that several people share and the stages that an import creates.
func reportLines(report mapping.Report, language string) []string {
	count := func(n int) string { return app.FormatCount(n, language) }
	if report.Rows == 0 && report.Kind == "" {
		return nil
	}

	lines := []string{lang.X("importwizard.report.counts",
		"{{.Rows}} rows: {{.New}} new, {{.Updated}} updated, {{.Unchanged}} unchanged, {{.Duplicates}} duplicates, {{.Rejected}} rejected",
		map[string]any{"Rows": count(report.Rows), "New": count(report.New), "Updated": count(report.Updated),
			"Unchanged": count(report.Unchanged), "Duplicates": count(report.Duplicates),
			"Rejected": count(len(report.Rejected))})}

	for _, email := range report.SharedEmails {
		lines = append(lines, lang.X("importwizard.report.shared_email",
			"{{.Email}} is shared by people with different names, so they are matched by name and company.",
			map[string]any{"Email": email}))
	}

	stages := report.CreatedStages
	if len(stages) == 0 {
		stages = report.UnknownStages
	}
	if len(stages) > 0 {
		lines = append(lines, lang.X("importwizard.report.stages", "New stages: {{.Stages}}",
			map[string]any{"Stages": strings.Join(stages, ", ")}))
	}

	return lines
}

// tableSize counts a header row and one row per rejected or duplicate row.
func (p *wizardDryRunPage) tableSize() (int, int) {
	n := len(p.rejected) + len(p.duplicates)
	if n == 0 {
		return 0, 0
	}

	return n + 1, len(rejectionColumnWidths)
}

func (p *wizardDryRunPage) createCell() fyne.CanvasObject {
	label := widget.NewLabel("")
	label.Truncation = fyne.TextTruncateEllipsis

	return label
}

func (p *wizardDryRunPage) updateCell(id widget.TableCellID, object fyne.CanvasObject) {
	label := object.(*widget.Label)
	if id.Row == 0 {
		label.TextStyle = fyne.TextStyle{Bold: true}
		label.SetText(rejectionHeader()[id.Col])
		return
	}

	label.TextStyle = fyne.TextStyle{}
	label.SetText(p.rowCells(id.Row - 1)[id.Col])
}

// rowCells returns the cells of the i-th row left out: the rejected rows
// first, then the duplicates.
func (p *wizardDryRunPage) rowCells(i int) []string {
	if i < len(p.rejected) {
		return rejectionCells(p.rejected[i])
	}

	return duplicateCells(p.duplicates[i-len(p.rejected)])
}

func rejectionHeader() []string {
	return []string{
		lang.X("importwizard.rejected.line", "Line"),
		lang.X("importwizard.rejected.column", "Column"),
		lang.X("importwizard.rejected.reason", "Reason"),
		lang.X("importwizard.rejected.value", "Value"),
	}
}

func rejectionCells(r mapping.Rejection) []string {
	return []string{strconv.Itoa(r.Line), r.Column, words.ImportRejection(r, currentLanguage()), r.Value}
}

// duplicateCells returns a duplicate row in the columns of a rejected
// row, with the line it repeats as the reason.
func duplicateCells(d mapping.DuplicateRow) []string {
	reason := lang.X("importwizard.rejected.duplicate", "Duplicate of line {{.Line}}",
		map[string]any{"Line": d.OfLine})

	return []string{strconv.Itoa(d.Line), "", reason, ""}
}

// rejectionTable returns the rows left out with a header row, as the
// copy and the export write them.
func (p *wizardDryRunPage) rejectionTable() [][]string {
	records := [][]string{rejectionHeader()}
	for i := range len(p.rejected) + len(p.duplicates) {
		records = append(records, p.rowCells(i))
	}

	return records
}

// onCopyTapped puts the rejected rows on the clipboard, tab-separated,
// so they paste into a spreadsheet as a table.
func (p *wizardDryRunPage) onCopyTapped() {
	var lines []string
	for _, record := range p.rejectionTable() {
		lines = append(lines, strings.Join(record, "\t"))
	}

	fyne.CurrentApp().Clipboard().SetContent(strings.Join(lines, "\n"))
	p.status.SetText(lang.X("importwizard.dry_run.copied", "The rows left out are on the clipboard."))
}

func (p *wizardDryRunPage) onExportTapped() {
	save := dialog.NewFileSave(p.onExportChosen, p.w.window)
	save.SetFileName("rows-left-out.csv")
	save.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	save.Resize(fyne.NewSize(800, 560))
	save.Show()
}

// onExportChosen writes the rejected rows as a UTF-8 CSV in a goroutine.
func (p *wizardDryRunPage) onExportChosen(file fyne.URIWriteCloser, err error) {
	if err != nil || file == nil {
		if err != nil {
			p.w.errors.report(lang.X("importwizard.dry_run.export_failed",
				"The rows left out could not be saved. Choose another file."), err)
		}
		return
	}

	records := p.rejectionTable()
	go func() {
		err := writeRejections(file, records)
		p.w.do(func() {
			if err != nil {
				p.w.errors.report(lang.X("importwizard.dry_run.export_failed",
					"The rows left out could not be saved. Choose another file."), err)
				return
			}
			p.status.SetText(lang.X("importwizard.dry_run.exported", "Saved the rows left out to {{.File}}.",
				map[string]any{"File": file.URI().Name()}))
		})
	}()
}

func writeRejections(file fyne.URIWriteCloser, records [][]string) error {
	var buffer bytes.Buffer
	writer := csv.NewWriter(&buffer)
	if err := writer.WriteAll(records); err != nil {
		_ = file.Close()
		return err
	}

	if _, err := file.Write(buffer.Bytes()); err != nil {
		_ = file.Close()
		return err
	}
	if err := file.Close(); err != nil && !errors.Is(err, os.ErrClosed) {
		return err
	}

	return nil
}
