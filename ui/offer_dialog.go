package ui

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// offerStore is the store access of the offer dialog.
type offerStore interface {
	DealContacts(ctx context.Context, oppID int64) ([]app.DealContact, error)
	CreateOffer(ctx context.Context, r app.OfferRequest) (app.Offer, error)
	Offers(ctx context.Context, opportunityID int64) ([]app.Offer, error)
	OfferPDF(ctx context.Context, id int64) ([]byte, error)
}

// offerDialog writes an offer for one deal: line items with live totals,
// the VAT rate and the validity date. Saving numbers and stores the offer,
// writes its PDF to the offer folder and offers to open it or to start an
// e-mail to the deal's primary contact. It also lists the deal's earlier
// offers.
type offerDialog struct {
	store    offerStore
	window   fyne.Window
	do       uiRunner
	errors   errorReporter
	language string
	prefs    fyne.Preferences
	// openURL opens a PDF file or a mailto: URL, such as fyne.App.OpenURL.
	openURL func(*url.URL) error
	now     func() time.Time
	// onStored runs on the UI goroutine after an offer is stored.
	onStored func()

	deal     app.OpportunityDetail
	contact  app.DealContact
	currency string
	busy     bool

	lines      []*offerLineEditor
	linesBox   *fyne.Container
	vatRate    *widget.Entry
	validUntil *widget.Entry
	net        *widget.Label
	vat        *widget.Label
	gross      *widget.Label
	problem    *widget.Label
	save       *widget.Button
	saved      *fyne.Container
	scroll     *container.Scroll
	dialog     *dialog.CustomDialog
}

// offerDialogData is the deal data that the dialog loads before it opens.
type offerDialogData struct {
	contacts []app.DealContact
	offers   []app.Offer
}

// openOfferDialog loads the deal's contacts and offers in a goroutine and
// shows the dialog once they are there.
func openOfferDialog(d *offerDialog) {
	go func() {
		ctx := context.Background()
		var data offerDialogData
		var err error
		data.contacts, err = d.store.DealContacts(ctx, d.deal.ID)
		if err == nil {
			data.offers, err = d.store.Offers(ctx, d.deal.ID)
		}

		d.do(func() {
			if err != nil {
				d.errors.report(lang.X("offers.load.error",
					"The offers of opportunity {{.ID}} could not be loaded. The log file has the details.",
					map[string]any{"ID": d.deal.ID}), err)
				return
			}
			d.show(data)
		})
	}()
}

// show builds the form with one line pre-filled from the deal's product
// and amount.
func (d *offerDialog) show(data offerDialogData) {
	d.contact = primaryContact(data.contacts)
	d.currency = d.deal.Amount.Currency
	d.buildInputs()
	d.saved = container.NewVBox()
	d.fillSaved(data.offers)

	// The line editors come after the other widgets, because typing into
	// them recomputes the totals into those.
	d.linesBox = container.NewVBox()
	first := d.addLine()
	first.product.SetText(d.deal.Product)
	first.quantity.SetText(formatOfferQuantity(app.QuantityScale, d.language))
	first.unitPrice.SetText(formatAmount(d.deal.Amount, d.language))

	closeButton := widget.NewButton(lang.L("Cancel"), func() { d.dialog.Hide() })
	content := container.NewVBox(d.saved, d.linesSection(), d.settingsForm(), d.totalsForm(), d.problem,
		container.NewHBox(layout.NewSpacer(), closeButton, d.save))
	title := lang.X("offers.title", "Offer for {{.Title}}", map[string]any{"Title": d.deal.Title})
	d.scroll = container.NewVScroll(content)
	d.dialog = dialog.NewCustomWithoutButtons(title, d.scroll, d.window)
	d.dialog.Resize(fyne.NewSize(900, 640))
	d.recompute()
	showClosingOnEscape(d.window, d.dialog)
}

// buildInputs creates the VAT rate, validity, totals, problem and save
// widgets with their defaults.
func (d *offerDialog) buildInputs() {
	d.net, d.vat, d.gross = totalLabel(), totalLabel(), totalLabel()
	d.gross.TextStyle.Bold = true
	d.problem = widget.NewLabel("")
	d.problem.Wrapping = fyne.TextWrapWord
	d.problem.Importance = widget.DangerImportance
	d.save = widget.NewButton(lang.X("offers.save", "Save offer"), d.onSaveTapped)
	d.save.Importance = widget.HighImportance

	d.vatRate = widget.NewEntry()
	d.vatRate.SetText(formatOfferPercent(app.DefaultVATRate, d.language))
	d.vatRate.OnChanged = func(string) { d.recompute() }
	d.validUntil = widget.NewEntry()
	d.validUntil.SetPlaceHolder(dayPlaceholder(d.language))
	d.validUntil.SetText(app.FormatDate(app.DefaultValidUntil(app.DateOf(d.now())), d.language))
	d.validUntil.OnChanged = func(string) { d.recompute() }
}

func totalLabel() *widget.Label {
	label := widget.NewLabel("")
	label.Alignment = fyne.TextAlignTrailing

	return label
}

func (d *offerDialog) linesSection() fyne.CanvasObject {
	add := widget.NewButton(lang.X("offers.line.add", "Add line"), func() {
		d.addLine()
		d.relayout()
		d.recompute()
	})

	return container.NewVBox(offerHeaderRow(d.currency), d.linesBox, container.NewHBox(add))
}

func (d *offerDialog) settingsForm() fyne.CanvasObject {
	form := widget.NewForm(
		widget.NewFormItem(lang.X("offers.vat_rate", "VAT rate (%)"), d.vatRate),
		widget.NewFormItem(lang.X("offers.valid_until", "Valid until"), newDateField(d.validUntil, d.language)),
	)

	return container.NewGridWithColumns(2, form, layout.NewSpacer())
}

func (d *offerDialog) totalsForm() fyne.CanvasObject {
	form := container.New(layout.NewFormLayout(),
		headingLabel(lang.X("offers.total.net", "Net")), d.net,
		headingLabel(lang.X("offers.total.vat", "VAT")), d.vat,
		headingLabel(lang.X("offers.total.gross", "Gross")), d.gross,
	)

	return container.NewHBox(layout.NewSpacer(), form)
}

func (d *offerDialog) addLine() *offerLineEditor {
	line := newOfferLineEditor(d.recompute, d.removeLine)
	d.lines = append(d.lines, line)
	d.linesBox.Add(line.content)

	return line
}

func (d *offerDialog) removeLine(line *offerLineEditor) {
	for i, l := range d.lines {
		if l == line {
			d.lines = append(d.lines[:i], d.lines[i+1:]...)
			d.linesBox.Remove(line.content)
			break
		}
	}
	d.relayout()
	d.recompute()
}

// relayout makes room for an added line or closes the gap of a removed
// one, because a container lays out only itself when it changes.
func (d *offerDialog) relayout() {
	if d.scroll != nil {
		d.scroll.Content.Refresh()
		d.scroll.Refresh()
	}
}

// draft reads the form into an offer issued today. When a field cannot be
// read, or the offer breaks a rule of app.ComputeOfferTotals, it returns
// a message that names the field.
func (d *offerDialog) draft() (app.Offer, app.OfferTotals, string) {
	issued := app.DateOf(d.now())
	o := app.Offer{OpportunityID: d.deal.ID, IssuedOn: issued, Currency: d.currency}
	for i, editor := range d.lines {
		line, problem := editor.read(i+1, d.currency, d.language)
		if problem != "" {
			return o, app.OfferTotals{}, problem
		}
		o.Lines = append(o.Lines, line)
	}

	vat, err := parseOfferPercent(d.vatRate.Text, d.language)
	if err != nil {
		return o, app.OfferTotals{}, lang.X("offers.problem.vat_number",
			"The VAT rate “{{.Text}}” is not a percentage. Enter a number from 0 to 100, such as {{.Example}}.",
			map[string]any{"Text": d.vatRate.Text, "Example": formatOfferPercent(app.DefaultVATRate, d.language)})
	}
	o.VATRate = vat

	if o.ValidUntil, err = parseDay(d.validUntil.Text, d.language); err != nil {
		return o, app.OfferTotals{}, lang.X("offers.problem.valid_until", "Valid until: {{.Problem}}",
			map[string]any{"Problem": dayProblem(d.validUntil.Text, d.language)})
	}

	totals, err := app.ComputeOfferTotals(o.Lines, o.Currency, o.VATRate)
	if err == nil {
		err = app.ValidateOffer(o)
	}
	if err != nil {
		return o, totals, offerProblemText(err)
	}

	return o, totals, ""
}

// recompute shows each line's net and the totals of the lines that can be
// read, and the first problem under the form.
func (d *offerDialog) recompute() {
	for _, editor := range d.lines {
		editor.net.SetText(d.lineNet(editor))
	}

	_, totals, problem := d.draft()
	d.problem.SetText(problem)
	setVisible(d.problem, problem != "")
	if problem != "" {
		for _, label := range []*widget.Label{d.net, d.vat, d.gross} {
			label.SetText("–")
		}
	} else {
		d.net.SetText(app.FormatMoney(totals.Net, d.language))
		d.vat.SetText(app.FormatMoney(totals.VAT, d.language))
		d.gross.SetText(app.FormatMoney(totals.Gross, d.language))
	}

	setEnabled(d.save, problem == "" && !d.busy)
}

// lineNet returns the formatted net of one line, or "–" when the line
// cannot be read or breaks a rule.
func (d *offerDialog) lineNet(editor *offerLineEditor) string {
	line, problem := editor.read(1, d.currency, d.language)
	if problem != "" {
		return "–"
	}

	totals, err := app.ComputeOfferTotals([]app.OfferLine{line}, d.currency, 0)
	if err != nil {
		return "–"
	}

	return app.FormatMoney(totals.Net, d.language)
}

// offerProblemText turns an *app.OfferFieldError into a message that names
// the line and field.
func offerProblemText(err error) string {
	var fieldErr *app.OfferFieldError
	if !errors.As(err, &fieldErr) {
		return lang.X("offers.problem.other", "The offer cannot be saved: {{.Err}}", map[string]any{"Err": err.Error()})
	}

	values := map[string]any{"Line": fieldErr.Line}
	switch {
	case fieldErr.Field == app.OfferFieldLines && fieldErr.Problem == app.OfferMissing:
		return lang.X("offers.problem.no_lines", "Add at least one line.")
	case fieldErr.Field == app.OfferFieldProduct:
		return lang.X("offers.problem.product", "Line {{.Line}}: enter the product or service.", values)
	case fieldErr.Field == app.OfferFieldQuantity && fieldErr.Problem == app.OfferNotPositive:
		return lang.X("offers.problem.quantity_positive", "Line {{.Line}}: the quantity must be above zero.", values)
	case fieldErr.Field == app.OfferFieldUnitPrice && fieldErr.Problem == app.OfferNegative:
		return lang.X("offers.problem.price_negative",
			"Line {{.Line}}: the unit price must not be negative. Enter a discount to lower the price.", values)
	case fieldErr.Field == app.OfferFieldDiscount:
		return lang.X("offers.problem.discount_range", "Line {{.Line}}: the discount must be from 0 to 100 %.", values)
	case fieldErr.Field == app.OfferFieldVATRate:
		return lang.X("offers.problem.vat_range", "The VAT rate must be from 0 to 100 %.")
	case fieldErr.Field == app.OfferFieldValidUntil:
		return lang.X("offers.problem.valid_before", "Valid until: choose today or a later day.")
	case fieldErr.Problem == app.OfferTooLarge:
		return lang.X("offers.problem.too_large",
			"The amounts are too large to compute. Lower the quantity or unit price of the largest line.")
	default:
		return lang.X("offers.problem.other", "The offer cannot be saved: {{.Err}}", map[string]any{"Err": err.Error()})
	}
}

// primaryContact returns the deal's primary contact, else the first
// contact with an e-mail address, else the zero DealContact.
func primaryContact(contacts []app.DealContact) app.DealContact {
	for _, c := range contacts {
		if c.Primary {
			return c
		}
	}

	for _, c := range contacts {
		if c.Email != "" {
			return c
		}
	}

	return app.DealContact{}
}

// onSaveTapped stores the offer and its PDF in a goroutine. On a failure
// the form stays as typed and the message names the fix.
func (d *offerDialog) onSaveTapped() {
	o, totals, problem := d.draft()
	if problem != "" || d.busy {
		d.recompute()
		return
	}

	d.busy = true
	d.recompute()
	settings := readLetterhead(d.prefs)
	folder := offerFolder(d.prefs)

	go func() {
		var stored app.Offer
		var path string
		var writeErr error
		head, err := settings.load()
		if err == nil {
			var pdf []byte
			stored, err = d.store.CreateOffer(context.Background(), d.request(o, totals, head, &pdf))
			if err == nil {
				path, writeErr = writeOfferFile(folder, stored.Number, pdf)
			}
		}
		d.do(func() { d.onSaved(stored, path, err, writeErr) })
	}()
}

func (d *offerDialog) onSaved(stored app.Offer, path string, err, writeErr error) {
	d.busy = false
	d.recompute()
	if err != nil {
		d.errors.report(saveOfferMessage(err), fmt.Errorf("save offer for opportunity %d: %w", d.deal.ID, err))
		return
	}

	if d.onStored != nil {
		d.onStored()
	}
	d.dialog.Hide()
	if writeErr != nil {
		d.errors.report(lang.X("offers.write.error",
			"Offer {{.Number}} is saved, but its PDF could not be written to the folder {{.Folder}}. Choose another folder under Settings → Letterhead, then press Open PDF in the offer dialog.",
			map[string]any{"Number": stored.Number, "Folder": offerFolder(d.prefs)}), writeErr)
		return
	}

	d.showSent(stored, path)
}

// newOfferButton returns the "Offer…" button of the opportunity detail,
// which opens the offer dialog for the deal shown.
func newOfferButton(detail *opportunityDetail, store offerStore) fyne.CanvasObject {
	button := widget.NewButton(lang.X("offers.button", "Offer…"), func() {
		id := detail.deal.ID
		if id == 0 {
			return
		}

		a := fyne.CurrentApp()
		openOfferDialog(&offerDialog{
			store: store, window: detail.errors.window, do: detail.do, errors: detail.errors,
			language: detail.language, prefs: a.Preferences(), openURL: a.OpenURL, now: time.Now,
			deal: detail.deal,
			onStored: func() {
				if detail.deal.ID == id {
					detail.onStored(id)
				}
			},
		})
	})

	return container.NewHBox(button)
}
