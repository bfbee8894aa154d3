package export

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"leadwerk/app"
)

var berlin = mustLocation("Europe/Berlin")

func mustLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}

	return loc
}

// sampleRow has one cell of every kind, a negative amount and a text
// that a spreadsheet would run as a formula.
func sampleRow() []Cell {
	return []Cell{
		TextCell("=cmd|' /C calc'!A0"),
		IntCell(-42),
		MoneyCell(app.Money{Minor: -123456, Currency: "EUR"}),
		DateCell(app.Date{Year: 2026, Month: time.December, Day: 31}),
		TimeCell(time.Date(2026, time.March, 2, 13, 5, 0, 0, time.UTC)),
		PercentCell(40),
		BoolCell(true),
	}
}

var sampleHeader = []string{"Name", "Count", "Amount", "Close date", "Created", "Probability", "Open"}

func writeTable(t *testing.T, w TableWriter, rows ...[]Cell) {
	t.Helper()

	if err := w.WriteHeader(sampleHeader); err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		if err := w.WriteRow(row); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestExcelCSVGermanBytes(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewExcelCSV(&buf, German, berlin)
	if err != nil {
		t.Fatal(err)
	}
	writeTable(t, w, sampleRow(), []Cell{TextCell("Müller; \"Sohn\""), IntCell(0),
		MoneyCell(app.Money{Minor: 5, Currency: "EUR"}), DateCell(app.Date{}), TimeCell(time.Time{}),
		PercentCell(0), BoolCell(false)})

	want := "\uFEFFName;Count;Amount;Close date;Created;Probability;Open\r\n" +
		"'=cmd|' /C calc'!A0;-42;-1234,56;31.12.2026;02.03.2026 14:05;40%;WAHR\r\n" +
		"\"Müller; \"\"Sohn\"\"\";0;0,05;;;0%;FALSCH\r\n"
	if got := buf.String(); got != want {
		t.Errorf("German CSV =\n%q\nwant\n%q", got, want)
	}
}

func TestExcelCSVEnglishBytes(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewExcelCSV(&buf, English, berlin)
	if err != nil {
		t.Fatal(err)
	}
	writeTable(t, w, sampleRow())

	want := "\uFEFFName,Count,Amount,Close date,Created,Probability,Open\r\n" +
		"'=cmd|' /C calc'!A0,-42,-1234.56,2026-12-31,2026-03-02 14:05,40%,TRUE\r\n"
	if got := buf.String(); got != want {
		t.Errorf("English CSV =\n%q\nwant\n%q", got, want)
	}
}

func TestRFC4180QuotesAndKeepsText(t *testing.T) {
	var buf bytes.Buffer
	writeTable(t, NewRFC4180CSV(&buf), sampleRow(), []Cell{TextCell("line one\nline \"two\""), IntCell(1),
		MoneyCell(app.Money{Minor: 100, Currency: "JPY"}), DateCell(app.Date{}), TimeCell(time.Time{}),
		PercentCell(100), BoolCell(false)})

	want := "Name,Count,Amount,Close date,Created,Probability,Open\r\n" +
		"=cmd|' /C calc'!A0,-42,-1234.56,2026-12-31,2026-03-02T13:05:00Z,40,true\r\n" +
		"\"line one\r\nline \"\"two\"\"\",1,100,,,100,false\r\n"
	if got := buf.String(); got != want {
		t.Errorf("RFC 4180 CSV =\n%q\nwant\n%q", got, want)
	}
	if strings.HasPrefix(buf.String(), "\uFEFF") {
		t.Error("RFC 4180 CSV starts with a byte order mark")
	}
}

func TestNeutralize(t *testing.T) {
	cases := map[string]string{
		"=1+1":        "'=1+1",
		"+49 30 1234": "'+49 30 1234",
		"-5":          "'-5",
		"@SUM(A1)":    "'@SUM(A1)",
		"\tx":         "'\tx",
		"\rx":         "'\rx",
		"Müller":      "Müller",
		"a=b":         "a=b",
		"":            "",
		"'quoted":     "'quoted",
	}
	for in, want := range cases {
		if got := Neutralize(in); got != want {
			t.Errorf("Neutralize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestExcelCSVRoundTripWithGoReader(t *testing.T) {
	texts := []string{"plain", "semi;colon", "comma, too", "quote \"x\"", "two\r\nlines", "Ärger über Öl", " lead"}
	var buf bytes.Buffer
	w, err := NewExcelCSV(&buf, German, berlin)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WriteHeader([]string{"Text", "Amount"}); err != nil {
		t.Fatal(err)
	}
	for i, text := range texts {
		if err := w.WriteRow([]Cell{TextCell(text), MoneyCell(app.Money{Minor: int64(i) * 1001, Currency: "EUR"})}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}

	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), utf8BOM)))
	r.Comma = ';'
	records, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != len(texts)+1 {
		t.Fatalf("read %d records, want %d", len(records), len(texts)+1)
	}

	for i, text := range texts {
		// encoding/csv reads a quoted CRLF as LF, as RFC 4180 readers may.
		want := strings.ReplaceAll(text, "\r\n", "\n")
		if got := records[i+1][0]; got != want {
			t.Errorf("row %d text = %q, want %q", i, got, want)
		}
		amount, err := app.ParseMoney(strings.Replace(records[i+1][1], ",", ".", 1), "EUR")
		if err != nil || amount.Minor != int64(i)*1001 {
			t.Errorf("row %d amount = %q (%v), want %d minor units", i, records[i+1][1], err, i*1001)
		}
	}
}
