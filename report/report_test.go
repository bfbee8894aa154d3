package report

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// pdfPages writes r to a temporary file and returns the text of each page
// as pdftotext extracts it. It skips the test when pdftotext is missing.
func pdfPages(t *testing.T, r Report) []string {
	t.Helper()

	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext is not installed (Debian package poppler-utils), so the PDF text cannot be checked")
	}

	path := filepath.Join(t.TempDir(), "report.pdf")
	var buf bytes.Buffer
	if err := Write(&buf, r); err != nil {
		t.Fatal(err)
	}

	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
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

func germanPageLabel(page, pages int) string {
	return fmt.Sprintf("Seite %d von %d", page, pages)
}

func sampleReport() Report {
	return Report{
		Title:     "Pipeline-Bericht",
		Company:   "Müller & Söhne GmbH",
		Dated:     "4. Dezember 2026",
		Filters:   []Field{{Label: "Pipeline", Value: "Großkunden"}},
		PageLabel: germanPageLabel,
		Created:   time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC),
		Sections: []Section{
			{
				Title: "Pipeline nach Phase",
				Chart: &BarChart{
					Categories: []string{"Qualifizierung", "Angebot"},
					Series: []Series{
						{Name: "Offener Betrag", Values: []float64{1234.56, 800}},
						{Name: "Gewichteter Betrag", Values: []float64{123.46, 400}},
					},
					FormatValue: func(v float64) string { return fmt.Sprintf("%.0f €", v) },
				},
				Table: Table{
					Columns: []Column{{Header: "Phase"}, {Header: "Betrag", Numeric: true}},
					Rows:    [][]string{{"Qualifizierung", "1.234,56 €"}, {"Angebot", "800,00 €"}},
					Total:   []string{"Summe", "2.034,56 €"},
				},
			},
			{
				Title: "Gewinne nach Grund",
				Table: Table{
					Columns: []Column{{Header: "Grund"}, {Header: "Gewonnen", Numeric: true}},
					Empty:   "Keine abgeschlossenen Deals",
				},
			},
		},
	}
}

func TestWriteTextIsExtractable(t *testing.T) {
	pages := pdfPages(t, sampleReport())
	if len(pages) != 2 {
		t.Fatalf("got %d pages, want 2: one per section", len(pages))
	}

	for _, want := range []string{"Müller & Söhne GmbH", "Pipeline-Bericht", "Pipeline: Großkunden",
		"Qualifizierung", "1.234,56 €", "2.034,56 €", "Seite 1 von 2"} {
		if !strings.Contains(pages[0], want) {
			t.Errorf("page 1 lacks %q:\n%s", want, pages[0])
		}
	}

	for _, want := range []string{"Gewinne nach Grund", "Keine abgeschlossenen Deals", "Seite 2 von 2"} {
		if !strings.Contains(pages[1], want) {
			t.Errorf("page 2 lacks %q:\n%s", want, pages[1])
		}
	}
}

func TestWriteLongTableContinues(t *testing.T) {
	var rows [][]string
	for i := 1; i <= 60; i++ {
		rows = append(rows, []string{fmt.Sprintf("Zeile %02d", i)})
	}

	r := Report{
		Title:     "Lange Tabelle",
		Dated:     "heute",
		PageLabel: germanPageLabel,
		Sections:  []Section{{Title: "Alle", Table: Table{Columns: []Column{{Header: "Name"}}, Rows: rows}}},
	}
	pages := pdfPages(t, r)

	// Page 1 has room for 21 rows of 6 mm under the header, the title and
	// the table's header row, from y = 53.85 mm to the footer at 185 mm.
	// Later pages start at the 15 mm margin and hold 27 rows, so the 60
	// rows need 21 + 27 + 12, which is three pages.
	if len(pages) != 3 {
		t.Fatalf("got %d pages, want 3", len(pages))
	}

	for i, page := range pages {
		if !strings.Contains(page, "Name") {
			t.Errorf("page %d does not repeat the header row", i+1)
		}
	}

	if !strings.Contains(pages[2], "Zeile 60") || !strings.Contains(pages[2], "Seite 3 von 3") {
		t.Errorf("page 3 lacks the last row or its page label:\n%s", pages[2])
	}
}

func TestWriteRejectsGIFLogo(t *testing.T) {
	r := sampleReport()
	r.Logo = []byte("GIF89a\x01\x00\x01\x00")

	err := Write(&bytes.Buffer{}, r)
	if !errors.Is(err, ErrLogoFormat) {
		t.Errorf("Write with a GIF logo returned %v, want ErrLogoFormat", err)
	}
}

func TestWriteEmbedsPNGLogo(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	img.Set(1, 1, color.RGBA{R: 0xff, A: 0xff})
	var logo bytes.Buffer
	if err := png.Encode(&logo, img); err != nil {
		t.Fatal(err)
	}

	r := sampleReport()
	r.Logo = logo.Bytes()
	var out bytes.Buffer
	if err := Write(&out, r); err != nil {
		t.Fatal(err)
	}

	if !bytes.Contains(out.Bytes(), []byte("/Subtype /Image")) {
		t.Error("the PDF contains no image object for the logo")
	}
}

func TestWriteIsReproducible(t *testing.T) {
	var first, second bytes.Buffer
	if err := Write(&first, sampleReport()); err != nil {
		t.Fatal(err)
	}
	if err := Write(&second, sampleReport()); err != nil {
		t.Fatal(err)
	}

	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Error("two writes of the same report differ")
	}
}

func TestNiceTicks(t *testing.T) {
	tests := []struct {
		name  string
		max   float64
		whole bool
		want  []float64
	}{
		{"round maximum", 100, false, []float64{0, 20, 40, 60, 80, 100}},
		{"uneven maximum", 1234.56, false, []float64{0, 500, 1000, 1500}},
		{"small fractions", 0.7, false, []float64{0, 0.2, 0.4, 0.6000000000000001, 0.8}},
		{"few whole counts", 2, true, []float64{0, 1, 2}},
		{"many whole counts", 37, true, []float64{0, 10, 20, 30, 40}},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := niceTicks(tt.max, tickCount, tt.whole); !slices.Equal(got, tt.want) {
				t.Errorf("niceTicks(%v) = %v, want %v", tt.max, got, tt.want)
			}
		})
	}
}
