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
