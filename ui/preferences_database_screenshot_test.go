package ui

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"leadwerk/app"
)

// TestScreenshotsDatabaseSetting writes preferences-database.png and
// preferences-database-de.png to the folder named by LEADWERK_SCREENSHOTS:
// the Preferences dialog scrolled to the database setting after a Test
// connection of an empty server database. Without that variable it skips.
func TestScreenshotsDatabaseSetting(t *testing.T) {
	dir := os.Getenv("LEADWERK_SCREENSHOTS")
	if dir == "" {
		t.Skip("set LEADWERK_SCREENSHOTS=DIR to write the screenshots")
	}

	useDatabaseSetup(t, DatabaseSetup{
		CheckServer: func(context.Context, string) (app.ServerCheck, error) {
			return app.ServerCheck{ServerVersion: "15.18", User: "anna", Database: "leadwerk",
				Schema: "leadwerk", CreatesUnaccent: true}, nil
		},
		DefaultPath: fixedDefaultPath("/home/anna/.config/Leadwerk/leadwerk.db"),
	})

	writeDatabaseSettingScreenshot(t, filepath.Join(dir, "preferences-database.png"))
	t.Run("German", func(t *testing.T) {
		useGerman(t)
		writeDatabaseSettingScreenshot(t, filepath.Join(dir, "preferences-database-de.png"))
	})
}

// writeDatabaseSettingScreenshot shows the Preferences dialog over the
// demo data with a checked server URL.
func writeDatabaseSettingScreenshot(t *testing.T, path string) {
	m, queue := openDemoTabs(t)
	store := m.store.(preferencesStore)
	p, err := store.Preferences(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	backup, err := store.BackupSettings(context.Background())
	if err != nil {
		t.Fatal(err)
	}

	d := newPreferencesDialog(store, fyne.CurrentApp(), m.window, m.do, m.errors, p, backup)
	d.dialog.Show()
	chooseServer(d, "postgres://anna@crm.example.com/leadwerk?sslmode=verify-full")
	test.Tap(d.database.test)
	queue.waitFor(t, "the check", func() bool { return !d.database.progress.Visible() })
	d.scroll.ScrollToBottom()

	writePNG(t, path, m.window.Canvas().Capture())
}
