package export_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"leadwerk/app/export"
	"leadwerk/app/mapping"
	"leadwerk/app/tabular"
)

// TestExcelCSVImportDropsGuard writes companies whose names start with a
// formula character as Excel CSV, which adds an apostrophe, and imports
// the file again: the import must store the names as they were.
func TestExcelCSVImportDropsGuard(t *testing.T) {
	names := []string{"+Co", "-2+3", "@SUM(1+1)", "=Acme", "Plain GmbH"}
	for _, locale := range []export.Locale{export.German, export.English} {
		path := filepath.Join(t.TempDir(), "companies.csv")
		writeCompanies(t, path, locale, names)

		plan, err := mapping.Prepare(path, mapping.Preset{}, mapping.KindCompanies)
		if err != nil {
			t.Fatalf("%s: Prepare: %v", locale, err)
		}

		got := companyNames(t, plan)
		if len(got) != len(names) {
			t.Fatalf("%s: imported %v, want %v", locale, got, names)
		}
		for i, want := range names {
			if got[i] != want {
				t.Errorf("%s: row %d imported as %q, want %q", locale, i+1, got[i], want)
			}
		}
	}
}

func writeCompanies(t *testing.T, path string, locale export.Locale, names []string) {
	t.Helper()

	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	w, err := export.NewExcelCSV(f, locale, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WriteHeader([]string{"Company", "City"}); err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		if err := w.WriteRow([]export.Cell{export.TextCell(name), export.TextCell("Köln")}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// companyNames converts every row of the plan's file and returns the
// company names.
func companyNames(t *testing.T, plan mapping.Plan) []string {
	t.Helper()

	reader, _, err := tabular.Open(plan.Path, &plan.Dialect)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer reader.Close()

	converter := mapping.NewConverter(plan, "EUR")
	var names []string
	for {
		row, err := reader.Read()
		if errors.Is(err, io.EOF) {
			return names
		}
		if err != nil {
			t.Fatalf("Read: %v", err)
		}

		rec, rejection := converter.Convert(row)
		if rejection != nil {
			t.Fatalf("line %d rejected: %v", row.Line, rejection)
		}
		names = append(names, rec.Company.Name)
	}
}
