package ui

import (
	"context"
	"errors"
	"regexp"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/ui/words"
)

// opportunityUpdater is the store access of the opportunity edit form.
type opportunityUpdater interface {
	UpdateOpportunity(ctx context.Context, o app.Opportunity) (app.OpportunityDetail, error)
}

// dealCompanyStore is the store access that makes the form's company
// editable: searching companies and saving the form with a company
// choice in one transaction.
type dealCompanyStore interface {
	companySearcher
	UpdateOpportunityWithCompany(ctx context.Context, o app.Opportunity, choice app.CompanyChoice) (
		app.OpportunityDetail, error)
}

// primaryContactReader is the store access that reads the deal's primary
// contact with the company the contact works at.
type primaryContactReader interface {
	DealPrimaryContact(ctx context.Context, oppID int64) (app.Contact, error)
}

// currencyCodeShape matches the shape of an ISO 4217 code: three letters
// A to Z.
var currencyCodeShape = regexp.MustCompile(`^[A-Z]{3}$`)

// The fields of the edit form that can hold a problem.
const (
	formFieldTitle     = "title"
	formFieldCompany   = "company"
	formFieldAmount    = "amount"
	formFieldCurrency  = "currency"
	formFieldCloseDate = "close_date"
	formFieldBudget    = "customer_budget"
)

// opportunityForm is the dialog that edits a deal's form fields. Stage,
// probability and close fields have their own controls in the detail
// panel. It lists each problem by field name in an area above the
// buttons, so no field moves while the person types, and enables Save
// exactly when every field is valid. An empty amount saves as 0 and an
// empty budget as unknown. The company is editable when the store is a
// dealCompanyStore.
type opportunityForm struct {
	store    opportunityUpdater
	window   fyne.Window
	do       uiRunner
	errors   errorReporter
	language string
	original app.Opportunity
	// company is the deal's company when the form opened.
	company app.Company
	// contact is the deal's primary contact, once loaded; its zero value
	// means none or not loaded yet.
	contact app.Contact
	// onSaved runs with the stored deal after a successful save.
	onSaved func(app.OpportunityDetail)
	saving  bool
	// pending is the deal of the save that runs or ran last.
	pending app.Opportunity
	// conflict is the dialog of the last save that someone else's save
	// rejected, or nil.
	conflict *conflictDialog

	title     *widget.Entry
	companies *companyPicker
	// contactNotice warns that saving drops the primary contact, who
	// does not work at the chosen company.
	contactNotice *widget.Label
	amount        *widget.Entry
	currency      *widget.SelectEntry
	closeDate     *widget.Entry
	owner         *widget.Entry
	product       *widget.Entry
	nextStep      *widget.Entry
	talksStatus   *widget.Entry
	budget        *widget.Entry
	expectations  *widget.Entry
	source        *sourcePicker
	notes         *widget.Entry

	// problems shows the problem of each field, and problemNames the
	// field's name beside it. Both stay hidden while the field is valid.
	problems     map[string]*widget.Label
	problemNames map[string]*widget.Label
	// fields is the form's left column, whose rows keep their height
	// whatever problem shows.
	fields     *fyne.Container
	saveButton *widget.Button
	dialog     *dialog.CustomDialog
}

func newOpportunityForm(store opportunityUpdater, window fyne.Window, do uiRunner, errors errorReporter,
	language string, deal app.OpportunityDetail) *opportunityForm {
	f := &opportunityForm{
		store: store, window: window, do: do, errors: errors, language: language,
		original: deal.Opportunity, company: deal.Company,
		problems: map[string]*widget.Label{}, problemNames: map[string]*widget.Label{},
	}

	f.buildFields()
	f.fill()
	f.buildDialog()
	f.validate()
	f.loadContact()

	return f
}

func (f *opportunityForm) buildFields() {
	f.title = f.entry()
	f.buildCompanyField()
	f.amount = f.entry()
	f.currency = widget.NewSelectEntry([]string{"EUR", "USD", "GBP", "CHF", "JPY"})
	f.currency.OnChanged = func(string) { f.validate() }
	f.closeDate = f.entry()
	f.closeDate.SetPlaceHolder(dayPlaceholder(f.language))
	f.owner = f.entry()
	f.product = f.entry()
	f.nextStep = f.entry()
	f.nextStep.SetPlaceHolder(lang.L("such as: send the revised offer by Friday"))
	f.talksStatus = multiLineEntry()
	f.budget = f.entry()
	f.expectations = multiLineEntry()
	f.source = newSourcePicker(f.original.Source)
	f.notes = multiLineEntry()
	for _, long := range []*widget.Entry{f.talksStatus, f.expectations, f.notes} {
		long.OnChanged = func(string) { f.validate() }
	}

	for _, field := range formProblemFields() {
		label := widget.NewLabel("")
		label.Importance = widget.DangerImportance
		label.Wrapping = fyne.TextWrapWord
		label.Hide()
		f.problems[field.name] = label

		name := headingLabel(field.label)
		name.Importance = widget.DangerImportance
		name.Hide()
		f.problemNames[field.name] = name
	}
}

// formProblemField is a field that can hold a problem, with its label in
// the form.
type formProblemField struct {
	name  string
	label string
}

// formProblemFields returns the fields that can hold a problem, in the
// order of the form.
func formProblemFields() []formProblemField {
	return []formProblemField{
		{formFieldTitle, lang.L("Title")},
		{formFieldCompany, lang.L("Company")},
		{formFieldAmount, lang.L("Amount")},
		{formFieldCurrency, lang.L("Currency")},
		{formFieldCloseDate, lang.L("Close date")},
		{formFieldBudget, lang.L("Customer budget")},
		{app.FieldOwner, lang.L("Owner")},
		{app.FieldProduct, lang.L("Product")},
		{app.FieldNextStep, lang.L("Next step")},
		{app.FieldTalksStatus, lang.L("Status of talks")},
		{app.FieldExpectations, lang.L("Expectations")},
		{app.FieldNotes, lang.L("Notes")},
	}
}

func (f *opportunityForm) entry() *widget.Entry {
	e := widget.NewEntry()
	e.OnChanged = func(string) { f.validate() }

	return e
}

func multiLineEntry() *widget.Entry {
	e := widget.NewMultiLineEntry()
	e.SetMinRowsVisible(3)
	e.Wrapping = fyne.TextWrapWord

	return e
}

func (f *opportunityForm) buildDialog() {
	amount := container.NewBorder(nil, nil, nil, container.NewGridWrap(fyne.NewSize(110, f.currency.MinSize().Height),
		f.currency), f.amount)

	closeDate := newDateField(f.closeDate, f.language)
	f.fields = container.New(layout.NewFormLayout(),
		headingLabel(lang.L("Title")), f.title,
		headingLabel(lang.L("Company")), f.companies.content,
		headingLabel(lang.L("Amount")), amount,
		headingLabel(lang.L("Close date")), closeDate,
		headingLabel(lang.L("Owner")), f.owner,
		headingLabel(lang.L("Product")), f.product,
		headingLabel(lang.L("Source")), f.source.choice,
		headingLabel(lang.L("Customer budget")), f.budget,
	)
	right := container.New(layout.NewFormLayout(),
		headingLabel(lang.L("Next step")), f.nextStep,
		headingLabel(lang.L("Status of talks")), f.talksStatus,
		headingLabel(lang.L("Expectations")), f.expectations,
		headingLabel(lang.L("Notes")), f.notes,
	)

	f.saveButton = widget.NewButton(lang.L("Save"), f.onSaveTapped)
	f.saveButton.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() { f.dialog.Hide() })
	buttons := container.NewHBox(layout.NewSpacer(), cancel, f.saveButton)
	body := container.NewVScroll(container.NewGridWithColumns(2, f.fields, right))
	bottom := container.NewVBox(f.contactNotice, f.problemArea(), buttons)

	f.dialog = dialog.NewCustomWithoutButtons(lang.L("Edit opportunity"),
		container.NewBorder(nil, bottom, nil, nil, body), f.window)
	f.dialog.Resize(fyne.NewSize(980, 620))
}

// problemArea lays out the problems under the fields, one row per field
// with its name. A growing area takes height from the scrolled fields
// above it and moves none of them.
func (f *opportunityForm) problemArea() fyne.CanvasObject {
	var rows []fyne.CanvasObject
	for _, field := range formProblemFields() {
		rows = append(rows, f.problemNames[field.name], f.problems[field.name])
	}

	return container.New(layout.NewFormLayout(), rows...)
}

func (f *opportunityForm) show() {
	showClosingOnEscape(f.window, f.dialog)
	f.window.Canvas().Focus(f.title)
}

// fill writes the original deal into the fields. Amounts are written as
// parseAmount reads them back, so an unchanged form saves unchanged values.
func (f *opportunityForm) fill() {
	o := f.original
	f.title.SetText(o.Title)
	f.companies.choose(app.CompanyChoice{ID: f.company.ID}, f.company.Name)
	f.amount.SetText(formatAmount(o.Amount, f.language))
	f.currency.SetText(o.Amount.Currency)
	f.closeDate.SetText(app.FormatDate(o.CloseDate, f.language))
	f.owner.SetText(o.Owner)
	f.product.SetText(o.Product)
	f.nextStep.SetText(o.NextStep)
	f.talksStatus.SetText(o.TalksStatus)
	f.budget.SetText(formatAmount(o.CustomerBudget, f.language))
	f.expectations.SetText(o.Expectations)
	f.notes.SetText(o.Notes)
}

// opportunity returns the deal the fields describe, keeping the
// original's other fields, and the problem of each invalid field.
func (f *opportunityForm) opportunity() (app.Opportunity, map[string]string) {
	o := f.original
	problems := map[string]string{}

	o.Title = strings.TrimSpace(f.title.Text)
	if o.Title == "" {
		problems[formFieldTitle] = lang.L("Enter a title.")
	}

	if _, chosen := f.companies.value(); !chosen {
		problems[formFieldCompany] = lang.L("Choose a company from the list, or create one by its name.")
	}

	currency := strings.ToUpper(strings.TrimSpace(f.currency.Text))
	if !currencyCodeShape.MatchString(currency) {
		problems[formFieldCurrency] = lang.L("Enter a three-letter currency code such as EUR.")
	}

	var problem string
	o.Amount, problem = f.money(f.amount.Text, currency)
	if problem != "" {
		problems[formFieldAmount] = problem
	}
	o.CustomerBudget, problem = f.money(f.budget.Text, currency)
	if problem != "" {
		problems[formFieldBudget] = problem
	}
	if strings.TrimSpace(f.budget.Text) == "" {
		o.CustomerBudget = app.Money{}
	}

	date, err := parseDay(f.closeDate.Text, f.language)
	if err != nil {
		problems[formFieldCloseDate] = dayProblem(f.closeDate.Text, f.language)
	}
	o.CloseDate = date

	o.Owner = strings.TrimSpace(f.owner.Text)
	o.Product = strings.TrimSpace(f.product.Text)
	o.NextStep = strings.TrimSpace(f.nextStep.Text)
	o.TalksStatus = strings.TrimSpace(f.talksStatus.Text)
	o.Expectations = strings.TrimSpace(f.expectations.Text)
	o.Source = f.source.value()
	o.Notes = strings.TrimSpace(f.notes.Text)

	f.addRuleProblems(o, currency, problems)

	return o, problems
}

// addRuleProblems adds the problems of app.ValidateOpportunity to the
// fields that have none yet. A close date before the creation day blocks
// nothing here: onSaveTapped asks the person to confirm it.
func (f *opportunityForm) addRuleProblems(o app.Opportunity, currency string, problems map[string]string) {
	for _, e := range app.Blocking(app.ValidateOpportunity(o, app.DateOf(o.CreatedAt))) {
		if _, shown := problems[e.Field]; !shown {
			problems[e.Field] = words.Problem(e, currency, f.language)
		}
	}
}

// money reads an amount in currency, taking empty text as 0. It returns a
// message for the person when the text is not an amount or is negative.
func (f *opportunityForm) money(text, currency string) (app.Money, string) {
	if strings.TrimSpace(text) == "" {
		return app.Money{Currency: currency}, ""
	}

	m, err := parseAmount(text, currency, f.language)
	if err != nil {
		return app.Money{}, lang.L("Enter an amount such as 12500 or 12500.50 in your number format.")
	}
	if m.Minor < 0 {
		return app.Money{}, lang.L("Enter 0 or more.")
	}

	return m, ""
}

// validate shows every problem with its field's name and enables Save
// exactly when there is none.
func (f *opportunityForm) validate() bool {
	if f.saveButton == nil {
		return false
	}

	_, problems := f.opportunity()
	for field, label := range f.problems {
		label.SetText(problems[field])
		setVisible(label, problems[field] != "")
		setVisible(f.problemNames[field], problems[field] != "")
	}
	if f.dialog != nil {
		// Lays the dialog out again, so the problem area grows to fit a
		// second problem instead of drawing it over the first.
		f.dialog.Refresh()
	}

	f.updateContactNotice()

	valid := len(problems) == 0
	setEnabled(f.saveButton, valid && !f.saving)

	return valid
}

func (f *opportunityForm) onSaveTapped() {
	o, _ := f.opportunity()
	if !f.validate() || f.saving {
		return
	}

	if len(app.ValidateOpportunity(o, app.DateOf(o.CreatedAt))) > 0 {
		title, message := words.ConfirmProblems()
		dialog.ShowConfirm(title, message, func(confirmed bool) {
			if confirmed {
				f.startSave(o)
			}
		}, f.window)
		return
	}

	f.startSave(o)
}

// startSave stores o in a goroutine. Its caller has validated o.
func (f *opportunityForm) startSave(o app.Opportunity) {
	f.saving = true
	f.saveButton.Disable()
	f.pending = o
	choice, _ := f.companies.value()
	go func() {
		saved, err := f.save(context.Background(), o, choice)
		f.do(func() { f.onSaveDone(saved, err) })
	}()
}

func (f *opportunityForm) onSaveDone(saved app.OpportunityDetail, err error) {
	f.saving = false
	var conflict *app.ConflictError
	if errors.As(err, &conflict) {
		f.onConflict(conflict)
		return
	}

	if err != nil {
		f.validate()
		f.errors.report(lang.L("The opportunity could not be saved. The log file has the details."), err)
		return
	}

	f.dialog.Hide()
	if f.onSaved != nil {
		f.onSaved(saved)
	}
}

// save stores o with the company choice, or without changing the company
// when the store cannot change it.
func (f *opportunityForm) save(ctx context.Context, o app.Opportunity, choice app.CompanyChoice) (
	app.OpportunityDetail, error) {
	if companies, ok := f.store.(dealCompanyStore); ok {
		return companies.UpdateOpportunityWithCompany(ctx, o, choice)
	}

	return f.store.UpdateOpportunity(ctx, o)
}

// buildCompanyField builds the company picker, which is read-only when
// the store cannot change a deal's company.
func (f *opportunityForm) buildCompanyField() {
	var searcher companySearcher
	if companies, ok := f.store.(dealCompanyStore); ok {
		searcher = companies
	}

	f.companies = newCompanyPicker(searcher, f.do, f.errors, f.company)
	f.companies.onChanged = func() { f.validate() }

	f.contactNotice = widget.NewLabel("")
	f.contactNotice.Importance = widget.WarningImportance
	f.contactNotice.Wrapping = fyne.TextWrapWord
	f.contactNotice.Hide()
}

// loadContact reads the deal's primary contact, so that the form can warn
// before a company change drops that contact.
func (f *opportunityForm) loadContact() {
	reader, ok := f.store.(primaryContactReader)
	if !ok || f.original.ContactID == 0 {
		return
	}

	id := f.original.ID
	go func() {
		contact, err := reader.DealPrimaryContact(context.Background(), id)
		f.do(func() {
			if err != nil {
				f.errors.logger.Error("read primary contact failed", "opportunity", id, "err", err)
				return
			}
			f.contact = contact
			f.updateContactNotice()
		})
	}()
}

// updateContactNotice shows, while the company is changed to one the
// primary contact does not work at, that saving drops the contact as
// primary contact and keeps the contact among the deal's contacts.
func (f *opportunityForm) updateContactNotice() {
	choice, chosen := f.companies.value()
	changed := choice.IsNew() || choice.ID != f.company.ID
	if !chosen || !changed || f.contact.ID == 0 || choice.KeepsContact(f.contact.CompanyID) {
		f.contactNotice.Hide()
		return
	}

	name := strings.TrimSpace(f.contact.FirstName + " " + f.contact.LastName)
	if choice.ID == 0 && !choice.IsNew() {
		f.contactNotice.SetText(lang.X("edit.company.contact.none",
			"Saving removes {{.Contact}} as primary contact, because the deal then has no company. "+
				"{{.Contact}} stays among the deal's contacts.", map[string]any{"Contact": name}))
	} else {
		f.contactNotice.SetText(lang.X("edit.company.contact.other",
			"Saving removes {{.Contact}} as primary contact, because {{.Contact}} does not work at {{.Company}}. "+
				"{{.Contact}} stays among the deal's contacts.",
			map[string]any{"Contact": name, "Company": f.companies.choiceName}))
	}
	f.contactNotice.Show()
}
