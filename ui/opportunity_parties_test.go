package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"leadwerk/app"
)

// waitForParties runs queued functions until neither the detail nor its
// parties section is busy and done returns true.
func waitForParties(t *testing.T, queue *uiQueue, d *opportunityDetail, what string, done func() bool) {
	t.Helper()

	queue.waitFor(t, what, func() bool { return !d.busy && !d.parties.busy && done() })
}

// partyIndex returns the row of the contact named name, or -1.
func partyIndex(p *dealPartiesSection, name string) int {
	for i, c := range p.snapshot.contacts {
		if c.Name == name {
			return i
		}
	}

	return -1
}

func TestDealPartiesContactLifecycle(t *testing.T) {
	d, store, queue := openDealDetail(t)
	p := d.parties
	if p == nil {
		t.Fatal("the detail has no parties section on a store that keeps them")
	}
	waitForParties(t, queue, d, "the parties", func() bool { return p.opportunityID == d.deal.ID })
	if d.deal.CompanyID == 0 {
		t.Fatal("the demo deal has no company")
	}

	p.onAddContactTapped()
	form := p.contactForm
	test.Type(form.name, "Carla Vries")
	test.Type(form.email, "carla@")
	if form.email.Validate() == nil {
		t.Error("the e-mail field accepted carla@")
	}
	test.Type(form.email, "example.de")
	form.role.SetSelectedIndex(dealRoleIndex(app.DealRoleChampion))
	form.primary.SetChecked(true)
	form.dialog.Submit()
	waitForParties(t, queue, d, "the new contact", func() bool { return partyIndex(p, "Carla Vries") >= 0 })

	if !findLabel(p.content, "Carla Vries <carla@example.de> · primary") {
		t.Error("no primary mark on the new contact")
	}
	carla := p.snapshot.contacts[partyIndex(p, "Carla Vries")]
	if carla.Role != app.DealRoleChampion {
		t.Errorf("role = %s, want champion", carla.Role)
	}
	waitForParties(t, queue, d, "the deal's contact", func() bool { return d.deal.ContactID == carla.ContactID })

	p.contactRows[partyIndex(p, "Carla Vries")].role.SetSelected("influencer")
	waitForParties(t, queue, d, "the new role", func() bool {
		i := partyIndex(p, "Carla Vries")
		return i >= 0 && p.snapshot.contacts[i].Role == app.DealRoleInfluencer
	})

	test.Tap(p.contactRows[partyIndex(p, "Carla Vries")].remove)
	p.removeDialog.Confirm()
	waitForParties(t, queue, d, "the removal", func() bool { return partyIndex(p, "Carla Vries") < 0 })

	waitForParties(t, queue, d, "the deal without contact", func() bool { return d.deal.ContactID != carla.ContactID })
	candidates, err := store.ContactCandidates(context.Background(), d.deal.ID)
	if err != nil {
		t.Fatal(err)
	}
	existing := -1
	for i, c := range candidates {
		if c.ContactID == carla.ContactID {
			existing = i
		}
	}
	if existing < 0 {
		t.Fatalf("candidates %+v lack the removed contact, want the contact record kept", candidates)
	}

	p.onAddContactTapped()
	p.contactForm.existing.SetSelectedIndex(existing + 1)
	if !p.contactForm.name.Disabled() {
		t.Error("the name field is editable while an existing contact is chosen")
	}
	p.contactForm.primary.SetChecked(false)
	p.contactForm.dialog.Submit()
	waitForParties(t, queue, d, "the existing contact", func() bool { return partyIndex(p, "Carla Vries") >= 0 })

	row := p.contactRows[partyIndex(p, "Carla Vries")]
	if p.snapshot.contacts[partyIndex(p, "Carla Vries")].Primary || row.primary.Disabled() {
		t.Error("the re-added contact is primary, want an enabled Make primary button")
	}
	test.Tap(row.primary)
	waitForParties(t, queue, d, "the primary mark", func() bool {
		i := partyIndex(p, "Carla Vries")
		return i >= 0 && p.snapshot.contacts[i].Primary && d.deal.ContactID == carla.ContactID
	})
}

func TestDealPartiesCompetitorLifecycle(t *testing.T) {
	d, store, queue := openDealDetail(t)
	p := d.parties
	waitForParties(t, queue, d, "the parties", func() bool { return p.opportunityID == d.deal.ID })
	if !findLabel(p.content, "No competitors.") {
		t.Error("no empty competitor list shown")
	}

	test.Tap(p.addCompetitorButton)
	test.Type(p.competitorForm.name, "Rival AG")
	test.Type(p.competitorForm.strengths, "cheap")
	p.competitorForm.dialog.Submit()
	waitForParties(t, queue, d, "the competitor", func() bool { return len(p.snapshot.competitors) == 1 })

	if !findLabel(p.content, "Rival AG · active") {
		t.Error("no line for the new competitor")
	}
	if !findLabel(p.content, "Strengths: cheap") {
		t.Error("no strengths line")
	}

	test.Tap(p.competitorRows[0].edit)
	p.competitorForm.strengths.SetText("")
	p.competitorForm.status.SetSelectedIndex(competitorStatusIndex(app.CompetitorWonDeal))
	p.competitorForm.dialog.Submit()
	waitForParties(t, queue, d, "the edit", func() bool {
		return len(p.snapshot.competitors) == 1 && p.snapshot.competitors[0].Status == app.CompetitorWonDeal
	})

	stored, err := store.Competitors(context.Background(), d.deal.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(stored) != 1 || stored[0].Strengths != "" {
		t.Errorf("stored %+v, want the emptied strengths saved", stored)
	}
	if !findLabel(p.content, "Rival AG · won the deal") || findLabelContaining(p.content, "Strengths:") {
		t.Error("the list does not show the edited competitor")
	}

	test.Tap(p.competitorRows[0].remove)
	p.removeDialog.Confirm()
	waitForParties(t, queue, d, "the removal", func() bool { return len(p.snapshot.competitors) == 0 })
	if !findLabel(p.content, "No competitors.") {
		t.Error("no empty competitor list after the removal")
	}
}

func TestDealPartiesEmptyNameRejected(t *testing.T) {
	d, _, queue := openDealDetail(t)
	p := d.parties
	waitForParties(t, queue, d, "the parties", func() bool { return p.opportunityID == d.deal.ID })

	p.openCompetitorForm(app.Competitor{})
	if p.competitorForm.name.Validate() == nil {
		t.Error("the competitor form accepted an empty name")
	}

	p.onAddContactTapped()
	if p.contactForm.name.Validate() == nil {
		t.Error("the contact form accepted a new contact without a name")
	}
}
