package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"leadwerk/app"
)

func TestRunPipelineTableGerman(t *testing.T) {
	useLocale(t, "de_DE.UTF-8")
	store := salesStore()
	store.summary[0].Count = 12345
	h := newHarness(store)
	if code := h.run("pipeline"); code != ExitOK {
		t.Fatalf("exit code = %d, want 0; stderr: %s", code, h.stderr.String())
	}

	want := "" +
		"PIPELINE  PHASE        STATUS     DEALS          BETRAG     GEWICHTET\n" +
		"Sales     Prospecting  offen     12.345      1.500,00 $      150,00 $\n" +
		"Sales     Engaging     offen          2  1.234.567,89 $  493.827,16 $\n" +
		"Sales     Won          gewonnen       1        500,00 $      500,00 $\n" +
		"Sales     Lost         verloren       0          0,00 $        0,00 $\n"
	if got := h.stdout.String(); got != want {
		t.Errorf("table:\n%s\nwant:\n%s", got, want)
	}
}

func TestRunPipelineJSONUntranslated(t *testing.T) {
	useLocale(t, "de_DE.UTF-8")
	h := newHarness(salesStore())
	if code := h.run("pipeline", "-json"); code != ExitOK {
		t.Fatalf("exit code = %d, want 0; stderr: %s", code, h.stderr.String())
	}

	out := h.stdout.String()
	for _, want := range []string{`"status":"open"`, `"status":"won"`, `"status":"lost"`, `"minor":123456789`} {
		if !strings.Contains(out, want) {
			t.Errorf("JSON has no %s: %s", want, out)
		}
	}

	if strings.Contains(out, "offen") || strings.Contains(out, "1.500,00") {
		t.Errorf("JSON is translated: %s", out)
	}
}

func TestRunUsageGerman(t *testing.T) {
	useLocale(t, "de_DE.UTF-8")
	h := newHarness(salesStore())
	if code := h.run("-db"); code != ExitUsage {
		t.Fatalf("exit code = %d, want %d", code, ExitUsage)
	}

	stderr := h.stderr.String()
	if !strings.HasPrefix(stderr, "leadwerk: Option -db braucht einen Wert\n") {
		t.Errorf("stderr does not start with the German message: %q", stderr)
	}

	if !strings.Contains(stderr, "„leadwerk help“") {
		t.Errorf("stderr does not name the help in German: %q", stderr)
	}

	h = newHarness(salesStore())
	if code := h.run("help"); code != ExitOK {
		t.Fatalf("help: exit code = %d, want %d", code, ExitOK)
	}

	stdout := h.stdout.String()
	if !strings.Contains(stdout, "Aufruf:") {
		t.Errorf("help has no German usage: %q", stdout)
	}

	if !strings.Contains(stdout, "200 bis 8000") {
		t.Errorf("help does not fill in the chart size range: %q", stdout)
	}
}

func TestRunMissingValueSinglePrefix(t *testing.T) {
	h := newHarness(salesStore())
	if code := h.run("-db"); code != ExitUsage {
		t.Fatalf("exit code = %d, want %d", code, ExitUsage)
	}

	if got := h.stderr.String(); strings.Count(got, "leadwerk:") != 1 {
		t.Errorf("stderr repeats the program name: %q", got)
	}
}

func TestRunChartGermanLabels(t *testing.T) {
	useLocale(t, "de_DE.UTF-8")
	h := newHarness(salesStore())
	path := filepath.Join(t.TempDir(), "pipeline.svg")
	if code := h.run("chart", "-o", path); code != ExitOK {
		t.Fatalf("exit code = %d, want 0; stderr: %s", code, h.stderr.String())
	}

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("chart file: %v", err)
	}

	svg := string(data)
	for _, want := range []string{"Sales: offene Deals", "Offener Betrag", "Gewichteter Betrag"} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG has no %q", want)
		}
	}

	if !strings.Contains(h.stdout.String(), "Offene Phasen der Pipeline") {
		t.Errorf("stdout is not German: %q", h.stdout.String())
	}
}

func TestRunChartEnglishLabels(t *testing.T) {
	h := newHarness(salesStore())
	path := filepath.Join(t.TempDir(), "pipeline.svg")
	if code := h.run("chart", "-o", path); code != ExitOK {
		t.Fatalf("exit code = %d, want 0; stderr: %s", code, h.stderr.String())
	}

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("chart file: %v", err)
	}

	for _, want := range []string{"Sales: open deals", "Open amount", "Weighted amount"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("SVG has no %q", want)
		}
	}
}

func TestRunImportResultCounts(t *testing.T) {
	cases := map[string]struct {
		locale string
		want   []string
	}{
		"english": {"en_US.UTF-8", []string{"  companies:      200 (created or updated)\n", "  deals created:  300\n"}},
		"german":  {"de_DE.UTF-8", []string{"(angelegt oder aktualisiert)\n", "  Deals angelegt:"}},
	}

	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			useLocale(t, c.locale)
			store := salesStore()
			store.empty = true
			h := newHarness(store)
			if code := h.run("demo"); code != ExitOK {
				t.Fatalf("exit code = %d, want 0; stderr: %s", code, h.stderr.String())
			}

			for _, want := range c.want {
				if !strings.Contains(h.stdout.String(), want) {
					t.Errorf("stdout has no %q: %s", want, h.stdout.String())
				}
			}
		})
	}
}

func TestFormatCount(t *testing.T) {
	cases := []struct {
		n        int
		language string
		want     string
	}{
		{0, "en", "0"},
		{999, "de", "999"},
		{8800, "en-US", "8,800"},
		{8800, "de-DE", "8.800"},
		{-1234567, "de", "-1.234.567"},
	}
	for _, c := range cases {
		if got := app.FormatCount(c.n, c.language); got != c.want {
			t.Errorf("app.FormatCount(%d, %q) = %q, want %q", c.n, c.language, got, c.want)
		}
	}
}

func TestLanguageFollowsLocale(t *testing.T) {
	cases := map[string]string{"de_DE.UTF-8": "de", "en_GB.UTF-8": "en", "C.UTF-8": "en"}
	for locale, want := range cases {
		t.Run(locale, func(t *testing.T) {
			useLocale(t, locale)

			if got := language(); !strings.HasPrefix(got, want) {
				t.Errorf("language() = %q, want it to start with %q", got, want)
			}
		})
	}
}

func TestRunPrintsOpenErrorOnce(t *testing.T) {
	h := newHarness(salesStore())
	env := h.env()
	openErr := fmt.Errorf("database /crm.db: %w; move it away or choose another file with -db or LEADWERK_DB",
		app.ErrNotDatabase)
	env.Open = func(string) (app.Store, error) { return nil, openErr }
	if code := Run(context.Background(), []string{"-db", "/crm.db", "pipeline"}, env); code != ExitFailure {
		t.Fatalf("exit code = %d, want %d", code, ExitFailure)
	}

	if got, want := h.stderr.String(), "leadwerk: "+openErr.Error()+"\n"; got != want {
		t.Errorf("stderr = %q, want %q", got, want)
	}
}
