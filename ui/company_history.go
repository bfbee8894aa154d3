package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// showCompanyHistory opens a dialog with the fields of company c and the
// record of every change to it, newest first: edits, merges and the
// import that created it. It returns the history section, which loads in
// a goroutine.
func showCompanyHistory(store auditReader, window fyne.Window, do uiRunner, errors errorReporter, language string,
	c app.Company,
) *auditHistorySection {
	fields := container.New(layout.NewFormLayout())
	fields.Objects = formRows(companyFieldRows(c, language), true)

	h := newAuditHistorySection(store, do, errors, language)
	content := container.NewVBox(fields, sectionHeading(lang.X("trash.history.heading", "History")), h.content)

	title := lang.X("history.company.title", "Company {{.Name}}", map[string]any{"Name": c.Name})
	d := dialog.NewCustom(title, lang.X("trash.close", "Close"), container.NewVScroll(content), window)
	d.Resize(fyne.NewSize(680, 480))
	d.Show()
	h.show(app.EntityCompany, c.ID)

	return h
}

// companyFieldRows returns the company's fields as label/value pairs.
func companyFieldRows(c app.Company, language string) [][2]string {
	var employees, revenue, founded string
	if c.Employees > 0 {
		employees = app.FormatCount(c.Employees, language)
	}
	if c.Revenue.Minor != 0 {
		revenue = app.FormatMoney(c.Revenue, language)
	}
	if c.YearFounded > 0 {
		founded = strconv.Itoa(c.YearFounded)
	}

	return [][2]string{
		{lang.L("Name"), c.Name},
		{lang.L("Sector"), c.Sector},
		{lang.L("Country"), c.Country},
		{lang.X("trash.field.employees", "Employees"), employees},
		{lang.X("history.company.revenue", "Revenue"), revenue},
		{lang.X("trash.field.year_founded", "Year founded"), founded},
	}
}

// newCompanyHistoryButton returns the button that opens the history of
// the shown deal's company. It stays hidden while the deal has none.
func (d *opportunityDetail) newCompanyHistoryButton(store auditReader) fyne.CanvasObject {
	d.companyButton = widget.NewButtonWithIcon(lang.X("history.company.button", "Company history…"),
		theme.HistoryIcon(), func() {
			d.companyHistory = showCompanyHistory(store, d.errors.window, d.do, d.errors, d.language, d.deal.Company)
		})
	d.companyButton.Hide()

	return container.NewHBox(d.companyButton)
}

// fillCompanyButton shows the company history button for a deal with a
// company.
func (d *opportunityDetail) fillCompanyButton(o app.OpportunityDetail) {
	if d.companyButton == nil {
		return
	}

	if o.Company.ID == 0 {
		d.companyButton.Hide()
		return
	}
	d.companyButton.Show()
}
