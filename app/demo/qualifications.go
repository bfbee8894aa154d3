package demo

import (
	"time"

	"leadwerk/app"
)

// qualifiedShare is the percentage of leads in each status that have a
// BANT assessment, so the worklist shows a spread of scores.
var qualifiedShare = map[app.LeadStatus]int{
	app.LeadNew: 5, app.LeadContacted: 35, app.LeadNurturing: 50, app.LeadQualified: 100,
	app.LeadHandedOver: 100, app.LeadConverted: 100, app.LeadDisqualified: 60,
}

// profile is the demo firm's ideal customer: mid-sized manufacturers and
// engineering firms in German-speaking countries, reached through their
// purchasing or technical heads.
func profile() *app.IdealCustomerProfile {
	return &app.IdealCustomerProfile{
		Industries: []app.ProfileCriterion{
			{Value: "Manufacturing", Weight: 10}, {Value: "Automotive", Weight: 8},
			{Value: "Electrical engineering", Weight: 7}, {Value: "Logistics", Weight: 4},
		},
		SizeBands: []app.ProfileCriterion{
			{Value: string(app.Size50to249), Weight: 8}, {Value: string(app.Size250to999), Weight: 6},
		},
		Regions: []app.ProfileCriterion{
			{Value: "Germany", Weight: 8}, {Value: "Austria", Weight: 6}, {Value: "Switzerland", Weight: 6},
		},
		Personas: []app.ProfileCriterion{
			{Value: "Head of Purchasing", Weight: 8}, {Value: "Managing Director", Weight: 7},
			{Value: "Plant Manager", Weight: 6},
		},
	}
}

// qualifications returns BANT assessments for a share of the leads. Leads
// further along the lifecycle get better answers, as they would in life.
func (g *generator) qualifications(leads []app.Lead) []app.QualificationImport {
	var out []app.QualificationImport
	for _, l := range leads {
		if !g.chance(qualifiedShare[l.Status]) {
			continue
		}

		strong := l.Status == app.LeadQualified || l.Status == app.LeadHandedOver || l.Status == app.LeadConverted
		q := g.qualification(strong)
		q.CreatedAt = l.CreatedAt.Add(time.Duration(g.between(1, 20*24)) * time.Hour)
		if !q.CreatedAt.Before(g.end) {
			q.CreatedAt = l.CreatedAt
		}
		out = append(out, app.QualificationImport{Qualification: q, LeadRef: l.SourceRef})
	}

	return out
}

func (g *generator) qualification(strong bool) app.Qualification {
	budgets := []app.BudgetStatus{app.BudgetConfirmed, app.BudgetIndicated, app.BudgetUnknown, app.BudgetNone, ""}
	authorities := []app.AuthorityRole{app.DecisionMaker, app.Influencer, app.User, app.Gatekeeper, ""}
	timeframes := []app.Timeframe{app.TimeUnder1Month, app.Time1To3Months, app.Time3To6Months,
		app.Time6To12Months, app.TimeOver12Months, app.TimeframeUnknown, app.TimeframeUnset}
	if strong {
		budgets, authorities, timeframes = budgets[:2], authorities[:2], timeframes[:3]
	}

	q := app.Qualification{
		Budget:    pick(g, budgets),
		Authority: pick(g, authorities),
		Timeframe: pick(g, timeframes),
	}
	if g.chance(70) {
		q.Need = pick(g, needs)
		q.NeedPriority = g.between(1, 5)
		if strong {
			q.NeedPriority = g.between(3, 5)
		}
	}
	if q.Budget == app.BudgetConfirmed || q.Budget == app.BudgetIndicated {
		q.BudgetAmount = app.Major(int64(g.between(2, 60))*5_000, "EUR")
	}
	if q.Budget == app.BudgetIndicated {
		q.BudgetUpTo = app.Money{Minor: q.BudgetAmount.Minor * 3 / 2, Currency: "EUR"}
	}
	if q.Authority != app.DecisionMaker && q.Authority != "" {
		q.DecidedBy = pick(g, deciders)
	}

	return q
}

var needs = []string{
	"Quotes take days because prices live in spreadsheets.",
	"Machine downtime is noticed too late.",
	"Spare parts are ordered by phone and fax.",
	"Route planning for the fleet is done by hand.",
	"Audit trail for ISO 9001 is incomplete.",
}

var deciders = []string{"Managing Director", "Head of Purchasing", "CFO", "Plant Manager"}
