package ui

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
	"leadwerk/offers"
)

// Preference keys of the letterhead. The company name and logo are the
// keys of the printed report's header, so both documents show the same.
const (
	letterheadAddressPreference = "offers.letterhead.address"
	letterheadVATIDPreference   = "offers.letterhead.vat_id"
	letterheadBankPreference    = "offers.letterhead.bank"
	offerFolderPreference       = "offers.folder"
)

// letterheadSettings are the letterhead preferences as typed, with the
// logo as a file path.
type letterheadSettings struct {
	Company, Address, VATID, Bank, LogoPath string
}

func readLetterhead(prefs fyne.Preferences) letterheadSettings {
	return letterheadSettings{
		Company:  prefs.String(companyPreference),
		Address:  prefs.String(letterheadAddressPreference),
		VATID:    prefs.String(letterheadVATIDPreference),
		Bank:     prefs.String(letterheadBankPreference),
		LogoPath: prefs.String(logoPreference),
	}
}

func (s letterheadSettings) save(prefs fyne.Preferences) {
	prefs.SetString(companyPreference, strings.TrimSpace(s.Company))
	prefs.SetString(letterheadAddressPreference, strings.TrimSpace(s.Address))
	prefs.SetString(letterheadVATIDPreference, strings.TrimSpace(s.VATID))
	prefs.SetString(letterheadBankPreference, strings.TrimSpace(s.Bank))
	prefs.SetString(logoPreference, strings.TrimSpace(s.LogoPath))
}

// logoReadError is a logo file that could not be read.
type logoReadError struct {
	path string
	err  error
}

func (e *logoReadError) Error() string { return fmt.Sprintf("read logo %s: %v", e.path, e.err) }

func (e *logoReadError) Unwrap() error { return e.err }

// load reads the logo file, so it runs off the UI goroutine.
func (s letterheadSettings) load() (offers.Letterhead, error) {
	head := offers.Letterhead{
		Company: strings.TrimSpace(s.Company),
		Address: nonEmptyLines(s.Address),
		VATID:   strings.TrimSpace(s.VATID),
		Bank:    nonEmptyLines(s.Bank),
	}

	path := strings.TrimSpace(s.LogoPath)
	if path == "" {
		return head, nil
	}

	logo, err := os.ReadFile(path)
	if err != nil {
		return head, &logoReadError{path: path, err: err}
	}
	head.Logo = logo

	return head, nil
}

func nonEmptyLines(text string) []string {
	var lines []string
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			lines = append(lines, line)
		}
	}

	return lines
}

// offerFolder returns the folder that offer PDFs are written to: the one
// set under Settings → Letterhead, else Documents/Leadwerk offers in the
// home folder, else the current folder when the home folder is unknown.
func offerFolder(prefs fyne.Preferences) string {
	if folder := strings.TrimSpace(prefs.String(offerFolderPreference)); folder != "" {
		return folder
	}

	home, err := os.UserHomeDir()
	if err != nil {
		return "."
	}

	return filepath.Join(home, "Documents", "Leadwerk offers")
}

// writeOfferFile writes pdf as NUMBER.pdf into folder, creating the
// folder, and returns the file's path.
func writeOfferFile(folder, number string, pdf []byte) (string, error) {
	if err := os.MkdirAll(folder, 0o700); err != nil {
		return "", fmt.Errorf("create offer folder %s: %w", folder, err)
	}

	path := filepath.Join(folder, number+".pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		return "", fmt.Errorf("write offer PDF %s: %w", path, err)
	}

	return path, nil
}

// request builds the store request of o. Its renderer lays out the PDF
// of the numbered offer and keeps a copy in rendered for the file.
func (d *offerDialog) request(o app.Offer, totals app.OfferTotals, head offers.Letterhead,
	rendered *[]byte,
) app.OfferRequest {
	notes := lang.X("offers.activity.notes", "Net {{.Net}}, gross {{.Gross}}, valid until {{.ValidUntil}}",
		map[string]any{"Net": app.FormatMoney(totals.Net, d.language),
			"Gross": app.FormatMoney(totals.Gross, d.language), "ValidUntil": app.FormatDate(o.ValidUntil, d.language)})

	render := func(numbered app.Offer) ([]byte, error) {
		var buf bytes.Buffer
		doc := offerDocument(numbered, d.deal, d.contact, head, d.language)
		if err := offers.Write(&buf, doc); err != nil {
			return nil, err
		}
		*rendered = buf.Bytes()

		return *rendered, nil
	}

	return app.OfferRequest{Offer: o, ActivityNotes: notes, Render: render}
}

// offerDocument lays out o's texts in the person's language.
func offerDocument(o app.Offer, deal app.OpportunityDetail, contact app.DealContact, head offers.Letterhead,
	language string,
) offers.Document {
	doc := offers.Document{
		Letterhead: head,
		Recipient:  presentValues(deal.Company.Name, contact.Name, deal.Company.Country),
		Title:      lang.X("offers.pdf.title", "Offer {{.Number}}", map[string]any{"Number": o.Number}),
		Facts: []offers.Field{
			{Label: lang.X("offers.pdf.number", "Offer number"), Value: o.Number},
			{Label: lang.X("offers.pdf.date", "Date"), Value: app.FormatDate(o.IssuedOn, language)},
			{Label: lang.X("offers.pdf.valid_until", "Valid until"), Value: app.FormatDate(o.ValidUntil, language)},
		},
		Intro: lang.X("offers.pdf.intro", "Thank you for your interest. We are pleased to offer you the following for “{{.Title}}”.",
			map[string]any{"Title": deal.Title}),
		Columns: [6]string{
			lang.X("offers.pdf.column.position", "No."), lang.X("offers.column.product", "Product"),
			lang.X("offers.column.quantity", "Quantity"), lang.X("offers.pdf.column.unit_price", "Unit price"),
			lang.X("offers.pdf.column.discount", "Discount"), lang.X("offers.column.net", "Net"),
		},
		Totals: []offers.Field{
			{Label: lang.X("offers.total.net", "Net"), Value: app.FormatMoney(o.Net, language)},
			{Label: lang.X("offers.pdf.vat", "VAT {{.Rate}} %", map[string]any{"Rate": formatOfferPercent(o.VATRate, language)}),
				Value: app.FormatMoney(o.VAT, language)},
			{Label: lang.X("offers.total.gross", "Gross"), Value: app.FormatMoney(o.Gross, language)},
		},
		Closing: lang.X("offers.pdf.closing",
			"All prices in {{.Currency}}. Each line's net amount is rounded to the cent, halves away from zero. The VAT is computed on the net total. This offer is valid until {{.ValidUntil}}.",
			map[string]any{"Currency": o.Currency, "ValidUntil": app.FormatDate(o.ValidUntil, language)}),
		VATIDLabel: lang.X("offers.pdf.vat_id", "VAT ID"),
		PageLabel: func(page, pages int) string {
			return lang.X("offers.pdf.page", "Page {{.Page}} of {{.Pages}}", map[string]any{"Page": page, "Pages": pages})
		},
		Created: o.CreatedAt,
	}

	for i, line := range o.Lines {
		doc.Rows = append(doc.Rows, [6]string{
			strconv.Itoa(i + 1), line.Product, formatOfferQuantity(line.Quantity, language),
			app.FormatMoney(line.UnitPrice, language), discountText(line.Discount, language),
			app.FormatMoney(o.LineNets[i], language),
		})
	}

	return doc
}

func discountText(p app.Percent, language string) string {
	if p == 0 {
		return ""
	}

	return formatOfferPercent(p, language) + " %"
}

func presentValues(values ...string) []string {
	var kept []string
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			kept = append(kept, v)
		}
	}

	return kept
}

// saveOfferMessage returns the message for a failed save: a logo that
// cannot be read or printed, or the log file for everything else.
func saveOfferMessage(err error) string {
	var logoErr *logoReadError
	switch {
	case errors.As(err, &logoErr):
		return lang.X("offers.logo.unreadable",
			"The logo {{.Path}} could not be read. Choose another file under Settings → Letterhead, or clear the logo there.",
			map[string]any{"Path": logoErr.path})
	case errors.Is(err, offers.ErrLogoFormat):
		return lang.X("offers.logo.format",
			"The logo is not a PNG or JPEG image. Choose another file under Settings → Letterhead, or clear the logo there.")
	default:
		return lang.X("offers.save.error", "The offer could not be saved. The log file has the details.")
	}
}
