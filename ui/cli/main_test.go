package cli

import (
	"os"
	"strings"
	"testing"

	"leadwerk/assets"
)

// TestMain runs the tests in English whatever the locale of the machine,
// because most of them compare output text.
func TestMain(m *testing.M) {
	for name, value := range englishLocale {
		_ = os.Setenv(name, value)
	}

	// The commands read the language saved by the window from Fyne's
	// preferences file under this folder, which the tests keep empty.
	config, err := os.MkdirTemp("", "leadwerk-cli-config-")
	if err != nil {
		panic(err)
	}
	_ = os.Setenv("XDG_CONFIG_HOME", config)

	if err := loadTranslations(); err != nil {
		panic(err)
	}

	refreshLanguage()
	code := m.Run()
	_ = os.RemoveAll(config)
	os.Exit(code)
}

var englishLocale = map[string]string{"LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "en_US.UTF-8"}

// refreshLanguage makes lang pick the language of the environment again.
// lang reads the environment only when translations are added.
func refreshLanguage() {
	if err := assets.AddTranslations(); err != nil {
		panic(err)
	}
}

// useLocale sets LANG to locale, clears the variables that override it and
// makes lang follow, until the test ends. For a C locale with an encoding
// it sets LANGUAGE=en, as the program does at start.
func useLocale(t *testing.T, locale string) {
	t.Helper()

	// Registered before t.Setenv, so it runs after the variables are
	// restored.
	t.Cleanup(refreshLanguage)
	for name := range englishLocale {
		t.Setenv(name, "")
	}

	t.Setenv("LANG", locale)
	if strings.HasPrefix(locale, "C.") {
		// ui/internal/clocale does this when the program starts.
		t.Setenv("LANGUAGE", "en")
	}

	refreshLanguage()
}
