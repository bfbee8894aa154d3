package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
)

// letterheadDialog is Settings → Letterhead: the firm's details printed
// on every offer, and the folder the offer PDFs go to. They are
// preferences of this computer, like the printed report's header, whose
// company name and logo they share.
type letterheadDialog struct {
	window fyne.Window
	prefs  fyne.Preferences

	company *widget.Entry
	address *widget.Entry
	vatID   *widget.Entry
	bank    *widget.Entry
	logo    *widget.Entry
	folder  *widget.Entry
	dialog  *dialog.CustomDialog
}

// openLetterheadSettings is the Settings → Letterhead menu action.
func (m *mainWindow) openLetterheadSettings() {
	showClosingOnEscape(m.window, newLetterheadDialog(m.window, fyne.CurrentApp().Preferences()).dialog)
}

func newLetterheadDialog(window fyne.Window, prefs fyne.Preferences) *letterheadDialog {
	d := &letterheadDialog{window: window, prefs: prefs}
	settings := readLetterhead(prefs)

	d.company = widget.NewEntry()
	d.company.SetText(settings.Company)
	d.address = letterheadTextArea(settings.Address, lang.X("offers.letterhead.address.placeholder",
		"Street and number\nPostcode and city"))
	d.vatID = widget.NewEntry()
	d.vatID.SetText(settings.VATID)
	d.vatID.SetPlaceHolder(lang.X("offers.letterhead.vat_id.placeholder", "such as DE123456789"))
	d.bank = letterheadTextArea(settings.Bank, lang.X("offers.letterhead.bank.placeholder", "Bank\nIBAN\nBIC"))
	d.logo = widget.NewEntry()
	d.logo.SetText(settings.LogoPath)
	d.logo.SetPlaceHolder(lang.X("offers.letterhead.logo.placeholder", "PNG or JPEG file, optional"))
	d.folder = widget.NewEntry()
	d.folder.SetText(offerFolder(prefs))

	chooseLogo := widget.NewButton(lang.X("offers.letterhead.choose", "Choose…"), d.onChooseLogoTapped)
	chooseFolder := widget.NewButton(lang.X("offers.letterhead.choose", "Choose…"), d.onChooseFolderTapped)
	form := widget.NewForm(
		widget.NewFormItem(lang.X("offers.letterhead.company", "Company name"), d.company),
		widget.NewFormItem(lang.X("offers.letterhead.address", "Address"), d.address),
		widget.NewFormItem(lang.X("offers.letterhead.vat_id", "VAT ID"), d.vatID),
		widget.NewFormItem(lang.X("offers.letterhead.bank", "Bank details"), d.bank),
		widget.NewFormItem(lang.X("offers.letterhead.logo", "Logo"), container.NewBorder(nil, nil, nil, chooseLogo, d.logo)),
		widget.NewFormItem(lang.X("offers.letterhead.folder", "Offer folder"),
			container.NewBorder(nil, nil, nil, chooseFolder, d.folder)),
	)
	intro := wrappedLabel(lang.X("offers.letterhead.intro",
		"Every offer prints these details. The company name and logo also head the printed pipeline report."))

	save := widget.NewButton(lang.L("Save"), d.onSaveTapped)
	save.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() { d.dialog.Hide() })
	content := container.NewVBox(intro, form, container.NewHBox(layout.NewSpacer(), cancel, save))

	d.dialog = dialog.NewCustomWithoutButtons(lang.X("offers.letterhead.title", "Letterhead"), content, window)
	d.dialog.Resize(fyne.NewSize(620, 0))

	return d
}

func letterheadTextArea(text, placeholder string) *widget.Entry {
	entry := widget.NewMultiLineEntry()
	entry.SetText(text)
	entry.SetPlaceHolder(placeholder)
	entry.SetMinRowsVisible(3)

	return entry
}

func (d *letterheadDialog) onSaveTapped() {
	settings := letterheadSettings{Company: d.company.Text, Address: d.address.Text, VATID: d.vatID.Text,
		Bank: d.bank.Text, LogoPath: d.logo.Text}
	settings.save(d.prefs)
	d.prefs.SetString(offerFolderPreference, strings.TrimSpace(d.folder.Text))
	d.dialog.Hide()
}

func (d *letterheadDialog) onChooseLogoTapped() {
	picker := dialog.NewFileOpen(func(file fyne.URIReadCloser, err error) {
		if err != nil || file == nil {
			return
		}

		_ = file.Close()
		d.logo.SetText(file.URI().Path())
	}, d.window)
	picker.SetFilter(storage.NewExtensionFileFilter([]string{".png", ".jpg", ".jpeg"}))
	picker.Resize(fyne.NewSize(800, 560))
	picker.Show()
}

func (d *letterheadDialog) onChooseFolderTapped() {
	picker := dialog.NewFolderOpen(func(folder fyne.ListableURI, err error) {
		if err != nil || folder == nil {
			return
		}

		d.folder.SetText(folder.Path())
	}, d.window)
	picker.Resize(fyne.NewSize(800, 560))
	picker.Show()
}
