package export

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"leadwerk/app"
)

func TestCalendarExactOutput(t *testing.T) {
	var buf bytes.Buffer
	c := NewCalendar(&buf, time.Date(2026, time.May, 4, 8, 0, 0, 0, berlin))
	err := c.Add(Event{UID: "activity-7@leadwerk", Summary: "Call: Müller, Sohn; Co.",
		Description: "Ask about the budget\nand the C:\\ drive", Start: time.Date(2026, time.May, 5, 9, 30, 0, 0, time.UTC),
		Duration: 30 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	err = c.Add(Event{UID: "next-step-3@leadwerk", Summary: "Next step: send the offer", Day: app.Date{Year: 2026, Month: time.May, Day: 31}})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}

	want := strings.Join([]string{
		"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Leadwerk//Leadwerk CRM//EN", "CALSCALE:GREGORIAN",
		"METHOD:PUBLISH",
		"BEGIN:VEVENT", "UID:activity-7@leadwerk", "DTSTAMP:20260504T060000Z", "DTSTART:20260505T093000Z",
		"DTEND:20260505T100000Z", `SUMMARY:Call: Müller\, Sohn\; Co.`,
		`DESCRIPTION:Ask about the budget\nand the C:\\ drive`, "END:VEVENT",
		"BEGIN:VEVENT", "UID:next-step-3@leadwerk", "DTSTAMP:20260504T060000Z", "DTSTART;VALUE=DATE:20260531",
		"DTEND;VALUE=DATE:20260601", "TRANSP:TRANSPARENT", "SUMMARY:Next step: send the offer", "END:VEVENT",
		"END:VCALENDAR", "",
	}, "\r\n")
	if got := buf.String(); got != want {
		t.Errorf("calendar =\n%s\nwant\n%s", got, want)
	}
}

func TestFoldLineExact(t *testing.T) {
	text := "SUMMARY:" + strings.Repeat("a", 67) + "bc"
	want := "SUMMARY:" + strings.Repeat("a", 67) + "\r\n bc\r\n"
	if got := foldLine(text); got != want {
		t.Errorf("foldLine = %q, want %q", got, want)
	}

	if got := foldLine("UID:x"); got != "UID:x\r\n" {
		t.Errorf("short line = %q", got)
	}
}

func TestFoldLineKeepsRunesWhole(t *testing.T) {
	text := "DESCRIPTION:" + strings.Repeat("ä", 100)
	folded := foldLine(text)

	lines := strings.Split(strings.TrimSuffix(folded, "\r\n"), "\r\n")
	for i, line := range lines {
		if len(line) > maxLineOctets {
			t.Errorf("line %d has %d octets, more than %d", i, len(line), maxLineOctets)
		}
		if !utf8.ValidString(line) {
			t.Errorf("line %d splits a UTF-8 sequence: %q", i, line)
		}
		if i > 0 && !strings.HasPrefix(line, " ") {
			t.Errorf("continuation line %d does not start with a space", i)
		}
	}

	if unfolded := strings.ReplaceAll(folded, "\r\n ", ""); unfolded != text+"\r\n" {
		t.Errorf("unfolding gives %q, want the original line", unfolded)
	}
}

func TestCalendarParsesBack(t *testing.T) {
	summary := strings.Repeat("Angebot für Müller & Söhne, Köln; ", 5)
	var buf bytes.Buffer
	c := NewCalendar(&buf, time.Now())
	if err := c.Add(Event{UID: "activity-1@leadwerk", Summary: summary, Start: time.Now(), Duration: time.Hour}); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}

	unfolded := strings.ReplaceAll(buf.String(), "\r\n ", "")
	var got string
	for _, line := range strings.Split(unfolded, "\r\n") {
		if value, ok := strings.CutPrefix(line, "SUMMARY:"); ok {
			got = unescapeText(value)
		}
	}
	if got != summary {
		t.Errorf("SUMMARY reads back as %q, want %q", got, summary)
	}
}

// unescapeText reverses escapeText as an RFC 5545 reader does.
func unescapeText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			if s[i] == 'n' || s[i] == 'N' {
				b.WriteByte('\n')
				continue
			}
		}
		b.WriteByte(s[i])
	}

	return b.String()
}
