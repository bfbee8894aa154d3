package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

func TestDealPartiesRejectLongTexts(t *testing.T) {
	d, _, queue := openDealDetail(t)
	p := d.parties
	waitForParties(t, queue, d, "the parties", func() bool { return p.opportunityID == d.deal.ID })
	p.openCompetitorForm(app.Competitor{})
	p.onAddContactTapped()

	cases := []struct {
		name  string
		entry *widget.Entry
		limit int
		// valid is a text of the limit's length that the field accepts,
		// or "" when no such text is simple to write.
		valid string
	}{
		{"competitor name", p.competitorForm.name, 200, strings.Repeat("n", 200)},
		{"strengths", p.competitorForm.strengths, 10_000, strings.Repeat("s", 10_000)},
		{"weaknesses", p.competitorForm.weaknesses, 10_000, strings.Repeat("w", 10_000)},
		{"contact name", p.contactForm.name, 200, strings.Repeat("c", 200)},
		{"contact e-mail", p.contactForm.email, 254, ""},
	}

	for _, c := range cases {
		if c.valid != "" {
			c.entry.SetText(c.valid)
			if err := c.entry.Validate(); err != nil {
				t.Errorf("%s rejected %d characters: %v", c.name, c.limit, err)
			}
		}

		c.entry.SetText(strings.Repeat("a", c.limit+1))
		err := c.entry.Validate()
		if err == nil {
			t.Errorf("%s accepted %d characters", c.name, c.limit+1)
			continue
		}
		if !strings.Contains(err.Error(), "shorten it to at most") {
			t.Errorf("%s: message %q, want the forms' too-long message", c.name, err)
		}
	}
}
