package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// closeDialog asks how a deal closes: the reason, the competitor who won
// it instead and a note. A lost deal cannot be confirmed without a
// reason, because [app.CheckClose] rejects it.
type closeDialog struct {
	won       bool
	onConfirm func(app.CloseRequest)

	reason     *widget.SelectEntry
	competitor *widget.Entry
	note       *widget.Entry
	form       *dialog.FormDialog
}

// showCloseDialog shows the won or lost dialog on window and calls
// onConfirm on the UI goroutine with the request when the person confirms.
// Cancelling calls nothing.
func showCloseDialog(window fyne.Window, won bool, onConfirm func(app.CloseRequest)) *closeDialog {
	d := &closeDialog{won: won, onConfirm: onConfirm}

	d.reason = widget.NewSelectEntry(closeReasons(won))
	d.competitor = widget.NewEntry()
	d.note = widget.NewMultiLineEntry()
	d.note.SetMinRowsVisible(3)

	reasonLabel := lang.L("Reason")
	if !won {
		reasonLabel = lang.L("Reason (required)")
		d.reason.Validator = requireReason
	}

	items := []*widget.FormItem{
		widget.NewFormItem(reasonLabel, d.reason),
		widget.NewFormItem(lang.L("Competitor who won"), d.competitor),
		widget.NewFormItem(lang.L("Note"), d.note),
	}
	if won {
		items[1].Text = lang.L("Competitor beaten")
	}

	title, confirm := lang.L("Close as lost"), lang.L("Close as lost")
	if won {
		title, confirm = lang.L("Close as won"), lang.L("Close as won")
	}

	d.form = dialog.NewForm(title, confirm, lang.L("Cancel"), items, d.onClosed, window)
	d.form.Resize(fyne.NewSize(460, 0))
	d.form.Show()
	window.Canvas().Focus(d.reason)

	return d
}

func (d *closeDialog) onClosed(confirmed bool) {
	if !confirmed {
		return
	}

	d.onConfirm(d.request())
}

func (d *closeDialog) request() app.CloseRequest {
	return app.CloseRequest{
		Won:        d.won,
		Reason:     strings.TrimSpace(d.reason.Text),
		Competitor: strings.TrimSpace(d.competitor.Text),
		Note:       strings.TrimSpace(d.note.Text),
	}
}

func requireReason(text string) error {
	if strings.TrimSpace(text) == "" {
		return errors.New(lang.L("Enter the reason."))
	}

	return nil
}

// closeReasons returns the reasons the dialog offers; the person may also
// type another one.
//
// NOTE: the list is fixed here until the settings store a configurable
// list of close reasons.
func closeReasons(won bool) []string {
	if won {
		return []string{
			lang.L("Best price"),
			lang.L("Best product fit"),
			lang.L("Existing relationship"),
			lang.L("Fastest delivery"),
		}
	}

	return []string{
		lang.L("Price too high"),
		lang.L("Chose a competitor"),
		lang.L("No budget"),
		lang.L("No decision made"),
		lang.L("Wrong timing"),
		lang.L("Requirements not met"),
	}
}
