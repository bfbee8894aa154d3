package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/data"
)

// giveDealPrimaryContact adds Anna Schmidt at the shown deal's company as
// its primary contact and reloads the panel.
func giveDealPrimaryContact(t *testing.T, d *opportunityDetail, store *data.Store, queue *uiQueue) {
	t.Helper()

	_, err := store.SaveDealContact(context.Background(), app.DealContact{OpportunityID: d.deal.ID,
		Name: "Anna Schmidt", Role: app.DealRoleChampion, Primary: true})
	if err != nil {
		t.Fatal(err)
	}

	d.show(d.deal.ID)
	waitForDeal(t, queue, d, "the primary contact", func(o app.OpportunityDetail) bool { return o.ContactID != 0 })
}

// otherCompanyName returns the name of a demo company that is not the
// shown deal's.
func otherCompanyName(t *testing.T, d *opportunityDetail, store *data.Store) string {
	t.Helper()

	rows, err := store.ListOpportunities(context.Background(), app.OpportunityQuery{Sort: app.SortByCompany, Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Company != "" && r.Company != d.deal.Company.Name {
			return r.Company
		}
	}
	t.Fatal("the demo data has no second company")

	return ""
}

// editForm taps Edit and waits until the form has loaded the primary
// contact.
func editForm(t *testing.T, d *opportunityDetail, queue *uiQueue) *opportunityForm {
	t.Helper()

	test.Tap(d.controls.edit)
	form := d.controls.editing
	queue.waitFor(t, "the primary contact in the form", func() bool { return form.contact.ID == d.deal.ContactID })

	return form
}

// typeCompany types text into the company entry and waits for the
// option labelled option, which it returns.
func typeCompany(t *testing.T, form *opportunityForm, queue *uiQueue, text, option string) *widget.Button {
	t.Helper()

	form.companies.entry.SetText(text)

	var found *widget.Button
	queue.waitFor(t, "the option "+option, func() bool {
		for _, o := range form.companies.matches.Objects {
			if b, ok := o.(*widget.Button); ok && b.Text == option {
				found = b
			}
		}
		return found != nil
	})

	return found
}

func TestCompanyPickerChangesToExisting(t *testing.T) {
	d, store, queue := openDealDetail(t)
	giveDealPrimaryContact(t, d, store, queue)
	oldName := d.deal.Company.Name
	target := otherCompanyName(t, d, store)
	form := editForm(t, d, queue)

	option := typeCompany(t, form, queue, app.NormalizeCompany(target), target)
	if !form.saveButton.Disabled() {
		t.Error("Save is enabled while the typed text names no chosen company")
	}
	if want := "Choose a company from the list, or create one by its name."; form.problems[formFieldCompany].Text != want {
		t.Errorf("company problem = %q, want %q", form.problems[formFieldCompany].Text, want)
	}

	test.Tap(option)
	if form.companies.entry.Text != target {
		t.Errorf("company entry = %q, want %q", form.companies.entry.Text, target)
	}
	want := "Saving removes Anna Schmidt as primary contact, because Anna Schmidt does not work at " + target +
		". Anna Schmidt stays among the deal's contacts."
	if !form.contactNotice.Visible() || form.contactNotice.Text != want {
		t.Errorf("contact notice = %q (shown %v), want %q", form.contactNotice.Text, form.contactNotice.Visible(), want)
	}
	if form.saveButton.Disabled() {
		t.Fatal("Save is disabled after a company was chosen")
	}

	test.Tap(form.saveButton)
	waitForDeal(t, queue, d, "the new company", func(o app.OpportunityDetail) bool { return o.Company.Name == target })

	if d.deal.ContactID != 0 {
		t.Errorf("primary contact = %d, want none at %s", d.deal.ContactID, target)
	}
	queue.waitFor(t, "the company change in the history", func() bool {
		return findLabelContaining(d.changes, "Company: "+oldName+" → "+target)
	})
	contacts, err := store.DealContacts(context.Background(), d.deal.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(contacts) != 1 || contacts[0].Name != "Anna Schmidt" {
		t.Errorf("deal contacts = %+v, want Anna Schmidt kept", contacts)
	}
}

func TestCompanyPickerCreatesNewCompany(t *testing.T) {
	d, _, queue := openDealDetail(t)
	oldName := d.deal.Company.Name
	form := editForm(t, d, queue)

	option := typeCompany(t, form, queue, "Zephyr Werke GmbH", "Create company “Zephyr Werke GmbH”")
	test.Tap(option)
	if want := "Saving creates the company “Zephyr Werke GmbH”."; !form.companies.newNote.Visible() ||
		form.companies.newNote.Text != want {
		t.Errorf("new company note = %q (shown %v), want %q", form.companies.newNote.Text,
			form.companies.newNote.Visible(), want)
	}

	test.Tap(form.saveButton)
	waitForDeal(t, queue, d, "the new company", func(o app.OpportunityDetail) bool {
		return o.Company.Name == "Zephyr Werke GmbH"
	})

	if d.deal.CompanyID == 0 {
		t.Error("the deal has no company id after creating Zephyr Werke GmbH")
	}
	queue.waitFor(t, "the company change in the history", func() bool {
		return findLabelContaining(d.changes, "Company: "+oldName+" → Zephyr Werke GmbH")
	})
}

func TestCompanyPickerOffersNoDuplicate(t *testing.T) {
	d, store, queue := openDealDetail(t)
	target := otherCompanyName(t, d, store)
	form := editForm(t, d, queue)

	typeCompany(t, form, queue, app.NormalizeCompany(target), target)

	for _, o := range form.companies.matches.Objects {
		if b, ok := o.(*widget.Button); ok && b.Text == "Create company “"+app.NormalizeCompany(target)+"”" {
			t.Errorf("the picker offers to create %q beside the existing %q", b.Text, target)
		}
	}
}

func TestCompanyPickerEnterPicksFirstMatch(t *testing.T) {
	d, store, queue := openDealDetail(t)
	target := otherCompanyName(t, d, store)
	form := editForm(t, d, queue)

	typeCompany(t, form, queue, target, target)
	form.companies.entry.OnSubmitted(form.companies.entry.Text)

	choice, chosen := form.companies.value()
	if !chosen || choice.ID == 0 {
		t.Errorf("choice = %+v (chosen %v), want the existing %s", choice, chosen, target)
	}
	if len(form.companies.matches.Objects) != 0 {
		t.Error("the matches stay listed after Enter picked one")
	}
}

func TestCompanyPickerEmptyMeansNone(t *testing.T) {
	d, store, queue := openDealDetail(t)
	giveDealPrimaryContact(t, d, store, queue)
	form := editForm(t, d, queue)

	form.companies.entry.SetText("")

	choice, chosen := form.companies.value()
	if !chosen || choice != (app.CompanyChoice{}) {
		t.Errorf("choice = %+v (chosen %v), want no company", choice, chosen)
	}
	want := "Saving removes Anna Schmidt as primary contact, because the deal then has no company. " +
		"Anna Schmidt stays among the deal's contacts."
	if form.contactNotice.Text != want {
		t.Errorf("contact notice = %q, want %q", form.contactNotice.Text, want)
	}
	if form.saveButton.Disabled() {
		t.Error("Save is disabled for a deal without company")
	}
}

// formOnlyStore updates deals but cannot search or create companies.
type formOnlyStore struct{}

func (formOnlyStore) UpdateOpportunity(context.Context, app.Opportunity) (app.OpportunityDetail, error) {
	return app.OpportunityDetail{}, nil
}

func TestCompanyPickerReadOnlyWithoutSearch(t *testing.T) {
	a := test.NewTempApp(t)
	window := a.NewWindow("form")
	window.Resize(fyne.NewSize(1000, 700))
	t.Cleanup(window.Close)
	reporter := errorReporter{window: window, logger: discardLogger()}

	deal := app.OpportunityDetail{Opportunity: app.Opportunity{ID: 1, Title: "Deal", CompanyID: 4},
		Company: app.Company{ID: 4, Name: "Cancity"}}
	form := newOpportunityForm(formOnlyStore{}, window, newUIQueue().do, reporter, "en", deal)

	if !form.companies.entry.Disabled() {
		t.Error("the company entry is editable although the store cannot change companies")
	}
	if form.companies.entry.Text != "Cancity" {
		t.Errorf("company entry = %q, want Cancity", form.companies.entry.Text)
	}
}

func TestCompanyPickerNoNoticeWhileUnchanged(t *testing.T) {
	d, store, queue := openDealDetail(t)
	target := otherCompanyName(t, d, store)
	giveDealPrimaryContact(t, d, store, queue)
	form := editForm(t, d, queue)

	// Anna works at the deal's company, so make the form believe she
	// works elsewhere: the notice must still wait for a company change.
	form.contact.CompanyID = -1
	form.validate()
	if form.contactNotice.Visible() {
		t.Error("the contact notice shows although the company is unchanged")
	}

	test.Tap(typeCompany(t, form, queue, target, target))
	if !form.contactNotice.Visible() {
		t.Error("the contact notice is hidden after the company changed")
	}
}
