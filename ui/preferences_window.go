package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// The keys of the remembered window layout in fyne.App.Preferences, per
// computer because screens differ.
//
// NOTE: Fyne v2.7.1 cannot set a window's position, so only its size is
// remembered.
const (
	prefWindowWidth  = "window.width"
	prefWindowHeight = "window.height"
	prefLastTab      = "window.last_tab"
)

// minRememberedSize is the smallest remembered size that is restored, so
// that a window shrunk to nothing does not reopen that way.
var minRememberedSize = fyne.NewSize(640, 480)

// restoreLayout sizes the window and selects the tab as prefs remember
// them, and records every later tab change and the size at close.
func (m *mainWindow) restoreLayout(prefs fyne.Preferences) {
	size := fyne.NewSize(float32(prefs.Float(prefWindowWidth)), float32(prefs.Float(prefWindowHeight)))
	if size.Width >= minRememberedSize.Width && size.Height >= minRememberedSize.Height {
		m.window.Resize(size)
	}

	last := prefs.IntWithFallback(prefLastTab, -1)
	if last >= 0 && last < len(m.tabs.Items) {
		m.tabs.SelectIndex(last)
	}

	m.tabs.OnSelected = func(*container.TabItem) {
		prefs.SetInt(prefLastTab, m.tabs.SelectedIndex())
	}
	m.window.SetOnClosed(func() { m.saveWindowSize(prefs) })
}

// saveWindowSize records the window's current size.
func (m *mainWindow) saveWindowSize(prefs fyne.Preferences) {
	size := m.window.Canvas().Size()
	prefs.SetFloat(prefWindowWidth, float64(size.Width))
	prefs.SetFloat(prefWindowHeight, float64(size.Height))
}
