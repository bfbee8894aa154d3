package ui

import (
	"fmt"
	"image/color"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"leadwerk/assets"
	"leadwerk/ui/internal/langpref"
)

// The keys of the per-computer settings in fyne.App.Preferences. They
// belong to the computer, not the database: the language must be known
// before the database opens, and light or dark suits one screen.
const (
	// prefLanguage is read by the command line too, through langpref.
	prefLanguage = langpref.Key
	prefTheme    = "theme"
)

// The values of prefLanguage. An empty value follows the system locale.
const (
	languageSystem  = ""
	languageEnglish = langpref.English
	languageGerman  = langpref.German
)

// The values of prefTheme. An empty value follows the system's
// light or dark mode.
const (
	themeSystem = ""
	themeLight  = "light"
	themeDark   = "dark"
)

// languageOverride is the language chosen in Preferences, such as "de",
// when it differs from the system locale's language, else "". It is set
// once at start, before the window opens, and currentLanguage returns it.
var languageOverride string

// applyLanguagePreference sets LANGUAGE to the language saved in prefs,
// so that lang loads its texts and formats in it, and returns that
// language, or languageSystem. It must run before the translations load,
// which is why a change shows after a restart.
//
// go-locale, which Fyne v2.7.1 reads the locale with, reads LANGUAGE only
// on Linux and the BSDs. On Windows and macOS overrideSystemLanguage
// does the work after the translations load.
func applyLanguagePreference(prefs fyne.Preferences) string {
	chosen := prefs.String(prefLanguage)
	switch chosen {
	case languageEnglish, languageGerman:
		_ = os.Setenv("LANGUAGE", chosen)
		return chosen
	default:
		return languageSystem
	}
}

// overrideSystemLanguage makes lang show the texts of chosen, and
// currentLanguage return chosen, when the system locale names another
// language. It adds chosen's texts under the system locale's tag, so
// call it after loadTranslations.
//
// NOTE: Fyne's own texts that Leadwerk does not translate itself, such
// as the file dialog's, stay in the system language.
func overrideSystemLanguage(chosen string) error {
	languageOverride = languageSystem
	if chosen == languageSystem || baseLanguage(lang.SystemLocale()) == chosen {
		return nil
	}

	if err := assets.AddTranslationsAs(chosen); err != nil {
		return fmt.Errorf("load the %s translations: %w", chosen, err)
	}

	languageOverride = chosen

	return nil
}

// baseLanguage returns the language subtag of locale, such as "de" for
// "de-CH".
func baseLanguage(locale fyne.Locale) string {
	base, _, _ := strings.Cut(locale.String(), "-")

	return strings.ToLower(base)
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
