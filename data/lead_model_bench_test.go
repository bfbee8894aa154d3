package data

import (
	"context"
	"testing"

	"leadwerk/app"
)

// BenchmarkRefreshLeadPredictions measures a refresh over 100,000 leads,
// of which generatedLeads makes 4 in 7 open (57,143 to predict and value)
// and 2 in 7 converted or disqualified (28,571 to learn from). Each
// iteration forgets the cached model, so it learns again as the first
// refresh after a change does.
func BenchmarkRefreshLeadPredictions(b *testing.B) {
	s := openTestStore(b)
	batch := generatedLeads(100_000)
	batch.Opportunities = append(wonDeals(50, app.SourceReferral, 250_000), wonDeals(50, app.SourceWebsite, 80_000)...)
	mustImport(b, s, batch)

	ctx := context.Background()
	for b.Loop() {
		s.leadModel.state = ""
		if _, err := s.RefreshLeadPredictions(ctx, nil); err != nil {
			b.Fatal(err)
		}
	}
}
