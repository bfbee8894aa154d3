package data

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// lockHelperEnv names the database that TestLockHelperProcess holds open
// when the test binary runs as a helper process.
const lockHelperEnv = "LEADWERK_TEST_LOCK_HELPER_DB"

// TestLockHelperProcess is no test of its own: run with lockHelperEnv
// set, it opens that database, prints "open" and waits until it is
// killed or its standard input closes.
func TestLockHelperProcess(t *testing.T) {
	requireSQLite(t, "the lock file")
	path := os.Getenv(lockHelperEnv)
	if path == "" {
		t.Skip("runs only as a helper process")
	}

	s, err := Open(path)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	defer s.Close()

	fmt.Println("open")
	_, _ = bufio.NewReader(os.Stdin).ReadString('\n')
}

// startLockHelper starts the helper process on path and waits until it
// has the database open.
func startLockHelper(t *testing.T, path string) *exec.Cmd {
	t.Helper()

	cmd := exec.Command(os.Args[0], "-test.run=^TestLockHelperProcess$")
	cmd.Env = append(os.Environ(), lockHelperEnv+"="+path)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })

	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || strings.TrimSpace(line) != "open" {
		t.Fatalf("helper process printed %q, %v; want open", line, err)
	}

	return cmd
}

func TestOpenRejectsDatabaseOpenElsewhere(t *testing.T) {
	requireSQLite(t, "the lock file")
	path := filepath.Join(t.TempDir(), "leadwerk.db")
	helper := startLockHelper(t, path)

	_, err := Open(path)
	var inUse *InUseError
	if !errors.As(err, &inUse) {
		t.Fatalf("second Open: error %v, want an InUseError", err)
	}
	if inUse.PID != helper.Process.Pid {
		t.Errorf("InUseError names process %d, want the helper's %d", inUse.PID, helper.Process.Pid)
	}
	for _, want := range []string{path, "open in another Leadwerk", "close that one first"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q has no %q", err, want)
		}
	}

	// A killed process leaves no stale lock behind.
	if err := helper.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = helper.Wait()

	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open after the holder was killed: %v", err)
	}
	s.Close()
}

func TestOpenTwiceInOneProcess(t *testing.T) {
	requireSQLite(t, "the lock file")
	s := openTestStore(t)

	_, err := Open(s.Path())
	var inUse *InUseError
	if !errors.As(err, &inUse) {
		t.Fatalf("second Open: error %v, want an InUseError", err)
	}

	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := Open(s.Path())
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	again.Close()
}

func TestRestoreFileRejectsOpenDatabase(t *testing.T) {
	requireSQLite(t, "the lock file")
	s, backup := storeWithBackup(t)

	_, err := RestoreFile(t.Context(), s.Path(), backup)
	var inUse *InUseError
	if !errors.As(err, &inUse) {
		t.Fatalf("RestoreFile on an open database: error %v, want an InUseError", err)
	}
}
