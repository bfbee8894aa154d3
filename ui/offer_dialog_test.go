package ui

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"leadwerk/app"
	"leadwerk/app/demo"
	"leadwerk/data"
)

// offerTestNow is the fixed clock of the offer dialog tests.
var offerTestNow = time.Date(2026, time.March, 4, 10, 0, 0, 0, time.Local)

// offerFixture is an offer dialog on a demo deal with a primary contact,
// writing PDFs to a temporary folder and recording the URLs it opens.
type offerFixture struct {
	store  *data.Store
	dialog *offerDialog
	queue  *uiQueue
	opened []*url.URL
	folder string
}

func newOfferFixture(t *testing.T) *offerFixture {
	t.Helper()

	store := openStore(t)
	ctx := context.Background()
	if _, err := store.LoadDemo(ctx, demo.Generate(demo.DefaultSeed, app.DateOf(time.Now())), nil); err != nil {
		t.Fatal(err)
	}
	rows, err := store.ListOpportunities(ctx, app.OpportunityQuery{Limit: 1})
	if err != nil || len(rows) == 0 {
		t.Fatalf("no demo deal: %v", err)
	}
	deal, err := store.Opportunity(ctx, rows[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	_, err = store.SaveDealContact(ctx, app.DealContact{OpportunityID: deal.ID, Name: "Jürgen Weiß",
		Email: "juergen.weiss@example.com", Role: app.DealRoleDecisionMaker, Primary: true})
	if err != nil {
		t.Fatalf("SaveDealContact: %v", err)
	}

	a := test.NewTempApp(t)
	window := test.NewWindow(nil)
	window.Resize(fyne.NewSize(1000, 760))
	t.Cleanup(window.Close)

	f := &offerFixture{store: store, queue: newUIQueue(), folder: filepath.Join(t.TempDir(), "Angebote")}
	prefs := a.Preferences()
	prefs.SetString(offerFolderPreference, f.folder)
	prefs.SetString(companyPreference, "Müller & Söhne GmbH")
	prefs.SetString(letterheadAddressPreference, "Große Straße 5\n80331 München")
	prefs.SetString(letterheadVATIDPreference, "DE123456789")
	prefs.SetString(letterheadBankPreference, "Süddeutsche Bank\nIBAN DE02 1203 0000 0000 2020 51")

	f.dialog = &offerDialog{store: store, window: window, do: f.queue.do,
		errors: errorReporter{window: window, logger: discardLogger()}, language: "en", prefs: prefs,
		openURL: func(u *url.URL) error { f.opened = append(f.opened, u); return nil },
		now:     func() time.Time { return offerTestNow }, deal: deal}
	openOfferDialog(f.dialog)
	f.queue.waitFor(t, "the offer dialog", func() bool { return f.dialog.dialog != nil })

	return f
}

// top returns the dialog shown on top of the offer dialog's window.
func top(d *offerDialog) fyne.CanvasObject {
	return d.window.Canvas().Overlays().Top()
}

// setLine types a line item into the dialog's line editor.
func setLine(line *offerLineEditor, product, quantity, price, discount string) {
	line.product.SetText("")
	test.Type(line.product, product)
	line.quantity.SetText("")
	test.Type(line.quantity, quantity)
	line.unitPrice.SetText("")
	test.Type(line.unitPrice, price)
	line.discount.SetText("")
	test.Type(line.discount, discount)
}

func TestOfferDialogStartsFromDeal(t *testing.T) {
	f := newOfferFixture(t)
	d := f.dialog

	if len(d.lines) != 1 {
		t.Fatalf("the dialog opens with %d lines, want 1", len(d.lines))
	}
	if d.lines[0].product.Text != d.deal.Product {
		t.Errorf("product = %q, want the deal's %q", d.lines[0].product.Text, d.deal.Product)
	}
	if d.vatRate.Text != "19" {
		t.Errorf("VAT rate = %q, want 19", d.vatRate.Text)
	}
	if d.validUntil.Text != "2026-04-03" {
		t.Errorf("valid until = %q, want 30 days after 2026-03-04", d.validUntil.Text)
	}
	if d.save.Disabled() {
		t.Errorf("Save is disabled for the pre-filled line: %q", d.problem.Text)
	}
}

func TestOfferDialogLiveTotals(t *testing.T) {
	f := newOfferFixture(t)
	d := f.dialog
	d.currency = "EUR"

	setLine(d.lines[0], "Consulting", "9.5", "124.75", "10")
	test.Tap(findButton(top(d), "Add line"))
	setLine(d.lines[1], "Licence", "3", "199.99", "")

	if d.lines[0].net.Text != "€1,066.61" {
		t.Errorf("line 1 net = %q, want €1,066.61", d.lines[0].net.Text)
	}
	if d.net.Text != "€1,666.58" {
		t.Errorf("net = %q, want €1,666.58", d.net.Text)
	}
	if d.vat.Text != "€316.65" {
		t.Errorf("VAT = %q, want €316.65", d.vat.Text)
	}
	if d.gross.Text != "€1,983.23" {
		t.Errorf("gross = %q, want €1,983.23", d.gross.Text)
	}

	d.vatRate.SetText("")
	test.Type(d.vatRate, "7")
	if d.gross.Text != "€1,783.24" {
		t.Errorf("gross at 7 %% VAT = %q, want €1,783.24", d.gross.Text)
	}

	if folder := os.Getenv("LEADWERK_SCREENSHOTS"); folder != "" {
		writePNG(t, filepath.Join(folder, "offer-dialog.png"), d.window.Canvas().Capture())
	}
}

func TestOfferDialogBadInputNamesField(t *testing.T) {
	cases := []struct {
		name              string
		quantity, price   string
		discount, vatRate string
		want              []string
	}{
		{"quantity not a number", "nine", "10", "", "19", []string{"Line 2", "quantity", "“nine”"}},
		{"zero quantity", "0", "10", "", "19", []string{"Line 2", "quantity must be above zero"}},
		{"negative price", "1", "-5", "", "19", []string{"Line 2", "unit price must not be negative"}},
		{"too many decimals", "1", "10.555", "", "19", []string{"Line 2", "unit price", "“10.555”"}},
		{"discount above 100", "1", "10", "120", "19", []string{"Line 2", "discount must be from 0 to 100"}},
		{"VAT not a number", "1", "10", "", "x", []string{"VAT rate", "“x”"}},
	}

	f := newOfferFixture(t)
	d := f.dialog
	test.Tap(findButton(top(d), "Add line"))

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			setLine(d.lines[1], "Setup", c.quantity, c.price, c.discount)
			d.vatRate.SetText(c.vatRate)

			test.Tap(d.save)

			for _, want := range c.want {
				if !strings.Contains(d.problem.Text, want) {
					t.Errorf("problem %q lacks %q", d.problem.Text, want)
				}
			}
			if !d.save.Disabled() {
				t.Error("Save is enabled for invalid input")
			}
			if d.lines[1].quantity.Text != c.quantity || d.lines[1].unitPrice.Text != c.price {
				t.Errorf("typed line became %q × %q, want it kept", d.lines[1].quantity.Text, d.lines[1].unitPrice.Text)
			}
			if d.gross.Text != "–" {
				t.Errorf("gross = %q with invalid input, want –", d.gross.Text)
			}
		})
	}

	f.queue.waitFor(t, "queued work", func() bool { return len(f.queue.functions) == 0 })
	if offers, _ := f.store.Offers(context.Background(), d.deal.ID); len(offers) != 0 {
		t.Errorf("%d offers stored from invalid input", len(offers))
	}
}

func TestOfferDialogRemoveLine(t *testing.T) {
	f := newOfferFixture(t)
	d := f.dialog
	test.Tap(findButton(top(d), "Add line"))
	setLine(d.lines[1], "", "", "", "")

	if !strings.Contains(d.problem.Text, "Line 2") {
		t.Fatalf("problem = %q, want the empty line 2 named", d.problem.Text)
	}

	test.Tap(d.lines[1].remove)

	if len(d.lines) != 1 {
		t.Fatalf("%d lines after removing one of 2, want 1", len(d.lines))
	}
	if d.problem.Text != "" || d.save.Disabled() {
		t.Errorf("problem %q after removing the empty line, want none", d.problem.Text)
	}

	test.Tap(d.lines[0].remove)
	if d.problem.Text != "Add at least one line." {
		t.Errorf("problem without lines = %q, want Add at least one line.", d.problem.Text)
	}
}

func TestOfferDialogSavesPDFAndOpensMail(t *testing.T) {
	f := newOfferFixture(t)
	d := f.dialog
	d.currency = "EUR"
	stored := 0
	d.onStored = func() { stored++ }
	setLine(d.lines[0], "Beratung für Größenänderung", "9.5", "124.75", "10")

	test.Tap(d.save)
	path := filepath.Join(f.folder, "A-2026-0001.pdf")
	f.queue.waitFor(t, "the offer PDF", func() bool { return stored == 1 })

	offers, err := f.store.Offers(context.Background(), d.deal.ID)
	if err != nil || len(offers) != 1 {
		t.Fatalf("Offers = %d offers, %v; want 1", len(offers), err)
	}
	if offers[0].Number != "A-2026-0001" || offers[0].Gross.Minor != 126927 {
		t.Errorf("stored offer %s with gross %v, want A-2026-0001 with 1269.27", offers[0].Number, offers[0].Gross)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("PDF file: %v", err)
	}
	if !findLabel(top(d), path) {
		t.Error("the saved dialog does not show the PDF's path")
	}

	test.Tap(findButton(top(d), "Write e-mail"))
	if len(f.opened) != 1 {
		t.Fatalf("opened %d URLs, want the mailto URL", len(f.opened))
	}
	want := "mailto:juergen.weiss@example.com?subject=Offer%20A-2026-0001%3A%20" +
		strings.ReplaceAll(url.QueryEscape(d.deal.Title), "+", "%20")
	if got := f.opened[0].String(); got != want {
		t.Errorf("mailto URL = %q, want %q", got, want)
	}

	text := pdfText(t, path)
	for _, want := range []string{"Offer A-2026-0001", "Müller & Söhne GmbH", "Große Straße 5", "Jürgen Weiß",
		"Beratung für Größenänderung", "€1,066.61", "VAT 19 %", "€202.66", "€1,269.27", "DE123456789"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q:\n%s", want, text)
		}
	}

	renderOfferPage(t, path)
}

// pdfText returns the text pdftotext extracts from the PDF at path, or
// skips the test when pdftotext is missing.
func pdfText(t *testing.T, path string) string {
	t.Helper()

	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext is not installed (Debian package poppler-utils), so the PDF text cannot be checked")
	}

	out, err := exec.Command(tool, "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}

	return string(out)
}

// renderOfferPage writes page 1 of the PDF at path as offer-page1.png into
// the folder LEADWERK_SCREENSHOTS names, when it is set.
func renderOfferPage(t *testing.T, path string) {
	t.Helper()

	folder := os.Getenv("LEADWERK_SCREENSHOTS")
	if folder == "" {
		return
	}

	tool, err := exec.LookPath("pdftoppm")
	if err != nil {
		t.Log("pdftoppm is not installed, so offer-page1.png is not rendered")
		return
	}

	target := filepath.Join(folder, "offer-page1")
	if out, err := exec.Command(tool, "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", path, target).
		CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, out)
	}
}

func TestMailtoURLEscapesSubject(t *testing.T) {
	got := mailtoURL("anna@example.com", "Angebot A-2026-0001: Größe & Preis +5 %").String()

	want := "mailto:anna@example.com?subject=Angebot%20A-2026-0001%3A%20Gr%C3%B6%C3%9Fe%20%26%20Preis%20%2B5%20%25"
	if got != want {
		t.Errorf("mailtoURL = %q, want %q", got, want)
	}
}

func TestLetterheadDialogKeepsReportCompany(t *testing.T) {
	a := test.NewTempApp(t)
	window := test.NewWindow(nil)
	t.Cleanup(window.Close)
	prefs := a.Preferences()
	prefs.SetString(companyPreference, "Müller & Söhne GmbH")

	d := newLetterheadDialog(window, prefs)
	d.dialog.Show()
	if d.company.Text != "Müller & Söhne GmbH" {
		t.Errorf("company = %q, want the report's company name", d.company.Text)
	}

	d.company.SetText("Müller & Töchter GmbH ")
	test.Type(d.address, "Große Straße 5")
	test.Type(d.vatID, "DE123456789")
	test.Tap(findButton(window.Canvas().Overlays().Top(), "Save"))

	settings := readLetterhead(prefs)
	if settings.Company != "Müller & Töchter GmbH" || prefs.String(companyPreference) != settings.Company {
		t.Errorf("stored company = %q, want the trimmed name in the report's preference", settings.Company)
	}
	if settings.Address != "Große Straße 5" || settings.VATID != "DE123456789" {
		t.Errorf("stored letterhead = %+v, want the typed address and VAT ID", settings)
	}
}
