package ui

import (
	"testing"

	"leadwerk/app"
)

// benchmarkHistoryRequest returns a request over one quarter and the given
// number of open deals, in three currencies, that are all expected to
// close in it.
func benchmarkHistoryRequest(deals int) (reportRequest, []app.DealFact) {
	pipeline := app.DefaultPipeline()
	for i := range pipeline.Stages {
		pipeline.Stages[i].ID = int64(i + 1)
	}
	pipeline.ID = 1

	today := app.Date{Year: 2026, Month: 5, Day: 17}
	request := reportRequest{
		pipeline: pipeline, period: presetThisQuarter.period(today), today: today,
		settings: reportSettings{lookBackMonths: app.DefaultLookBackMonths},
	}

	currencies := []string{"EUR", "CHF", "USD"}
	var facts []app.DealFact
	for i := range deals {
		stage := pipeline.Stages[i%5]
		facts = append(facts, app.DealFact{
			ID: int64(i + 1), PipelineID: 1, StageID: stage.ID, StageKind: app.StageOpen,
			Amount:      app.Money{Minor: int64(1000 + i%977*1013), Currency: currencies[i%3]},
			Probability: stage.Probability, CloseDate: app.Date{Year: 2026, Month: 6, Day: 1 + i%28},
		})
	}

	return request, facts
}

func BenchmarkHistoryForecast(b *testing.B) {
	request, deals := benchmarkHistoryRequest(20_000)

	b.Run("rates and weighted", func(b *testing.B) {
		for b.Loop() {
			forecastFromHistory(request, deals, "EUR")
		}
	})

	b.Run("simulated range", func(b *testing.B) {
		history := forecastFromHistory(request, deals, "EUR")
		for b.Loop() {
			simulateHistoryRange(history)
		}
	})
}
