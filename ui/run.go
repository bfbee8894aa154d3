// Package ui is Leadwerk's desktop window, built with Fyne. Each screen
// reads the store through the small interface it declares, runs every
// query and chart rendering in a goroutine and applies the result on the
// UI goroutine.
package ui

import (
	"fmt"
	"log/slog"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"leadwerk/app"
	"leadwerk/app/demo"
	"leadwerk/app/maven"
	"leadwerk/assets"
	"leadwerk/ui/firstframe"

	// clocale must run before Fyne's lang package reads the locale.
	_ "leadwerk/ui/internal/clocale"
)

// AppID is the Fyne application ID, the same as in FyneApp.toml. Fyne
// derives the preferences and storage folders from it.
const AppID = "eu.leadwerk.app"

// Run opens the main window on store and returns when the person closes
// it. It returns an error only when the embedded translations cannot be
// read, before any window opens. Errors while the window is open are shown
// to the person and logged to logger.
func Run(store app.Store, logger *slog.Logger) error {
	// The saved language must be in place before the translations load.
	a := fyneapp.NewWithID(AppID)
	chosen := applyLanguagePreference(a.Preferences())
	if err := loadTranslations(); err != nil {
		return err
	}

	if err := overrideSystemLanguage(chosen); err != nil {
		return err
	}

	a.SetIcon(assets.Icon)
	applyThemePreference(a)

	m := newLoadingMainWindow(a, store, fyne.Do, logger)
	restoreWindowSize(m.window, a.Preferences())
	checks := &startupChecks{}
	afterFirstFrame(m.window, func() {
		m.build(a, defaultSources())
		// Only the real window ends the first start with the tour, so
		// tests that leave the welcome panel see no tour dialog.
		m.welcome.onFinished = m.showTabsAfterWelcome
		m.start()
		checks = startChecks(m)
		if scrollProbeRequested() {
			startScrollProbe(m)
		}
	})
	if firstframe.Requested() {
		firstframe.Watch(m.window)
	}
	logger.Info("window opened")
	m.window.ShowAndRun()
	logger.Info("window closed")
	checks.stop()

	return nil
}

// restoreWindowSize gives the window its size of the last session before
// it first appears. [mainWindow.restoreLayout] sets the same size again
// once the screens exist.
func restoreWindowSize(window fyne.Window, prefs fyne.Preferences) {
	size := fyne.NewSize(float32(prefs.Float(prefWindowWidth)), float32(prefs.Float(prefWindowHeight)))
	if size.Width >= minRememberedSize.Width && size.Height >= minRememberedSize.Height {
		window.Resize(size)
	}
}

// startChecks starts the integrity check and the daily backup for a
// store that the command line opened with data.OpenDeferred. A store
// without them gets checks that never start.
func startChecks(m *mainWindow) *startupChecks {
	checker, ok := m.store.(startupChecker)
	if !ok {
		return &startupChecks{}
	}

	checks := newStartupChecks(m, checker)
	checks.start()

	return checks
}

// loadTranslations adds the English and German texts of assets to Fyne's
// lang package, which then picks the closest to the system locale.
func loadTranslations() error {
	if err := assets.AddTranslations(); err != nil {
		return fmt.Errorf("load translations: %w", err)
	}

	return nil
}

func defaultSources() batchSources {
	return batchSources{loadFolder: maven.Load, demo: demo.Generate}
}
