package demo_test

import (
	"testing"

	"leadwerk/app/demo"
)

// BenchmarkGenerateLarge generates the Large dataset in memory, without
// storing it.
func BenchmarkGenerateLarge(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		d := demo.GenerateSize(demo.DefaultSeed, today, demo.Large)
		if len(d.Leads) != demo.Large.Leads {
			b.Fatalf("%d leads, want %d", len(d.Leads), demo.Large.Leads)
		}
	}
}
