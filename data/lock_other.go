//go:build !unix && !windows

package data

import "os"

// tryLock does nothing on systems without flock or LockFileEx.
// NOTE: on these systems (such as js/wasm) two processes may open the same
// database at once.
func tryLock(*os.File) error {
	return nil
}

func unlock(*os.File) error {
	return nil
}
