package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
)

// parseDay reads a date in the form app.FormatDate writes for the
// language: "31.12.2024" or "1.2.2024" in German, "2024-12-31" otherwise.
// Empty text is the zero Date. Errors wrap app.ErrInvalid.
func parseDay(text, language string) (app.Date, error) {
	text = strings.TrimSpace(text)
	if text == "" || !isGerman(language) {
		return app.ParseDate(text)
	}

	t, err := time.Parse("2.1.2006", text)
	if err != nil {
		return app.Date{}, fmt.Errorf("date %q is not in the form DD.MM.YYYY: %w", text, app.ErrInvalid)
	}

	return app.DateOf(t), nil
}

// dayPlaceholder shows the form parseDay expects, in the person's words.
func dayPlaceholder(language string) string {
	if isGerman(language) {
		return lang.X("date.placeholder.de", "DD.MM.YYYY")
	}

	return lang.X("date.placeholder.iso", "YYYY-MM-DD")
}
