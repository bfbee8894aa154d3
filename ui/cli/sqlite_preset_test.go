package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"leadwerk/app"
	"leadwerk/app/mapping"
	"leadwerk/app/tabular"
	"leadwerk/data"
)

// saveImportPreset stores p in the database file dbPath.
func saveImportPreset(t *testing.T, dbPath string, p mapping.Preset) {
	t.Helper()

	store, err := data.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()

	if err := store.SaveImportPreset(context.Background(), p); err != nil {
		t.Fatal(err)
	}
}

// listDeals returns the deals in the database file dbPath, sorted by
// title.
func listDeals(t *testing.T, dbPath string) []app.OpportunityRow {
	t.Helper()

	store, err := data.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()

	rows, err := store.ListOpportunities(context.Background(), app.OpportunityQuery{Sort: app.SortByTitle})
	if err != nil {
		t.Fatal(err)
	}

	return rows
}

func TestSQLiteImportPresetFormats(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "crm.db")
	// "1.234" and "01/02/2026" read both ways, and without the preset
	// they are read as 1.234 and 2 January.
	file := filepath.Join(dir, "deals.csv")
	content := "Title,Amount,Close Date\nAlpha,1.234,01/02/2026\nBeta,2.500,03/04/2026\n"
	if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	saveImportPreset(t, dbPath, mapping.Preset{Name: "Buchhaltung", Kind: mapping.KindOpportunities,
		Formats: mapping.Formats{Decimal: ',', Thousands: '.', ThousandsSet: true, Date: tabular.DateDMYSlash}})

	dry := runImportJSON(t, dbPath, "-dry-run", file)
	out := runImportJSON(t, dbPath, "-preset", "Buchhaltung", file)

	if dry.Detected["date_format"] != "MM/DD/YYYY" {
		t.Fatalf("detected date format = %q, want MM/DD/YYYY, or the file does not test the preset",
			dry.Detected["date_format"])
	}
	if out.Detected["date_format"] != "DD/MM/YYYY" {
		t.Errorf("date format with the preset = %q, want DD/MM/YYYY", out.Detected["date_format"])
	}
	if out.Detected["decimal"] != "," {
		t.Errorf("decimal separator with the preset = %q, want ,", out.Detected["decimal"])
	}
	if out.New != 2 || len(out.Rejected) != 0 {
		t.Fatalf("import = %+v, want 2 new deals", out)
	}

	deals := listDeals(t, dbPath)
	want := []struct {
		title string
		minor int64
		date  string
	}{{"Alpha", 123400, "2026-02-01"}, {"Beta", 250000, "2026-04-03"}}
	if len(deals) != len(want) {
		t.Fatalf("deals = %+v, want 2", deals)
	}
	for i, w := range want {
		if deals[i].Title != w.title {
			t.Errorf("deal %d = %q, want %q", i, deals[i].Title, w.title)
		}
		if deals[i].Amount.Minor != w.minor {
			t.Errorf("%s: amount = %d minor units, want %d", w.title, deals[i].Amount.Minor, w.minor)
		}
		if got := deals[i].CloseDate.String(); got != w.date {
			t.Errorf("%s: close date = %s, want %s", w.title, got, w.date)
		}
	}
}
