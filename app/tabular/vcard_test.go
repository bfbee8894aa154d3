package tabular

import (
	"strings"
	"testing"
)

// vcardSamples are shared with FuzzVCard as its seed corpus.
var vcardSamples = map[string]string{
	"3.0 folded": "BEGIN:VCARD\r\n" +
		"VERSION:3.0\r\n" +
		"N:Müller;Jürgen;;Dr.;\r\n" +
		"FN:Dr. Jürgen Müller\r\n" +
		"ORG:Bäckerei Schön GmbH\\, Köln;Vertrieb\r\n" +
		"TITLE:Geschäftsführer\r\n" +
		"EMAIL;TYPE=INTERNET,WORK:juergen@example.com\r\n" +
		"EMAIL;TYPE=INTERNET,HOME,pref:jm@example.org\r\n" +
		"TEL;TYPE=WORK,VOICE:+49 221 12345\r\n" +
		"TEL;TYPE=CELL:+49 170 1234567\r\n" +
		"TEL;TYPE=WORK,VOICE:+49 221 99999\r\n" +
		"ADR;TYPE=HOME:;;Am Weg 1;Bonn;;53111;Deutschland\r\n" +
		"ADR;TYPE=WORK:;;Hohe Straße 5;Köln;NRW;50667;Deutschland\r\n" +
		"NOTE:Kontakt von der Messe\\nRückruf im Mai\\; dringend. Sehr lange Notiz, die\r\n" +
		"  umgebrochen wurde.\r\n" +
		"URL:https://example.com\r\n" +
		"UID:urn:uuid:1234\r\n" +
		"END:VCARD\r\n",
	"2.1 quoted-printable": "BEGIN:VCARD\r\n" +
		"VERSION:2.1\r\n" +
		"N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Sch=E4fer;Anna\r\n" +
		"ORG;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Gr=C3=BCn & S=C3=B6hne =\r\n" +
		"AG\r\n" +
		"TEL;WORK;VOICE:030 1234\r\n" +
		"TEL;FAX:030 1235\r\n" +
		"EMAIL;INTERNET:anna@example.de\r\n" +
		"END:VCARD\r\n",
	"4.0 two cards": "BEGIN:VCARD\n" +
		"VERSION:4.0\n" +
		"FN:Zoë Åberg\n" +
		"N:Åberg;Zoë;;;\n" +
		"item1.EMAIL;TYPE=\"work,internet\";PREF=2:zoe@work.example\n" +
		"EMAIL;PREF=1:zoe@example.se\n" +
		"TEL;VALUE=uri;TYPE=\"cell,voice\":tel:+46-70-123\n" +
		"END:VCARD\n" +
		"BEGIN:VCARD\n" +
		"VERSION:4.0\n" +
		"N:Ødegaard;Ola;;;\n" +
		"ORG:Nordlys AS\n" +
		"END:VCARD\n",
}

func readVCard(t *testing.T, name, text string) []Row {
	t.Helper()

	path := writeFile(t, name, []byte(text))
	d, header, rows, rejected := openAll(t, path, nil)
	if d.Format != FormatVCard {
		t.Fatalf("format = %s, want vcard", d.Format)
	}
	if len(header) != len(VCardColumns()) {
		t.Fatalf("header has %d columns, want %d", len(header), len(VCardColumns()))
	}
	if len(rejected) != 0 {
		t.Fatalf("rejected: %v", rejected)
	}

	return rows
}

// cell returns a row's value in a vCard column.
func cell(row Row, column string) string {
	for i, name := range VCardColumns() {
		if name == column {
			return row.Cells[i]
		}
	}

	return "no such column " + column
}

func TestVCard30(t *testing.T) {
	rows := readVCard(t, "contacts.vcf", vcardSamples["3.0 folded"])
	if len(rows) != 1 {
		t.Fatalf("read %d cards, want 1", len(rows))
	}

	row := rows[0]
	want := map[string]string{
		VCardFullName:     "Dr. Jürgen Müller",
		VCardFamilyName:   "Müller",
		VCardGivenName:    "Jürgen",
		VCardPrefix:       "Dr.",
		VCardOrganization: "Bäckerei Schön GmbH, Köln",
		VCardDepartment:   "Vertrieb",
		VCardTitle:        "Geschäftsführer",
		VCardEmail:        "jm@example.org",
		VCardEmail2:       "juergen@example.com",
		VCardWorkPhone:    "+49 221 12345",
		VCardMobilePhone:  "+49 170 1234567",
		VCardOtherPhone:   "+49 221 99999",
		VCardStreet:       "Hohe Straße 5",
		VCardCity:         "Köln",
		VCardRegion:       "NRW",
		VCardPostalCode:   "50667",
		VCardCountry:      "Deutschland",
		VCardNote:         "Kontakt von der Messe\nRückruf im Mai; dringend. Sehr lange Notiz, die umgebrochen wurde.",
		VCardURL:          "https://example.com",
		VCardUID:          "urn:uuid:1234",
	}
	for column, value := range want {
		if got := cell(row, column); got != value {
			t.Errorf("%s = %q, want %q", column, got, value)
		}
	}
	if row.Line != 1 {
		t.Errorf("line = %d, want 1", row.Line)
	}
}

func TestVCard21QuotedPrintable(t *testing.T) {
	rows := readVCard(t, "old.vcf", vcardSamples["2.1 quoted-printable"])
	if len(rows) != 1 {
		t.Fatalf("read %d cards, want 1", len(rows))
	}

	row := rows[0]
	want := map[string]string{
		VCardFamilyName:   "Schäfer",
		VCardGivenName:    "Anna",
		VCardFullName:     "Anna Schäfer",
		VCardOrganization: "Grün & Söhne AG",
		VCardWorkPhone:    "030 1234",
		VCardFax:          "030 1235",
		VCardEmail:        "anna@example.de",
	}
	for column, value := range want {
		if got := cell(row, column); got != value {
			t.Errorf("%s = %q, want %q", column, got, value)
		}
	}
}

func TestVCard40SeveralCards(t *testing.T) {
	rows := readVCard(t, "team.vcf", vcardSamples["4.0 two cards"])
	if len(rows) != 2 {
		t.Fatalf("read %d cards, want 2", len(rows))
	}

	if got := cell(rows[0], VCardEmail); got != "zoe@example.se" {
		t.Errorf("preferred email = %q, want zoe@example.se", got)
	}
	if got := cell(rows[0], VCardEmail2); got != "zoe@work.example" {
		t.Errorf("second email = %q, want zoe@work.example", got)
	}
	if got := cell(rows[0], VCardMobilePhone); got != "+46-70-123" {
		t.Errorf("mobile = %q, want +46-70-123 without the tel: scheme", got)
	}
	if got := cell(rows[1], VCardFullName); got != "Ola Ødegaard" {
		t.Errorf("full name from N = %q, want Ola Ødegaard", got)
	}
	if rows[0].Line != 1 || rows[1].Line != 9 {
		t.Errorf("lines = %d, %d; want 1 and 9", rows[0].Line, rows[1].Line)
	}
}

func TestVCardLatin1WithoutCharset(t *testing.T) {
	text := "BEGIN:VCARD\nVERSION:3.0\nFN:J\xfcrgen M\xfcller\nEND:VCARD\n"
	rows := readVCard(t, "latin.vcf", text)
	if got := cell(rows[0], VCardFullName); got != "Jürgen Müller" {
		t.Errorf("full name = %q, want Jürgen Müller", got)
	}
}

func TestVCardCutOff(t *testing.T) {
	text := "BEGIN:VCARD\nFN:First\nBEGIN:VCARD\nFN:Second\n"
	rows := readVCard(t, "cut.vcf", text)

	names := []string{}
	for _, r := range rows {
		names = append(names, cell(r, VCardFullName))
	}
	if strings.Join(names, ",") != "First,Second" {
		t.Errorf("names = %q, want First and Second", names)
	}
}

func TestUnescapeText(t *testing.T) {
	cases := map[string]string{
		`a\,b`:   "a,b",
		`a\;b`:   "a;b",
		`a\nb`:   "a\nb",
		`a\\b`:   `a\b`,
		`plain`:  "plain",
		`trail\`: `trail\`,
	}
	for in, want := range cases {
		if got := unescapeText(in); got != want {
			t.Errorf("unescapeText(%q) = %q, want %q", in, got, want)
		}
	}
}
