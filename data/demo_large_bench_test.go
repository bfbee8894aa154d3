package data

import (
	"context"
	"path/filepath"
	"testing"

	"leadwerk/app/demo"
)

// BenchmarkLoadDataset stores the large demo dataset (100,000 leads,
// 30,000 companies with 60,000 contacts, 20,000 deals and 200,000
// activities) in a fresh database file. Generating the dataset in memory
// is not timed; LEADWERK_BENCH_SIZE=small loads a hundredth.
func BenchmarkLoadDataset(b *testing.B) {
	size := demo.Large
	if benchSizeSmall() {
		size = demo.Size{Companies: 300, Leads: 1000, Opportunities: 200, ContactsPerCompany: 2, Activities: 2000}
	}
	d := demo.GenerateSize(demo.DefaultSeed, datasetToday(), size)

	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		s, err := Open(filepath.Join(b.TempDir(), "leadwerk.db"))
		if err != nil {
			b.Fatalf("Open: %v", err)
		}
		b.StartTimer()

		if _, err := s.LoadDataset(context.Background(), d, nil); err != nil {
			b.Fatalf("LoadDataset: %v", err)
		}

		b.StopTimer()
		_ = s.Close()
		b.StartTimer()
	}
}
