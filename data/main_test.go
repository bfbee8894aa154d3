package data

import (
	"log/slog"
	"os"
	"testing"
)

// TestMain silences the store's log, which goes to slog's default logger,
// so test and benchmark output stays readable, and drops the PostgreSQL
// template database after a run on PostgreSQL.
func TestMain(m *testing.M) {
	slog.SetDefault(slog.New(slog.DiscardHandler))
	code := m.Run()
	dropPostgresTemplate()
	os.Exit(code)
}
