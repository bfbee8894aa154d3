//go:build unix

package cputime

import (
	"syscall"
	"testing"
	"time"
)

// Process returns the user and system CPU time this process has used so
// far, and fails tb when the system does not report it.
func Process(tb testing.TB) time.Duration {
	tb.Helper()

	var usage syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &usage); err != nil {
		tb.Fatalf("read the CPU time of the process: %v", err)
	}

	return time.Duration(usage.Utime.Nano() + usage.Stime.Nano())
}
