package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"leadwerk/app"
)

func TestLeadHistoryShowsEditWithUser(t *testing.T) {
	store := openStore(t)
	ctx := context.Background()
	if err := store.SaveUserName(ctx, "Anna Schmidt"); err != nil {
		t.Fatal(err)
	}
	lead := createLead(t, store, app.Lead{FirstName: "Jonas", LastName: "Keller", CompanyName: "Keller AG"})
	lead.City = "Köln"
	if _, err := store.UpdateLead(ctx, lead); err != nil {
		t.Fatal(err)
	}

	m, queue := openLeadsTab(t, store)
	d := m.leads.detail
	d.show(lead.ID)
	queue.waitFor(t, "the history", func() bool { return len(d.history.entries) > 0 })

	lines := historyLines(d.history.entries, "en")
	if len(lines) != 2 {
		t.Fatalf("history lines = %q, want the edit and the creation", lines)
	}
	if !strings.HasSuffix(lines[0], " · Anna Schmidt · City: – → Köln") {
		t.Errorf("newest line = %q, want the city edit by Anna Schmidt", lines[0])
	}
	if !strings.HasSuffix(lines[1], " · Anna Schmidt · created") {
		t.Errorf("oldest line = %q, want the creation", lines[1])
	}
	if !findLabelContaining(d.history.content, "City: – → Köln") {
		t.Error("the history section does not show the city edit")
	}
	if !d.history.more.Hidden {
		t.Error("Show more is offered although the creation is shown")
	}
}

func TestLeadHistoryShowMore(t *testing.T) {
	store := openStore(t)
	ctx := context.Background()
	lead := createLead(t, store, app.Lead{FirstName: "Jonas", LastName: "Keller"})
	for i := range historyPage + 5 {
		lead.City = fmt.Sprintf("City %d", i)
		saved, err := store.UpdateLead(ctx, lead)
		if err != nil {
			t.Fatal(err)
		}
		lead = saved
	}

	m, queue := openLeadsTab(t, store)
	d := m.leads.detail
	d.show(lead.ID)
	queue.waitFor(t, "the history", func() bool { return len(d.history.entries) == historyPage })
	if d.history.more.Hidden {
		t.Fatal("Show more is hidden with older entries left")
	}
	if got := d.history.lines.Objects; len(got) != historyPage {
		t.Errorf("lines shown = %d, want %d", len(got), historyPage)
	}

	test.Tap(d.history.more)
	queue.waitFor(t, "the older entries", func() bool { return len(d.history.entries) > historyPage })
	last := historyLines(d.history.entries, "en")
	if !strings.HasSuffix(last[len(last)-1], "created") {
		t.Errorf("oldest line after Show more = %q, want the creation", last[len(last)-1])
	}
	if !d.history.more.Hidden {
		t.Error("Show more is still offered after the creation is shown")
	}
}

func TestHistoryValueTexts(t *testing.T) {
	contacted := "contacted"
	empty := ""
	cases := []struct {
		field string
		value *string
		want  string
	}{
		{"city", nil, "–"},
		{"city", &empty, "–"},
		{"status", &contacted, "Contacted"},
	}
	for _, c := range cases {
		if got := auditValueText(c.field, c.value); got != c.want {
			t.Errorf("auditValueText(%q) = %q, want %q", c.field, got, c.want)
		}
	}

	if got := auditFieldLabel("postal_code"); got != "Postal code" {
		t.Errorf("label of postal_code = %q", got)
	}
	if got := auditFieldLabel("unknown_column"); got != "unknown_column" {
		t.Errorf("label of an unknown column = %q, want the column name", got)
	}
}

func TestContactHistoryButtonOpensHistory(t *testing.T) {
	d, store, queue := openDealDetail(t)
	p := d.parties
	contact := app.DealContact{OpportunityID: d.deal.ID, Name: "Carla Vries", Email: "carla@example.de",
		Role: app.DealRoleChampion}
	if _, err := store.SaveDealContact(context.Background(), contact); err != nil {
		t.Fatal(err)
	}
	p.show(d.deal.ID)
	waitForParties(t, queue, d, "the contact", func() bool { return partyIndex(p, "Carla Vries") >= 0 })

	row := p.contactList.Objects[partyIndex(p, "Carla Vries")]
	button := findButton(row, "History…")
	if button == nil {
		t.Fatal("the contact row has no History… button")
	}
	test.Tap(button)

	overlay := p.window.Canvas().Overlays().Top()
	if overlay == nil {
		t.Fatal("History… opened no dialog")
	}
	queue.waitFor(t, "the contact's history", func() bool { return findLabelContaining(overlay, "created") })
}
