package ui

import (
	"fmt"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"

	"leadwerk/app"
	"leadwerk/sheets"
)

// onExportTapped shows a save dialog and writes the workbook to the
// chosen file.
func (d *leadGoalDialog) onExportTapped() {
	sheet, ok := d.sheet()
	if !ok {
		return
	}

	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			d.reporter.report(lang.L("The workbook could not be saved. The log file has the details."), err)
			return
		}
		if w == nil {
			return
		}
		d.writeSheet(sheet, w)
	}, d.window)
	save.SetFileName(lang.L("lead-goal") + ".xlsx")
	save.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx"}))
	save.Show()
}

// writeSheet writes the workbook to w in a goroutine and closes w. The
// person learns the outcome in a dialog.
func (d *leadGoalDialog) writeSheet(sheet sheets.LeadGoalSheet, w fyne.URIWriteCloser) {
	go func() {
		err := writeAndClose(w, sheet)
		d.do(func() {
			if err != nil {
				d.reporter.report(lang.L("The workbook could not be saved. The log file has the details."), err)
				return
			}
			dialog.ShowInformation(lang.L("Workbook saved"), w.URI().Path(), d.window)
		})
	}()
}

func writeAndClose(w io.WriteCloser, sheet sheets.LeadGoalSheet) error {
	err := sheets.WriteLeadGoal(w, sheet)
	if closeErr := w.Close(); err == nil && closeErr != nil {
		err = fmt.Errorf("close lead-goal workbook: %w", closeErr)
	}

	return err
}

// sheet returns the workbook of the shown columns with their inputs as
// typed. It returns false while an input gives no plan.
func (d *leadGoalDialog) sheet() (sheets.LeadGoalSheet, bool) {
	plans, problem := d.plans()
	if problem != "" || len(plans) == 0 {
		return sheets.LeadGoalSheet{}, false
	}

	target, _ := d.readTarget()
	period := d.selectedPeriod()
	sheet := sheets.LeadGoalSheet{Labels: sheetLabels(), Target: target, Period: period.name, Months: period.months}
	for _, c := range d.columns() {
		in, _ := c.readInputs(target, period.months, d.language)
		if len(d.columns()) == 1 {
			in.Share = app.FullRate
		}
		sheet.Columns = append(sheet.Columns, sheets.LeadGoalColumn{Name: c.name, Inputs: in})
	}

	return sheet, true
}

func sheetLabels() sheets.LeadGoalLabels {
	return sheets.LeadGoalLabels{
		Sheet:             lang.L("Lead goal"),
		Title:             lang.L("Lead goal calculator"),
		Note:              lang.L("Change the yellow cells. Counts are rounded up to whole deals and leads."),
		Target:            lang.L("Revenue target"),
		Period:            lang.L("Period"),
		Months:            lang.L("Months"),
		Total:             lang.L("Total"),
		Share:             lang.L("Share of target"),
		AverageDeal:       lang.L("Average won deal"),
		WinRate:           lang.L("Win rate"),
		LeadToOpportunity: lang.L("Lead-to-opportunity rate"),
		Qualification:     lang.L("Qualification rate"),
		TargetShare:       lang.L("Target share"),
		WonDeals:          lang.L("Won deals needed"),
		Opportunities:     lang.L("Opportunities needed"),
		QualifiedLeads:    lang.L("Qualified leads needed"),
		Leads:             lang.L("Leads needed"),
		LeadsPerMonth:     lang.L("Leads per month"),
	}
}
