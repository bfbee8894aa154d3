package tabular

import (
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// writeWorkbook writes a workbook with a title row, a header in row 3 and
// dates in three styles: the built-in short date, a German custom format
// and a date-time.
func writeWorkbook(t *testing.T) string {
	t.Helper()

	book := excelize.NewFile()
	defer book.Close()

	sheet := "Deals"
	if err := book.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}

	builtin, _ := book.NewStyle(&excelize.Style{NumFmt: 14})
	german := "dd.mm.yyyy"
	custom, _ := book.NewStyle(&excelize.Style{CustomNumFmt: &german})
	dateTime, _ := book.NewStyle(&excelize.Style{NumFmt: 22})
	money, _ := book.NewStyle(&excelize.Style{NumFmt: 3})

	rows := [][]any{
		{"Pipeline 2026"},
		{},
		{"Deal", "Amount", "Close", "Created", "Signed", "Note"},
		{"Müller GmbH", 1234.56, date(2026, 12, 31), time.Date(2026, 1, 5, 14, 30, 0, 0, time.UTC), date(2026, 2, 1), "größter Kunde"},
		{"Acme", 99, date(2027, 1, 2), time.Date(2026, 1, 6, 9, 0, 0, 0, time.UTC), date(2026, 3, 1), ""},
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := book.SetSheetRow(sheet, cell, &row); err != nil {
			t.Fatal(err)
		}
	}

	for _, r := range []int{4, 5} {
		set := func(col string, style int) {
			cell := col + string(rune('0'+r))
			if err := book.SetCellStyle(sheet, cell, cell, style); err != nil {
				t.Fatal(err)
			}
		}
		set("B", money)
		set("C", builtin)
		set("D", dateTime)
		set("E", custom)
	}

	path := filepath.Join(t.TempDir(), "deals.xlsx")
	if err := book.SaveAs(path); err != nil {
		t.Fatal(err)
	}

	return path
}

func date(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func TestXLSXReader(t *testing.T) {
	path := writeWorkbook(t)

	d, header, rows, rejected := openAll(t, path, nil)
	if d.Format != FormatXLSX {
		t.Errorf("format = %s, want xlsx", d.Format)
	}
	if d.HeaderLine != 3 {
		t.Errorf("header line = %d, want 3", d.HeaderLine)
	}
	if want := []string{"Deal", "Amount", "Close", "Created", "Signed", "Note"}; !slices.Equal(header, want) {
		t.Errorf("header = %q, want %q", header, want)
	}
	if len(rejected) != 0 {
		t.Errorf("rejected: %v", rejected)
	}
	if len(rows) != 2 {
		t.Fatalf("read %d rows, want 2", len(rows))
	}

	first := rows[0]
	if first.Line != 4 {
		t.Errorf("first row line = %d, want 4", first.Line)
	}
	want := []string{"Müller GmbH", "1234.56", "2026-12-31", "2026-01-05", "2026-02-01", "größter Kunde"}
	if !slices.Equal(first.Cells, want) {
		t.Errorf("first row = %q, want %q", first.Cells, want)
	}

	for _, name := range []string{"Close", "Created", "Signed"} {
		if c := columnNamed(t, d, name); c.Kind != KindDate || c.Date != DateISO {
			t.Errorf("column %s = %s %s, want an ISO date", name, c.Kind, c.Date)
		}
	}
	if c := columnNamed(t, d, "Amount"); c.Kind != KindNumber || c.Number.Decimal != '.' {
		t.Errorf("Amount column = %+v, want a number with '.'", c)
	}
}

func TestXLSXSheetByName(t *testing.T) {
	path := writeWorkbook(t)

	if _, _, err := Open(path, &Dialect{Sheet: "Missing"}); err == nil {
		t.Error("a missing worksheet was accepted")
	}

	_, header, _, _ := openAll(t, path, &Dialect{Sheet: "Deals", HeaderLine: 1})
	if header[0] != "Pipeline 2026" {
		t.Errorf("header with line 1 chosen = %q, want the title row", header)
	}
}

func TestXLSXPercentCells(t *testing.T) {
	book := excelize.NewFile()
	defer book.Close()

	whole, _ := book.NewStyle(&excelize.Style{NumFmt: 9})
	decimals, _ := book.NewStyle(&excelize.Style{NumFmt: 10})
	rows := [][]any{{"Deal", "Probability"}, {"A", 1}, {"B", 0}, {"C", 0.07}, {"D", 0.125}}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := book.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	for _, cell := range []string{"B2", "B3", "B4"} {
		if err := book.SetCellStyle("Sheet1", cell, cell, whole); err != nil {
			t.Fatal(err)
		}
	}
	if err := book.SetCellStyle("Sheet1", "B5", "B5", decimals); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "pct.xlsx")
	if err := book.SaveAs(path); err != nil {
		t.Fatal(err)
	}

	_, _, rows2, rejected := openAll(t, path, nil)

	if len(rejected) != 0 {
		t.Errorf("rejected %v", rejected)
	}
	want := []string{"100%", "0%", "7%", "12.5%"}
	if len(rows2) != len(want) {
		t.Fatalf("read %d rows, want %d", len(rows2), len(want))
	}
	for i, text := range want {
		if got := rows2[i].Cells[1]; got != text {
			t.Errorf("row %d probability = %q, want %q", i+2, got, text)
		}
	}
}
