// Command bare opens a Fyne window with one label and nothing else. The
// start-up benchmark measures it as the least any Fyne program needs to
// draw its first frame on this machine.
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"

	"leadwerk/ui/firstframe"
)

func main() {
	a := app.NewWithID("eu.leadwerk.startupbench")
	w := a.NewWindow("Leadwerk")
	w.SetContent(widget.NewLabel("Leadwerk"))
	w.Resize(fyne.NewSize(1280, 800))

	if firstframe.Requested() {
		firstframe.Watch(w)
	}
	w.ShowAndRun()
}
