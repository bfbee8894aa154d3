package data

import (
	"context"
	"fmt"
	"testing"
	"time"

	"leadwerk/app"
)

// benchBoardPipeline has five open stages with idle thresholds, so the
// IdleOnly filter has deals to find, and no closed stage.
func benchBoardPipeline() app.Pipeline {
	return app.Pipeline{Name: "Board bench", Currency: "EUR", Stages: []app.Stage{
		{Name: "Lead", Probability: 10, IdleDays: 14},
		{Name: "Qualified", Probability: 25, IdleDays: 14},
		{Name: "Offer", Probability: 40, IdleDays: 21},
		{Name: "Negotiation", Probability: 60, IdleDays: 10},
		{Name: "Contract", Probability: 80, IdleDays: 7},
	}}
}

// boardBatch returns n open deals spread over the five stages of
// benchBoardPipeline, 35 owners and two currencies. Close dates spread over
// 2024 with every tenth one empty, and stage entry dates over its first half.
func boardBatch(pipeline string, n int) app.ImportBatch {
	b := app.ImportBatch{Source: "generated", Pipeline: app.Pipeline{Name: pipeline}}
	for i := range 85 {
		b.Companies = append(b.Companies, app.CompanyImport{Company: app.Company{
			Name: fmt.Sprintf("Company %02d", i), SourceRef: fmt.Sprintf("acc:%d", i)}})
	}

	stages := []string{"Lead", "Qualified", "Offer", "Negotiation", "Contract"}
	currencies := []string{"EUR", "USD"}
	for i := range n {
		o := app.Opportunity{
			Title:          fmt.Sprintf("Deal %05d", i),
			Amount:         app.Money{Minor: int64(i%977) * 1013, Currency: currencies[i%len(currencies)]},
			Owner:          fmt.Sprintf("Agent %02d", i%35),
			CloseDate:      app.Date{Year: 2024, Month: time.Month(1 + i%12), Day: 1 + i%28},
			StageEnteredOn: app.Date{Year: 2024, Month: time.Month(1 + i%6), Day: 1 + i%28},
			SourceRef:      fmt.Sprintf("opp:%d", i),
		}
		if i%10 == 0 {
			o.CloseDate = app.Date{}
		}

		b.Opportunities = append(b.Opportunities, app.OpportunityImport{
			Opportunity: o, CompanyRef: fmt.Sprintf("acc:%d", i%85), Stage: stages[i%len(stages)],
		})
	}

	return b
}

// BenchmarkBoard reads the board of 20,000 open deals with the default
// limit of 200 cards per column, once unfiltered and once with every
// filter set.
func BenchmarkBoard(b *testing.B) {
	ctx := context.Background()
	s := openTestStore(b)
	p, err := s.CreatePipeline(ctx, benchBoardPipeline())
	if err != nil {
		b.Fatalf("CreatePipeline: %v", err)
	}
	mustImport(b, s, boardBatch(p.Name, 20_000))

	today := app.Date{Year: 2024, Month: time.June, Day: 15}
	filters := []struct {
		name   string
		filter app.BoardFilter
	}{
		{"all", app.BoardFilter{PipelineID: p.ID}},
		{"filtered", app.BoardFilter{PipelineID: p.ID, Owner: "Agent 07", IdleOnly: true,
			CloseFrom: app.Date{Year: 2024, Month: time.March, Day: 1}, CloseTo: app.Date{Year: 2024, Month: time.October, Day: 31}}},
	}

	for _, bf := range filters {
		b.Run(bf.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Board(ctx, bf.filter, today); err != nil {
					b.Fatalf("Board: %v", err)
				}
			}
		})
	}
}
