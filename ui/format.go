package ui

import (
	"time"

	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
)

// currentLanguage returns the language chosen in Preferences, else the
// system locale's, such as "de" or "en-US", for formatting money and
// counts.
func currentLanguage() string {
	if languageOverride != "" {
		return languageOverride
	}

	return lang.SystemLocale().LanguageString()
}

// formatTimestamp writes a stored UTC time as a local date in the
// language's form, or "" for the zero time. Imports that only know a day,
// such as the Maven export's engage date, store it as exactly midnight
// UTC; such a time keeps its UTC day, so west of UTC it does not show as
// the day before.
func formatTimestamp(t time.Time, language string) string {
	if t.IsZero() {
		return ""
	}

	utc := t.UTC()
	if utc.Equal(utc.Truncate(24 * time.Hour)) {
		return app.FormatDate(app.DateOf(utc), language)
	}

	return app.FormatDate(app.DateOf(t.Local()), language)
}

// formatDateTime writes a stored UTC time as a local date and time in the
// language's form, such as "2026-03-04 14:05" or "04.03.2026, 14:05", or
// "" for the zero time. A time of exactly midnight UTC is a day an import
// stored without a time, so it is written as formatTimestamp writes it.
func formatDateTime(t time.Time, language string) string {
	if t.IsZero() {
		return ""
	}

	utc := t.UTC()
	if utc.Equal(utc.Truncate(24 * time.Hour)) {
		return formatTimestamp(t, language)
	}

	local := t.Local()
	separator := " "
	if isGerman(language) {
		separator = ", "
	}

	return app.FormatDate(app.DateOf(local), language) + separator + local.Format("15:04")
}
