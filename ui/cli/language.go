package cli

import (
	"fmt"
	"log/slog"
	"strings"

	"fyne.io/fyne/v2/lang"

	"leadwerk/assets"
)

// languageOverride is the language chosen in the window's Preferences,
// such as "de", when it differs from the system locale's language, else
// "". [applySavedLanguage] sets it and [language] returns it.
var languageOverride string

// applySavedLanguage makes the messages and number formats follow the
// language saved in the window's Preferences, read by savedLanguage. With
// no saved choice, or "Follow the system", the system locale (LANGUAGE,
// LC_ALL, LC_MESSAGES and LANG on Linux) decides. Call it after
// loadTranslations. A preferences file that cannot be read is logged and
// leaves the system language.
func applySavedLanguage(savedLanguage func() (string, error)) error {
	languageOverride = ""

	chosen, err := savedLanguage()
	if err != nil {
		slog.Warn("saved language unreadable, so the system language applies", "err", err)
		return nil
	}

	if chosen == "" || systemLanguage() == chosen {
		return nil
	}

	// lang shows the texts of the system locale's tag, so the chosen
	// language's texts are added once more under that tag. This works
	// on every system, while go-locale reads LANGUAGE only on Linux and
	// the BSDs.
	if err := assets.AddTranslationsAs(chosen); err != nil {
		return fmt.Errorf("load the %s translations: %w", chosen, err)
	}
	languageOverride = chosen

	return nil
}

// systemLanguage returns the language subtag of the system locale, such
// as "de" for "de-CH".
func systemLanguage() string {
	base, _, _ := strings.Cut(lang.SystemLocale().String(), "-")

	return strings.ToLower(base)
}
