package tabular

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// TestDetectFormatNamesNULLine checks that a CSV file with one stray NUL
// byte is rejected with the line of the byte, and a binary file as
// binary.
func TestDetectFormatNamesNULLine(t *testing.T) {
	text := []byte("Name,Company\nAnna Berger,Berger GmbH\nJonas\x00 Keller,Keller AG\n")
	_, err := detectFormat("leads.csv", text)
	if !errors.Is(err, ErrUnsupportedFormat) || !strings.Contains(err.Error(), "NUL byte on line 3") {
		t.Errorf("stray NUL: err = %v, want the line 3 named", err)
	}

	binary := bytes.Repeat([]byte{0, 1, 2, 0}, 256)
	_, err = detectFormat("picture.csv", binary)
	if !errors.Is(err, ErrUnsupportedFormat) || !strings.Contains(err.Error(), "is a binary file") {
		t.Errorf("binary: err = %v, want a binary file", err)
	}

	if format, err := detectFormat("leads.csv", []byte("Name\nAnna\n")); err != nil || format != FormatCSV {
		t.Errorf("plain text: %q, %v, want CSV", format, err)
	}
}
