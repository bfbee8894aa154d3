package tabular

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"leadwerk/app"
)

// FuzzSniff runs encoding, delimiter and header detection on any bytes.
// Detection must not panic and must return a known delimiter and a valid
// header line.
func FuzzSniff(f *testing.F) {
	for _, tc := range delimiterCases {
		f.Add([]byte(tc.sample))
	}
	f.Add([]byte(germanText))
	f.Add([]byte("\xEF\xBB\xBFId,Name\n001,Acme\n"))
	f.Add([]byte("M\xfcller;K\xf6ln\n\"a\nb\";c\n"))

	f.Fuzz(func(t *testing.T, sample []byte) {
		enc, _ := DetectEncoding(sample, true)
		text, err := decodeBytes(sample, enc)
		if err != nil {
			t.Fatalf("decode as detected %s: %v", enc, err)
		}

		delimiter := DetectDelimiter(text, true)
		if !strings.ContainsRune(",;\t|", delimiter) {
			t.Fatalf("delimiter %q is not a known one", delimiter)
		}

		line := detectHeaderLine(parseSample(text, delimiter, true))
		if line != NoHeader && line < 1 {
			t.Fatalf("header line %d", line)
		}
	})
}

// FuzzParseAmount checks that any amount that parses prints back to the
// same money.
func FuzzParseAmount(f *testing.F) {
	for _, tc := range amountCases {
		f.Add(tc.text, tc.format.Decimal == ',', tc.format.Currency)
	}

	f.Fuzz(func(t *testing.T, text string, commaDecimal bool, currency string) {
		format := NumberFormat{Decimal: '.', Currency: currency}
		if commaDecimal {
			format.Decimal = ','
		}

		money, err := ParseAmount(text, format)
		if err != nil {
			var cellErr *CellError
			if !errors.As(err, &cellErr) || cellErr.Value != text {
				t.Fatalf("error %v is no *CellError with the value", err)
			}

			return
		}

		again, err := ParseAmount(money.Decimal(), NumberFormat{Decimal: '.', Currency: money.Currency})
		if err != nil || again != money {
			t.Fatalf("%q parsed to %v, which reads back as %v, %v", text, money, again, err)
		}
	})
}

// FuzzParseDate checks that any date that parses is a real calendar day.
func FuzzParseDate(f *testing.F) {
	for _, tc := range dateCases {
		f.Add(tc.text, string(tc.format))
	}
	f.Add("31.02.2026", string(DateDMYDot))
	f.Add("31.02.2026", string(DateExcelSerial))

	f.Fuzz(func(t *testing.T, text, format string) {
		date, err := ParseDate(text, DateFormat(format))
		_, timeErr := ParseTime(text, DateFormat(format))
		if (err == nil) != (timeErr == nil) {
			t.Fatalf("%q in %s: ParseDate error %v, ParseTime error %v", text, format, err, timeErr)
		}
		if err != nil {
			return
		}

		again, err := app.ParseDate(date.String())
		if err != nil || again != date {
			t.Fatalf("%q in %s parsed to %v, which is no calendar day (%v)", text, format, date, err)
		}
	})
}

// FuzzVCard reads any bytes as a vCard file: every row must have the
// fixed columns and valid UTF-8, and there are never more rows than
// BEGIN properties.
func FuzzVCard(f *testing.F) {
	for _, text := range vcardSamples {
		f.Add([]byte(text))
	}
	f.Add([]byte("BEGIN:VCARD\nN;ENCODING=QUOTED-PRINTABLE:=\n=C3\nEND:VCARD\n"))

	f.Fuzz(func(t *testing.T, content []byte) {
		done := make(chan string, 1)
		go func() { done <- checkVCard(content) }()

		select {
		case problem := <-done:
			if problem != "" {
				t.Fatal(problem)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("reading %q did not end within 10 s", content)
		}
	})
}

// foldedLine matches a line break that continues the line before, as a
// vCard folds long lines.
var foldedLine = regexp.MustCompile(`\r?\n[ \t]`)

// checkVCard reads content as a vCard file and returns what is wrong, or
// "".
func checkVCard(content []byte) string {
	r, err := newVCardReader(bytes.NewReader(content), Dialect{Format: FormatVCard, Encoding: EncodingUTF8})
	if err != nil {
		return err.Error()
	}

	// The reader unfolds continuation lines and ignores spaces around a
	// property's name, so every card needs the word BEGIN somewhere in
	// the unfolded text.
	unfolded := foldedLine.ReplaceAllString(string(content), "")
	begins := strings.Count(strings.ToUpper(unfolded), "BEGIN")
	for rows := 0; ; rows++ {
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			return ""
		}
		if err != nil {
			return err.Error()
		}

		if rows >= begins {
			return fmt.Sprintf("row %d from a file with %d BEGIN lines", rows+1, begins)
		}
		if len(row.Cells) != len(VCardColumns()) {
			return fmt.Sprintf("row has %d cells", len(row.Cells))
		}
		for _, c := range row.Cells {
			if !utf8.ValidString(c) {
				return fmt.Sprintf("cell %q is not valid UTF-8", c)
			}
		}
	}
}
