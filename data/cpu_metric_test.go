package data

import (
	"testing"
	"time"

	"leadwerk/internal/cputime"
)

// loopWithCPUTime runs op in b.Loop and reports the process's CPU time
// per operation as cpu-ns/op beside the wall time, and returns it, or 0
// where it cannot be read. On a machine shared with other work the wall
// time grows with the load, and the CPU time much less, so the two
// together tell how busy the machine was.
func loopWithCPUTime(b *testing.B, op func()) time.Duration {
	b.Helper()

	start := cputime.Process(b)
	for b.Loop() {
		op()
	}
	used := cputime.Process(b) - start
	if used <= 0 {
		return 0
	}

	perOp := used / time.Duration(b.N)
	b.ReportMetric(float64(perOp.Nanoseconds()), "cpu-ns/op")

	return perOp
}
