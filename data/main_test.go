package data

import (
	"log/slog"
	"os"
	"testing"
)

// TestMain silences the store's log, which goes to slog's default logger,
// so test and benchmark output stays readable.
func TestMain(m *testing.M) {
	slog.SetDefault(slog.New(slog.DiscardHandler))
	os.Exit(m.Run())
}
