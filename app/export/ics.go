package export

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"leadwerk/app"
)

// maxLineOctets is the longest content line RFC 5545 section 3.1 allows,
// without the CRLF. Longer lines are folded.
const maxLineOctets = 75

// Event is one calendar entry: a timed one when Start is set, else an
// all-day one on Day.
type Event struct {
	// UID identifies the entry across exports, so a calendar that imports
	// the file again updates the entry instead of adding a second one.
	UID         string
	Summary     string
	Description string
	Start       time.Time
	Duration    time.Duration
	Day         app.Date
}

// Calendar writes an iCalendar file (RFC 5545) of VEVENT entries. It
// uses VEVENT and not VTODO, because Outlook's and Apple Calendar's
// imports show events but leave out to-dos. Times are written in UTC,
// so the file needs no VTIMEZONE, and lines end in CRLF.
type Calendar struct {
	out   *bufio.Writer
	stamp string
	err   error
}

// NewCalendar starts a calendar whose entries carry stamp, the time of
// the export, as DTSTAMP.
func NewCalendar(w io.Writer, stamp time.Time) *Calendar {
	c := &Calendar{out: bufio.NewWriter(w), stamp: utcStamp(stamp)}
	c.line("BEGIN:VCALENDAR")
	c.line("VERSION:2.0")
	c.line("PRODID:-//Leadwerk//Leadwerk CRM//EN")
	c.line("CALSCALE:GREGORIAN")
	c.line("METHOD:PUBLISH")

	return c
}

// Add writes one VEVENT.
func (c *Calendar) Add(e Event) error {
	c.line("BEGIN:VEVENT")
	c.line("UID:" + escapeText(e.UID))
	c.line("DTSTAMP:" + c.stamp)
	if e.Start.IsZero() {
		c.line("DTSTART;VALUE=DATE:" + icsDate(e.Day))
		next := time.Date(e.Day.Year, e.Day.Month, e.Day.Day+1, 0, 0, 0, 0, time.UTC)
		c.line("DTEND;VALUE=DATE:" + icsDate(app.DateOf(next)))
		c.line("TRANSP:TRANSPARENT")
	} else {
		c.line("DTSTART:" + utcStamp(e.Start))
		c.line("DTEND:" + utcStamp(e.Start.Add(e.Duration)))
	}

	c.line("SUMMARY:" + escapeText(e.Summary))
	if e.Description != "" {
		c.line("DESCRIPTION:" + escapeText(e.Description))
	}
	c.line("END:VEVENT")

	return c.err
}

// Close ends the calendar and flushes it; it does not close the
// io.Writer.
func (c *Calendar) Close() error {
	c.line("END:VCALENDAR")
	if c.err == nil {
		c.err = c.out.Flush()
	}

	if c.err != nil {
		return fmt.Errorf("write calendar: %w", c.err)
	}

	return nil
}

// line writes one content line, folded, and keeps the first error.
func (c *Calendar) line(text string) {
	if c.err == nil {
		_, c.err = c.out.WriteString(foldLine(text))
	}
}

func utcStamp(t time.Time) string {
	return t.UTC().Format("20060102T150405Z")
}

func icsDate(d app.Date) string {
	return fmt.Sprintf("%04d%02d%02d", d.Year, int(d.Month), d.Day)
}

// escapeText escapes a TEXT value as RFC 5545 section 3.3.11 requires:
// backslash, semicolon and comma get a backslash, and a line break
// becomes \n. A CR of a CRLF pair is dropped.
func escapeText(s string) string {
	var b strings.Builder
	for _, r := range strings.ReplaceAll(s, "\r\n", "\n") {
		switch r {
		case '\\', ';', ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n', '\r':
			b.WriteString(`\n`)
		default:
			b.WriteRune(r)
		}
	}

	return b.String()
}

// foldLine returns text with CRLF, split into lines of at most 75 octets
// where each continuation line starts with a space. It never splits a
// UTF-8 sequence.
func foldLine(text string) string {
	var b strings.Builder
	limit := maxLineOctets
	for len(text) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}

		b.WriteString(text[:cut])
		b.WriteString("\r\n ")
		text = text[cut:]
		// The leading space counts toward the next line's octets.
		limit = maxLineOctets - 1
	}

	b.WriteString(text)
	b.WriteString("\r\n")

	return b.String()
}
