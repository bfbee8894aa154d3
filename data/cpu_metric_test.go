package data

import (
	"testing"
)

// loopWithCPUTime runs op in b.Loop and reports the process's CPU time
// per operation as cpu-ns/op beside the wall time. On a machine shared
// with other work the wall time grows with the load, and the CPU time
// much less, so the two together tell how busy the machine was.
func loopWithCPUTime(b *testing.B, op func()) {
	b.Helper()

	start := processCPUTime(b)
	for b.Loop() {
		op()
	}
	used := processCPUTime(b) - start

	if used > 0 {
		b.ReportMetric(float64(used.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}
