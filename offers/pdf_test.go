package offers

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// pdfPages writes d to a temporary file and returns the text of each page
// as pdftotext extracts it. It skips the test when pdftotext is missing.
func pdfPages(t *testing.T, d Document) []string {
	t.Helper()

	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext is not installed (Debian package poppler-utils), so the PDF text cannot be checked")
	}

	var buf bytes.Buffer
	if err := Write(&buf, d); err != nil {
		t.Fatalf("Write: %v", err)
	}

	path := filepath.Join(t.TempDir(), "offer.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}

	out, err := exec.Command(tool, "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}

	// pdftotext ends every page with a form feed.
	pages := strings.Split(string(out), "\f")

	return pages[:len(pages)-1]
}

func sampleDocument(rows int) Document {
	d := Document{
		Letterhead: Letterhead{
			Company: "Müller & Söhne GmbH",
			Address: []string{"Große Straße 5", "80331 München"},
			VATID:   "DE123456789",
			Bank:    []string{"Süddeutsche Bank", "IBAN DE02 1203 0000 0000 2020 51"},
		},
		Recipient: []string{"Bäckerei Öztürk KG", "Jürgen Weiß"},
		Title:     "Angebot A-2026-0042",
		Facts: []Field{
			{"Angebotsnummer", "A-2026-0042"},
			{"Datum", "04.03.2026"},
			{"Gültig bis", "03.04.2026"},
		},
		Columns: [6]string{"Pos.", "Produkt", "Menge", "Einzelpreis", "Rabatt", "Netto"},
		Totals: []Field{
			{"Netto", "2.166,61 €"},
			{"USt. 19 %", "411,66 €"},
			{"Brutto", "2.578,27 €"},
		},
		Closing:    "Beträge sind je Position auf den Cent gerundet.",
		VATIDLabel: "USt-IdNr.",
		PageLabel:  func(page, pages int) string { return fmt.Sprintf("Seite %d von %d", page, pages) },
		Created:    time.Date(2026, 3, 4, 9, 0, 0, 0, time.UTC),
	}

	for i := range rows {
		d.Rows = append(d.Rows, [6]string{fmt.Sprint(i + 1), "Beratung für Größenänderung", "9,5", "124,75 €",
			"10 %", "1.066,61 €"})
	}

	return d
}

func TestWriteShowsTotalsAndUmlauts(t *testing.T) {
	pages := pdfPages(t, sampleDocument(2))

	if len(pages) != 1 {
		t.Fatalf("the offer has %d pages, want 1", len(pages))
	}
	text := pages[0]
	for _, want := range []string{
		"Müller & Söhne GmbH", "Bäckerei Öztürk KG", "Jürgen Weiß", "Angebot A-2026-0042",
		"Gültig bis", "03.04.2026", "Beratung für Größenänderung", "1.066,61 €",
		"2.166,61 €", "USt. 19 %", "411,66 €", "2.578,27 €", "USt-IdNr. DE123456789",
		"IBAN DE02 1203 0000 0000 2020 51", "Seite 1 von 1",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("page 1 lacks %q:\n%s", want, text)
		}
	}
}

func TestWriteBreaksLongTables(t *testing.T) {
	pages := pdfPages(t, sampleDocument(60))

	if len(pages) < 2 {
		t.Fatalf("60 line items fit on %d page, want at least 2", len(pages))
	}
	last := pages[len(pages)-1]
	if !strings.Contains(last, "2.578,27 €") {
		t.Errorf("the last page lacks the gross total:\n%s", last)
	}
	if !strings.Contains(pages[1], "Einzelpreis") {
		t.Errorf("page 2 does not repeat the table header:\n%s", pages[1])
	}
	if want := fmt.Sprintf("Seite 2 von %d", len(pages)); !strings.Contains(pages[1], want) {
		t.Errorf("page 2 lacks %q", want)
	}
}

func TestWriteIsDeterministic(t *testing.T) {
	var first, second bytes.Buffer
	if err := Write(&first, sampleDocument(3)); err != nil {
		t.Fatal(err)
	}
	if err := Write(&second, sampleDocument(3)); err != nil {
		t.Fatal(err)
	}

	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Error("the same document wrote different bytes")
	}
	if !bytes.HasPrefix(first.Bytes(), []byte("%PDF-")) {
		t.Errorf("output starts with %q, want %%PDF-", first.Bytes()[:8])
	}
}

func TestWriteRejectsUnknownLogo(t *testing.T) {
	d := sampleDocument(1)
	d.Letterhead.Logo = []byte("GIF89a not a png")

	err := Write(&bytes.Buffer{}, d)

	if !errors.Is(err, ErrLogoFormat) {
		t.Errorf("Write with a GIF logo = %v, want ErrLogoFormat", err)
	}
}
