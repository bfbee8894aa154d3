package ui

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"leadwerk/app"
)

// countingDealStore records the deals the form saves.
type countingDealStore struct {
	mu    sync.Mutex
	saved []app.Opportunity
}

func (s *countingDealStore) UpdateOpportunity(_ context.Context, o app.Opportunity) (app.OpportunityDetail, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.saved = append(s.saved, o)

	return app.OpportunityDetail{Opportunity: o}, nil
}

func (s *countingDealStore) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()

	return len(s.saved)
}

func openRuleForm(t *testing.T, store opportunityUpdater, queue *uiQueue) *opportunityForm {
	t.Helper()

	a := test.NewTempApp(t)
	window := a.NewWindow("form")
	window.Resize(fyne.NewSize(1000, 700))
	t.Cleanup(window.Close)
	reporter := errorReporter{window: window, logger: discardLogger()}

	deal := app.OpportunityDetail{Opportunity: app.Opportunity{ID: 1, Title: "Deal", CompanyID: 4,
		Amount: app.Money{Minor: 500000, Currency: "EUR"}, Probability: 20,
		CloseDate: app.Date{Year: 2026, Month: time.June, Day: 30},
		CreatedAt: time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC)},
		Company: app.Company{ID: 4, Name: "Cancity"}}
	form := newOpportunityForm(store, window, queue.do, reporter, "en", deal)
	form.show()

	return form
}

func TestOpportunityFormRejectsTooLargeAmount(t *testing.T) {
	form := openRuleForm(t, &countingDealStore{}, newUIQueue())

	form.amount.SetText("50000000000")
	if !form.saveButton.Disabled() {
		t.Error("Save is enabled for an amount above 10 billion euros")
	}
	if got := form.problems[formFieldAmount].Text; !strings.Contains(got, "too large") {
		t.Errorf("amount problem = %q, want the too-large message", got)
	}
}

func TestOpportunityFormRejectsLongNotes(t *testing.T) {
	form := openRuleForm(t, &countingDealStore{}, newUIQueue())

	form.notes.SetText(strings.Repeat("n", app.MaxLength(app.FieldNotes)+1))
	if !form.saveButton.Disabled() {
		t.Error("Save is enabled for notes above the maximum length")
	}
	if got := form.problems[app.FieldNotes].Text; !strings.Contains(got, "10,000 characters") {
		t.Errorf("notes problem = %q, want the maximum of 10,000 characters", got)
	}
}

func TestOpportunityFormConfirmsEarlyClose(t *testing.T) {
	store := &countingDealStore{}
	queue := newUIQueue()
	form := openRuleForm(t, store, queue)
	form.closeDate.SetText(app.FormatDate(app.Date{Year: 2026, Month: time.January, Day: 15}, "en"))
	if form.saveButton.Disabled() {
		t.Fatalf("Save is disabled for a close date before creation: %v", form.problems[formFieldCloseDate].Text)
	}

	test.Tap(form.saveButton)
	confirm := form.window.Canvas().Overlays().Top()
	if confirm == nil || !findLabelContaining(confirm, "before the day this deal was created") {
		t.Fatal("no confirmation for a close date before creation")
	}
	if store.count() != 0 {
		t.Fatal("the deal was saved before the person confirmed")
	}

	test.Tap(findButton(confirm, "Yes"))
	queue.waitFor(t, "the save", func() bool { return store.count() == 1 })
}

func TestLeadFormNamesLongFieldAboveButtons(t *testing.T) {
	store := openStore(t)
	m, queue := openLeadsTab(t, store)
	f := newLeadForm(store, m.window, queue.do, m.errors, "en", app.Lead{})
	f.show()

	f.lastName.SetText("Berg")
	if f.saveButton.Disabled() {
		t.Fatal("Save is disabled for a lead with a last name")
	}

	f.city.SetText(strings.Repeat("x", app.MaxLength(app.FieldCity)+1))
	if !f.saveButton.Disabled() {
		t.Error("Save is enabled for a city above the maximum length")
	}

	other := f.problems[leadFormOther]
	if !other.Visible() || !strings.HasPrefix(other.Text, "City: Too long") {
		t.Errorf("problem above the buttons = %q (visible %v), want the city's message", other.Text, other.Visible())
	}

	f.city.SetText("Köln")
	f.notes.SetText(strings.Repeat("n", app.MaxLength(app.FieldNotes)+1))
	if !strings.HasPrefix(other.Text, "Notes: Too long") {
		t.Errorf("problem above the buttons = %q, want the notes' message", other.Text)
	}
}

func TestQualificationRejectsNegativeBudget(t *testing.T) {
	store := openStore(t)
	lead := createLead(t, store, app.Lead{LastName: "Brandt"})
	m, queue := openLeadsTab(t, store)
	d := newQualificationDialog(store, m.window, queue.do, m.errors, "en", storedLead(t, store, lead.ID))
	d.show()

	d.budget.SetSelected("confirmed")
	d.amount.SetText("-500")
	if !d.saveButton.Disabled() {
		t.Error("Save is enabled for a negative budget")
	}
	if want := "Budget: The amount is negative"; !strings.HasPrefix(d.problem.Text, want) {
		t.Errorf("problem = %q, want it to start with %q", d.problem.Text, want)
	}
}
