package data

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// lockSuffix names the lock file beside the database: leadwerk.db gets
// leadwerk.db.lock. The file stays after Close, because removing it could
// let two processes lock two different files of the same name.
const lockSuffix = ".lock"

// errLocked is the error of tryLock when another open file has the lock.
var errLocked = errors.New("lock is held by another process")

// InUseError is returned by [Open] and [RestoreFile] when another process,
// usually a Leadwerk window, has the database open.
type InUseError struct {
	// Path is the database file.
	Path string
	// PID is the process id that the lock holder wrote into the lock file,
	// or 0 when it could not be read.
	PID int
}

func (e *InUseError) Error() string {
	holder := "another Leadwerk"
	if e.PID > 0 {
		holder = fmt.Sprintf("another Leadwerk (process %d)", e.PID)
	}

	return fmt.Sprintf("database %s is open in %s; close that one first, or choose another file with -db",
		e.Path, holder)
}

// InUse lets packages that cannot import data, such as the command line,
// recognise the error by its method.
func (e *InUseError) InUse() bool {
	return true
}

// fileLock is an exclusive lock on the lock file of one database. The
// operating system releases it when the process ends, also after a crash,
// so no stale lock survives.
type fileLock struct {
	file *os.File
}

// lockDatabase takes the lock of the database at path without waiting. It
// returns an *InUseError when another process holds it. A second lock on
// the same database inside one process also fails, because the lock
// belongs to the open file and not to the process.
func lockDatabase(path string) (*fileLock, error) {
	lockPath := path + lockSuffix
	file, err := os.OpenFile(lockPath, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("cannot create lock file %s: %w", lockPath, pathErrorCause(err))
	}

	if err := tryLock(file); err != nil {
		pid := readLockPID(file)
		_ = file.Close()
		if errors.Is(err, errLocked) {
			return nil, &InUseError{Path: path, PID: pid}
		}

		return nil, fmt.Errorf("lock database %s with %s: %w", path, lockPath, err)
	}

	writeLockPID(file)

	return &fileLock{file: file}, nil
}

// release unlocks and closes the lock file. It does nothing on a nil lock
// or on a lock released before.
func (l *fileLock) release() {
	if l == nil || l.file == nil {
		return
	}

	_ = unlock(l.file)
	_ = l.file.Close()
	l.file = nil
}

// writeLockPID stores this process's id for the message of a second
// Leadwerk. The id is only informative, so errors are ignored.
func writeLockPID(file *os.File) {
	_ = file.Truncate(0)
	_, _ = file.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
}

func readLockPID(file *os.File) int {
	buf := make([]byte, 20)
	n, err := file.ReadAt(buf, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return 0
	}

	pid, err := strconv.Atoi(strings.TrimSpace(string(buf[:n])))
	if err != nil {
		return 0
	}

	return pid
}
