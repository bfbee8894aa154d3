//go:build !unix

package charts_test

import (
	"testing"
	"time"
)

// processCPUTime returns 0, because the benchmarks read the CPU time only
// on Unix.
func processCPUTime(*testing.B) time.Duration {
	return 0
}
