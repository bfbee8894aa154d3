package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// longTask is an import-like job that reports progress and stops when ctx
// is cancelled.
type longTask func(ctx context.Context, progress app.Progress) (app.ImportResult, error)

// progressDialog shows a running longTask with a progress bar and a
// Cancel button.
type progressDialog struct {
	do     uiRunner
	cancel context.CancelFunc

	message      *widget.Label
	bar          *widget.ProgressBar
	cancelButton *widget.Button
	dialog       *dialog.CustomDialog
}

// runWithProgress starts task in a goroutine and shows its progress in a
// modal dialog. When the task ends, the dialog closes and done runs on
// the UI goroutine.
func runWithProgress(window fyne.Window, do uiRunner, title string, task longTask,
	done func(app.ImportResult, error)) *progressDialog {
	ctx, cancel := context.WithCancel(context.Background())
	p := &progressDialog{do: do, cancel: cancel}

	p.message = widget.NewLabel(lang.L("Working…"))
	p.bar = widget.NewProgressBar()
	p.cancelButton = widget.NewButton(lang.L("Cancel"), p.onCancelTapped)
	content := container.NewVBox(p.message, p.bar, container.NewCenter(p.cancelButton))
	p.dialog = dialog.NewCustomWithoutButtons(title, content, window)
	p.dialog.Resize(fyne.NewSize(420, 0))
	p.dialog.Show()

	go func() {
		result, err := task(ctx, p.progress())
		do(func() {
			cancel()
			p.dialog.Hide()
			done(result, err)
		})
	}()

	return p
}

// progress returns the callback the task calls. It moves the bar only
// when the whole percentage changes, so a task of 100,000 items does not
// queue 100,000 UI updates. The task calls it from a single goroutine.
func (p *progressDialog) progress() app.Progress {
	last := -1

	return func(done, total int) {
		if total <= 0 {
			return
		}

		percent := done * 100 / total
		if percent == last {
			return
		}

		last = percent
		p.do(func() {
			p.message.SetText(lang.L("Saving records…"))
			p.bar.SetValue(float64(done) / float64(total))
		})
	}
}

func (p *progressDialog) onCancelTapped() {
	p.cancel()
	p.cancelButton.Disable()
	p.message.SetText(lang.L("Cancelling…"))
}
