package data

import (
	"database/sql"
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"leadwerk/app"
)

func TestPostgresOpenRejectsOtherTables(t *testing.T) {
	requirePostgres(t)

	for _, table := range []string{"invoices", "settings"} {
		t.Run(table, func(t *testing.T) {
			name := createCheckDatabase(t, "foreign_"+table, "CREATE TABLE "+table+" (id integer)")

			s, err := Open(postgresURLWithDatabase(t, name))
			if err == nil {
				_ = s.Close()
				t.Fatal("Open accepted a database with another program's table")
			}

			if !errors.Is(err, app.ErrNotDatabase) {
				t.Errorf("error %v does not wrap app.ErrNotDatabase", err)
			}
			if !strings.Contains(err.Error(), table) {
				t.Errorf("error %q does not name the table %s", err, table)
			}
			if tables := publicTables(t, name); len(tables) != 1 || tables[0] != table {
				t.Errorf("tables after Open: %v, want only %s", tables, table)
			}
		})
	}
}

// publicTables lists the tables in the public schema of database name.
func publicTables(t *testing.T, name string) []string {
	t.Helper()

	db, err := sql.Open("pgx", postgresURLWithDatabase(t, name))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	rows, err := db.Query(`SELECT table_name FROM information_schema.tables
		WHERE table_schema = 'public' ORDER BY table_name`)
	if err != nil {
		t.Fatalf("list tables of %s: %v", name, err)
	}
	defer rows.Close()

	var tables []string
	for rows.Next() {
		var table string
		if err := rows.Scan(&table); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, table)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}

	return tables
}

// TestPostgresOpenTimesOut opens a server that accepts the connection and
// never responds, as a host behind a firewall that drops packets does.
func TestPostgresOpenTimesOut(t *testing.T) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = listener.Close() })
	go func() {
		for {
			conn, err := listener.Accept()
			if err != nil {
				return
			}
			t.Cleanup(func() { _ = conn.Close() })
		}
	}()

	t.Setenv("PGPASSWORD", "unused")
	url := fmt.Sprintf("postgres://anna@%s/leadwerk?sslmode=disable", listener.Addr())
	opened := make(chan error, 1)
	go func() {
		s, err := Open(url)
		if err == nil {
			_ = s.Close()
		}
		opened <- err
	}()

	select {
	case err := <-opened:
		if err == nil {
			t.Fatal("Open succeeded on a server that never responds")
		}
	case <-time.After(3 * connectTimeout):
		t.Fatalf("Open still waits after %s on a server that never responds", 3*connectTimeout)
	}
}

func TestPostgresOpenRefusedNamesWhatToCheck(t *testing.T) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := listener.Addr().(*net.TCPAddr).Port
	_ = listener.Close()

	t.Setenv("PGPASSWORD", "unused")
	s, err := Open(fmt.Sprintf("postgres://anna@127.0.0.1:%d/leadwerk?sslmode=disable", port))
	if err == nil {
		_ = s.Close()
		t.Fatal("Open succeeded on a port where nothing listens")
	}

	if !strings.Contains(err.Error(), "check that the server runs") {
		t.Errorf("error %q does not say what to check", err)
	}
}
