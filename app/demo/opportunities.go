package demo

import (
	"slices"
	"time"

	"leadwerk/app"
)

// product is something the demo seller offers, with its usual deal size
// in whole euros.
type product struct {
	name     string
	min, max int
}

var products = []product{
	{"Enterprise licence", 20_000, 120_000},
	{"Professional licence", 5_000, 30_000},
	{"Maintenance contract", 3_000, 25_000},
	{"Training package", 1_500, 9_000},
	{"Consulting days", 4_000, 40_000},
	{"Integration project", 15_000, 150_000},
	{"Hardware rollout", 10_000, 90_000},
}

// Stage positions in app.DefaultPipeline used to shape the histories.
const (
	proposalPosition    = 3
	negotiationPosition = 4
)

// opportunities returns g.size.Opportunities deals in app.DefaultPipeline.
// The first deals take each stage once, so every stage appears.
func (g *generator) opportunities(companies []company) []app.OpportunityImport {
	stages := app.DefaultPipeline().Stages
	deals := make([]app.OpportunityImport, 0, g.size.Opportunities)
	for i := range g.size.Opportunities {
		c := pick(g, companies)

		var target app.Stage
		if i < len(stages) {
			target = stages[i]
		} else {
			target = g.targetStage(stages)
		}

		d := g.opportunity(c, stages, target, g.createdDay(target))
		d.SourceRef = sourceRef("opportunity", i+1, g.size.Opportunities)
		deals = append(deals, d)
	}

	return deals
}

// targetStage returns the stage a deal has reached: open in 45 % of the
// deals, early stages more often than late ones, won in 25 % and lost in
// 30 %.
func (g *generator) targetStage(stages []app.Stage) app.Stage {
	switch g.weighted([]int{45, 25, 30}) {
	case 0:
		return stages[g.weighted([]int{30, 25, 20, 15, 10})]
	case 1:
		return stageOfKind(stages, app.StageWon)
	default:
		return stageOfKind(stages, app.StageLost)
	}
}

// createdDay returns the midnight a deal was created: within the last six
// months for an open deal, and within the last HistoryMonths for a closed
// one.
func (g *generator) createdDay(target app.Stage) time.Time {
	yesterday := g.end.AddDate(0, 0, -1)
	if target.Kind != app.StageOpen {
		return g.dayIn(g.start, yesterday)
	}

	first := g.end.AddDate(0, -6, 0)
	if first.Before(g.start) {
		first = g.start
	}

	return g.dayIn(first, yesterday)
}

func stageOfKind(stages []app.Stage, kind app.StageKind) app.Stage {
	for _, s := range stages {
		if s.Kind == kind {
			return s
		}
	}

	panic("demo: the default pipeline has no " + string(kind) + " stage")
}

// opportunity returns one deal at company c that was created on the given
// midnight and has reached target.
func (g *generator) opportunity(c company, stages []app.Stage, target app.Stage, created time.Time) app.OpportunityImport {
	prod := pick(g, products)
	currency := dealCurrency(c.country)
	amount := g.amount(prod, currency)

	path := g.stagePath(stages, target)
	times := g.changeTimes(created, len(path), target.Kind != app.StageOpen)
	last := times[len(times)-1]

	d := app.OpportunityImport{
		Opportunity: app.Opportunity{
			Title:          prod.name + " – " + c.Name,
			Amount:         amount,
			Probability:    target.Probability,
			StageEnteredOn: app.DateOf(last),
			Owner:          pick(g, owners),
			Product:        prod.name,
			CreatedAt:      times[0],
		},
		CompanyRef: c.SourceRef,
		Stage:      target.Name,
	}
	if target.Kind == app.StageOpen && target.Position > 0 && g.chance(15) {
		d.ProbabilityManual = true
		d.Probability = min(95, max(5, target.Probability+g.between(-2, 2)*5))
	}
	d.Probability = app.EffectiveProbability(target, d.ProbabilityManual, d.Probability)

	switch {
	case target.Kind != app.StageOpen:
		d.CloseDate = app.DateOf(last)
	case g.chance(85):
		d.CloseDate = app.DateOf(g.end.AddDate(0, 0, g.between(7, 180)))
	default:
		// An overdue deal: the expected close date may have passed.
		d.CloseDate = app.DateOf(last.AddDate(0, 0, g.between(14, 60)))
	}

	// A closed deal carries a reason, because closing one in the window
	// requires it.
	switch target.Kind {
	case app.StageWon:
		d.CloseReason = pick(g, app.DefaultCloseReasons().Won)
	case app.StageLost:
		d.CloseReason = pick(g, app.DefaultCloseReasons().Lost)
	}

	d.History = g.history(path, times, amount, d.Probability)
	d.Activities = g.activities(d, c, created, last, target.Kind == app.StageOpen)

	return d
}

// dealCurrency returns the currency the seller invoices a country in:
// francs in Switzerland, dollars in the United States, euros elsewhere.
func dealCurrency(c country) string {
	switch c.name {
	case "Switzerland":
		return "CHF"
	case "United States":
		return "USD"
	default:
		return "EUR"
	}
}

// amount returns a deal size for the product rounded to 100 major units.
// Dollar prices are 10 % above the euro list.
func (g *generator) amount(p product, currency string) app.Money {
	major := int64(g.between(p.min, p.max))
	if currency == "USD" {
		major = major * 11 / 10
	}

	return app.Major(major/100*100, currency)
}

// stagePath returns the stages a deal passes on its way to target, from
// Prospecting on. Won deals pass Proposal and usually Negotiation. Lost
// deals drop out of any open stage.
func (g *generator) stagePath(stages []app.Stage, target app.Stage) []app.Stage {
	lastOpen := target.Position
	switch target.Kind {
	case app.StageWon:
		lastOpen = negotiationPosition
		if g.chance(25) {
			lastOpen = proposalPosition
		}
	case app.StageLost:
		lastOpen = g.rng.IntN(negotiationPosition + 1)
	}

	path := slices.Clone(stages[:lastOpen+1])
	if target.Kind != app.StageOpen {
		path = append(path, target)
	}

	return path
}

// changeTimes returns n increasing office-hour times from the created
// midnight on, all before g.end. A closed deal takes 2 weeks to 5 months
// to close, and an open deal's changes fall within 4 months of its start.
func (g *generator) changeTimes(created time.Time, n int, closed bool) []time.Time {
	span := g.between(0, 120)
	if closed {
		span = g.between(14, 150)
	}
	lastDay := created.AddDate(0, 0, span)
	if yesterday := g.end.AddDate(0, 0, -1); lastDay.After(yesterday) {
		lastDay = yesterday
	}

	times := []time.Time{g.officeHour(created)}
	for range n - 1 {
		times = append(times, g.officeHour(g.dayIn(created, lastDay)))
	}
	slices.SortFunc(times, time.Time.Compare)

	// Changes at the same minute move one minute apart. The latest office
	// hour is 16:55, so this never pushes a change into the next day.
	for i := 1; i < len(times); i++ {
		if !times[i].After(times[i-1]) {
			times[i] = times[i-1].Add(time.Minute)
		}
	}

	return times
}

// history returns one stage change per stage of path at the given times.
// Before Proposal the amount is an estimate up to 20 % off the deal's
// amount, and from Proposal on it is the deal's amount. The last change carries the deal's
// effective probability.
func (g *generator) history(path []app.Stage, times []time.Time, amount app.Money, probability int) []app.StageChangeImport {
	estimate := app.Money{
		Minor:    amount.Minor * int64(100+g.between(-20, 20)) / 100 / 100_00 * 100_00,
		Currency: amount.Currency,
	}

	history := make([]app.StageChangeImport, len(path))
	for i, s := range path {
		h := app.StageChangeImport{To: s.Name, At: times[i], Amount: amount, Probability: s.Probability}
		if i > 0 {
			h.From = path[i-1].Name
		}
		if s.Kind == app.StageOpen && s.Position < proposalPosition {
			h.Amount = estimate
		}
		history[i] = h
	}
	history[len(history)-1].Probability = probability
	history[len(history)-1].Amount = amount

	return history
}
