package demo_test

import (
	"os"
	"testing"

	"leadwerk/app/demo"
)

// BenchmarkGenerateLarge generates the Large dataset in memory, without
// storing it. LEADWERK_BENCH_SIZE=small, as CI sets it, generates the
// default demo instead.
func BenchmarkGenerateLarge(b *testing.B) {
	size := demo.Large
	if os.Getenv("LEADWERK_BENCH_SIZE") == "small" {
		size = demo.Small
	}

	b.ReportAllocs()
	for b.Loop() {
		d := demo.GenerateSize(demo.DefaultSeed, today, size)
		if len(d.Leads) != size.Leads {
			b.Fatalf("%d leads, want %d", len(d.Leads), size.Leads)
		}
	}
}
