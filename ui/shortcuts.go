package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// Shortcuts of the main menu. KeyModifierShortcutDefault is Ctrl, or Cmd
// on macOS. The desktop driver runs a main menu item's shortcut before
// the focused widget receives the keys, so they work while an entry has the
// focus.
//
// NOTE: Leadwerk has no dialog that creates an opportunity from scratch,
// because deals come from converted leads and imports, so no shortcut
// for a new opportunity exists.
var (
	newLeadShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	searchShortcut  = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	printShortcut   = &desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: fyne.KeyModifierShortcutDefault}
)

// tabKeys are the keys of Ctrl+1 to Ctrl+9, which select the tabs in
// their order.
var tabKeys = []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6,
	fyne.Key7, fyne.Key8, fyne.Key9}

// withShortcut returns item with shortcut, which the menu shows beside
// its label.
func withShortcut(item *fyne.MenuItem, shortcut fyne.Shortcut) *fyne.MenuItem {
	item.Shortcut = shortcut

	return item
}

// viewMenu lists the tabs with Ctrl+1 and onwards, and the search.
func (m *mainWindow) viewMenu() *fyne.Menu {
	items := []*fyne.MenuItem{
		withShortcut(fyne.NewMenuItem(lang.X("shortcuts.menu.search", "Search"), m.focusSearch), searchShortcut),
		fyne.NewMenuItemSeparator(),
	}

	for i, tab := range m.tabs.Items {
		if i >= len(tabKeys) {
			break
		}

		shortcut := &desktop.CustomShortcut{KeyName: tabKeys[i], Modifier: fyne.KeyModifierShortcutDefault}
		item := fyne.NewMenuItem(tab.Text, func() { m.tabs.Select(tab) })
		items = append(items, withShortcut(item, shortcut))
	}

	return fyne.NewMenu(lang.X("shortcuts.menu.view", "View"), items...)
}

// helpMenu offers the list of keyboard shortcuts and the tour of the
// tabs.
func (m *mainWindow) helpMenu() *fyne.Menu {
	return fyne.NewMenu(lang.X("shortcuts.menu.help", "Help"),
		fyne.NewMenuItem(lang.X("shortcuts.menu.list", "Keyboard shortcuts"), m.showShortcuts),
		fyne.NewMenuItem(lang.X("tour.menu", "Tour"), m.showTour),
	)
}

// focusSearch puts the focus in the search box of the selected tab. Tabs
// without a search box ignore it.
func (m *mainWindow) focusSearch() {
	if m.window.Content() != m.tabs {
		return
	}

	var search *widget.Entry
	switch m.tabs.Selected().Content {
	case m.leads.content:
		search = m.leads.search
	case m.opportunities.content:
		search = m.opportunities.search
	}

	if search != nil {
		m.window.Canvas().Focus(search)
	}
}

// showShortcuts shows every shortcut of the main menu with its keys, so
// the list cannot drift from the menu.
func (m *mainWindow) showShortcuts() {
	rows := container.New(layout.NewFormLayout())
	for _, menu := range m.window.MainMenu().Items {
		for _, item := range menu.Items {
			if shortcut, ok := item.Shortcut.(*desktop.CustomShortcut); ok {
				rows.Add(widget.NewLabel(strings.TrimSuffix(item.Label, "…")))
				rows.Add(widget.NewLabelWithStyle(shortcutText(shortcut), fyne.TextAlignLeading, fyne.TextStyle{Monospace: true}))
			}
		}
	}

	rows.Add(widget.NewLabel(lang.X("shortcuts.confirm", "Confirm a dialog from a field")))
	rows.Add(widget.NewLabelWithStyle(lang.X("shortcuts.key.enter", "Enter"), fyne.TextAlignLeading, fyne.TextStyle{Monospace: true}))
	rows.Add(widget.NewLabel(lang.X("shortcuts.escape", "Close a dialog")))
	rows.Add(widget.NewLabelWithStyle(lang.X("shortcuts.key.escape", "Esc"), fyne.TextAlignLeading, fyne.TextStyle{Monospace: true}))

	d := dialog.NewCustom(lang.X("shortcuts.title", "Keyboard shortcuts"), lang.L("Close"), container.NewVScroll(rows), m.window)
	d.Resize(fyne.NewSize(520, 560))
	closeOnEscape(m.window, d)
	d.Show()
}
