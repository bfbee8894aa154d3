package data

import (
	"context"
	"testing"
	"time"

	"leadwerk/app"
)

// qualityBenchSetup fills generatedLeads' leads with gaps in cycles of
// coprime length: every third lead has no phone, every fifth no e-mail
// and every seventh the e-mail of the lead before it. The segment fields
// are filled for most leads, a third of the leads have two
// qualifications, and the last activities spread over 200 days.
var qualityBenchSetup = []string{
	`UPDATE leads SET
		phone = CASE WHEN id % 3 = 0 THEN '' ELSE '+49 30 ' || id END,
		industry = CASE WHEN id % 4 = 0 THEN '' ELSE 'Industry ' || (id % 9) END,
		size_band = CASE WHEN id % 6 = 0 THEN '' ELSE '10-49' END,
		region = CASE WHEN id % 8 = 0 THEN '' ELSE 'Region ' || (id % 5) END,
		persona = CASE WHEN id % 11 = 0 THEN '' ELSE 'Buyer' END`,
	`UPDATE leads SET email = '', email_key = '' WHERE id % 5 = 0`,
	`UPDATE leads SET email = (SELECT p.email FROM leads p WHERE p.id = leads.id - 1),
		email_key = (SELECT p.email_key FROM leads p WHERE p.id = leads.id - 1) WHERE id % 7 = 0`,
	`UPDATE leads SET last_activity_at = datetime('2025-03-10', '-' || (id % 200) || ' days') WHERE id % 2 = 0`,
	`INSERT INTO qualifications (lead_id, budget, authority, need_priority, timeframe, created_at)
		SELECT id, 'confirmed', '', 3, '', '2025-01-01 00:00:00+00:00' FROM leads WHERE id % 3 = 1`,
	`INSERT INTO qualifications (lead_id, budget, authority, need_priority, timeframe, created_at)
		SELECT id, 'confirmed', CASE WHEN id % 2 = 0 THEN 'user' ELSE '' END, 3, 'unknown',
			'2025-02-01 00:00:00+00:00' FROM leads WHERE id % 3 = 1`,
	`ANALYZE`,
}

// openQualityBenchStore returns a store with 100,000 generated leads and
// the gaps of qualityBenchSetup.
func openQualityBenchStore(b *testing.B) *Store {
	b.Helper()

	s := openTestStore(b)
	mustImport(b, s, generatedLeads(100_000))
	for _, statement := range qualityBenchSetup {
		if err := s.db.Exec(statement).Error; err != nil {
			b.Fatal(err)
		}
	}

	return s
}

// BenchmarkDataQuality measures the data-quality view over 100,000 leads:
// "view" is the whole view's figures, and the others are a click on one
// figure, the count and the first page of 50 leads behind it, as the
// Leads tab loads them.
func BenchmarkDataQuality(b *testing.B) {
	s := openQualityBenchStore(b)
	ctx := context.Background()
	idleSince := time.Date(2025, time.February, 8, 0, 0, 0, 0, time.UTC)

	b.Run("view", func(b *testing.B) {
		loopWithCPUTime(b, func() {
			if _, err := s.DataQuality(ctx, idleSince); err != nil {
				b.Fatal(err)
			}
		})
	})

	for _, gap := range []app.QualityGap{app.GapLikelyDuplicate, app.GapNoQualification, app.GapNoActivity} {
		q := app.LeadQuery{Quality: app.LeadQualityFilter{Gap: gap, IdleSince: idleSince}, Limit: 50}
		b.Run(string(gap), func(b *testing.B) {
			loopWithCPUTime(b, func() {
				if _, err := s.CountLeads(ctx, q); err != nil {
					b.Fatal(err)
				}
				if _, err := s.ListLeads(ctx, q); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}
