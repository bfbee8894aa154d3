package export

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/xuri/excelize/v2"

	"leadwerk/app"
)

func readWorkbook(t *testing.T, data []byte) *excelize.File {
	t.Helper()

	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.Close() })

	return f
}

func TestXLSXWritesTypedCells(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewXLSX(&buf, "Leads", German, berlin)
	if err != nil {
		t.Fatal(err)
	}
	writeTable(t, w, sampleRow())
	f := readWorkbook(t, buf.Bytes())

	cases := []struct {
		cell     string
		wantType excelize.CellType
		wantRaw  string
	}{
		{"A2", excelize.CellTypeSharedString, "=cmd|' /C calc'!A0"},
		{"B2", excelize.CellTypeUnset, "-42"},
		{"C2", excelize.CellTypeUnset, "-1234.56"},
		{"D2", excelize.CellTypeUnset, "46387"},
		{"F2", excelize.CellTypeUnset, "0.4"},
		{"G2", excelize.CellTypeBool, "1"},
	}
	for _, c := range cases {
		typ, err := f.GetCellType("Leads", c.cell)
		if err != nil {
			t.Fatal(err)
		}
		if typ != c.wantType && !(c.wantType == excelize.CellTypeSharedString && typ == excelize.CellTypeInlineString) {
			t.Errorf("%s type = %v, want %v", c.cell, typ, c.wantType)
		}

		raw, err := f.GetCellValue("Leads", c.cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if raw != c.wantRaw {
			t.Errorf("%s raw value = %q, want %q", c.cell, raw, c.wantRaw)
		}
	}
}

func TestXLSXNumberFormats(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewXLSX(&buf, "Deals", German, berlin)
	if err != nil {
		t.Fatal(err)
	}
	writeTable(t, w, sampleRow())
	f := readWorkbook(t, buf.Bytes())

	cases := map[string]string{
		"C2": `#,##0.00 "EUR"`,
		"D2": "dd.mm.yyyy",
		"E2": "dd.mm.yyyy hh:mm",
		"F2": "0%",
	}
	for cell, want := range cases {
		id, err := f.GetCellStyle("Deals", cell)
		if err != nil {
			t.Fatal(err)
		}
		style, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if style.CustomNumFmt == nil || *style.CustomNumFmt != want {
			t.Errorf("%s number format = %v, want %q", cell, style.CustomNumFmt, want)
		}
	}

	shown, err := f.GetCellValue("Deals", "E2")
	if err != nil {
		t.Fatal(err)
	}
	if shown != "02.03.2026 14:05" {
		t.Errorf("E2 shows %q, want the Berlin time 02.03.2026 14:05", shown)
	}
}

func TestXLSXBoldFrozenHeaderAndWidths(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewXLSX(&buf, "Leads", English, berlin)
	if err != nil {
		t.Fatal(err)
	}
	long := []Cell{TextCell("A company name that is rather long"), IntCell(1), MoneyCell(app.Money{}),
		DateCell(app.Date{}), TimeCell(sampleRow()[4].Time), PercentCell(1), BoolCell(false)}
	writeTable(t, w, long)
	f := readWorkbook(t, buf.Bytes())

	id, err := f.GetCellStyle("Leads", "A1")
	if err != nil {
		t.Fatal(err)
	}
	style, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if style.Font == nil || !style.Font.Bold {
		t.Error("header cell A1 is not bold")
	}

	panes, err := f.GetPanes("Leads")
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes = %+v, want the first row frozen", panes)
	}

	width, err := f.GetColWidth("Leads", "A")
	if err != nil {
		t.Fatal(err)
	}
	if width < 34 {
		t.Errorf("column A width = %v, want room for the 34-character name", width)
	}
}

func TestXLSXStreamsPastSample(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewXLSX(&buf, "Leads", English, berlin)
	if err != nil {
		t.Fatal(err)
	}
	rows := make([][]Cell, widthSampleRows*3)
	for i := range rows {
		rows[i] = []Cell{TextCell(fmt.Sprint("lead ", i)), IntCell(int64(i)), MoneyCell(app.Money{Minor: -1, Currency: "USD"}),
			DateCell(app.Date{}), TimeCell(sampleRow()[4].Time), PercentCell(1), BoolCell(i%2 == 0)}
	}
	writeTable(t, w, rows...)
	f := readWorkbook(t, buf.Bytes())

	all, err := f.GetRows("Leads")
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != len(rows)+1 {
		t.Fatalf("sheet has %d rows, want %d", len(all), len(rows)+1)
	}
	if last := all[len(all)-1][0]; last != fmt.Sprint("lead ", len(rows)-1) {
		t.Errorf("last row starts with %q", last)
	}
}

func TestXLSXFormulaTextAsPlainText(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewXLSX(&buf, "Leads", English, berlin)
	if err != nil {
		t.Fatal(err)
	}
	values := []string{"+Co", "-2+3", "@SUM(1+1)", "=1+1"}
	if err := w.WriteHeader([]string{"Name"}); err != nil {
		t.Fatal(err)
	}
	for _, v := range values {
		if err := w.WriteRow([]Cell{TextCell(v)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f := readWorkbook(t, buf.Bytes())

	for i, want := range values {
		cell := fmt.Sprintf("A%d", i+2)
		typ, err := f.GetCellType("Leads", cell)
		if err != nil {
			t.Fatal(err)
		}
		if typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
			t.Errorf("%s type = %v, want a text cell", cell, typ)
		}

		got, err := f.GetCellValue("Leads", cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s = %q, want %q as stored", cell, got, want)
		}

		formula, err := f.GetCellFormula("Leads", cell)
		if err != nil {
			t.Fatal(err)
		}
		if formula != "" {
			t.Errorf("%s has formula %q, want none", cell, formula)
		}
	}
}
