package gdprpdf

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestWriteManyPages(t *testing.T) {
	var entries []Entry
	for i := range 80 {
		entries = append(entries, Entry{Heading: fmt.Sprintf("Activity %d", i),
			Fields: []Field{{"Subject", "Größe: 12 € – " + strings.Repeat("long text ", 20)}, {"Empty", ""}}})
	}
	d := Document{Title: "Personal data", Intro: []string{"About Jürgen"},
		Sections:  []Section{{Heading: "Leads", Empty: "None stored."}, {Heading: "Activities", Entries: entries}},
		PageLabel: func(page, pages int) string { return fmt.Sprintf("Page %d of %d", page, pages) },
		Created:   time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC)}

	var buf bytes.Buffer
	if err := Write(&buf, d); err != nil {
		t.Fatalf("Write: %v", err)
	}

	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Errorf("output starts with %q, not a PDF header", buf.Bytes()[:8])
	}
	if pages := bytes.Count(buf.Bytes(), []byte("/Type /Page\n")); pages < 3 {
		t.Errorf("%d pages, want at least 3 for 80 long entries", pages)
	}

	var again bytes.Buffer
	if err := Write(&again, d); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("two writes of the same document differ")
	}
}
