package ui

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// fillSaved lists the deal's earlier offers, newest first, each with
// buttons to open its PDF and to send it.
func (d *offerDialog) fillSaved(saved []app.Offer) {
	d.saved.Objects = nil
	if len(saved) == 0 {
		return
	}

	d.saved.Add(sectionHeading(lang.X("offers.saved.heading", "Offers sent")))
	for _, o := range saved {
		line := lang.X("offers.saved.line", "{{.Number}} of {{.Date}}: {{.Gross}} gross, valid until {{.ValidUntil}}",
			map[string]any{"Number": o.Number, "Date": app.FormatDate(o.IssuedOn, d.language),
				"Gross": app.FormatMoney(o.Gross, d.language), "ValidUntil": app.FormatDate(o.ValidUntil, d.language)})
		open := widget.NewButton(lang.X("offers.open_pdf", "Open PDF"), func() { d.onOpenTapped(o) })
		send := widget.NewButton(lang.X("offers.send", "Send…"), func() { d.onSendTapped(o) })
		d.saved.Add(container.NewBorder(nil, nil, nil, container.NewHBox(open, send), wrappedLabel(line)))
	}
	d.saved.Add(widget.NewSeparator())
	d.saved.Add(sectionHeading(lang.X("offers.new.heading", "New offer")))
}

// showSent shows the path of the new offer's PDF, with buttons that open
// it and write the e-mail.
func (d *offerDialog) showSent(o app.Offer, path string) {
	location := widget.NewLabel(path)
	location.Selectable = true
	location.Wrapping = fyne.TextWrapBreak
	intro := wrappedLabel(lang.X("offers.saved.intro",
		"Offer {{.Number}} is saved and recorded on the deal. Its PDF is in this file. Attach it to your e-mail:",
		map[string]any{"Number": o.Number}))

	var info *dialog.CustomDialog
	open := widget.NewButton(lang.X("offers.open_pdf", "Open PDF"), func() { d.openFile(path) })
	send := widget.NewButton(lang.X("offers.send_mail", "Write e-mail"), func() { d.openMail(o) })
	send.Importance = widget.HighImportance
	done := widget.NewButton(lang.X("offers.close", "Close"), func() { info.Hide() })
	content := container.NewVBox(intro, location, d.recipientNote(), container.NewHBox(layout.NewSpacer(), done, open, send))

	info = dialog.NewCustomWithoutButtons(lang.X("offers.saved.title", "Offer saved"), content, d.window)
	info.Resize(fyne.NewSize(560, 0))
	showClosingOnEscape(d.window, info)
}

// recipientNote names the e-mail's recipient, or notes that there is
// none.
func (d *offerDialog) recipientNote() fyne.CanvasObject {
	if d.contact.Email == "" {
		return wrappedLabel(lang.X("offers.mail.no_recipient",
			"The deal has no contact with an e-mail address, so the e-mail opens without a recipient."))
	}

	return wrappedLabel(lang.X("offers.mail.recipient", "The e-mail goes to {{.Name}} <{{.Email}}>.",
		map[string]any{"Name": d.contact.Name, "Email": d.contact.Email}))
}

// onOpenTapped writes a saved offer's PDF from the database into the offer
// folder when its file is missing, then opens it.
func (d *offerDialog) onOpenTapped(o app.Offer) {
	d.ensureFile(o, d.openFile)
}

// onSendTapped makes sure the saved offer's PDF file exists, then shows
// where it is with the button that writes the e-mail.
func (d *offerDialog) onSendTapped(o app.Offer) {
	d.ensureFile(o, func(path string) { d.showSent(o, path) })
}

// ensureFile runs then with the path of o's PDF, writing the stored PDF
// to the offer folder first when no file is there.
func (d *offerDialog) ensureFile(o app.Offer, then func(path string)) {
	folder := offerFolder(d.prefs)

	go func() {
		path := filepath.Join(folder, o.Number+".pdf")
		var err error
		if _, statErr := os.Stat(path); statErr != nil {
			var pdf []byte
			if pdf, err = d.store.OfferPDF(context.Background(), o.ID); err == nil {
				path, err = writeOfferFile(folder, o.Number, pdf)
			}
		}

		d.do(func() {
			if err != nil {
				d.errors.report(lang.X("offers.write.failed",
					"The PDF of offer {{.Number}} could not be written to the folder {{.Folder}}. Choose another folder under Settings → Letterhead.",
					map[string]any{"Number": o.Number, "Folder": folder}), err)
				return
			}
			then(path)
		})
	}()
}

// openFile opens the PDF at path in the system's PDF viewer.
func (d *offerDialog) openFile(path string) {
	target, err := url.Parse(storage.NewFileURI(path).String())
	if err == nil {
		err = d.openURL(target)
	}
	if err != nil {
		d.errors.report(lang.X("offers.open.error", "The PDF {{.Path}} could not be opened. Open it from your file manager.",
			map[string]any{"Path": path}), err)
	}
}

// openMail opens the person's mail program with the primary contact as
// recipient and the offer in the subject.
func (d *offerDialog) openMail(o app.Offer) {
	subject := lang.X("offers.mail.subject", "Offer {{.Number}}: {{.Title}}",
		map[string]any{"Number": o.Number, "Title": d.deal.Title})
	if err := d.openURL(mailtoURL(d.contact.Email, subject)); err != nil {
		d.errors.report(lang.X("offers.mail.error",
			"Your mail program could not be opened. Write the e-mail by hand and attach the PDF."),
			fmt.Errorf("open mailto for offer %s: %w", o.Number, err))
	}
}

// mailtoURL returns a mailto: URL (RFC 6068) for address with subject.
// Spaces are written as %20, because mail programs read a "+" literally.
func mailtoURL(address, subject string) *url.URL {
	query := "subject=" + strings.ReplaceAll(url.QueryEscape(subject), "+", "%20")

	return &url.URL{Scheme: "mailto", Opaque: url.PathEscape(address), RawQuery: query}
}
