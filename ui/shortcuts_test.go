package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// menuItemFor returns the main menu item whose shortcut is shortcut, the
// one the desktop driver runs for those keys before any widget receives them.
func menuItemFor(t *testing.T, m *mainWindow, shortcut fyne.Shortcut) *fyne.MenuItem {
	t.Helper()

	var found *fyne.MenuItem
	for _, menu := range m.window.MainMenu().Items {
		for _, item := range menu.Items {
			if item.Shortcut == nil || item.Shortcut.ShortcutName() != shortcut.ShortcutName() {
				continue
			}
			if found != nil {
				t.Fatalf("%s is the shortcut of %q and %q", shortcut.ShortcutName(), found.Label, item.Label)
			}
			found = item
		}
	}

	if found == nil {
		t.Fatalf("no menu item has the shortcut %s", shortcut.ShortcutName())
	}

	return found
}

// openEmptyTabs opens the window on an empty database and starts empty.
func openEmptyTabs(t *testing.T) (*mainWindow, *uiQueue) {
	t.Helper()

	m, queue := openWindow(t, openStore(t))
	queue.waitFor(t, "the welcome panel", func() bool { return m.window.Content() == m.welcome.content })
	m.welcome.onStartEmptyTapped()
	queue.waitFor(t, "the tabs", func() bool { return m.window.Content() == m.tabs })

	return m, queue
}

func TestShortcutsAreUnique(t *testing.T) {
	m, _ := openEmptyTabs(t)

	seen := map[string]string{}
	for _, menu := range m.window.MainMenu().Items {
		for _, item := range menu.Items {
			if item.Shortcut == nil {
				continue
			}
			name := item.Shortcut.ShortcutName()
			if other, ok := seen[name]; ok {
				t.Errorf("%s opens both %q and %q", name, other, item.Label)
			}
			seen[name] = item.Label
		}
	}

	for _, s := range []fyne.Shortcut{newLeadShortcut, searchShortcut, printShortcut, quickCaptureShortcut} {
		if _, ok := seen[s.ShortcutName()]; !ok {
			t.Errorf("no menu item has %s", s.ShortcutName())
		}
	}
}

func TestShortcutSelectsTab(t *testing.T) {
	m, _ := openEmptyTabs(t)

	for i, tab := range m.tabs.Items {
		shortcut := &desktop.CustomShortcut{KeyName: tabKeys[i], Modifier: fyne.KeyModifierShortcutDefault}
		menuItemFor(t, m, shortcut).Action()

		if m.tabs.Selected() != tab {
			t.Errorf("%s selected %q, want %q", shortcut.ShortcutName(), m.tabs.Selected().Text, tab.Text)
		}
	}
}

func TestSearchShortcutFocusesSearch(t *testing.T) {
	m, _ := openEmptyTabs(t)

	m.selectTab(m.opportunities.content)
	menuItemFor(t, m, searchShortcut).Action()
	if m.window.Canvas().Focused() != m.opportunities.search {
		t.Errorf("focus on %T in Opportunities, want its search box", m.window.Canvas().Focused())
	}

	m.selectTab(m.leads.content)
	menuItemFor(t, m, searchShortcut).Action()
	if m.window.Canvas().Focused() != m.leads.search {
		t.Errorf("focus on %T in Leads, want its search box", m.window.Canvas().Focused())
	}
}

func TestNewLeadShortcutOpensForm(t *testing.T) {
	m, _ := openEmptyTabs(t)

	menuItemFor(t, m, newLeadShortcut).Action()

	if m.window.Canvas().Overlays().Top() == nil {
		t.Error("Ctrl+N showed no dialog")
	}
}

func TestShortcutListNamesKeys(t *testing.T) {
	m, _ := openEmptyTabs(t)

	m.showShortcuts()

	top := m.window.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("the shortcut list is not shown")
	}
	for _, want := range []string{"New lead", "Quick capture", "Search", "Leads", "Print / Export PDF"} {
		if !findLabel(top, want) {
			t.Errorf("the shortcut list lacks %q", want)
		}
	}
	if !findLabel(top, shortcutText(newLeadShortcut)) {
		t.Errorf("the shortcut list lacks the keys %q", shortcutText(newLeadShortcut))
	}
}

func TestEscapeClosesDialog(t *testing.T) {
	m, _ := openEmptyTabs(t)
	canvas := m.window.Canvas()
	var windowKeys []fyne.KeyName
	canvas.SetOnTypedKey(func(e *fyne.KeyEvent) { windowKeys = append(windowKeys, e.Name) })

	d := dialog.NewCustom("test", "Close", widget.NewLabel("body"), m.window)
	closeOnEscape(m.window, d)
	d.Show()
	canvas.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyA})
	canvas.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})

	if canvas.Overlays().Top() != nil {
		t.Error("the dialog is still shown after Escape")
	}
	if len(windowKeys) != 1 || windowKeys[0] != fyne.KeyA {
		t.Errorf("the window's handler got %v, want only A", windowKeys)
	}

	canvas.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(windowKeys) != 2 {
		t.Errorf("the window's handler got %v after the dialog closed, want A and Escape", windowKeys)
	}
}
