package cli

import (
	"context"
	"strings"
	"testing"

	"leadwerk/assets"
	"leadwerk/ui/internal/langpref"
)

// useSavedLanguage writes chosen into a Fyne preferences file in a new
// home and config folder, as the window's Preferences dialog saves it,
// until the test ends. Call it after useLocale.
func useSavedLanguage(t *testing.T, chosen string) {
	t.Helper()

	writePreferencesFile(t, `{"language":"`+chosen+`","theme":"dark"}`)

	// The override added the chosen texts under the system locale's tag.
	// Adding the locale's own texts there again, while the test's locale
	// still applies, puts back what the other tests expect.
	t.Cleanup(func() {
		languageOverride = ""
		if err := assets.AddTranslationsAs(systemLanguage()); err != nil {
			t.Error(err)
		}
	})
}

// runWithSavedLanguage runs args with the language read from the
// preferences file, as the program does.
func runWithSavedLanguage(h *harness, args ...string) int {
	env := h.env()
	env.SavedLanguage = nil

	return Run(context.Background(), args, env)
}

func TestSavedGermanOverridesEnglishLocale(t *testing.T) {
	// en_IE, because the override leaves its tag with German texts until
	// the cleanup, and no other test reads that tag.
	useLocale(t, "en_IE.UTF-8")
	useSavedLanguage(t, langpref.German)
	h := newHarness(salesStore())

	if code := runWithSavedLanguage(h, "pipeline"); code != ExitOK {
		t.Fatalf("exit code = %d, want 0; stderr: %s", code, h.stderr.String())
	}

	out := h.stdout.String()
	if !strings.Contains(out, "PHASE") {
		t.Errorf("table heading is not German: %q", out)
	}
	if !strings.Contains(out, "1.500,00 $") {
		t.Errorf("amounts are not in German format: %q", out)
	}
}

func TestSavedGermanUsageError(t *testing.T) {
	useLocale(t, "en_IE.UTF-8")
	useSavedLanguage(t, langpref.German)
	h := newHarness(salesStore())

	if code := runWithSavedLanguage(h, "-db"); code != ExitUsage {
		t.Fatalf("exit code = %d, want %d", code, ExitUsage)
	}

	if got := h.stderr.String(); !strings.HasPrefix(got, "leadwerk: Option -db braucht einen Wert\n") {
		t.Errorf("stderr does not start with the German message: %q", got)
	}
}

func TestSavedEnglishOverridesGermanLocale(t *testing.T) {
	// de_AT for the same reason as en_IE above.
	useLocale(t, "de_AT.UTF-8")
	useSavedLanguage(t, langpref.English)
	h := newHarness(salesStore())

	if code := runWithSavedLanguage(h, "pipeline"); code != ExitOK {
		t.Fatalf("exit code = %d, want 0; stderr: %s", code, h.stderr.String())
	}

	if out := h.stdout.String(); !strings.Contains(out, "STAGE") || !strings.Contains(out, "$1,500.00") {
		t.Errorf("table is not English: %q", out)
	}
}

func TestFollowSystemKeepsLocale(t *testing.T) {
	useLocale(t, "de_DE.UTF-8")
	useSavedLanguage(t, "")
	h := newHarness(salesStore())

	if code := runWithSavedLanguage(h, "pipeline"); code != ExitOK {
		t.Fatalf("exit code = %d, want 0; stderr: %s", code, h.stderr.String())
	}

	if out := h.stdout.String(); !strings.Contains(out, "PHASE") {
		t.Errorf("table does not follow the German locale: %q", out)
	}
	if languageOverride != "" {
		t.Errorf("override %q, want none when the preference follows the system", languageOverride)
	}
}
