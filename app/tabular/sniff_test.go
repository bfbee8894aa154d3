package tabular

import (
	"slices"
	"testing"
)

// delimiterCases are shared with FuzzSniff as its seed corpus.
var delimiterCases = []struct {
	name   string
	sample string
	want   rune
}{
	{"comma", "a,b,c\n1,2,3\n4,5,6\n", ','},
	{"semicolon with decimal commas", "Name;Betrag;Datum\nA;1.234,56;31.12.2026\nB;99,00;01.01.2027\n", ';'},
	{"tab", "a\tb\tc\n1\t2,5\t3\n", '\t'},
	{"pipe", "a|b|c\n1|2|3\n", '|'},
	{"comma with semicolons in text", "name,note,city\nA,\"x; y\",B\nC,z;w,D\n", ','},
	{"quoted newline", "id,note,amount\n1,\"line one\nline two\",5\n2,plain,6\n", ','},
	{"quoted delimiter", "a;b\n\"1;2\";3\n\"4;5\";6\n", ';'},
	{"one column", "name\nAnna\nBen\n", ','},
	{"title line", "Export vom 01.01.2026\n\nName;Ort\nA;B\nC;D\n", ';'},
	{"crlf", "a;b\r\n1;2\r\n", ';'},
	{"mac line breaks", "a;b\r1;2\r3;4\r", ';'},
}

func TestDetectDelimiter(t *testing.T) {
	for _, tc := range delimiterCases {
		t.Run(tc.name, func(t *testing.T) {
			if got := DetectDelimiter(tc.sample, true); got != tc.want {
				t.Errorf("delimiter = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestDetectDelimiterDropsCutRecord(t *testing.T) {
	sample := "a;b;c\n1;2;3\n4;5;6\n7,8,9,10,11,12"
	if got := DetectDelimiter(sample, false); got != ';' {
		t.Errorf("delimiter = %q, want ';' because the cut last line must not count", got)
	}
}

func TestDetectHeaderLine(t *testing.T) {
	cases := []struct {
		name   string
		sample string
		want   int
	}{
		{"first line", "Name;Betrag\nA;5\nB;6\n", 1},
		{"after a title and a blank line", "Umsatzliste 2026\n\nName;Betrag;Datum\nA;5;31.12.2026\nB;6;01.01.2027\n", 3},
		{"after title cells padded with delimiters", "Bericht;;\nStand 01.01.2026;;\nName;Betrag;Datum\nA;5;31.12.2026\n", 3},
		{"no header", "Anna;5;31.12.2026\nBen;6;01.01.2027\n", NoHeader},
		{"only a header", "Name;Ort\n", 1},
	}

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			records := parseSample(tc.sample, ';', true)
			if got := detectHeaderLine(records); got != tc.want {
				t.Errorf("header line = %d, want %d", got, tc.want)
			}
		})
	}
}

func TestParseSampleLines(t *testing.T) {
	records := parseSample("id,note\n1,\"a\nb\nc\"\n2,x\n", ',', true)
	lines := make([]int, len(records))
	for i, r := range records {
		lines[i] = r.line
	}

	if want := []int{1, 2, 5}; !slices.Equal(lines, want) {
		t.Errorf("record lines = %v, want %v", lines, want)
	}
}
