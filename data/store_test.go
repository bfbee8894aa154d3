package data

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"leadwerk/app"
)

func TestOpenCreatesFolderAndFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nested", "folder", "leadwerk.db")

	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s.Close()

	info, err := os.Stat(filepath.Dir(path))
	if err != nil {
		t.Fatalf("stat folder: %v", err)
	}
	if perm := info.Mode().Perm(); perm != 0o700 {
		t.Errorf("folder mode = %o, want 700", perm)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("database file missing: %v", err)
	}
	if s.Path() != path {
		t.Errorf("Path() = %q, want %q", s.Path(), path)
	}
}

func TestOpenSetsPragmas(t *testing.T) {
	requireSQLite(t, "connection pragmas")
	s := openTestStore(t)

	pragmas := map[string]string{"foreign_keys": "1", "journal_mode": "wal", "busy_timeout": "5000"}
	for name, want := range pragmas {
		var got string
		if err := s.db.Raw("PRAGMA " + name).Scan(&got).Error; err != nil {
			t.Fatalf("PRAGMA %s: %v", name, err)
		}
		if got != want {
			t.Errorf("PRAGMA %s = %q, want %q", name, got, want)
		}
	}
}

func TestOpenAcceptsEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}

	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open on an empty file: %v", err)
	}
	s.Close()
}

func TestOpenRejectsNonDatabase(t *testing.T) {
	cases := map[string][]byte{
		"text":           []byte("name,amount\nCancity,1054\n"),
		"short":          []byte("SQLite"),
		"header garbage": append([]byte("SQLite format 3\x00"), bytes.Repeat([]byte{0xAB}, 4096)...),
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "notes.db")
			if err := os.WriteFile(path, content, 0o600); err != nil {
				t.Fatal(err)
			}

			s, err := Open(path)
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded on a file that is no database")
			}
			if !errors.Is(err, app.ErrNotDatabase) {
				t.Errorf("error %v does not wrap ErrNotDatabase", err)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name the file", err)
			}

			after, readErr := os.ReadFile(path)
			if readErr != nil {
				t.Fatal(readErr)
			}
			if !bytes.Equal(after, content) {
				t.Error("Open changed the rejected file")
			}
		})
	}
}

func TestOpenRejectsForeignSQLite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.ExecContext(context.Background(), `CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
		INSERT INTO notes (body) VALUES ('keep me')`)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	s, err := Open(path)
	if err == nil {
		s.Close()
		t.Fatal("Open succeeded on another program's database")
	}
	if !errors.Is(err, app.ErrNotDatabase) {
		t.Errorf("error %v does not wrap ErrNotDatabase", err)
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("error %q does not name the file", err)
	}

	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("Open changed the foreign database")
	}
}

func TestDefaultPath(t *testing.T) {
	path, err := DefaultPath()
	if err != nil {
		t.Skipf("no user config folder here: %v", err)
	}

	if want := filepath.Join("Leadwerk", "leadwerk.db"); !strings.HasSuffix(path, want) {
		t.Errorf("DefaultPath() = %q, want it to end in %q", path, want)
	}
}

func TestCloseTwiceFails(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "leadwerk.db"))
	if err != nil {
		t.Fatal(err)
	}

	if err := s.Close(); err != nil {
		t.Fatalf("first Close: %v", err)
	}
	if _, err := s.Pipelines(context.Background()); err == nil {
		t.Error("Pipelines after Close succeeded")
	}
}
