package cli

import (
	"strings"
	"testing"
)

func TestHelpCommandPrintsUsage(t *testing.T) {
	h := newHarness(salesStore())
	if code := h.run("help"); code != ExitOK {
		t.Fatalf("exit code = %d, want %d", code, ExitOK)
	}

	if !strings.Contains(h.stdout.String(), "Usage:") {
		t.Errorf("stdout %q has no usage", h.stdout.String())
	}
	if h.opens != 0 {
		t.Error("help opened the database")
	}
}

func TestHelpCommandNarrowsToCommand(t *testing.T) {
	h := newHarness(salesStore())
	if code := h.run("help", "export"); code != ExitOK {
		t.Fatalf("exit code = %d, want %d", code, ExitOK)
	}

	out := h.stdout.String()
	for _, want := range []string{"export -o FILE", "-what WHAT", "-rfc4180", "-db PATH"} {
		if !strings.Contains(out, want) {
			t.Errorf("help export lacks %q:\n%s", want, out)
		}
	}
	for _, unwanted := range []string{"gdpr erase", "-dry-run", "-status STATUS"} {
		if strings.Contains(out, unwanted) {
			t.Errorf("help export shows %q of another command:\n%s", unwanted, out)
		}
	}
}

func TestHelpUnknownCommand(t *testing.T) {
	h := newHarness(salesStore())
	if code := h.run("help", "frobnicate"); code != ExitUsage {
		t.Errorf("exit code = %d, want %d", code, ExitUsage)
	}

	if !strings.Contains(h.stderr.String(), `unknown command "frobnicate"`) {
		t.Errorf("stderr %q does not name the unknown command", h.stderr.String())
	}
}

func TestUsageErrorNamesCommandHelp(t *testing.T) {
	h := newHarness(salesStore())
	if code := h.run("export", "-what", "nothing", "-o", "x.csv"); code != ExitUsage {
		t.Fatalf("exit code = %d, want %d", code, ExitUsage)
	}

	stderr := h.stderr.String()
	if !strings.Contains(stderr, `Run "leadwerk help export"`) {
		t.Errorf("stderr %q does not name the export help", stderr)
	}
	if lines := strings.Count(stderr, "\n"); lines != 2 {
		t.Errorf("stderr has %d lines, want the error and the hint: %q", lines, stderr)
	}
}

func TestDealsAliasOfOpportunities(t *testing.T) {
	if got := dealsAlias("deals"); got != "opportunities" {
		t.Errorf("dealsAlias(deals) = %q, want opportunities", got)
	}
	if got := dealsAlias("leads"); got != "leads" {
		t.Errorf("dealsAlias(leads) = %q, want leads", got)
	}

	var req exportRequest
	req.format = "csv"
	if err := req.setWhat("deals"); err != nil {
		t.Errorf("export -what deals: %v", err)
	}
}
