package data

import (
	"context"
	"strings"
	"testing"
	"time"

	"leadwerk/app"
)

// filledDeal returns deal id with every form field set to a non-zero
// value.
func filledDeal(t *testing.T, s *Store, id int64) app.Opportunity {
	t.Helper()

	o := mustDeal(t, s, id).Opportunity
	o.Title, o.Owner, o.Product, o.Notes = "Cancity rollout", "Ben Vogel", "GTX Plus", "call back in May"
	o.Amount, o.CustomerBudget = usd(250000), usd(200000)
	o.CloseDate = app.Date{Year: 2024, Month: time.September, Day: 30}
	o.NextStep, o.TalksStatus = "send offer", "positive"
	o.Expectations, o.Source = "delivery in Q4", app.SourceTradeFair

	return o
}

func TestUpdateStoresNewFields(t *testing.T) {
	s := openEditStore(t)
	id := idByRef(t, s, "opp:1")
	o := filledDeal(t, s, id)

	got, err := s.UpdateOpportunity(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}

	for _, d := range []app.OpportunityDetail{got, mustDeal(t, s, id)} {
		if d.NextStep != o.NextStep || d.TalksStatus != o.TalksStatus || d.Expectations != o.Expectations ||
			d.Source != o.Source {
			t.Errorf("talks fields %q, %q, %q, %q, want %q, %q, %q, %q", d.NextStep, d.TalksStatus,
				d.Expectations, d.Source, o.NextStep, o.TalksStatus, o.Expectations, o.Source)
		}
		if d.CustomerBudget != o.CustomerBudget || d.Amount != o.Amount || d.CloseDate != o.CloseDate {
			t.Errorf("budget %s, amount %s, close date %s; want %s, %s, %s", d.CustomerBudget, d.Amount,
				d.CloseDate, o.CustomerBudget, o.Amount, o.CloseDate)
		}
	}
	wantChanges(t, s, id, "amount", "1054.00 USD -> 2500.00 USD")
	wantChanges(t, s, id, "customer_budget", " -> 2000.00 USD")
	wantChanges(t, s, id, "close_date", "2024-03-01 -> 2024-09-30")
	wantChanges(t, s, id, "owner", "Anna Schmidt -> Ben Vogel")
	wantChanges(t, s, id, "next_step", " -> send offer")
}

func TestUpdateSavesZeroValues(t *testing.T) {
	s := openEditStore(t)
	ctx := context.Background()
	id := idByRef(t, s, "opp:1")
	if _, err := s.UpdateOpportunity(ctx, filledDeal(t, s, id)); err != nil {
		t.Fatal(err)
	}

	cleared := app.Opportunity{ID: id, Title: "Cancity rollout", Amount: usd(0)}
	if _, err := s.UpdateOpportunity(ctx, cleared); err != nil {
		t.Fatal(err)
	}

	d := mustDeal(t, s, id)
	if d.Amount != usd(0) || d.CustomerBudget != (app.Money{}) || !d.CloseDate.IsZero() {
		t.Errorf("amount %s, budget %s, close date %q; want 0.00 USD, none, none", d.Amount, d.CustomerBudget,
			d.CloseDate)
	}
	texts := []string{d.Owner, d.Product, d.Notes, d.NextStep, d.TalksStatus, d.Expectations, d.Source}
	for i, text := range texts {
		if text != "" {
			t.Errorf("text field %d = %q, want empty", i, text)
		}
	}
	if d.CompanyID != 0 {
		t.Errorf("company %d, want none", d.CompanyID)
	}
	wantChanges(t, s, id, "notes", " -> call back in May", "call back in May -> ")
}

func TestUpdateKeepsStageAndProbability(t *testing.T) {
	s := openEditStore(t)
	ctx := context.Background()
	id := idByRef(t, s, "opp:1")

	o := filledDeal(t, s, id)
	o.StageID = stageIDOf(t, s, "Hardware", "Won")
	o.Probability, o.ProbabilityManual = 5, true
	o.CloseReason = "typed into the wrong form"
	if _, err := s.UpdateOpportunity(ctx, o); err != nil {
		t.Fatal(err)
	}

	d := mustDeal(t, s, id)
	wantProbability(t, d, "Engaging", 50, false)
	if d.CloseReason != "" {
		t.Errorf("close reason %q, want none", d.CloseReason)
	}
	if moves := stageMovesNow(t, s, id); len(moves) != 0 {
		t.Errorf("stage moves = %q, want none", moves)
	}
}

func TestUpdateWithoutChangeRecordsNothing(t *testing.T) {
	s := openEditStore(t)
	id := idByRef(t, s, "opp:1")

	if _, err := s.UpdateOpportunity(context.Background(), mustDeal(t, s, id).Opportunity); err != nil {
		t.Fatal(err)
	}

	changes, err := s.FieldChanges(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if len(changes) != 0 {
		t.Errorf("field changes = %+v, want none", changes)
	}
}

// TestUpdateZeroBudgetRecordsNothing saves the form's value for an
// empty budget field, 0 in the amount's currency, over a deal without a
// budget.
func TestUpdateZeroBudgetRecordsNothing(t *testing.T) {
	s := openEditStore(t)
	id := idByRef(t, s, "opp:1")
	o := mustDeal(t, s, id).Opportunity
	o.CustomerBudget = usd(0)

	got, err := s.UpdateOpportunity(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}

	if got.CustomerBudget != (app.Money{}) {
		t.Errorf("budget %#v, want none", got.CustomerBudget)
	}
	if changes := fieldChangesOf(t, s, id, "customer_budget"); len(changes) != 0 {
		t.Errorf("budget changes = %q, want none", changes)
	}
}

func TestUpdateRecordsCompanyByName(t *testing.T) {
	s := openEditStore(t)
	id := idByRef(t, s, "opp:1")
	var acme int64
	s.db.Raw("SELECT id FROM companies WHERE name = 'Acme Corporation'").Scan(&acme)

	o := mustDeal(t, s, id).Opportunity
	o.CompanyID = acme
	if _, err := s.UpdateOpportunity(context.Background(), o); err != nil {
		t.Fatal(err)
	}

	wantChanges(t, s, id, "company", "Cancity -> Acme Corporation")
	changes, _ := s.FieldChanges(context.Background(), id)
	for _, c := range changes {
		if !c.At.Equal(editNow) || c.OpportunityID != id {
			t.Errorf("change %+v, want deal %d at %s", c, id, editNow)
		}
	}
}

func TestUpdateRejectsInvalidValues(t *testing.T) {
	tests := []struct {
		name   string
		change func(o *app.Opportunity)
		word   string
	}{
		{"empty title", func(o *app.Opportunity) { o.Title = "  " }, "title"},
		{"negative amount", func(o *app.Opportunity) { o.Amount = usd(-1) }, "-0.01 USD"},
		{"impossible date", func(o *app.Opportunity) { o.CloseDate = app.Date{Year: 2024, Month: 2, Day: 30} }, "2024-02-30"},
		{"negative budget", func(o *app.Opportunity) { o.CustomerBudget = usd(-5) }, "-0.05 USD"},
		{"negative budget without currency", func(o *app.Opportunity) { o.CustomerBudget = app.Money{Minor: -5} },
			"-0.05 USD"},
		{"long currency", func(o *app.Opportunity) { o.Amount = app.Money{Minor: 100, Currency: "EURO"} }, `"EURO"`},
		{"lower-case currency", func(o *app.Opportunity) { o.Amount = app.Money{Minor: 100, Currency: "usd"} },
			`"usd"`},
		{"budget currency", func(o *app.Opportunity) { o.CustomerBudget = app.Money{Minor: 100, Currency: "€"} },
			`"€"`},
		{"unknown company", func(o *app.Opportunity) { o.CompanyID = 9999 }, "company 9999"},
		{"unknown contact", func(o *app.Opportunity) { o.ContactID = 9999 }, "contact 9999"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := openEditStore(t)
			id := idByRef(t, s, "opp:1")
			o := mustDeal(t, s, id).Opportunity
			tc.change(&o)

			_, err := s.UpdateOpportunity(context.Background(), o)

			wantErrorIs(t, err, app.ErrInvalid)
			if err != nil && !strings.Contains(err.Error(), tc.word) {
				t.Errorf("error %q does not name %q", err, tc.word)
			}
			if d := mustDeal(t, s, id); d.Title != "Cancity GTX Pro" || d.Amount != usd(105400) {
				t.Errorf("deal changed to %q, %s after a rejected update", d.Title, d.Amount)
			}
		})
	}
}
