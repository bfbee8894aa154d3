// Package firstframe ends a Fyne program once its window has drawn its
// first frame, when the environment variable LEADWERK_EXIT_AFTER_FIRST_FRAME
// is 1. The start-up benchmark, cmd/startupbench, starts Leadwerk and a
// bare Fyne window this way and compares the times they print.
package firstframe

import (
	"fmt"
	"image"
	"image/color"
	"os"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
)

// Env names the environment variable that turns the probe on.
const Env = "LEADWERK_EXIT_AFTER_FIRST_FRAME"

// Prefix starts the line that [Watch] prints, followed by the time in
// nanoseconds of CLOCK_MONOTONIC, the clock that all processes of one
// Linux machine share.
const Prefix = "first-frame "

// closeDelay is how long after the first frame [Watch] closes the window.
const closeDelay = 500 * time.Millisecond

// Requested reports whether [Env] is set to 1.
func Requested() bool {
	return os.Getenv(Env) == "1"
}

// Watch adds a 1×1 transparent raster as an overlay of w, which stays
// when the window's content changes. Fyne's OpenGL painter calls a
// raster's generator when it first paints it, which is during the first
// frame, so the generator prints the time to stdout and closes w, which
// ends a program whose only window it is.
func Watch(w fyne.Window) {
	var once sync.Once
	probe := canvas.NewRaster(func(width, height int) image.Image {
		once.Do(func() {
			fmt.Printf("%s%d\n", Prefix, Now())
			// Fyne v2.7.1 under Xvfb crashes when it handles the pointer
			// position event of a window closed during its first frames,
			// so the close waits until that event is past.
			time.AfterFunc(closeDelay, func() { fyne.Do(w.Close) })
		})

		return image.NewUniform(color.Transparent)
	})
	probe.Resize(fyne.NewSize(1, 1))

	w.Canvas().Overlays().Add(container.NewWithoutLayout(probe))
}
