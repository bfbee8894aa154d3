package data

import (
	"fmt"
	"math/rand/v2"
	"time"

	"leadwerk/app"
)

// crashCompaniesPerBatch is how many companies each crash import brings.
const crashCompaniesPerBatch = 20

// crashPipeline is the sales process of the crash imports, in euros.
func crashPipeline() app.Pipeline {
	return app.Pipeline{Name: crashPipelineName, Currency: "EUR", Stages: []app.Stage{
		{Name: "Lead", Probability: 10, Kind: app.StageOpen},
		{Name: "Offer", Probability: 40, Kind: app.StageOpen},
		{Name: "Negotiation", Probability: 70, Kind: app.StageOpen},
		{Name: "Won", Probability: 100, Kind: app.StageWon},
		{Name: "Lost", Probability: 0, Kind: app.StageLost},
	}}
}

// crashPrefix returns the SourceRef prefix of the batch that operation
// name imports, such as "crash:r3o17:".
func crashPrefix(name string) string {
	return "crash:" + name + ":"
}

// crashBatch returns an import of n leads and n deals over
// crashCompaniesPerBatch companies, every SourceRef starting with
// crashPrefix(name), so the parent can count each batch's rows. Every
// deal's history ends in its stage, and every fourth deal and lead has an
// activity.
func crashBatch(rng *rand.Rand, name string, n int) app.ImportBatch {
	prefix := crashPrefix(name)
	b := app.ImportBatch{Source: "crash test", Pipeline: crashPipeline()}
	for i := range crashCompaniesPerBatch {
		b.Companies = append(b.Companies, app.CompanyImport{Company: app.Company{
			Name: fmt.Sprintf("Firma %s%02d", prefix, i), Sector: "industry", Employees: 10 + rng.IntN(900),
			Country: "Germany", SourceRef: fmt.Sprintf("%scompany:%d", prefix, i),
		}})
	}

	for i := range n {
		b.Leads = append(b.Leads, crashLead(rng, name, i))
		if i%4 == 0 {
			b.LeadActivities = append(b.LeadActivities, app.LeadActivityImport{
				Activity: app.Activity{Kind: app.ActivityCall, Subject: "First call", Done: true,
					CreatedAt: time.Date(2025, 3, 1+i%28, 10, 0, 0, 0, time.UTC)},
				LeadRef: fmt.Sprintf("%slead:%d", prefix, i),
			})
		}

		b.Opportunities = append(b.Opportunities, crashDeal(rng, prefix, i))
	}

	return b
}

func crashLead(rng *rand.Rand, name string, i int) app.Lead {
	prefix := crashPrefix(name)
	statuses := []app.LeadStatus{app.LeadNew, app.LeadContacted, app.LeadNurturing, app.LeadQualified}
	cities := []string{"München", "Köln", "Wien", "Zürich", "Leipzig"}

	return app.Lead{
		FirstName: "Lea", LastName: fmt.Sprintf("Müller %s%d", prefix, i),
		CompanyName: fmt.Sprintf("Müller %d GmbH", i), Email: fmt.Sprintf("lead%d-%s@crash.example", i, name),
		City: cities[rng.IntN(len(cities))], Source: app.SourceWebsite, Status: statuses[rng.IntN(len(statuses))],
		SourceRef: fmt.Sprintf("%slead:%d", prefix, i),
	}
}

func crashDeal(rng *rand.Rand, prefix string, i int) app.OpportunityImport {
	stages := crashPipeline().Stages
	stage := stages[rng.IntN(len(stages))]
	created := time.Date(2025, time.Month(1+rng.IntN(6)), 1+rng.IntN(28), 9, 0, 0, 0, time.UTC)
	amount := app.Money{Minor: rng.Int64N(10_000_000), Currency: "EUR"}

	d := app.OpportunityImport{
		Opportunity: app.Opportunity{
			Title: fmt.Sprintf("Anlage %s%d", prefix, i), Amount: amount, Owner: "Jonas Keller",
			Product: "Press 500", CloseDate: app.Date{Year: 2026, Month: time.Month(1 + rng.IntN(12)), Day: 1 + rng.IntN(28)},
			SourceRef: fmt.Sprintf("%sopportunity:%d", prefix, i),
		},
		CompanyRef: fmt.Sprintf("%scompany:%d", prefix, rng.IntN(crashCompaniesPerBatch)),
		Stage:      stage.Name,
		History:    []app.StageChangeImport{{To: "Lead", At: created, Amount: amount, Probability: 10}},
	}
	if stage.Name != "Lead" {
		d.History = append(d.History, app.StageChangeImport{From: "Lead", To: stage.Name,
			At: created.AddDate(0, 1, 0), Amount: amount, Probability: stage.Probability})
	}

	if i%4 == 0 {
		d.Activities = []app.Activity{{Kind: app.ActivityMeeting, Subject: "Site visit",
			CreatedAt: created.AddDate(0, 0, 3)}}
	}

	return d
}
