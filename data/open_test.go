package data

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"leadwerk/app"
)

// skipIfRoot skips a test of file permissions, which root bypasses.
func skipIfRoot(t *testing.T) {
	t.Helper()

	if os.Geteuid() == 0 {
		t.Skip("root ignores file permissions")
	}
}

func TestOpenRejectsEmptyPath(t *testing.T) {
	requireSQLite(t, "opening a database file")
	_, err := Open("")
	if !errors.Is(err, app.ErrInvalid) {
		t.Errorf("Open(\"\") error = %v, want ErrInvalid", err)
	}
}

func TestOpenRejectsDirectory(t *testing.T) {
	requireSQLite(t, "opening a database file")
	dir := t.TempDir()
	_, err := Open(dir)
	if err == nil {
		t.Fatal("Open succeeded on a directory")
	}

	if !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("error %q does not say the path is a directory", err)
	}

	if strings.Count(err.Error(), dir+" ") != 1 {
		t.Errorf("error %q does not name the path once", err)
	}

	if errors.Is(err, app.ErrNotDatabase) {
		t.Errorf("error %q calls a directory a non-database file", err)
	}
}

func TestOpenNotDatabaseAdviceOnce(t *testing.T) {
	requireSQLite(t, "opening a database file")
	path := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(path, []byte("not a database\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	_, err := Open(path)
	if err == nil {
		t.Fatal("Open succeeded on a text file")
	}

	if got := strings.Count(err.Error(), path); got != 1 {
		t.Errorf("error %q names the path %d times, want 1", err, got)
	}

	if got := strings.Count(err.Error(), "-db"); got != 1 {
		t.Errorf("error %q gives the advice %d times, want 1", err, got)
	}
}

func TestOpenBelowFileFails(t *testing.T) {
	requireSQLite(t, "opening a database file")
	file := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}

	_, err := Open(filepath.Join(file, "leadwerk.db"))
	if err == nil {
		t.Fatal("Open succeeded below a regular file")
	}

	if strings.Contains(err.Error(), "out of memory") {
		t.Errorf("error %q repeats SQLite's misleading text", err)
	}
}

func TestOpenReadOnlyFile(t *testing.T) {
	requireSQLite(t, "opening a database file")
	skipIfRoot(t)
	path := filepath.Join(t.TempDir(), "leadwerk.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	if err := os.Chmod(path, 0o400); err != nil {
		t.Fatal(err)
	}

	_, err = Open(path)
	if err == nil {
		t.Fatal("Open succeeded on a read-only file")
	}

	for _, want := range []string{"is read-only", "permission denied", "copy it"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q has no %q", err, want)
		}
	}
}

func TestOpenInReadOnlyFolder(t *testing.T) {
	requireSQLite(t, "opening a database file")
	skipIfRoot(t)
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(dir, 0o700) })

	path := filepath.Join(dir, "new.db")
	_, err := Open(path)
	if err == nil {
		t.Fatal("Open succeeded in a read-only folder")
	}

	if want := "cannot create database " + path + ": permission denied"; !strings.Contains(err.Error(), want) {
		t.Errorf("error %q has no %q", err, want)
	}
}

func TestFileOpenErrorMessages(t *testing.T) {
	requireSQLite(t, "opening a database file")
	const path = "/data/crm.db"
	cases := map[string]struct {
		err  error
		want string
	}{
		"permission": {&fs.PathError{Op: "open", Path: path, Err: syscall.EACCES},
			"database /data/crm.db is read-only (permission denied); make it writable"},
		"read-only file system": {&fs.PathError{Op: "open", Path: path, Err: syscall.EROFS},
			"database /data/crm.db is read-only (read-only file system)"},
		"other": {&fs.PathError{Op: "open", Path: path, Err: syscall.EIO},
			"cannot open database /data/crm.db: input/output error"},
	}

	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			err := fileOpenError(path, c.err)
			if !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("error = %q, want it to start with %q", err, c.want)
			}

			if !errors.Is(err, c.err.(*fs.PathError).Err) {
				t.Errorf("error %q does not wrap the cause", err)
			}
		})
	}

	if err := fileOpenError(path, nil); err != nil {
		t.Errorf("fileOpenError(nil) = %v, want nil", err)
	}
}

// codeError is an error with an SQLite result code, like the driver's.
type codeError int

func (e codeError) Error() string { return fmt.Sprintf("sqlite error (%d)", int(e)) }

func (e codeError) Code() int { return int(e) }

func TestDescribeSQLiteError(t *testing.T) {
	requireSQLite(t, "opening a database file")
	const path = "/data/crm.db"
	cases := map[string]struct {
		code int
		want string
	}{
		"read-only folder": {1544, "database /data/crm.db cannot be written, because its folder /data is read-only"},
		"read-only file":   {8, "database /data/crm.db cannot be written, because the file or its folder /data"},
		"cannot open":      {14, "SQLite cannot open database /data/crm.db or create its journal files in the folder /data"},
	}

	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			cause := fmt.Errorf("query: %w", codeError(c.code))
			err := describeSQLiteError(path, cause)
			if err == nil || !strings.HasPrefix(err.Error(), c.want) {
				t.Fatalf("error = %v, want it to start with %q", err, c.want)
			}

			if !errors.Is(err, codeError(c.code)) {
				t.Errorf("error %q does not wrap the SQLite error", err)
			}
		})
	}

	if err := describeSQLiteError(path, codeError(19)); err != nil {
		t.Errorf("constraint error described as %v, want nil", err)
	}

	if got := wrapSQLiteError("migrate database", path, codeError(19)); got.Error() != "migrate database /data/crm.db: sqlite error (19)" {
		t.Errorf("wrapSQLiteError = %q", got)
	}
}
