//go:build windows

package data

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// lockRegion places the locked byte at 4 GiB, far past the process id at
// the start of the file. Windows locks are mandatory, so locking the first
// bytes would keep a second Leadwerk from reading the id.
var lockRegion = windows.Overlapped{OffsetHigh: 1}

// tryLock takes an exclusive LockFileEx lock on file without waiting.
func tryLock(file *os.File) error {
	region := lockRegion
	err := windows.LockFileEx(windows.Handle(file.Fd()),
		windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &region)
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
		return errLocked
	}

	return err
}

func unlock(file *os.File) error {
	region := lockRegion

	return windows.UnlockFileEx(windows.Handle(file.Fd()), 0, 1, 0, &region)
}
