//go:build !unix

package report_test

import (
	"testing"
	"time"
)

// processCPUTime returns 0 where the process's CPU time cannot be read,
// so no cpu-ns/op is reported.
func processCPUTime(*testing.B) time.Duration {
	return 0
}
