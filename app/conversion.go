package app

import "strings"

// ConversionRequest holds the choices for turning a lead into a deal.
type ConversionRequest struct {
	// PipelineID is the sales process the new opportunity starts in.
	PipelineID int64
	// Title overrides the planned title when not empty.
	Title string
}

// ConversionResult names the records a conversion created or matched.
type ConversionResult struct {
	CompanyID      int64
	CompanyName    string
	CompanyCreated bool
	ContactID      int64
	ContactName    string
	ContactCreated bool
	OpportunityID  int64
	// OpportunityTitle is the new deal's title.
	OpportunityTitle string
}

// PlanOpportunity pre-fills the opportunity a lead becomes from its
// newest qualification: the budget gives the amount (the middle of an
// indicated range), the timeframe the expected close date, and the deal
// starts in the pipeline's first open stage at that stage's probability.
// Company, contact and IDs are left for the store to fill.
func PlanOpportunity(l Lead, q *Qualification, p Pipeline, today Date) Opportunity {
	o := Opportunity{
		Title:      l.CompanyName,
		PipelineID: p.ID,
		Amount:     Money{Currency: p.Currency},
		Owner:      l.Owner,
		Notes:      l.Notes,
	}
	if o.Title == "" {
		o.Title = l.Name()
	}

	if stage, ok := FirstOpenStage(p); ok {
		o.StageID = stage.ID
		o.Probability = stage.Probability
	}

	if q == nil {
		return o
	}

	o.Amount = budgetAmount(*q, p.Currency)
	o.CloseDate = CloseDateFor(q.Timeframe, today)
	if need := strings.TrimSpace(q.Need); need != "" {
		o.Notes = strings.TrimSpace(need + "\n\n" + o.Notes)
	}

	return o
}

func budgetAmount(q Qualification, fallback string) Money {
	amount := q.BudgetAmount
	if q.Budget == BudgetIndicated && q.BudgetUpTo.Minor > 0 && q.BudgetUpTo.Currency == amount.Currency {
		amount.Minor = (amount.Minor + q.BudgetUpTo.Minor) / 2
	}

	if amount.Currency == "" {
		amount.Currency = fallback
	}

	return amount
}

// CloseDateFor returns today plus the end of the timeframe: one, three,
// six, twelve or eighteen months. An unknown or unanswered timeframe
// gives the zero Date.
func CloseDateFor(t Timeframe, today Date) Date {
	months := map[Timeframe]int{
		TimeUnder1Month: 1, Time1To3Months: 3, Time3To6Months: 6, Time6To12Months: 12, TimeOver12Months: 18,
	}[t]
	if months == 0 || today.IsZero() {
		return Date{}
	}

	return addMonths(today, months)
}

// addMonths moves d by n calendar months, clamping the day to the length
// of the target month, so 31 January plus one month is 28 or 29 February.
func addMonths(d Date, n int) Date {
	month := int(d.Month) - 1 + n
	year := d.Year + month/12
	month = month%12 + 1

	day := min(d.Day, daysIn(year, month))

	return Date{Year: year, Month: monthOf(month), Day: day}
}

// FirstOpenStage returns the pipeline's open stage with the lowest
// position.
func FirstOpenStage(p Pipeline) (Stage, bool) {
	var first Stage
	found := false
	for _, s := range p.Stages {
		if s.Kind == StageOpen && (!found || s.Position < first.Position) {
			first, found = s, true
		}
	}

	return first, found
}
