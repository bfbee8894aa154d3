package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// escapeStack is the open dialogs of one canvas that close on Escape,
// the latest last, and the key handler the canvas had before the first
// of them opened.
type escapeStack struct {
	previous func(*fyne.KeyEvent)
	dialogs  []dialog.Dialog
}

// escapeStacks contains the escapeStack of every canvas with such a dialog
// open. Only the UI goroutine uses it.
var escapeStacks = map[fyne.Canvas]*escapeStack{}

// closeOnEscape hides d when Escape is pressed while no field has the
// focus, and gives the window's key handler back when the last such
// dialog closes. Fyne v2.7.1 dialogs ignore Escape, and the desktop
// driver sends keys to the window only while no widget has the focus, so
// a field that should close d on Escape must handle the key itself.
//
// Escape hides the latest open dialog first. Dialogs may close in any
// order, so a dialog that opens the next one from its callback keeps
// Escape working in the next.
func closeOnEscape(window fyne.Window, d dialog.Dialog) {
	canvas := window.Canvas()
	stack := escapeStacks[canvas]
	if stack == nil {
		stack = &escapeStack{previous: canvas.OnTypedKey()}
		escapeStacks[canvas] = stack
		canvas.SetOnTypedKey(stack.onTypedKey)
	}

	stack.dialogs = append(stack.dialogs, d)
	d.SetOnClosed(func() {
		stack.dialogs = slices.DeleteFunc(stack.dialogs, func(open dialog.Dialog) bool { return open == d })
		if len(stack.dialogs) == 0 && escapeStacks[canvas] == stack {
			canvas.SetOnTypedKey(stack.previous)
			delete(escapeStacks, canvas)
		}
	})
}

// onTypedKey hides the latest dialog on Escape and passes other keys to
// the canvas's previous handler.
func (s *escapeStack) onTypedKey(key *fyne.KeyEvent) {
	if key.Name == fyne.KeyEscape && len(s.dialogs) > 0 {
		s.dialogs[len(s.dialogs)-1].Hide()
		return
	}

	if s.previous != nil {
		s.previous(key)
	}
}

// showClosingOnEscape shows d and lets Escape close it.
func showClosingOnEscape(window fyne.Window, d dialog.Dialog) {
	closeOnEscape(window, d)
	d.Show()
}
