package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestTourShownOnceAfterWelcome(t *testing.T) {
	m, queue := openWindow(t, openStore(t))
	m.welcome.onFinished = m.showTabsAfterWelcome
	queue.waitFor(t, "the welcome panel", func() bool { return m.window.Content() == m.welcome.content })
	canvas := m.window.Canvas()

	test.Tap(m.welcome.emptyButton)

	first := canvas.Overlays().Top()
	if first == nil {
		t.Fatal("the tour did not start")
	}
	if !findLabelContaining(first, "Tour: Leads (1 of 6)") {
		t.Error("the first step does not name the Leads tab")
	}
	if m.tabs.Selected().Text != "Leads" {
		t.Errorf("selected tab = %q, want Leads", m.tabs.Selected().Text)
	}

	test.Tap(findButton(first, "Next"))
	if m.tabs.Selected().Text != "Opportunities" {
		t.Errorf("after Next the selected tab = %q, want Opportunities", m.tabs.Selected().Text)
	}

	canvas.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if canvas.Overlays().Top() != nil {
		t.Error("Escape did not end the tour")
	}
	if !fyne.CurrentApp().Preferences().Bool(prefTourShown) {
		t.Error("the tour is not remembered as shown")
	}

	m.showTabsAfterWelcome()
	if canvas.Overlays().Top() != nil {
		t.Error("the tour showed a second time")
	}
}

func TestTourWalksEveryTab(t *testing.T) {
	m, _ := openEmptyTabs(t)
	canvas := m.window.Canvas()

	m.showTour()
	var named []string
	for canvas.Overlays().Top() != nil {
		named = append(named, m.tabs.Selected().Text)
		next := findButton(canvas.Overlays().Top(), "Next")
		if next == nil {
			next = findButton(canvas.Overlays().Top(), "Done")
		}
		if next == nil {
			t.Fatal("a tour step has neither Next nor Done")
		}
		test.Tap(next)
	}

	if len(named) != len(m.tabs.Items) {
		t.Errorf("the tour showed %v, want every one of %d tabs", named, len(m.tabs.Items))
	}
}
