package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestLayoutRemembersTabAndSize(t *testing.T) {
	a := test.NewTempApp(t)
	prefs := a.Preferences()
	m := newMainWindow(a, openStore(t), defaultSources(), newUIQueue().do, discardLogger())

	m.tabs.SelectIndex(3)
	m.window.Resize(fyne.NewSize(1000, 700))
	m.saveWindowSize(prefs)

	if got := prefs.Int(prefLastTab); got != 3 {
		t.Errorf("remembered tab %d, want 3", got)
	}
	if w, h := prefs.Float(prefWindowWidth), prefs.Float(prefWindowHeight); w != 1000 || h != 700 {
		t.Errorf("remembered size %v×%v, want 1000×700", w, h)
	}

	again := newMainWindow(a, openStore(t), defaultSources(), newUIQueue().do, discardLogger())
	if got := again.tabs.SelectedIndex(); got != 3 {
		t.Errorf("reopened on tab %d, want 3", got)
	}
	if got := again.window.Canvas().Size(); got.Width != 1000 || got.Height != 700 {
		t.Errorf("reopened at %v, want 1000×700", got)
	}
}

func TestLayoutIgnoresBadValues(t *testing.T) {
	a := test.NewTempApp(t)
	prefs := a.Preferences()
	prefs.SetInt(prefLastTab, 99)
	prefs.SetFloat(prefWindowWidth, 10)
	prefs.SetFloat(prefWindowHeight, 10)

	m := newMainWindow(a, openStore(t), defaultSources(), newUIQueue().do, discardLogger())

	if got := m.tabs.SelectedIndex(); got != 1 {
		t.Errorf("tab %d for a remembered 99, want the default 1", got)
	}
	if got := m.window.Canvas().Size(); got.Width < minRememberedSize.Width {
		t.Errorf("window %v restored from 10×10, want the default size", got)
	}
}
