package ui

import (
	"context"
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

	// offered are the reasons the reason box lists, as shown.
	offered    []string
	reason     *widget.SelectEntry
	competitor *widget.Entry
	note       *widget.Entry
	form       *dialog.FormDialog
}

// closeReasonReader is the store access that gives the close dialog the
// configured reasons.
type closeReasonReader interface {
	CloseReasons(ctx context.Context) (app.CloseReasons, error)
}

// openCloseDialog shows the won or lost dialog at once with the default
// reasons and, when store is a closeReasonReader, replaces them with the
// configured ones as soon as the store has read them. A failed read is
// logged and leaves the defaults, because the person may still type a
// reason.
func openCloseDialog(window fyne.Window, store any, do uiRunner, reporter errorReporter, won bool,
	onConfirm func(app.CloseRequest)) *closeDialog {
	d := showCloseDialog(window, won, app.DefaultCloseReasons().For(won), onConfirm)

	reader, ok := store.(closeReasonReader)
	if !ok {
		return d
	}

	go func() {
		reasons, err := reader.CloseReasons(context.Background())
		do(func() {
			if err != nil {
				reporter.logger.Error("read close reasons failed, offering the defaults", "err", err)
				return
			}
			d.setReasons(reasons.For(won))
		})
	}()

	return d
}

// showCloseDialog shows the won or lost dialog on window, offering
// reasons, and calls onConfirm on the UI goroutine with the request when
// the person confirms. Cancelling calls nothing.
func showCloseDialog(window fyne.Window, won bool, reasons []string, onConfirm func(app.CloseRequest)) *closeDialog {
	d := &closeDialog{won: won, onConfirm: onConfirm}

	d.reason = widget.NewSelectEntry(nil)
	d.setReasons(reasons)
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

// setReasons offers reasons in the reason box, showing each default
// reason in the person's language and any other reason as stored.
func (d *closeDialog) setReasons(reasons []string) {
	translated := defaultReasonTranslations()
	shown := make([]string, len(reasons))
	for i, r := range reasons {
		shown[i] = r
		if text, ok := translated[r]; ok {
			shown[i] = text
		}
	}

	d.offered = shown
	d.reason.SetOptions(shown)
}

// defaultReasonTranslations maps each reason of
// [app.DefaultCloseReasons] to its translation.
func defaultReasonTranslations() map[string]string {
	return map[string]string{
		"Best price":            lang.L("Best price"),
		"Best product fit":      lang.L("Best product fit"),
		"Existing relationship": lang.L("Existing relationship"),
		"Fastest delivery":      lang.L("Fastest delivery"),
		"Price too high":        lang.L("Price too high"),
		"Chose a competitor":    lang.L("Chose a competitor"),
		"No budget":             lang.L("No budget"),
		"No decision made":      lang.L("No decision made"),
		"Wrong timing":          lang.L("Wrong timing"),
		"Requirements not met":  lang.L("Requirements not met"),
	}
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
