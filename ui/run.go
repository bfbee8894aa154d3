// Package ui is Leadwerk's desktop window, built with Fyne. Each screen
// reads the store through the small interface it declares, runs every
// query and chart rendering in a goroutine and applies the result on the
// UI goroutine.
package ui

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"runtime/debug"

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
	// TODO: the window's resident set misses the budget of 200 MB. With an
	// empty database it takes 202 MB under Xvfb with Mesa's llvmpipe: 108 MB
	// of mapped program and library code and 44 MB of Go memory, 25 MB of
	// that Fyne's parsed fonts. A bare Fyne 2.7.1 window takes 135-139 MB.
	limitWindowMemory(logger)
	shrinkPageCache(store, logger)

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

// windowMemoryLimit is the soft limit of the Go runtime's memory while
// the window is open. Without it the garbage collector lets the heap grow
// to twice its live size (GOGC=100) and keeps freed pages for a while.
// With the large demo dataset the live heap is about 40 MiB after both
// lists have scrolled, 25 MiB of it Fyne's font tables, and about 70 MiB
// while the learned lead chances are refreshed. In the scroll run of
// scripts/list-memory, 96 MiB took 105 collections and 1.5 s of their
// CPU time; 80 MiB took 200 and 2.7 s; 64 MiB took 2,003 and 44 s.
const windowMemoryLimit = 96 << 20

// limitWindowMemory sets [windowMemoryLimit] unless the GOMEMLIMIT
// environment variable sets a limit of its own.
//
// NOTE: the limit is soft. A heap that grows past it, as while importing
// a large file, makes the collector run more often, with up to about
// half of the CPU time, but allocates on.
func limitWindowMemory(logger *slog.Logger) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}

	debug.SetMemoryLimit(windowMemoryLimit)
	logger.Info("memory limit set", "bytes", windowMemoryLimit)
}

// windowPageCacheKiB is the SQLite page cache of the window's store
// connection, a quarter of the 32 MiB that the command line keeps. On the
// large demo dataset BenchmarkLargeLeadSearch took the same 10 to 11 ms
// per keystroke with 32, 8 and 2 MiB, and BenchmarkLargeLeadPages 3.3 ms
// per page on average with 8 MiB against 3.0 ms with 32 MiB.
const windowPageCacheKiB = 8 << 10

// pageCacheSizer is the part of a SQLite store that sizes its page cache.
type pageCacheSizer interface {
	SetPageCacheSize(ctx context.Context, kib int) error
}

// shrinkPageCache gives store the page cache of windowPageCacheKiB. A
// store without one is left as it is, and a failure is only logged,
// because the store works with its larger cache too.
//
// NOTE: imports of a Maven CSV folder or of the demo data from the window
// run with this cache, so they spill more pages to the WAL file before
// their commit than the same imports on the command line.
func shrinkPageCache(store app.Store, logger *slog.Logger) {
	sizer, ok := store.(pageCacheSizer)
	if !ok {
		return
	}

	if err := sizer.SetPageCacheSize(context.Background(), windowPageCacheKiB); err != nil {
		logger.Warn("reducing the page cache failed", "kib", windowPageCacheKiB, "err", err)
	}
}
