package tabular

import (
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// encode converts UTF-8 text to the bytes of a single-byte encoding.
func encode(t testing.TB, cm *charmap.Charmap, text string) []byte {
	t.Helper()

	b, err := cm.NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatalf("encode %q: %v", text, err)
	}

	return b
}

func utf16Bytes(t testing.TB, e unicode.Endianness, bom unicode.BOMPolicy, text string) []byte {
	t.Helper()

	b, err := unicode.UTF16(e, bom).NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}

	return b
}

const germanText = "Name;Straße;Ort\nMüller GmbH;Hauptstraße 5;Köln\nÄrzte & Söhne;Übergasse 1;Großröhrsdorf\n"

func TestDetectEncoding(t *testing.T) {
	cases := []struct {
		name   string
		sample []byte
		want   Encoding
		bom    bool
	}{
		{"ascii", []byte("a,b\n1,2\n"), EncodingUTF8, false},
		{"utf-8", []byte(germanText), EncodingUTF8, false},
		{"utf-8 with bom", append([]byte{0xEF, 0xBB, 0xBF}, germanText...), EncodingUTF8, true},
		{"utf-16le with bom", utf16Bytes(t, unicode.LittleEndian, unicode.UseBOM, germanText), EncodingUTF16LE, true},
		{"utf-16be with bom", utf16Bytes(t, unicode.BigEndian, unicode.UseBOM, germanText), EncodingUTF16BE, true},
		{"utf-16le without bom", utf16Bytes(t, unicode.LittleEndian, unicode.IgnoreBOM, germanText), EncodingUTF16LE, false},
		{"windows-1252", encode(t, charmap.Windows1252, germanText), EncodingWindows1252, false},
		{"windows-1252 quotes", encode(t, charmap.Windows1252, "Titel\n„Angebot“ für Müller – 5 €\n"), EncodingWindows1252, false},
		{"mac roman", encode(t, charmap.Macintosh, germanText), EncodingMacRoman, false},
		{"iso-8859-15 euro", encode(t, charmap.ISO8859_15, "Betrag\n12 €\n1.200,00 €\nMüller\n"), EncodingISO885915, false},
		{"iso-8859-1 reads as windows-1252", encode(t, charmap.ISO8859_1, germanText), EncodingWindows1252, false},
	}

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, bom := DetectEncoding(tc.sample, true)
			if got != tc.want {
				t.Errorf("encoding = %s, want %s", got, tc.want)
			}
			if bom != tc.bom {
				t.Errorf("bom = %v, want %v", bom, tc.bom)
			}
		})
	}
}

func TestDetectEncodingIgnoresCutCharacter(t *testing.T) {
	sample := []byte("Name\nMüller")
	cut := sample[:len(sample)-5]
	if cut[len(cut)-1] != 0xC3 {
		t.Fatalf("test sample does not end inside ü: % x", cut)
	}

	if got, _ := DetectEncoding(cut, false); got != EncodingUTF8 {
		t.Errorf("a sample cut inside ü was detected as %s, want UTF-8", got)
	}
}

func TestDecodeBytes(t *testing.T) {
	for _, enc := range Encodings() {
		t.Run(string(enc), func(t *testing.T) {
			var raw []byte
			switch enc {
			case EncodingUTF8:
				raw = []byte("\uFEFFMüller")
			case EncodingUTF16LE:
				raw = utf16Bytes(t, unicode.LittleEndian, unicode.UseBOM, "Müller")
			case EncodingUTF16BE:
				raw = utf16Bytes(t, unicode.BigEndian, unicode.UseBOM, "Müller")
			default:
				raw = encode(t, charmapOf(enc), "Müller")
			}

			got, err := decodeBytes(raw, enc)
			if err != nil {
				t.Fatal(err)
			}
			if got != "Müller" {
				t.Errorf("decoded %q, want Müller", got)
			}
		})
	}
}

func TestDecodeUnknownEncoding(t *testing.T) {
	if _, err := decodeBytes([]byte("x"), Encoding("EBCDIC")); err == nil {
		t.Error("an unknown encoding was accepted")
	}
}
