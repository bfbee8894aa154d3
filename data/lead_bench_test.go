package data

import (
	"context"
	"fmt"
	"testing"
	"time"

	"leadwerk/app"
)

// generatedLeads returns n leads whose names, companies, cities, sources,
// statuses and scores repeat in cycles of coprime length, so that every
// combination occurs and a search of a few letters matches a realistic
// share of them.
func generatedLeads(n int) app.ImportBatch {
	firsts := []string{"Anna", "Jürgen", "Mehmet", "Sophie", "Lukas", "Maria", "Jonas", "Elif", "Paul",
		"Hannah", "Felix", "Lea", "Noah", "Emma", "Ben", "Mia", "Tim"}
	lasts := []string{"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
		"Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Braun", "Zimmermann",
		"Krüger", "Hartmann", "Lange", "Werner", "Krause"}
	companies := []string{"Bauer", "Nordlicht", "Rheintal", "Alpen", "Hanse", "Elbe", "Spree", "Isar",
		"Main", "Weser", "Mosel", "Saale", "Neckar", "Donau", "Ruhr"}
	forms := []string{"GmbH", "AG", "KG", "GmbH & Co. KG", "SE", "Ltd"}
	cities := []string{"Berlin", "Hamburg", "München", "Köln", "Frankfurt", "Stuttgart", "Düsseldorf",
		"Leipzig", "Dortmund", "Essen", "Bremen"}
	sources := []string{app.SourceTradeFair, app.SourceWebsite, app.SourceEmailCampaign, app.SourceReferral,
		app.SourceColdCall, app.SourcePartner, app.SourceOther}
	statuses := app.LeadStatuses()
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

	b := app.ImportBatch{Source: "generated", Pipeline: hardwarePipeline()}
	for i := range n {
		first, last := firsts[i%len(firsts)], lasts[i%len(lasts)]
		company := fmt.Sprintf("%s %s %d %s", companies[i%len(companies)], last, i%97, forms[i%len(forms)])
		b.Leads = append(b.Leads, app.Lead{
			FirstName: first, LastName: last, CompanyName: company,
			Email:  fmt.Sprintf("%s.%d@%s.example", first, i, companies[i%len(companies)]),
			City:   cities[i%len(cities)],
			Source: sources[i%len(sources)], Status: statuses[i%len(statuses)],
			Owner:     fmt.Sprintf("Agent %02d", i%19),
			CreatedAt: start.Add(time.Duration(i) * time.Minute),
			SourceRef: fmt.Sprintf("gen:lead:%d", i),
		})
	}

	return b
}

// BenchmarkLeadSearch measures what one keystroke in the lead list costs:
// the count and the first page of 50 for a search of three to five
// letters over 100,000 leads. Each iteration runs the searches below in
// turn, so ns/op is the mean of one keystroke's two queries.
func BenchmarkLeadSearch(b *testing.B) {
	s := openTestStore(b)
	mustImport(b, s, generatedLeads(100_000))
	// Spread the scores, which a fresh profile leaves at 0, so the
	// worklist order has work to do.
	if err := s.db.Exec("UPDATE leads SET score = (id * 37) % 101").Error; err != nil {
		b.Fatal(err)
	}
	if err := s.db.Exec("ANALYZE").Error; err != nil {
		b.Fatal(err)
	}

	searches := []string{"mül", "schm", "köln", "nordl", "weber", "spree"}
	sorts := map[string]app.LeadQuery{
		"worklist": {Sort: app.SortLeadsByWorklist},
		"created":  {},
		"open":     {Sort: app.SortLeadsByWorklist, OpenOnly: true},
	}
	for name, base := range sorts {
		b.Run(name, func(b *testing.B) {
			ctx := context.Background()
			i := 0
			loopWithCPUTime(b, func() {
				q := base
				q.Search, q.Limit = searches[i%len(searches)], 50
				i++

				if _, err := s.CountLeads(ctx, q); err != nil {
					b.Fatal(err)
				}
				page, err := s.ListLeads(ctx, q)
				if err != nil {
					b.Fatal(err)
				}
				if len(page) != 50 {
					b.Fatalf("search %q returned %d leads, want a full page of 50", q.Search, len(page))
				}
			})
		})
	}
}
