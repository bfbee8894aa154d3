package data

import (
	"context"
	"testing"
	"time"

	"leadwerk/app"
)

// analyticsBenchBatch returns n deals of the Hardware pipeline with one to
// three stage changes each. Every deal starts in Prospecting. Deals now in
// Engaging, Won or Lost entered Engaging ten days later, and the closed
// ones closed twenty days after that.
func analyticsBenchBatch(n int) app.ImportBatch {
	b := generatedBatch(n)
	for i := range b.Opportunities {
		d := &b.Opportunities[i]
		start := time.Date(2016, time.Month(1+i%12), 1+i%28, 9, 0, 0, 0, time.UTC)
		d.History = []app.StageChangeImport{{To: "Prospecting", At: start, Amount: d.Amount, Probability: 10}}
		if d.Stage == "Prospecting" {
			continue
		}

		d.History = append(d.History, app.StageChangeImport{From: "Prospecting", To: "Engaging",
			At: start.AddDate(0, 0, 10), Amount: d.Amount, Probability: 50})
		if d.Stage != "Engaging" {
			d.History = append(d.History, app.StageChangeImport{From: "Engaging", To: d.Stage,
				At: start.AddDate(0, 0, 30), Amount: d.Amount})
		}
	}

	return b
}

// openAnalyticsBenchStore stores 20,000 deals with 45,000 stage changes
// and names a competitor on every third deal.
func openAnalyticsBenchStore(b *testing.B) *Store {
	b.Helper()

	s := openTestStore(b)
	mustImport(b, s, analyticsBenchBatch(20_000))
	err := s.db.Exec(`INSERT INTO competitors (opportunity_id, name)
		SELECT id, 'Rival ' || (id % 7) FROM opportunities WHERE id % 3 = 0`).Error
	if err != nil {
		b.Fatalf("insert competitors: %v", err)
	}

	return s
}

// BenchmarkDealFacts loads the facts of 20,000 deals with their history
// and competitors, once for all deals and once for one owner's 572.
func BenchmarkDealFacts(b *testing.B) {
	ctx := context.Background()
	s := openAnalyticsBenchStore(b)

	filters := []struct {
		name   string
		filter app.ReportFilter
	}{
		{"all", app.ReportFilter{}},
		{"owner", app.ReportFilter{Owner: "Agent 07"}},
	}

	for _, bf := range filters {
		b.Run(bf.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.DealFacts(ctx, bf.filter); err != nil {
					b.Fatalf("DealFacts: %v", err)
				}
			}
		})
	}
}

// BenchmarkReportFigures computes every figure of the Reports tab from the
// facts of 20,000 deals already loaded: pipeline by stage, a 6 + 12 month
// forecast, the funnel, the period comparison, win/loss by all four
// dimensions and the idle deals.
func BenchmarkReportFigures(b *testing.B) {
	ctx := context.Background()
	s := openAnalyticsBenchStore(b)

	facts, err := s.DealFacts(ctx, app.ReportFilter{})
	if err != nil {
		b.Fatalf("DealFacts: %v", err)
	}
	pipelines, err := s.Pipelines(ctx)
	if err != nil {
		b.Fatalf("Pipelines: %v", err)
	}

	var hardware app.Pipeline
	for _, p := range pipelines {
		if p.Name == "Hardware" {
			hardware = p
		}
	}

	today := app.Date{Year: 2017, Month: time.June, Day: 15}
	period := app.Period{From: app.Date{Year: 2016, Month: time.July, Day: 1}, To: app.Date{Year: 2016, Month: time.December, Day: 31}}
	dimensions := []app.WinLossDimension{app.WinLossByReason, app.WinLossBySource, app.WinLossByCompetitor, app.WinLossByOwner}

	for b.Loop() {
		app.PipelineByStage(hardware, facts)
		app.ForecastByMonth(facts, today, 6, 12, 60)
		app.StageFunnel(hardware, facts)
		app.Compare(facts, period)
		for _, by := range dimensions {
			app.WinLossBy(facts, period, by)
		}
		app.IdleDeals(pipelines, facts, today)
	}
}
