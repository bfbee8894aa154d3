package ui

import (
	"context"
	"errors"
	"image"
	"image/color"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// startupChecker is the part of the store that runs the integrity check
// and the daily backup after the window has appeared.
type startupChecker interface {
	// CheckAndBackUp runs SQLite's quick check and the day's first
	// backup. A damaged database returns an error with a
	// RestoreCandidate method.
	CheckAndBackUp(ctx context.Context) error
	// RestoreDamaged replaces the damaged data with the backup src and
	// returns where the damaged file was kept.
	RestoreDamaged(ctx context.Context, src string) (string, error)
	Path() string
}

// restoreCandidate is implemented by the store's integrity error, which
// the window cannot name because ui does not import data.
type restoreCandidate interface {
	RestoreCandidate() string
}

// startupChecks runs the store's deferred checks in the background and,
// when they find the database damaged, offers the newest good backup.
type startupChecks struct {
	window fyne.Window
	store  startupChecker
	do     uiRunner
	errors errorReporter
	// reload shows the restored data in every screen.
	reload func()

	cancel context.CancelFunc
	done   chan struct{}
}

func newStartupChecks(m *mainWindow, store startupChecker) *startupChecks {
	return &startupChecks{window: m.window, store: store, do: m.do, errors: m.errors, reload: m.start}
}

// start runs the checks in a goroutine and shows them in the window
// title until they end.
func (c *startupChecks) start() {
	ctx, cancel := context.WithCancel(context.Background())
	c.cancel = cancel
	c.done = make(chan struct{})
	c.window.SetTitle(lang.X("startup.title.checking", "Leadwerk – checking and backing up the database…"))

	go func() {
		defer close(c.done)

		err := c.store.CheckAndBackUp(ctx)
		if ctx.Err() != nil {
			return
		}
		c.do(func() { c.onChecked(err) })
	}()
}

// stop cancels checks that are still running and waits until they have
// ended, so that Leadwerk does not quit in the middle of writing a backup.
func (c *startupChecks) stop() {
	if c.cancel == nil {
		return
	}

	c.cancel()
	<-c.done
}

func (c *startupChecks) onChecked(err error) {
	c.window.SetTitle(lang.L("Leadwerk"))
	if err == nil {
		return
	}

	var damaged restoreCandidate
	if !errors.As(err, &damaged) {
		c.errors.report(lang.X("startup.error.check",
			"The integrity check of the database could not run: {{.Err}}", map[string]any{"Err": err}), err)
		return
	}

	c.errors.logger.Error("database damaged", "path", c.store.Path(), "err", err)
	c.showDamaged(OpenProblem{Path: c.store.Path(), Err: err, Damaged: true, Backup: damaged.RestoreCandidate()})
}

// showDamaged shows the same message as a damaged database at start,
// with a button to restore the newest good backup when there is one.
func (c *startupChecks) showDamaged(problem OpenProblem) {
	message := widget.NewLabel(openErrorText(problem))
	message.Wrapping = fyne.TextWrapWord
	content := container.NewVScroll(message)
	title := lang.X("startup.damaged.title", "The database is damaged")

	var d dialog.Dialog
	if problem.Backup == "" {
		d = dialog.NewCustom(title, lang.L("Close"), content, c.window)
	} else {
		d = dialog.NewCustomConfirm(title, lang.X("backup.open.restore", "Restore newest backup"),
			lang.L("Close"), content, func(restore bool) {
				if restore {
					c.restore(problem.Backup)
				}
			}, c.window)
	}

	d.Resize(fyne.NewSize(640, 360))
	d.Show()
}

func (c *startupChecks) restore(backup string) {
	progress := showProgress(c.window, lang.X("backup.progress.restore", "Restoring…"))

	go func() {
		kept, err := c.store.RestoreDamaged(context.Background(), backup)
		c.do(func() {
			progress.Hide()
			if err != nil {
				c.errors.report(lang.X("backup.error.restore",
					"The backup was not restored: {{.Err}}", map[string]any{"Err": err}), err)
				return
			}

			c.reload()
			dialog.ShowInformation(lang.X("backup.restored.title", "Backup restored"),
				lang.X("backup.open.restored", "Restored {{.Backup}}.\nThe damaged file is kept in\n{{.Kept}}",
					map[string]any{"Backup": backup, "Kept": kept}), c.window)
		})
	}()
}

// afterFirstFrame calls f on the UI goroutine once w has drawn its first
// frame. It adds a 1×1 transparent raster as an overlay: Fyne's OpenGL
// painter calls a raster's generator when it first paints it, and the
// overlay is removed again before f runs.
// NOTE: f waits for a paint, so a driver that never paints the window,
// such as Fyne's test driver until a capture, never runs it.
func afterFirstFrame(w fyne.Window, f func()) {
	var once sync.Once
	var probe *fyne.Container
	raster := canvas.NewRaster(func(int, int) image.Image {
		once.Do(func() {
			go fyne.Do(func() {
				w.Canvas().Overlays().Remove(probe)
				f()
			})
		})

		return image.NewUniform(color.Transparent)
	})
	raster.Resize(fyne.NewSize(1, 1))

	probe = container.NewWithoutLayout(raster)
	w.Canvas().Overlays().Add(probe)
}
