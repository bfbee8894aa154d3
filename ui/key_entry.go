package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// keyEntry is a single-line entry that reports Escape, which
// widget.Entry ignores, so a keyboard-driven dialog can close on it.
// Enter is reported through the entry's OnSubmitted.
type keyEntry struct {
	widget.Entry

	onEscape func()
	// shortcuts maps the ShortcutName of extra shortcuts, such as
	// Ctrl+O, to their action. The entry handles all other shortcuts.
	shortcuts map[string]func()
}

func newKeyEntry(onEscape func()) *keyEntry {
	e := &keyEntry{onEscape: onEscape}
	e.ExtendBaseWidget(e)

	return e
}

// TypedKey implements fyne.Focusable.
func (e *keyEntry) TypedKey(key *fyne.KeyEvent) {
	if key.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}

	e.Entry.TypedKey(key)
}

// TypedShortcut implements fyne.Shortcutable.
func (e *keyEntry) TypedShortcut(shortcut fyne.Shortcut) {
	if action, ok := e.shortcuts[shortcut.ShortcutName()]; ok {
		action()
		return
	}

	e.Entry.TypedShortcut(shortcut)
}
