package ui

import (
	"context"
	"slices"
	"time"

	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
)

// preferencesStore is the store access of the Preferences dialog.
type preferencesStore interface {
	Preferences(ctx context.Context) (app.Preferences, error)
	SavePreferences(ctx context.Context, p app.Preferences) error
	BackupSettings(ctx context.Context) (app.BackupSettings, error)
	SaveBackupSettings(ctx context.Context, b app.BackupSettings) error
}

// activePreferences are the database's preferences that forms and
// reports read when they choose a default. The main window loads them at
// start and the Preferences dialog replaces them after a save. Only the
// UI goroutine reads or writes them.
var activePreferences = app.DefaultPreferences()

// loadPreferences reads the database's preferences in a goroutine and
// makes them active. A store without preferences keeps the defaults.
func (m *mainWindow) loadPreferences() {
	store, ok := m.store.(preferencesStore)
	if !ok {
		return
	}

	go func() {
		p, err := store.Preferences(context.Background())
		m.do(func() {
			if err != nil {
				m.errors.report(lang.X("preferences.load.error",
					"The preferences could not be loaded, so Leadwerk uses its defaults. The log file has the details."), err)
				return
			}

			activePreferences = p
		})
	}()
}

// homeCurrency returns the currency that a new sales process starts with.
func homeCurrency() string {
	return activePreferences.HomeCurrency
}

// defaultIdleDays returns the idle threshold that a new stage starts with.
func defaultIdleDays() int {
	return activePreferences.DefaultIdleDays
}

// fiscalYearStart returns the first month of the fiscal year.
func fiscalYearStart() time.Month {
	return activePreferences.FiscalYearStart
}

// offeredLeadSources returns the built-in lead sources followed by the
// manager's own, without repeating one.
func offeredLeadSources() []string {
	sources := leadSources()
	for _, custom := range activePreferences.LeadSources {
		if !slices.Contains(sources, custom) {
			sources = append(sources, custom)
		}
	}

	return sources
}
