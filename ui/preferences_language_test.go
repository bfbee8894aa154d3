package ui

import (
	"os"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
	"leadwerk/ui/internal/langpref"
)

// useSystemLocale makes go-locale report locale, such as "en_US", as the
// system's until the test ends, and clears any language override.
func useSystemLocale(t *testing.T, locale string) {
	t.Helper()

	t.Setenv("LANGUAGE", locale)
	if err := loadTranslations(); err != nil {
		t.Fatal(err)
	}

	t.Cleanup(func() {
		languageOverride = languageSystem
		// This runs before t.Setenv restores the variable, so set it here.
		_ = os.Setenv("LANGUAGE", "en")
		if err := loadTranslations(); err != nil {
			t.Error(err)
		}
	})
}

func TestLanguageOverrideOnEnglishSystem(t *testing.T) {
	useSystemLocale(t, "en_US")
	if got := lang.SystemLocale(); got != fyne.Locale("en-US") {
		t.Fatalf("system locale = %q, want en-US", got)
	}

	if err := overrideSystemLanguage(languageGerman); err != nil {
		t.Fatal(err)
	}

	m, queue := openWindow(t, openStore(t))
	queue.waitFor(t, "the welcome panel", func() bool { return m.window.Content() == m.welcome.content })

	if !findLabel(m.welcome.content, "Willkommen bei Leadwerk") {
		t.Error("the welcome panel is not German")
	}
	if got := m.tabs.Items[1].Text; got != "Verkaufschancen" {
		t.Errorf("second tab = %q, want Verkaufschancen", got)
	}
	if m.language != languageGerman {
		t.Errorf("window language = %q, want de", m.language)
	}
	amount := app.Money{Minor: 123456, Currency: "EUR"}
	if got := app.FormatMoney(amount, m.language); got != "1.234,56 €" {
		t.Errorf("amount = %q, want 1.234,56 €", got)
	}
}

func TestLanguageOverrideOnGermanSystem(t *testing.T) {
	useSystemLocale(t, "de_DE")

	if err := overrideSystemLanguage(languageEnglish); err != nil {
		t.Fatal(err)
	}

	if got := lang.L("Opportunities"); got != "Opportunities" {
		t.Errorf("Opportunities = %q, want English", got)
	}
	if got := currentLanguage(); got != languageEnglish {
		t.Errorf("currentLanguage = %q, want en", got)
	}
}

func TestLanguageOverrideSkipsSameLanguage(t *testing.T) {
	useSystemLocale(t, "de_CH")

	if err := overrideSystemLanguage(languageGerman); err != nil {
		t.Fatal(err)
	}

	if languageOverride != languageSystem {
		t.Errorf("override = %q, want none for a German system", languageOverride)
	}
	if got := currentLanguage(); got != "de-CH" {
		t.Errorf("currentLanguage = %q, want de-CH", got)
	}
}

func TestLanguagePreferenceSharedWithCommandLine(t *testing.T) {
	if AppID != langpref.AppID {
		t.Errorf("AppID %q differs from langpref.AppID %q, so the command line reads another preferences file",
			AppID, langpref.AppID)
	}
}
