package data

import (
	"context"
	"testing"
)

// BenchmarkFindDuplicateGroups measures "Find duplicates…" over 100,000
// generated leads plus 1,000 copies of every 100th lead (the same keys,
// so 1,000 groups) and 50 leads that share one info@ address.
func BenchmarkFindDuplicateGroups(b *testing.B) {
	s := openTestStore(b)
	mustImport(b, s, generatedLeads(100_000))
	err := s.db.Exec(`
		INSERT INTO leads (first_name, last_name, company_name, email, email_key, name_key, company_key,
			created_at, updated_at)
		SELECT first_name, last_name, company_name, '', '', name_key, company_key, created_at, updated_at
		FROM leads WHERE id % 100 = 0`).Error
	if err != nil {
		b.Fatal(err)
	}

	err = s.db.Exec(`UPDATE leads SET email = 'info@hanse.example', email_key = 'info@hanse.example'
		WHERE id % 2000 = 7`).Error
	if err != nil {
		b.Fatal(err)
	}

	loopWithCPUTime(b, func() {
		groups, err := s.FindDuplicateGroups(context.Background(), nil)
		if err != nil {
			b.Fatal(err)
		}
		if len(groups) < 1000 {
			b.Fatalf("found %d groups, want at least 1,000", len(groups))
		}
	})
}
