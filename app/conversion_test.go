package app

import (
	"testing"
	"time"
)

func TestPlanOpportunityFromBANT(t *testing.T) {
	p := DefaultPipeline()
	for i := range p.Stages {
		p.Stages[i].ID = int64(i + 1)
	}
	p.ID = 7

	lead := Lead{FirstName: "Anna", LastName: "Berg", CompanyName: "Berg Logistik GmbH", Owner: "Max"}
	q := &Qualification{
		Budget: BudgetIndicated, BudgetAmount: Major(20000, "EUR"), BudgetUpTo: Major(30000, "EUR"),
		Timeframe: Time1To3Months, Need: "Routenplanung dauert zu lange",
	}
	today := Date{2026, time.December, 4}

	o := PlanOpportunity(lead, q, p, today)
	if o.Amount != Major(25000, "EUR") {
		t.Errorf("amount = %v, want the middle of the range, 25000.00 EUR", o.Amount)
	}
	if o.CloseDate != (Date{2027, time.March, 4}) {
		t.Errorf("close date = %v, want 2027-03-04", o.CloseDate)
	}
	if o.StageID != 1 || o.Probability != 10 || o.PipelineID != 7 {
		t.Errorf("deal starts in stage %d at %d %% of pipeline %d, want stage 1 at 10 %% of 7", o.StageID, o.Probability, o.PipelineID)
	}
	if o.Title != "Berg Logistik GmbH" || o.Owner != "Max" {
		t.Errorf("title %q and owner %q", o.Title, o.Owner)
	}
}

func TestPlanOpportunityWithoutQualification(t *testing.T) {
	p := DefaultPipeline()
	o := PlanOpportunity(Lead{FirstName: "Anna", LastName: "Berg"}, nil, p, Date{2026, time.May, 1})

	if o.Title != "Anna Berg" || o.Amount != (Money{Currency: "EUR"}) || !o.CloseDate.IsZero() {
		t.Errorf("plan without BANT = %+v, want the person's name, no amount and no close date", o)
	}
}

func TestCloseDateFor(t *testing.T) {
	today := Date{2027, time.January, 31}
	cases := map[Timeframe]Date{
		TimeUnder1Month:  {2027, time.February, 28},
		Time3To6Months:   {2027, time.July, 31},
		Time6To12Months:  {2028, time.January, 31},
		TimeOver12Months: {2028, time.July, 31},
		TimeframeUnknown: {},
		TimeframeUnset:   {},
	}

	for tf, want := range cases {
		if got := CloseDateFor(tf, today); got != want {
			t.Errorf("CloseDateFor(%q) = %v, want %v", tf, got, want)
		}
	}
}
