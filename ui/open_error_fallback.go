package ui

import (
	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
)

// onFallbackTapped opens the problem's Fallback file in a goroutine, in
// place of the database chosen in Preferences that failed to open.
func (w *openErrorWindow) onFallbackTapped() {
	w.fallback.Disable()
	w.quit.Disable()
	w.progress.Show()

	go func() {
		store, err := w.problem.Open(w.problem.Fallback)
		w.do(func() { w.onFallbackOpened(store, err) })
	}()
}

// onFallbackOpened opens the main window on the fallback store and closes
// this one, or shows why the fallback failed to open too.
func (w *openErrorWindow) onFallbackOpened(store app.Store, err error) {
	w.progress.Hide()
	w.quit.Enable()
	if err != nil {
		w.fallback.Enable()
		w.logger.Error("fallback database failed to open", "path", w.problem.Fallback, "err", err)
		w.message.SetText(lang.X("teamdatabase.open_fallback.failed",
			"{{.Path}} did not open either: {{.Err}}", map[string]any{"Path": w.problem.Fallback, "Err": err}))
		return
	}

	w.logger.Info("fallback database opened", "path", w.problem.Fallback)
	w.showMainWindow(store)
}
