package ui

import (
	"fmt"
	"regexp"
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

var (
	isoDayShape    = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	germanDayShape = regexp.MustCompile(`^\d{1,2}\.\d{1,2}\.\d{4}$`)
)

// dayProblem explains why parseDay rejected text: a day that the calendar
// does not have, such as 2026-02-30, or text not in the expected form.
func dayProblem(text, language string) string {
	text = strings.TrimSpace(text)
	shape := isoDayShape
	if isGerman(language) {
		shape = germanDayShape
	}

	if shape.MatchString(text) {
		return lang.L("This day does not exist. Check the day and month.")
	}

	return lang.X("form.date.invalid", "Enter the date as {{.Form}}.", map[string]any{"Form": dayPlaceholder(language)})
}
