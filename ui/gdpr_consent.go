package ui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// consentForm edits the privacy record of one lead or contact: legal
// basis, consent day and source, withdrawal day and marketing opt-out. It
// loads the record when opened and stores it on Save.
type consentForm struct {
	store    privacyStore
	ref      app.PersonRef
	window   fyne.Window
	do       uiRunner
	errors   errorReporter
	language string
	// onSaved runs on the UI goroutine after the record is stored.
	onSaved func(app.Privacy)

	basis     *widget.Select
	date      *widget.Entry
	obtained  *widget.Entry
	withdrawn *widget.Entry
	optOut    *widget.Check
	problem   *widget.Label
	dialog    *dialog.ConfirmDialog
}

func openConsentForm(store privacyStore, ref app.PersonRef, title string, window fyne.Window, do uiRunner,
	reporter errorReporter, onSaved func(app.Privacy),
) *consentForm {
	f := &consentForm{store: store, ref: ref, window: window, do: do, errors: reporter,
		language: currentLanguage(), onSaved: onSaved}

	f.basis = widget.NewSelect(legalBasisOptions(), nil)
	f.date = widget.NewEntry()
	f.date.SetPlaceHolder(dayPlaceholder(f.language))
	f.obtained = widget.NewEntry()
	f.withdrawn = widget.NewEntry()
	f.withdrawn.SetPlaceHolder(dayPlaceholder(f.language))
	f.optOut = widget.NewCheck(lang.X("gdpr.consent.opt_out", "Objects to marketing"), nil)
	f.problem = widget.NewLabel("")
	f.problem.Wrapping = fyne.TextWrapWord

	form := widget.NewForm(
		widget.NewFormItem(lang.X("gdpr.field.legal_basis", "Legal basis"), f.basis),
		widget.NewFormItem(lang.X("gdpr.field.consent_date", "Consent given on"), f.date),
		widget.NewFormItem(lang.X("gdpr.field.consent_obtained", "Consent given how"), f.obtained),
		widget.NewFormItem(lang.X("gdpr.field.withdrawn_on", "Consent withdrawn on"), f.withdrawn),
		widget.NewFormItem(lang.X("gdpr.field.marketing_opt_out", "Marketing opt-out"), f.optOut),
	)
	content := container.NewVBox(form, f.problem)

	f.dialog = dialog.NewCustomConfirm(title, lang.X("gdpr.consent.save", "Save"),
		lang.X("gdpr.erase.cancel", "Cancel"), content, f.onClosed, window)
	f.dialog.Resize(fyne.NewSize(520, 340))
	showClosingOnEscape(f.window, f.dialog)
	f.load()

	return f
}

func (f *consentForm) load() {
	go func() {
		p, err := f.store.Privacy(context.Background(), f.ref)
		f.do(func() {
			if err != nil {
				f.dialog.Hide()
				f.errors.report(lang.X("gdpr.error.consent_read", "The privacy record could not be read. The log file has the details."), err)
				return
			}
			f.fill(p)
		})
	}()
}

func (f *consentForm) fill(p app.Privacy) {
	f.basis.SetSelectedIndex(indexOf(legalBasisValues(), string(p.Basis)))
	f.date.SetText(app.FormatDate(p.Date, f.language))
	f.obtained.SetText(p.Obtained)
	f.withdrawn.SetText(app.FormatDate(p.WithdrawnOn, f.language))
	f.optOut.SetChecked(p.MarketingOptOut)
}

// privacy reads the fields. A day that cannot be read returns an error
// and keeps the dialog's text as typed.
func (f *consentForm) privacy() (app.Privacy, error) {
	date, err := parseDay(f.date.Text, f.language)
	if err != nil {
		return app.Privacy{}, err
	}

	withdrawn, err := parseDay(f.withdrawn.Text, f.language)
	if err != nil {
		return app.Privacy{}, err
	}

	return app.Privacy{
		Consent: app.Consent{Basis: app.LegalBasis(valueAt(legalBasisValues(), f.basis.SelectedIndex())),
			Date: date, Obtained: strings.TrimSpace(f.obtained.Text)},
		WithdrawnOn: withdrawn, MarketingOptOut: f.optOut.Checked,
	}, nil
}

func (f *consentForm) onClosed(save bool) {
	if !save {
		return
	}

	p, err := f.privacy()
	if err == nil {
		err = app.ValidatePrivacy(p)
	}
	if err != nil {
		f.showProblem(err)
		return
	}

	go func() {
		err := f.store.SavePrivacy(context.Background(), f.ref, p)
		f.do(func() { f.onStored(p, err) })
	}()
}

// showProblem opens the form again with what the person typed and the
// reason it cannot be stored.
func (f *consentForm) showProblem(err error) {
	if errors.Is(err, app.ErrWithdrawnBeforeConsent) {
		f.problem.SetText(lang.X("gdpr.consent.withdrawn_before",
			"The withdrawal cannot be before the day consent was given."))
	} else {
		f.problem.SetText(lang.X("gdpr.consent.bad_day", "Enter the days as {{.Shape}}.",
			map[string]any{"Shape": dayPlaceholder(f.language)}))
	}
	showClosingOnEscape(f.window, f.dialog)
}

func (f *consentForm) onStored(p app.Privacy, err error) {
	if err != nil {
		f.errors.report(lang.X("gdpr.error.consent_save", "The privacy record could not be saved. The log file has the details."), err)
		return
	}

	if f.onSaved != nil {
		f.onSaved(p)
	}
}

// privacyButton returns the lead form's "Privacy…" button, which edits
// the withdrawal and opt-out of a stored lead and copies the saved basis,
// day and source back into the form. A new lead gets an empty spacer.
func (f *leadForm) privacyButton() fyne.CanvasObject {
	store, ok := f.store.(privacyStore)
	if f.original.ID == 0 || !ok {
		return layout.NewSpacer()
	}

	ref := app.PersonRef{Kind: app.PersonKindLead, ID: f.original.ID}

	return widget.NewButton(lang.X("gdpr.consent.button", "Privacy…"), func() {
		openConsentForm(store, ref, lang.X("gdpr.consent.title", "Privacy of {{.Name}}",
			map[string]any{"Name": f.original.Name()}), f.window, f.do, f.errors, f.onPrivacySaved)
	})
}

func (f *leadForm) onPrivacySaved(p app.Privacy) {
	f.basis.SetSelectedIndex(indexOf(legalBasisValues(), string(p.Basis)))
	f.consentDate.SetText(app.FormatDate(p.Date, f.language))
	f.obtained.SetText(p.Obtained)

	// SavePrivacy raised the stored lead's version by one. Counting the
	// form's version up with it keeps the person's own privacy save from
	// turning the next form save into a conflict, while a save by someone
	// else in between still makes it one.
	f.original.Consent = p.Consent
	f.original.Version++
}

// privacyButton returns the "Privacy…" button of a deal contact's row,
// or an empty spacer when the store keeps no privacy records.
func (s *dealPartiesSection) privacyButton(c app.DealContact) fyne.CanvasObject {
	store, ok := s.store.(privacyStore)
	if !ok {
		return layout.NewSpacer()
	}

	ref := app.PersonRef{Kind: app.PersonKindContact, ID: c.ContactID}

	return widget.NewButton(lang.X("gdpr.consent.button", "Privacy…"), func() {
		openConsentForm(store, ref, lang.X("gdpr.consent.title", "Privacy of {{.Name}}",
			map[string]any{"Name": contactDisplayName(c)}), s.window, s.do, s.errors, nil)
	})
}
