package ui

import (
	"testing"

	"fyne.io/fyne/v2"

	"leadwerk/app"
)

func TestEscapeClosesEveryDialog(t *testing.T) {
	cases := []struct {
		name string
		open func(m *mainWindow)
	}{
		{"new lead", func(m *mainWindow) { m.openLeadForm(app.Lead{}) }},
		{"preferences", func(m *mainWindow) { m.openPreferences() }},
		{"scoring", func(m *mainWindow) { m.openScoringSettings() }},
		{"sales processes", func(m *mainWindow) { m.openPipelineSettings() }},
		{"close reasons", func(m *mainWindow) { m.openCloseReasonSettings() }},
		{"your name", func(m *mainWindow) { m.openUserSettings() }},
		{"letterhead", func(m *mainWindow) { m.openLetterheadSettings() }},
		{"lead goals", func(m *mainWindow) { m.openLeadGoals() }},
		{"data quality", func(m *mainWindow) { m.openDataQuality() }},
		{"duplicates", func(m *mainWindow) { m.openDuplicates() }},
		{"learned scoring", func(m *mainWindow) { m.openLeadModelSettings() }},
		{"report export", func(m *mainWindow) { m.openReportExport() }},
		{"privacy", func(m *mainWindow) { m.openPrivacy() }},
		{"export leads", func(m *mainWindow) { m.onExportLeadsTapped() }},
		{"shortcuts", func(m *mainWindow) { m.showShortcuts() }},
		{"tour", func(m *mainWindow) { m.showTour() }},
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, queue := openEmptyTabs(t)
			canvas := m.window.Canvas()

			c.open(m)
			queue.waitFor(t, "the dialog", func() bool { return canvas.Overlays().Top() != nil })
			canvas.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})

			queue.waitFor(t, "the dialog to close", func() bool { return canvas.Overlays().Top() == nil })
		})
	}
}
