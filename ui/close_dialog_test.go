package ui

import (
	"context"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"leadwerk/app"
)

func TestDefaultCloseReasonsAreTranslated(t *testing.T) {
	translated := defaultReasonTranslations()
	defaults := app.DefaultCloseReasons()
	for _, r := range append(defaults.Won, defaults.Lost...) {
		if _, ok := translated[r]; !ok {
			t.Errorf("default close reason %q has no translation", r)
		}
	}
}

func TestCloseDialogOffersConfiguredReasons(t *testing.T) {
	store := openStore(t)
	reasons := app.CloseReasons{Won: []string{"Great demo"}, Lost: []string{"Went in-house", "Budget frozen"}}
	if err := store.SaveCloseReasons(context.Background(), reasons); err != nil {
		t.Fatal(err)
	}

	a := test.NewTempApp(t)
	window := a.NewWindow("close")
	window.Resize(fyne.NewSize(800, 600))
	t.Cleanup(window.Close)
	queue := newUIQueue()
	reporter := errorReporter{window: window, logger: discardLogger()}

	var confirmed []app.CloseRequest
	d := openCloseDialog(window, store, queue.do, reporter, false, func(r app.CloseRequest) {
		confirmed = append(confirmed, r)
	})
	queue.waitFor(t, "the configured lost reasons", func() bool { return slices.Equal(d.offered, reasons.Lost) })

	d.form.Submit()
	if len(confirmed) != 0 {
		t.Fatal("the lost dialog confirmed without a reason")
	}

	d.reason.SetText("Budget frozen")
	d.form.Submit()
	if len(confirmed) != 1 || confirmed[0].Reason != "Budget frozen" {
		t.Errorf("confirmed = %+v, want one request with reason Budget frozen", confirmed)
	}

	won := openCloseDialog(window, store, queue.do, reporter, true, func(app.CloseRequest) {})
	queue.waitFor(t, "the configured won reasons", func() bool { return slices.Equal(won.offered, reasons.Won) })
}

func TestCloseReasonsDialogSaves(t *testing.T) {
	store := openStore(t)
	a := test.NewTempApp(t)
	window := a.NewWindow("settings")
	window.Resize(fyne.NewSize(900, 700))
	t.Cleanup(window.Close)
	queue := newUIQueue()
	reporter := errorReporter{window: window, logger: discardLogger()}

	d := newCloseReasonsDialog(store, window, queue.do, reporter, app.DefaultCloseReasons())
	d.dialog.Show()

	d.lost.SetText("  \n")
	if !d.saveButton.Disabled() {
		t.Error("Save is enabled with an empty lost list")
	}
	if d.problem.Text != "Enter at least one reason for lost deals." {
		t.Errorf("problem = %q, want the empty lost list message", d.problem.Text)
	}

	d.lost.SetText("Too expensive\n\nNo fit\n")
	d.won.SetText("")
	test.Tap(d.saveButton)
	queue.waitFor(t, "the dialog to close", func() bool { return window.Canvas().Overlays().Top() == nil })

	got, err := store.CloseReasons(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Lost, []string{"Too expensive", "No fit"}) {
		t.Errorf("stored lost reasons = %q, want [Too expensive No fit]", got.Lost)
	}
	if len(got.Won) != 0 {
		t.Errorf("stored won reasons = %q, want none", got.Won)
	}
}
