package report_test

import (
	"context"
	"io"
	"testing"
	"time"

	"leadwerk/data"
	"leadwerk/data/benchdata"
	"leadwerk/internal/cputime"
	"leadwerk/ui/printing"
)

// BenchmarkWriteLargeReport writes the whole printed pipeline report, as
// File → Print / Export PDF does, over the large demo dataset of 20,000
// deals and 100,000 leads. Each operation loads the facts from SQLite,
// computes every section and lays out the PDF. Opening the database is
// not timed. Beside the wall time it reports the process's CPU time per
// report as cpu-ns/op, which grows much less with the machine's load.
func BenchmarkWriteLargeReport(b *testing.B) {
	store, err := data.Open(benchdata.Large(b))
	if err != nil {
		b.Fatalf("Open: %v", err)
	}
	defer store.Close()

	req := printing.Request{Company: "Leadwerk Demo GmbH", Language: "de-DE", Now: time.Now()}
	b.ReportAllocs()
	start := cputime.Process(b)
	for b.Loop() {
		if err := printing.Write(context.Background(), io.Discard, store, req, nil); err != nil {
			b.Fatalf("Write: %v", err)
		}
	}

	if used := cputime.Process(b) - start; used > 0 {
		b.ReportMetric(float64(used.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}
