package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// closeOnEscape hides d when Escape is pressed while no field has the
// focus, and gives the window's key handler back when d closes. Fyne
// v2.7.1 dialogs ignore Escape, and the desktop driver sends keys to the
// window only while no widget has the focus, so a field that should
// close d on Escape must handle the key itself.
func closeOnEscape(window fyne.Window, d dialog.Dialog) {
	canvas := window.Canvas()
	previous := canvas.OnTypedKey()
	canvas.SetOnTypedKey(func(key *fyne.KeyEvent) {
		if key.Name == fyne.KeyEscape {
			d.Hide()
			return
		}

		if previous != nil {
			previous(key)
		}
	})

	d.SetOnClosed(func() { canvas.SetOnTypedKey(previous) })
}
