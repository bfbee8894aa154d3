package ui

import (
	"errors"
	"log/slog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// uiRunner runs f on the Fyne UI goroutine. Run passes fyne.Do. Tests pass
// a queue that the test goroutine drains, so widget state is only ever
// touched from one goroutine, also under the race detector.
type uiRunner func(f func())

// errorReporter shows a person one short message and logs the full error.
type errorReporter struct {
	window fyne.Window
	logger *slog.Logger
}

// report logs err with its context and shows message in a dialog. It must
// be called on the UI goroutine.
func (r errorReporter) report(message string, err error) {
	r.logger.Error(message, "err", err)
	dialog.ShowError(errors.New(message), r.window)
}
