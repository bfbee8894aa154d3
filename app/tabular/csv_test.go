package tabular

import (
	"slices"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"leadwerk/app"
)

func TestGermanExcelCSV(t *testing.T) {
	text := "Firma;Betrag;Abschluss;Aktiv;Notiz\r\n" +
		"Müller GmbH;1.234,56;31.12.2026;ja;Größter Kunde\r\n" +
		"Bäckerei Schön;99,00;01.02.2027;nein;k.A.\r\n" +
		"Öko AG;12.000,00;15.03.2027;ja;\r\n"
	path := writeFile(t, "export.csv", encode(t, charmap.Windows1252, text))

	d, header, rows, rejected := openAll(t, path, &Dialect{Locale: "de-DE"})

	if d.Format != FormatCSV {
		t.Errorf("format = %s, want csv", d.Format)
	}
	if d.Encoding != EncodingWindows1252 {
		t.Errorf("encoding = %s, want windows-1252", d.Encoding)
	}
	if d.Delimiter != ';' {
		t.Errorf("delimiter = %q, want ';'", d.Delimiter)
	}
	if d.HeaderLine != 1 {
		t.Errorf("header line = %d, want 1", d.HeaderLine)
	}
	if want := []string{"Firma", "Betrag", "Abschluss", "Aktiv", "Notiz"}; !slices.Equal(header, want) {
		t.Errorf("header = %q, want %q", header, want)
	}
	if len(rejected) != 0 {
		t.Errorf("rejected rows: %v", rejected)
	}
	if len(rows) != 3 {
		t.Fatalf("read %d rows, want 3", len(rows))
	}
	if rows[0].Cells[0] != "Müller GmbH" || rows[1].Cells[0] != "Bäckerei Schön" {
		t.Errorf("umlauts decoded wrong: %q, %q", rows[0].Cells[0], rows[1].Cells[0])
	}

	amount := columnNamed(t, d, "Betrag")
	if amount.Kind != KindNumber || amount.Number.Decimal != ',' || amount.Number.Thousands != '.' {
		t.Errorf("Betrag column = %+v, want a number with ',' and '.'", amount)
	}
	money, err := ParseAmount(rows[0].Cells[1], NumberFormat{Decimal: amount.Number.Decimal, Currency: "EUR"})
	if err != nil || money != (app.Money{Minor: 123456, Currency: "EUR"}) {
		t.Errorf("amount of line 2 = %v, %v; want 1234.56 EUR", money, err)
	}

	closing := columnNamed(t, d, "Abschluss")
	if closing.Kind != KindDate || closing.Date != DateDMYDot {
		t.Errorf("Abschluss column = %+v, want a DD.MM.YYYY date", closing)
	}
	date, err := ParseDate(rows[0].Cells[2], closing.Date)
	if err != nil || date != day(2026, 12, 31) {
		t.Errorf("date of line 2 = %v, %v; want 2026-12-31", date, err)
	}

	if active := columnNamed(t, d, "Aktiv"); active.Kind != KindBool {
		t.Errorf("Aktiv column kind = %s, want bool", active.Kind)
	}
	if note := columnNamed(t, d, "Notiz"); note.Kind != KindText || note.Samples != 1 {
		t.Errorf("Notiz column = %+v, want text with one sample besides the placeholder", note)
	}
}

func TestQuotedNewlineLines(t *testing.T) {
	text := "id,note,amount\n" +
		"1,\"first line\nsecond line\",5\n" +
		"2,plain,6\n" +
		"3,\"a, b and \"\"c\"\"\",7\n"
	path := writeFile(t, "notes.csv", []byte(text))

	_, _, rows, rejected := openAll(t, path, nil)
	if len(rejected) != 0 {
		t.Fatalf("rejected: %v", rejected)
	}

	lines := []int{}
	for _, r := range rows {
		lines = append(lines, r.Line)
	}
	if want := []int{2, 4, 5}; !slices.Equal(lines, want) {
		t.Errorf("row lines = %v, want %v", lines, want)
	}
	if rows[0].Cells[1] != "first line\nsecond line" {
		t.Errorf("quoted newline cell = %q", rows[0].Cells[1])
	}
	if rows[2].Cells[1] != `a, b and "c"` {
		t.Errorf("quoted comma cell = %q", rows[2].Cells[1])
	}
}

func TestBOMIsStripped(t *testing.T) {
	path := writeFile(t, "sf.csv", []byte("\xEF\xBB\xBFId,Name\n001,Acme\n"))

	d, header, rows, _ := openAll(t, path, nil)
	if !d.BOM || d.Encoding != EncodingUTF8 {
		t.Errorf("dialect = %s BOM %v, want UTF-8 with BOM", d.Encoding, d.BOM)
	}
	if header[0] != "Id" {
		t.Errorf("first header = %q, want Id without the byte order mark", header[0])
	}
	if len(rows) != 1 || rows[0].Cells[1] != "Acme" {
		t.Errorf("rows = %v", rows)
	}
}

func TestUTF16File(t *testing.T) {
	raw := utf16Bytes(t, unicode.LittleEndian, unicode.UseBOM, "Name\tOrt\r\nMüller\tKöln\r\n")
	path := writeFile(t, "outlook.txt", raw)

	d, header, rows, _ := openAll(t, path, nil)
	if d.Delimiter != '\t' {
		t.Errorf("delimiter = %q, want TAB", d.Delimiter)
	}
	if header[0] != "Name" || len(rows) != 1 || rows[0].Cells[1] != "Köln" {
		t.Errorf("header %q rows %v", header, rows)
	}
}

func TestMacLineBreaks(t *testing.T) {
	path := writeFile(t, "mac.csv", encode(t, charmap.Macintosh, "Name;Ort\rMüller;Köln\rSchäfer;Zürich\r"))

	d, _, rows, _ := openAll(t, path, nil)
	if d.Encoding != EncodingMacRoman {
		t.Errorf("encoding = %s, want macintosh", d.Encoding)
	}
	if len(rows) != 2 || rows[1].Cells[1] != "Zürich" || rows[1].Line != 3 {
		t.Errorf("rows = %v, want 2 rows ending with Zürich on line 3", rows)
	}
}

func TestTitleLinesSkipped(t *testing.T) {
	text := "Pipeline report;;\nStand: 01.01.2026;;\n\nDeal;Amount;Close\nA;1.000,00;31.12.2026\nB;2.000,00;30.11.2026\n"
	path := writeFile(t, "report.csv", []byte(text))

	d, header, rows, _ := openAll(t, path, nil)
	if d.HeaderLine != 4 {
		t.Errorf("header line = %d, want 4", d.HeaderLine)
	}
	if header[0] != "Deal" || len(rows) != 2 || rows[0].Line != 5 {
		t.Errorf("header %q rows %v", header, rows)
	}
}

func TestRowErrors(t *testing.T) {
	text := "a,b\n1,2\n3,4,5\n6,7,,\n\xff\xfe,8\n9,10\n"
	path := writeFile(t, "bad.csv", []byte(text))

	_, _, rows, rejected := openAll(t, path, &Dialect{Encoding: EncodingUTF8})
	if len(rows) != 3 {
		t.Errorf("read %d good rows, want 3 (lines 2, 4 and 6)", len(rows))
	}
	if len(rejected) != 2 {
		t.Fatalf("rejected %v, want two errors", rejected)
	}

	if rejected[0].Reason != ReasonTooManyCells || rejected[0].Line != 3 || rejected[0].Value != "5" {
		t.Errorf("first rejection = %+v, want too many cells on line 3", rejected[0])
	}
	if rejected[1].Reason != ReasonInvalidEncoding || rejected[1].Line != 5 || rejected[1].Column != "a" {
		t.Errorf("second rejection = %+v, want invalid encoding on line 5 column a", rejected[1])
	}
}

func TestNoHeaderFile(t *testing.T) {
	path := writeFile(t, "plain.csv", []byte("Anna;5;31.12.2026\nBen;6;01.01.2027\n"))

	d, header, rows, _ := openAll(t, path, nil)
	if d.HeaderLine != NoHeader {
		t.Errorf("header line = %d, want NoHeader", d.HeaderLine)
	}
	if want := []string{"Column 1", "Column 2", "Column 3"}; !slices.Equal(header, want) {
		t.Errorf("header = %q, want %q", header, want)
	}
	if len(rows) != 2 || rows[0].Line != 1 {
		t.Errorf("rows = %v, want both rows from line 1", rows)
	}
}

func TestCorrectedDialectIsKept(t *testing.T) {
	path := writeFile(t, "latin.csv", encode(t, charmap.Windows1252, "Name;Ort\nMüller;Köln\n"))

	d, _, rows, _ := openAll(t, path, &Dialect{Encoding: EncodingMacRoman})
	if d.Encoding != EncodingMacRoman {
		t.Errorf("encoding = %s, want the corrected macintosh", d.Encoding)
	}
	if d.Delimiter != ';' {
		t.Errorf("delimiter = %q, want ';' detected under the correction", d.Delimiter)
	}
	if rows[0].Cells[0] == "Müller" {
		t.Error("the file was decoded as windows-1252 despite the correction")
	}
}

func TestHeaderNames(t *testing.T) {
	got := headerNames([]string{"\uFEFFId", " Email ", "", "Email"})
	if want := []string{"Id", "Email", "Column 3", "Email (2)"}; !slices.Equal(got, want) {
		t.Errorf("headerNames = %q, want %q", got, want)
	}
}

func TestOpenRejectsBinary(t *testing.T) {
	cases := map[string][]byte{
		"old.xls":   {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0},
		"fake.xlsx": []byte("a,b\n"),
		"image.csv": {0x89, 'P', 'N', 'G', 0, 0, 0, 1, 2, 3},
	}

	for name, content := range cases {
		path := writeFile(t, name, content)
		if _, _, err := Open(path, nil); err == nil {
			t.Errorf("Open(%s) read a file it cannot read", name)
		}
	}
}

func TestStrayQuoteRejectsOnlyItsRow(t *testing.T) {
	text := "First Name,Last Name,City\n" +
		`=HYPERLINK("http://127.0.0.1/x","click"),Evil,Bonn` + "\n" +
		"Anna,Schmidt,\"Multi\nLine\"\n" +
		"Ben,Meier,Köln\n"
	path := writeFile(t, "stray.csv", []byte(text))

	_, _, rows, rejected := openAll(t, path, &Dialect{Delimiter: ','})

	if len(rejected) != 1 {
		t.Fatalf("rejected %v, want the row of line 2 only", rejected)
	}
	if rejected[0].Line != 2 || rejected[0].Reason != ReasonMalformedRecord {
		t.Errorf("rejection = %+v, want a malformed record on line 2", rejected[0])
	}
	if len(rows) != 2 {
		t.Fatalf("read %d rows, want the rows of lines 3 and 5", len(rows))
	}
	if rows[0].Line != 3 || rows[0].Cells[2] != "Multi\nLine" {
		t.Errorf("first row = %+v, want line 3 with its quoted line break", rows[0])
	}
	if rows[1].Line != 5 || rows[1].Cells[0] != "Ben" {
		t.Errorf("second row = %+v, want Ben on line 5", rows[1])
	}
}
