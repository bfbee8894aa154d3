package ui

import (
	"context"
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/ui/words"
)

// leadEditor is the store access of the lead form and quick capture.
type leadEditor interface {
	CreateLead(ctx context.Context, l app.Lead) (app.Lead, error)
	UpdateLead(ctx context.Context, l app.Lead) (app.Lead, error)
	FindDuplicates(ctx context.Context, l app.Lead) ([]app.Lead, error)
}

// duplicateDelay is how long the form waits after typing in a name,
// company or e-mail field before it looks for duplicates.
const duplicateDelay = 400 * time.Millisecond

// leadForm is the dialog that creates or edits a lead. It validates with
// app.ValidateLead as the person types, shows each problem under its
// field, enables Save exactly when the lead is valid and warns about
// likely duplicates before saving.
type leadForm struct {
	store    leadEditor
	window   fyne.Window
	do       uiRunner
	errors   errorReporter
	language string
	today    func() app.Date

	// original is the edited lead, or the zero Lead for a new one.
	original app.Lead
	// pending is the lead of the save that runs or ran last.
	pending app.Lead
	// conflict is the dialog of the last save that someone else's save
	// rejected, or nil.
	conflict *conflictDialog
	// onSaved runs with the stored lead; onOpenExisting runs with the id
	// of a duplicate the person chose to open instead.
	onSaved        func(app.Lead)
	onOpenExisting func(id int64)

	touched   map[string]bool
	problems  map[string]*widget.Label
	debounce  *debouncer
	dupGen    int
	shownDups map[int64]bool
	saving    bool
	// filling is set while fill writes the fields, so their change
	// callbacks neither validate nor mark them as touched.
	filling bool

	salutation   *widget.SelectEntry
	firstName    *widget.Entry
	lastName     *widget.Entry
	role         *widget.Entry
	company      *widget.Entry
	email        *widget.Entry
	phone        *widget.Entry
	website      *widget.Entry
	street       *widget.Entry
	postalCode   *widget.Entry
	city         *widget.Entry
	country      *widget.Entry
	source       *sourcePicker
	sourceDetail *widget.Entry
	campaign     *widget.Entry
	industry     *widget.Entry
	sizeBand     *widget.Select
	region       *widget.Entry
	persona      *widget.Entry
	owner        *widget.Entry
	notes        *widget.Entry
	basis        *widget.Select
	consentDate  *widget.Entry
	obtained     *widget.Entry

	duplicates *fyne.Container
	saveButton *widget.Button
	dialog     *dialog.CustomDialog
}

func newLeadForm(store leadEditor, window fyne.Window, do uiRunner, errors errorReporter, language string, original app.Lead) *leadForm {
	f := &leadForm{
		store: store, window: window, do: do, errors: errors, language: language,
		today:     func() app.Date { return app.DateOf(time.Now()) },
		original:  original,
		touched:   map[string]bool{},
		problems:  map[string]*widget.Label{},
		debounce:  &debouncer{delay: duplicateDelay, do: do},
		shownDups: map[int64]bool{},
	}

	f.buildFields()
	f.fill(original)
	f.buildDialog()
	f.validate()

	return f
}

func (f *leadForm) buildFields() {
	f.salutation = widget.NewSelectEntry([]string{lang.L("Ms"), lang.L("Mr"), lang.L("Dr")})
	f.firstName = f.entry(app.FieldName, true)
	f.lastName = f.entry(app.FieldName, true)
	f.role = f.entry("", false)
	f.company = f.entry(app.FieldName, true)
	f.email = f.entry(app.FieldEmail, true)
	f.phone = f.entry(app.FieldPhone, false)
	f.website = f.entry(app.FieldWebsite, false)
	f.street = f.entry("", false)
	f.postalCode = f.entry("", false)
	f.city = f.entry("", false)
	f.country = f.entry("", false)
	f.source = newSourcePicker(f.original.Source)
	f.sourceDetail = f.entry("", false)
	f.sourceDetail.SetPlaceHolder(lang.L("such as the trade fair's name"))
	f.campaign = f.entry("", false)
	f.industry = f.entry("", false)
	f.sizeBand = newSelect(sizeBandOptions(), nil)
	f.region = f.entry("", false)
	f.persona = f.entry("", false)
	f.owner = f.entry("", false)
	f.notes = widget.NewMultiLineEntry()
	f.notes.SetMinRowsVisible(3)
	f.notes.Wrapping = fyne.TextWrapWord
	f.notes.OnChanged = func(string) { f.onFieldChanged("", false) }
	f.basis = newSelect(legalBasisOptions(), func(string) { f.onFieldChanged(app.FieldConsentDate, false) })
	f.consentDate = f.entry(app.FieldConsentDate, false)
	f.consentDate.SetPlaceHolder(dayPlaceholder(f.language))
	f.obtained = f.entry("", false)
	f.obtained.SetPlaceHolder(lang.L("such as: business card at the fair"))

	for _, field := range []string{app.FieldName, app.FieldEmail, app.FieldPhone, app.FieldWebsite, app.FieldConsentDate,
		leadFormOther} {
		label := widget.NewLabel("")
		label.Importance = widget.DangerImportance
		label.Wrapping = fyne.TextWrapWord
		label.Hide()
		f.problems[field] = label
	}
}

// entry returns an entry that revalidates the form when it changes, and
// looks for duplicates when it is part of the duplicate keys.
func (f *leadForm) entry(field string, duplicateKey bool) *widget.Entry {
	e := widget.NewEntry()
	e.OnChanged = func(string) { f.onFieldChanged(field, duplicateKey) }

	return e
}

func (f *leadForm) buildDialog() {
	left := container.New(layout.NewFormLayout(),
		headingLabel(lang.L("Salutation")), f.salutation,
		headingLabel(lang.L("First name")), f.firstName,
		headingLabel(lang.L("Last name")), f.lastName,
		headingLabel(lang.L("Role")), f.role,
		headingLabel(lang.L("Company")), container.NewVBox(f.company, f.problems[app.FieldName]),
		headingLabel(lang.L("E-mail")), container.NewVBox(f.email, f.problems[app.FieldEmail]),
		headingLabel(lang.L("Phone")), container.NewVBox(f.phone, f.problems[app.FieldPhone]),
		headingLabel(lang.L("Website")), container.NewVBox(f.website, f.problems[app.FieldWebsite]),
		headingLabel(lang.L("Street")), f.street,
		headingLabel(lang.L("Postal code")), f.postalCode,
		headingLabel(lang.L("City")), f.city,
		headingLabel(lang.L("Country")), f.country,
	)
	right := container.New(layout.NewFormLayout(),
		headingLabel(lang.L("Source")), f.source.choice,
		headingLabel(lang.L("Source detail")), f.sourceDetail,
		headingLabel(lang.L("Campaign")), f.campaign,
		headingLabel(lang.L("Industry")), f.industry,
		headingLabel(lang.L("Company size")), f.sizeBand,
		headingLabel(lang.L("Region")), f.region,
		headingLabel(lang.L("Persona")), f.persona,
		headingLabel(lang.L("Owner")), f.owner,
		headingLabel(lang.L("Legal basis")), f.basis,
		headingLabel(lang.L("Consent date")), container.NewVBox(f.consentDate, f.problems[app.FieldConsentDate]),
		headingLabel(lang.L("Obtained how")), f.obtained,
		headingLabel(lang.L("Notes")), f.notes,
	)

	f.duplicates = container.NewVBox()
	f.duplicates.Hide()
	f.saveButton = widget.NewButton(lang.L("Save"), f.onSaveTapped)
	f.saveButton.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() { f.dialog.Hide() })

	body := container.NewVScroll(container.NewVBox(f.duplicates, container.NewGridWithColumns(2, left, right)))
	buttons := container.NewVBox(f.problems[leadFormOther],
		container.NewHBox(f.privacyButton(), layout.NewSpacer(), cancel, f.saveButton))

	title := lang.L("New lead")
	if f.original.ID != 0 {
		title = lang.L("Edit lead")
	}
	f.dialog = dialog.NewCustomWithoutButtons(title, container.NewBorder(nil, buttons, nil, nil, body), f.window)
	f.dialog.Resize(fyne.NewSize(980, 680))
}

func (f *leadForm) show() {
	showClosingOnEscape(f.window, f.dialog)
	f.window.Canvas().Focus(f.firstName)
}

// fill writes l into the fields without marking them as touched.
func (f *leadForm) fill(l app.Lead) {
	f.filling = true
	defer func() { f.filling = false }()

	f.salutation.SetText(l.Salutation)
	f.firstName.SetText(l.FirstName)
	f.lastName.SetText(l.LastName)
	f.role.SetText(l.Role)
	f.company.SetText(l.CompanyName)
	f.email.SetText(l.Email)
	f.phone.SetText(l.Phone)
	f.website.SetText(l.Website)
	f.street.SetText(l.Street)
	f.postalCode.SetText(l.PostalCode)
	f.city.SetText(l.City)
	f.country.SetText(l.Country)
	f.sourceDetail.SetText(l.SourceDetail)
	f.campaign.SetText(l.Campaign)
	f.industry.SetText(l.Industry)
	f.sizeBand.SetSelectedIndex(indexOf(sizeBandValues(), string(l.SizeBand)))
	f.region.SetText(l.Region)
	f.persona.SetText(l.Persona)
	f.owner.SetText(l.Owner)
	f.notes.SetText(l.Notes)
	f.basis.SetSelectedIndex(indexOf(legalBasisValues(), string(l.Consent.Basis)))
	f.consentDate.SetText(app.FormatDate(l.Consent.Date, f.language))
	f.obtained.SetText(l.Consent.Obtained)
}

// lead returns the lead the fields describe, keeping the original's
// other fields, and whether the consent date could be read.
func (f *leadForm) lead() (app.Lead, bool) {
	l := f.original
	l.Salutation = strings.TrimSpace(f.salutation.Text)
	l.FirstName = strings.TrimSpace(f.firstName.Text)
	l.LastName = strings.TrimSpace(f.lastName.Text)
	l.Role = strings.TrimSpace(f.role.Text)
	l.CompanyName = strings.TrimSpace(f.company.Text)
	l.Email = strings.TrimSpace(f.email.Text)
	l.Phone = strings.TrimSpace(f.phone.Text)
	l.Website = strings.TrimSpace(f.website.Text)
	l.Street = strings.TrimSpace(f.street.Text)
	l.PostalCode = strings.TrimSpace(f.postalCode.Text)
	l.City = strings.TrimSpace(f.city.Text)
	l.Country = strings.TrimSpace(f.country.Text)
	l.Source = f.source.value()
	l.SourceDetail = strings.TrimSpace(f.sourceDetail.Text)
	l.Campaign = strings.TrimSpace(f.campaign.Text)
	l.Industry = strings.TrimSpace(f.industry.Text)
	l.SizeBand = app.SizeBand(valueAt(sizeBandValues(), f.sizeBand.SelectedIndex()))
	l.Region = strings.TrimSpace(f.region.Text)
	l.Persona = strings.TrimSpace(f.persona.Text)
	l.Owner = strings.TrimSpace(f.owner.Text)
	l.Notes = strings.TrimSpace(f.notes.Text)
	l.Consent.Basis = app.LegalBasis(valueAt(legalBasisValues(), f.basis.SelectedIndex()))
	l.Consent.Obtained = strings.TrimSpace(f.obtained.Text)

	date, err := parseDay(f.consentDate.Text, f.language)
	l.Consent.Date = date

	return l, err == nil
}

func (f *leadForm) onFieldChanged(field string, duplicateKey bool) {
	if f.filling {
		return
	}

	if field != "" {
		f.touched[field] = true
	}

	f.validate()
	if duplicateKey {
		f.debounce.call(f.checkDuplicates)
	}
}

// validate shows the problems of the touched fields and enables Save
// exactly when the whole lead is valid, touched or not.
func (f *leadForm) validate() bool {
	l, dateOK := f.lead()
	messages := f.ruleProblems(l)

	if !dateOK {
		messages[app.FieldConsentDate] = dayProblem(f.consentDate.Text, f.language)
	}

	for field, label := range f.problems {
		label.SetText(messages[field])
		if messages[field] != "" && (f.touched[field] || f.original.ID != 0 || field == leadFormOther) {
			label.Show()
		} else {
			label.Hide()
		}
	}

	valid := len(messages) == 0
	setEnabled(f.saveButton, valid && !f.saving)

	return valid
}

// leadFormOther is the problem label above the buttons. It lists the
// problems of fields without a label of their own, such as a note that is
// too long, each with its field's name.
const leadFormOther = "other"

// ruleProblems returns the message of each field that app.ValidateLead
// rejects, keyed by the field's problem label.
func (f *leadForm) ruleProblems(l app.Lead) map[string]string {
	messages := map[string]string{}
	var others []string
	for _, e := range app.ValidateLead(l, f.today()) {
		if _, labelled := f.problems[e.Field]; labelled {
			messages[e.Field] = words.Problem(e, "", f.language)
			continue
		}

		others = append(others, words.FieldLabel(e.Field)+": "+words.Problem(e, "", f.language))
	}

	if len(others) > 0 {
		messages[leadFormOther] = strings.Join(others, "\n")
	}

	return messages
}

// checkDuplicates looks up likely duplicates of the current entries in a
// goroutine; a result for older entries is dropped.
func (f *leadForm) checkDuplicates() {
	l, _ := f.lead()
	if app.KeysOf(l) == (app.DuplicateKeys{}) {
		f.showDuplicates(nil)
		return
	}

	f.dupGen++
	generation := f.dupGen
	go func() {
		found, err := f.store.FindDuplicates(context.Background(), l)
		f.do(func() {
			if generation != f.dupGen {
				return
			}
			if err != nil {
				f.errors.logger.Error("find duplicates failed", "lead", l.ID, "err", err)
				return
			}
			f.showDuplicates(found)
		})
	}()
}

// showDuplicates lists likely duplicates above the fields, each with a
// button that opens it instead. While some are listed, Save reads
// "Save anyway".
func (f *leadForm) showDuplicates(found []app.Lead) {
	f.duplicates.Objects = nil
	f.saveButton.SetText(lang.L("Save"))
	if len(found) == 0 {
		f.duplicates.Hide()
		return
	}

	warning := widget.NewLabel(lang.L("This lead may already exist:"))
	warning.Importance = widget.WarningImportance
	warning.TextStyle.Bold = true
	f.duplicates.Add(warning)
	for _, d := range found {
		f.shownDups[d.ID] = true
		line := strings.Join(nonEmpty(d.Name(), d.CompanyName, d.Email, words.LeadStatus(d.Status)), " · ")
		open := widget.NewButton(lang.L("Open existing"), func() { f.onOpenExistingTapped(d.ID) })
		f.duplicates.Add(container.NewBorder(nil, nil, nil, open, widget.NewLabel(line)))
	}

	f.saveButton.SetText(lang.L("Save anyway"))
	f.duplicates.Show()
	f.duplicates.Refresh()
}

func (f *leadForm) onOpenExistingTapped(id int64) {
	f.dialog.Hide()
	f.onOpenExisting(id)
}

// onSaveTapped looks for duplicates once more and saves only when none
// turns up that the person has not seen yet.
func (f *leadForm) onSaveTapped() {
	l, _ := f.lead()
	if !f.validate() || f.saving {
		return
	}

	f.saving = true
	f.saveButton.Disable()
	f.pending = l
	f.dupGen++
	seen := make(map[int64]bool, len(f.shownDups))
	for id := range f.shownDups {
		seen[id] = true
	}

	go func() {
		ctx := context.Background()
		found, err := f.store.FindDuplicates(ctx, l)
		if err == nil && hasUnseen(found, seen) {
			f.do(func() { f.onSaveInterrupted(found) })
			return
		}

		saved, err := f.save(ctx, l)
		f.do(func() { f.onSaveDone(saved, err) })
	}()
}

func hasUnseen(found []app.Lead, seen map[int64]bool) bool {
	for _, d := range found {
		if !seen[d.ID] {
			return true
		}
	}

	return false
}

func (f *leadForm) save(ctx context.Context, l app.Lead) (app.Lead, error) {
	if l.ID == 0 {
		return f.store.CreateLead(ctx, l)
	}

	return f.store.UpdateLead(ctx, l)
}

func (f *leadForm) onSaveInterrupted(found []app.Lead) {
	f.saving = false
	f.showDuplicates(found)
	f.validate()
}

func (f *leadForm) onSaveDone(saved app.Lead, err error) {
	f.saving = false
	var conflict *app.ConflictError
	if errors.As(err, &conflict) {
		f.onConflict(conflict)
		return
	}

	if err != nil {
		f.validate()
		f.errors.report(lang.L("The lead could not be saved. The log file has the details."), err)
		return
	}

	f.dialog.Hide()
	f.onSaved(saved)
}

func sizeBandValues() []string {
	values := []string{""}
	for _, b := range app.SizeBands() {
		values = append(values, string(b))
	}

	return values
}

func sizeBandOptions() []string {
	options := []string{lang.L("not set")}
	for _, b := range app.SizeBands() {
		options = append(options, lang.X("size.band", "{{.Band}} employees", map[string]any{"Band": string(b)}))
	}

	return options
}

func legalBasisValues() []string {
	return []string{"", string(app.BasisConsent), string(app.BasisContract), string(app.BasisLegitimateInterest)}
}

func legalBasisOptions() []string {
	options := []string{lang.L("not recorded")}
	for _, b := range legalBasisValues()[1:] {
		options = append(options, words.LegalBasis(app.LegalBasis(b)))
	}

	return options
}

// indexOf returns the index of v in values, or 0, the "not set" entry,
// when v is missing.
func indexOf(values []string, v string) int {
	for i, value := range values {
		if value == v {
			return i
		}
	}

	return 0
}

func valueAt(values []string, i int) string {
	if i < 0 || i >= len(values) {
		return ""
	}

	return values[i]
}
