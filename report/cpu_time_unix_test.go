//go:build unix

package report_test

import (
	"syscall"
	"testing"
	"time"
)

// processCPUTime returns the user and system CPU time this process has
// used so far.
func processCPUTime(b *testing.B) time.Duration {
	b.Helper()

	var usage syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &usage); err != nil {
		b.Fatalf("read the CPU time of the process: %v", err)
	}

	return time.Duration(usage.Utime.Nano() + usage.Stime.Nano())
}
