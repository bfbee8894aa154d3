package tabular

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// benchRows is the size of the benchmark file, the import target's size.
const benchRows = 100_000

// writeBenchCSV writes a German Excel CSV of n deals: name, company,
// e-mail, amount "1.234,56", date "31.12.2026" and a probability.
func writeBenchCSV(b *testing.B, n int) string {
	b.Helper()

	path := filepath.Join(b.TempDir(), "deals.csv")
	file, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer file.Close()

	fmt.Fprintln(file, "Name;Firma;E-Mail;Betrag;Abschluss;Wahrscheinlichkeit")
	for i := range n {
		fmt.Fprintf(file, "Deal %d;Müller & Söhne %d GmbH;kontakt%d@example.de;%d.%03d,%02d;%02d.%02d.2026;%d %%\n",
			i, i%500, i, 1+i%90, i%1000, i%100, 1+i%28, 1+i%12, i%101)
	}

	return path
}

// BenchmarkReadCSV opens a 100,000-row CSV with full detection, reads every
// row and parses its amount, date and probability.
func BenchmarkReadCSV(b *testing.B) {
	path := writeBenchCSV(b, benchRows)
	b.ReportAllocs()
	b.ResetTimer()

	for b.Loop() {
		r, d, err := Open(path, &Dialect{Locale: "de-DE"})
		if err != nil {
			b.Fatal(err)
		}

		amount, closing := d.Columns[3].Number, d.Columns[4].Date
		amount.Currency = "EUR"
		rows := 0
		for {
			row, err := r.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				b.Fatal(err)
			}

			if _, err := ParseAmount(row.Cells[3], amount); err != nil {
				b.Fatal(err)
			}
			if _, err := ParseDate(row.Cells[4], closing); err != nil {
				b.Fatal(err)
			}
			if _, err := ParseProbability(row.Cells[5]); err != nil {
				b.Fatal(err)
			}
			rows++
		}
		r.Close()

		if rows != benchRows {
			b.Fatalf("read %d rows, want %d", rows, benchRows)
		}
	}

	b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
}
