//go:build unix

package firstframe

import "golang.org/x/sys/unix"

// Now returns the time of CLOCK_MONOTONIC in nanoseconds, or 0 where the
// clock cannot be read.
func Now() int64 {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_MONOTONIC, &ts); err != nil {
		return 0
	}

	return ts.Nano()
}
