package ui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// closeDialog asks how a deal closes: the reason, the competitor who won
// it instead (or, for a won deal, the competitor beaten) and a note. A
// lost deal cannot be confirmed without a reason, because
// [app.CheckClose] rejects it. Escape cancels the dialog.
type closeDialog struct {
	won       bool
	onConfirm func(app.CloseRequest)
	window    fyne.Window
	// windowOnTypedKey is the window's key handler from before the dialog
	// set its own, put back when the dialog closes.
	windowOnTypedKey func(*fyne.KeyEvent)

	// offered are the reasons the reason box lists, as shown.
	offered []string
	reason  *escapeSelectEntry
	// competitors are the deal's competitors that the competitor box
	// lists, valid once competitorsLoaded is set.
	competitors       []app.Competitor
	competitorsLoaded bool
	competitor        *escapeSelectEntry
	competitorHint    *widget.Label
	note              *keyEntry
	form              *dialog.FormDialog
}

// closeDialogWidth is the width of the won and lost dialog; its height
// follows the content.
const closeDialogWidth = 460

// closeReasonReader is the store access that gives the close dialog the
// configured reasons.
type closeReasonReader interface {
	CloseReasons(ctx context.Context) (app.CloseReasons, error)
}

// competitorReader is the store access that gives the close dialog the
// deal's competitors.
type competitorReader interface {
	Competitors(ctx context.Context, oppID int64) ([]app.Competitor, error)
}

// openCloseDialog shows the won or lost dialog for a deal whose
// competitors it does not list. The competitor is typed by name, which
// the store matches against the deal's competitors.
func openCloseDialog(window fyne.Window, store any, do uiRunner, reporter errorReporter, won bool,
	onConfirm func(app.CloseRequest)) *closeDialog {
	return openDealCloseDialog(window, store, do, reporter, 0, won, onConfirm)
}

// openDealCloseDialog shows the won or lost dialog for deal dealID at once
// with the default reasons. When store is a closeReasonReader, the
// configured reasons replace the defaults as soon as the store has read
// them. When dealID is set and store is a competitorReader, the
// competitor box lists the deal's competitors. A failed read is logged
// and leaves the box as it was, because the person may still type.
func openDealCloseDialog(window fyne.Window, store any, do uiRunner, reporter errorReporter, dealID int64,
	won bool, onConfirm func(app.CloseRequest)) *closeDialog {
	d := showCloseDialog(window, won, app.DefaultCloseReasons().For(won), onConfirm)

	if reader, ok := store.(closeReasonReader); ok {
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
	}

	if reader, ok := store.(competitorReader); ok && dealID != 0 {
		go func() {
			competitors, err := reader.Competitors(context.Background(), dealID)
			do(func() {
				if err != nil {
					reporter.logger.Error("read competitors failed, offering none", "opportunity", dealID, "err", err)
					return
				}
				d.setCompetitors(competitors)
			})
		}()
	}

	return d
}

// showCloseDialog shows the won or lost dialog on window, offering
// reasons, and calls onConfirm on the UI goroutine with the request when
// the person confirms. Cancelling calls nothing.
func showCloseDialog(window fyne.Window, won bool, reasons []string, onConfirm func(app.CloseRequest)) *closeDialog {
	d := &closeDialog{won: won, onConfirm: onConfirm, window: window}

	d.reason = newEscapeSelectEntry(d.cancel)
	d.setReasons(reasons)
	d.competitor = newEscapeSelectEntry(d.cancel)
	d.competitor.OnChanged = func(string) { d.updateCompetitorHint() }
	d.competitorHint = widget.NewLabel("")
	d.competitorHint.Wrapping = fyne.TextWrapWord
	d.competitorHint.Hide()
	d.note = newKeyEntry(d.cancel)
	d.note.MultiLine = true
	d.note.Wrapping = fyne.TextWrapWord
	d.note.SetMinRowsVisible(3)

	reasonLabel := lang.L("Reason")
	if !won {
		reasonLabel = lang.L("Reason (required)")
		d.reason.Validator = requireReason
	}

	items := []*widget.FormItem{
		widget.NewFormItem(reasonLabel, d.reason),
		widget.NewFormItem(lang.L("Competitor who won"), container.NewVBox(d.competitor, d.competitorHint)),
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
	d.fitHeight()
	d.form.Show()
	d.catchEscape()
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

// setCompetitors offers the deal's competitors in the competitor box.
func (d *closeDialog) setCompetitors(competitors []app.Competitor) {
	d.competitors = competitors
	d.competitorsLoaded = true

	names := make([]string, len(competitors))
	for i, c := range competitors {
		names[i] = c.Name
	}
	d.competitor.SetOptions(names)
	if len(names) > 0 {
		d.competitor.SetPlaceHolder(lang.L("Choose from the deal's competitors or type a name"))
	}

	d.updateCompetitorHint()
}

// updateCompetitorHint shows under the competitor box what closing does
// to the competitor chosen or typed. The hint stays hidden while the
// deal's competitors are unknown, because the store then decides whether
// a typed name is listed.
func (d *closeDialog) updateCompetitorHint() {
	name := strings.TrimSpace(d.competitor.Text)
	if !d.competitorsLoaded || name == "" {
		d.competitorHint.Hide()
		d.fitHeight()
		return
	}

	status := competitorStatusLabel(app.CompetitorStatusOnClose(d.won))
	if found, listed := app.FindCompetitor(d.competitors, name); listed {
		d.competitorHint.SetText(lang.X("close.competitor.listed", "Closing sets the status of {{.Name}} to “{{.Status}}”.",
			map[string]any{"Name": found.Name, "Status": status}))
	} else {
		d.competitorHint.SetText(lang.X("close.competitor.new",
			"{{.Name}} is not among the deal's competitors yet. Closing adds it with the status “{{.Status}}”.",
			map[string]any{"Name": name, "Status": status}))
	}
	d.competitorHint.Show()
	d.fitHeight()
}

// fitHeight grows or shrinks the dialog to the height of its content,
// which changes as the competitor hint appears and wraps.
func (d *closeDialog) fitHeight() {
	if d.form != nil {
		d.form.Resize(fyne.NewSize(closeDialogWidth, 0))
	}
}

// catchEscape cancels the dialog on Escape while no field has the focus.
// The desktop driver sends keys to the window only in that case, so each
// field reports Escape itself.
func (d *closeDialog) catchEscape() {
	canvas := d.window.Canvas()
	d.windowOnTypedKey = canvas.OnTypedKey()
	canvas.SetOnTypedKey(func(key *fyne.KeyEvent) {
		if key.Name == fyne.KeyEscape {
			d.cancel()
			return
		}

		if d.windowOnTypedKey != nil {
			d.windowOnTypedKey(key)
		}
	})
}

// cancel closes the dialog without confirming it, as Cancel does.
func (d *closeDialog) cancel() {
	d.form.Hide()
}

func (d *closeDialog) onClosed(confirmed bool) {
	d.window.Canvas().SetOnTypedKey(d.windowOnTypedKey)
	if !confirmed {
		return
	}

	d.onConfirm(d.request())
}

// request returns what the person entered. A competitor name that
// [app.FindCompetitor] finds among the listed competitors chooses that
// competitor by id.
func (d *closeDialog) request() app.CloseRequest {
	r := app.CloseRequest{
		Won:        d.won,
		Reason:     strings.TrimSpace(d.reason.Text),
		Competitor: strings.TrimSpace(d.competitor.Text),
		Note:       strings.TrimSpace(d.note.Text),
	}

	if found, ok := app.FindCompetitor(d.competitors, r.Competitor); ok {
		r.CompetitorID, r.Competitor = found.ID, found.Name
	}

	return r
}

func requireReason(text string) error {
	if strings.TrimSpace(text) == "" {
		return errors.New(lang.L("Enter the reason."))
	}

	return nil
}

// escapeSelectEntry is a widget.SelectEntry that reports Escape, which
// the entry ignores, so the dialog around it can close on it.
type escapeSelectEntry struct {
	widget.SelectEntry

	onEscape func()
}

func newEscapeSelectEntry(onEscape func()) *escapeSelectEntry {
	e := &escapeSelectEntry{onEscape: onEscape}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)

	return e
}

// TypedKey implements fyne.Focusable.
func (e *escapeSelectEntry) TypedKey(key *fyne.KeyEvent) {
	if key.Name == fyne.KeyEscape {
		e.onEscape()
		return
	}

	e.SelectEntry.TypedKey(key)
}
