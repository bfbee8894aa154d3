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
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/ui/gdprdoc"
)

// privacyStore is the store access of the Privacy (GDPR) dialog and the
// privacy records of leads and contacts.
type privacyStore interface {
	Privacy(ctx context.Context, ref app.PersonRef) (app.Privacy, error)
	SavePrivacy(ctx context.Context, ref app.PersonRef, p app.Privacy) error
	PersonalData(ctx context.Context, q app.PersonQuery) (app.PersonalData, error)
	ErasePerson(ctx context.Context, r app.ErasureRequest) (app.ErasureResult, error)
	RetentionMonths(ctx context.Context) (int, error)
	SaveRetentionMonths(ctx context.Context, months int) error
	StaleLeads(ctx context.Context, now time.Time, months int) ([]app.StaleLead, error)
	DeleteLeads(ctx context.Context, ids []int64) (int, error)
}

// privacyDialog is the File → Privacy (GDPR) dialog: finding a person by
// e-mail or name, exporting what is stored about them, erasing them, and
// the retention review of idle leads.
type privacyDialog struct {
	store    privacyStore
	window   fyne.Window
	do       uiRunner
	errors   errorReporter
	language string
	now      func() time.Time

	// found is the data of the last search, nil before one succeeds.
	found *app.PersonalData

	email      *widget.Entry
	name       *widget.Entry
	findButton *widget.Button
	// choose lists the people who share the searched e-mail address, and
	// is hidden unless several do.
	choose       *widget.Select
	summary      *widget.Label
	exportJSON   *widget.Button
	exportPDF    *widget.Button
	eraseButton  *widget.Button
	eraseConfirm *dialog.ConfirmDialog

	retention *retentionReview
	dialog    *dialog.CustomDialog
}

// openPrivacy is the File → Privacy (GDPR) menu action.
func (m *mainWindow) openPrivacy() {
	store, ok := m.store.(privacyStore)
	if !ok {
		m.errors.report(lang.X("gdpr.error.unsupported", "This database cannot export or erase personal data."),
			errors.New("store does not implement privacyStore"))
		return
	}

	d := newPrivacyDialog(store, m.window, m.do, m.errors, m.language)
	showClosingOnEscape(m.window, d.dialog)
	d.retention.load()
}

func newPrivacyDialog(store privacyStore, window fyne.Window, do uiRunner, reporter errorReporter,
	language string,
) *privacyDialog {
	d := &privacyDialog{store: store, window: window, do: do, errors: reporter, language: language,
		now: time.Now}

	d.email = widget.NewEntry()
	d.email.SetPlaceHolder(lang.X("gdpr.email.placeholder", "name@example.com"))
	d.email.OnSubmitted = func(string) { d.onFindTapped() }
	d.name = widget.NewEntry()
	d.name.SetPlaceHolder(lang.X("gdpr.name.placeholder",
		"First and last name, if no e-mail matches or several people share it"))
	d.name.OnSubmitted = func(string) { d.onFindTapped() }
	d.findButton = widget.NewButton(lang.X("gdpr.find", "Find"), d.onFindTapped)
	d.findButton.Importance = widget.HighImportance
	d.choose = widget.NewSelect(nil, d.onPersonChosen)
	d.choose.PlaceHolder = lang.X("gdpr.choose.placeholder", "Choose the person")
	d.choose.Hide()
	d.summary = widget.NewLabel(lang.X("gdpr.summary.start",
		"Enter the person's e-mail address, or their name, and press Find."))
	d.summary.Wrapping = fyne.TextWrapWord
	d.exportJSON = widget.NewButton(lang.X("gdpr.export.json", "Export JSON…"), func() { d.onExportTapped(".json") })
	d.exportPDF = widget.NewButton(lang.X("gdpr.export.pdf", "Export PDF…"), func() { d.onExportTapped(".pdf") })
	d.eraseButton = widget.NewButton(lang.X("gdpr.erase", "Erase…"), d.onEraseTapped)
	d.eraseButton.Importance = widget.DangerImportance
	d.setFound(nil)

	form := widget.NewForm(
		widget.NewFormItem(lang.X("gdpr.email", "E-mail"), d.email),
		widget.NewFormItem(lang.X("gdpr.name", "Name"), d.name),
	)
	access := container.NewVBox(form, container.NewHBox(d.findButton, d.choose), d.summary,
		container.NewHBox(d.exportJSON, d.exportPDF, d.eraseButton))

	d.retention = newRetentionReview(store, window, do, reporter, language)
	tabs := container.NewAppTabs(
		container.NewTabItem(lang.X("gdpr.tab.person", "Access and erasure"), access),
		container.NewTabItem(lang.X("gdpr.tab.retention", "Retention"), d.retention.content),
	)

	d.dialog = dialog.NewCustom(lang.X("gdpr.title", "Privacy (GDPR)"), lang.X("gdpr.close", "Close"), tabs, window)
	d.dialog.Resize(fyne.NewSize(760, 560))

	return d
}

func (d *privacyDialog) query() app.PersonQuery {
	return app.PersonQuery{Email: d.email.Text, Name: d.name.Text}.Normalized()
}

func (d *privacyDialog) setFound(found *app.PersonalData) {
	d.found = found
	for _, b := range []*widget.Button{d.exportJSON, d.exportPDF, d.eraseButton} {
		if found == nil {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

func (d *privacyDialog) onFindTapped() {
	q := d.query()
	if q.IsEmpty() {
		d.summary.SetText(lang.X("gdpr.summary.missing", "Enter an e-mail address or a name first."))
		return
	}

	d.findButton.Disable()
	d.choose.Hide()
	d.setFound(nil)
	go func() {
		found, err := d.store.PersonalData(context.Background(), q)
		d.do(func() { d.onFound(found, err) })
	}()
}

func (d *privacyDialog) onFound(found app.PersonalData, err error) {
	d.findButton.Enable()
	var ambiguous *app.AmbiguousPersonError
	if errors.As(err, &ambiguous) {
		d.offerChoice(ambiguous)
		return
	}
	if errors.Is(err, app.ErrNotFound) {
		d.summary.SetText(lang.X("gdpr.summary.not_found",
			"No lead or contact has this e-mail address or name. Check the spelling."))
		return
	}
	if err != nil {
		d.summary.SetText("")
		d.errors.report(lang.X("gdpr.error.find", "The personal data could not be read. The log file has the details."), err)
		return
	}

	d.setFound(&found)
	d.summary.SetText(foundSummary(found))
}

// offerChoice lists the people who share the e-mail address, because
// access and erasure are per person, and lets the user pick one.
func (d *privacyDialog) offerChoice(e *app.AmbiguousPersonError) {
	names := e.CandidateNames()
	d.summary.SetText(lang.X("gdpr.summary.ambiguous",
		"{{.Count}} people share this e-mail address: {{.Names}}. Choose one, or enter their name and press Find.",
		map[string]any{"Count": len(names), "Names": strings.Join(names, ", ")}))
	d.choose.Options = names
	d.choose.ClearSelected()
	d.choose.Show()
}

// onPersonChosen searches again with the chosen person's name.
func (d *privacyDialog) onPersonChosen(name string) {
	if name == "" {
		return
	}

	d.name.SetText(name)
	d.onFindTapped()
}

// foundSummary counts the person's records and adds a note when they
// were found by name because no record has the e-mail address.
func foundSummary(d app.PersonalData) string {
	text := lang.X("gdpr.summary.found",
		"{{.Names}}: {{.Leads}} leads, {{.Contacts}} contacts, {{.Deals}} opportunities, {{.Activities}} activities, {{.History}} history entries, {{.Offers}} offers.",
		map[string]any{"Names": strings.Join(d.Names(), ", "), "Leads": len(d.Leads), "Contacts": len(d.Contacts),
			"Deals": len(d.Opportunities), "Activities": len(d.Activities), "History": len(d.History),
			"Offers": len(d.Offers)})
	if d.MatchedBy == app.MatchedByName && d.Query.Email != "" {
		text += "\n" + lang.X("gdpr.summary.by_name",
			"No record has the e-mail address, so these were found by the name.")
	}

	return text
}

func (d *privacyDialog) onExportTapped(extension string) {
	if d.found == nil {
		return
	}

	found := *d.found
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		_ = w.Close()
		d.export(found, path)
	}, d.window)
	save.SetFileName("personal-data" + extension)
	save.SetFilter(storage.NewExtensionFileFilter([]string{extension}))
	save.Show()
}

// export writes found to path in a goroutine and reports the outcome.
func (d *privacyDialog) export(found app.PersonalData, path string) {
	go func() {
		err := gdprdoc.WriteFile(path, found, d.language)
		d.do(func() {
			if err != nil {
				d.errors.report(lang.X("gdpr.error.export", "The export could not be written to {{.Path}}.",
					map[string]any{"Path": path}), err)
				return
			}
			d.summary.SetText(lang.X("gdpr.summary.exported", "Wrote the export to {{.Path}}.",
				map[string]any{"Path": path}))
		})
	}()
}

func (d *privacyDialog) onEraseTapped() {
	if d.found == nil {
		return
	}

	message := lang.X("gdpr.erase.confirm",
		"Erase {{.Names}} everywhere? Their leads, contacts, activities and history are deleted, and their name and e-mail address are removed from deals, notes and offers. This cannot be undone.",
		map[string]any{"Names": strings.Join(d.found.Names(), ", ")}) + "\n\n" + gdprdoc.BackupNotice()
	label := widget.NewLabel(message)
	label.Wrapping = fyne.TextWrapWord
	d.eraseConfirm = dialog.NewCustomConfirm(lang.X("gdpr.erase.title", "Erase person"),
		lang.X("gdpr.erase.button", "Erase"), lang.X("gdpr.erase.cancel", "Cancel"), label,
		func(yes bool) {
			if yes {
				d.erase()
			}
		}, d.window)
	d.eraseConfirm.Resize(fyne.NewSize(520, 300))
	showClosingOnEscape(d.window, d.eraseConfirm)
}

func (d *privacyDialog) erase() {
	q := d.found.Query
	d.setFound(nil)
	d.findButton.Disable()
	request := app.ErasureRequest{Query: q, ReplaceOfferPDF: gdprdoc.OfferReplacement(d.language, d.now())}
	go func() {
		result, err := d.store.ErasePerson(context.Background(), request)
		d.do(func() { d.onErased(result, err) })
	}()
}

func (d *privacyDialog) onErased(result app.ErasureResult, err error) {
	d.findButton.Enable()
	if err != nil {
		d.errors.report(lang.X("gdpr.error.erase", "The person could not be erased. The log file has the details."), err)
		return
	}

	d.summary.SetText(lang.X("gdpr.summary.erased",
		"Erased {{.Leads}} leads, {{.Contacts}} contacts and {{.Activities}} activities, and removed the person from {{.Texts}} texts and {{.Offers}} offer PDFs.",
		map[string]any{"Leads": result.Leads, "Contacts": result.Contacts, "Activities": result.Activities,
			"Texts": result.Scrubbed, "Offers": result.Offers}) + "\n" + gdprdoc.BackupNotice())
}
