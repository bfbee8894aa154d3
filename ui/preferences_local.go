package ui

import (
	"image/color"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// The keys of the per-computer settings in fyne.App.Preferences. They
// belong to the computer, not the database: the language must be known
// before the database opens, and light or dark suits one screen.
const (
	prefLanguage = "language"
	prefTheme    = "theme"
)

// The values of prefLanguage. An empty value follows the system locale.
const (
	languageSystem  = ""
	languageEnglish = "en"
	languageGerman  = "de"
)

// The values of prefTheme. An empty value follows the system's
// light or dark mode.
const (
	themeSystem = ""
	themeLight  = "light"
	themeDark   = "dark"
)

// applyLanguagePreference sets LANGUAGE to the language saved in prefs,
// so that lang loads its texts and formats in it. It must run before the
// translations load, which is why a change shows after a restart.
//
// NOTE: go-locale, which Fyne v2.7.1 asks for the locale, reads LANGUAGE
// only on Linux and the BSDs. On Windows and macOS it asks the operating
// system, so there the window keeps the system language.
func applyLanguagePreference(prefs fyne.Preferences) {
	switch prefs.String(prefLanguage) {
	case languageEnglish:
		_ = os.Setenv("LANGUAGE", languageEnglish)
	case languageGerman:
		_ = os.Setenv("LANGUAGE", languageGerman)
	}
}

// applyThemePreference sets the app's theme to the one saved in prefs.
func applyThemePreference(a fyne.App) {
	a.Settings().SetTheme(themeFor(a.Preferences().String(prefTheme)))
}

// themeFor returns Fyne's default theme, forced to light or dark unless
// choice is themeSystem or unknown.
func themeFor(choice string) fyne.Theme {
	switch choice {
	case themeLight:
		return &variantTheme{Theme: theme.DefaultTheme(), variant: theme.VariantLight}
	case themeDark:
		return &variantTheme{Theme: theme.DefaultTheme(), variant: theme.VariantDark}
	default:
		return theme.DefaultTheme()
	}
}

// variantTheme is a theme whose colors ignore the system's light or dark
// mode and always use one variant.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (t *variantTheme) Color(name fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(name, t.variant)
}
