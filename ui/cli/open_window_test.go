package cli

import (
	"context"
	"testing"

	"leadwerk/app"
)

// runWithOpenWindow runs args with an Env whose OpenWindow counts its
// calls, and returns that count.
func runWithOpenWindow(t *testing.T, h *harness, args ...string) int {
	t.Helper()

	windowOpens := 0
	env := h.env()
	env.OpenWindow = func(string) (app.Store, error) {
		windowOpens++
		return h.store, nil
	}
	if code := Run(context.Background(), args, env); code != ExitOK {
		t.Fatalf("Run(%q) = %d, want %d; stderr: %s", args, code, ExitOK, h.stderr.String())
	}

	return windowOpens
}

func TestWindowOpensWithOpenWindow(t *testing.T) {
	h := newHarness(salesStore())

	windowOpens := runWithOpenWindow(t, h)

	if windowOpens != 1 {
		t.Errorf("OpenWindow calls = %d, want 1", windowOpens)
	}
	if h.opens != 0 {
		t.Errorf("Open calls = %d, want 0 when OpenWindow is set", h.opens)
	}
	if h.windowCalls != 1 {
		t.Errorf("RunWindow calls = %d, want 1", h.windowCalls)
	}
}

func TestCommandOpensWithOpen(t *testing.T) {
	h := newHarness(salesStore())

	windowOpens := runWithOpenWindow(t, h, "leads")

	if windowOpens != 0 {
		t.Errorf("OpenWindow calls for a command = %d, want 0", windowOpens)
	}
	if h.opens != 1 {
		t.Errorf("Open calls for a command = %d, want 1", h.opens)
	}
}
