package ui

import (
	"context"
	"maps"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"leadwerk/app"
	"leadwerk/data"
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

// addDealCompetitors stores the active competitors Initech and Globex on
// the shown deal.
func addDealCompetitors(t *testing.T, store *data.Store, dealID int64) {
	t.Helper()

	for _, name := range []string{"Initech", "Globex"} {
		_, err := store.SaveCompetitor(context.Background(), app.Competitor{OpportunityID: dealID, Name: name,
			Status: app.CompetitorActive})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// storedCompetitorStatuses returns the status of each competitor of deal
// dealID by name.
func storedCompetitorStatuses(t *testing.T, store *data.Store, dealID int64) map[string]app.CompetitorStatus {
	t.Helper()

	list, err := store.Competitors(context.Background(), dealID)
	if err != nil {
		t.Fatal(err)
	}

	statuses := map[string]app.CompetitorStatus{}
	for _, c := range list {
		statuses[c.Name] = c.Status
	}

	return statuses
}

// openLostDialog taps Lost on the detail panel and waits until the dialog
// lists the deal's competitors.
func openLostDialog(t *testing.T, d *opportunityDetail, queue *uiQueue) *closeDialog {
	t.Helper()

	test.Tap(d.controls.lost)
	dialog := d.controls.closing
	queue.waitFor(t, "the deal's competitors", func() bool { return dialog.competitorsLoaded })

	return dialog
}

func TestCloseDialogLostToListedCompetitor(t *testing.T) {
	d, store, queue := openDealDetail(t)
	addDealCompetitors(t, store, d.deal.ID)

	dialog := openLostDialog(t, d, queue)
	var listed []string
	for _, c := range dialog.competitors {
		listed = append(listed, c.Name)
	}
	if !slices.Equal(listed, []string{"Globex", "Initech"}) {
		t.Errorf("listed competitors = %q, want [Globex Initech]", listed)
	}
	if dialog.competitorHint.Visible() {
		t.Error("the competitor hint shows before a competitor is chosen")
	}

	dialog.reason.SetText("Price too high")
	dialog.competitor.SetText("Initech")
	if want := "Closing sets the status of Initech to “won the deal”."; dialog.competitorHint.Text != want {
		t.Errorf("competitor hint = %q, want %q", dialog.competitorHint.Text, want)
	}
	dialog.form.Submit()
	waitForDeal(t, queue, d, "the lost deal", func(o app.OpportunityDetail) bool { return o.Stage.Kind == app.StageLost })

	want := map[string]app.CompetitorStatus{"Initech": app.CompetitorWonDeal, "Globex": app.CompetitorActive}
	if got := storedCompetitorStatuses(t, store, d.deal.ID); !maps.Equal(got, want) {
		t.Errorf("competitor statuses = %v, want %v", got, want)
	}
	if d.deal.CloseCompetitor != "Initech" {
		t.Errorf("close competitor = %q, want Initech", d.deal.CloseCompetitor)
	}
}

func TestCloseDialogNamesNewCompetitor(t *testing.T) {
	d, store, queue := openDealDetail(t)
	addDealCompetitors(t, store, d.deal.ID)

	dialog := openLostDialog(t, d, queue)
	dialog.reason.SetText("Chose a competitor")
	dialog.competitor.SetText("Hooli")
	want := "Hooli is not among the deal's competitors yet. Closing adds it with the status “won the deal”."
	if dialog.competitorHint.Text != want || !dialog.competitorHint.Visible() {
		t.Errorf("competitor hint = %q (shown %v), want %q", dialog.competitorHint.Text,
			dialog.competitorHint.Visible(), want)
	}
	dialog.form.Submit()
	waitForDeal(t, queue, d, "the lost deal", func(o app.OpportunityDetail) bool { return o.Stage.Kind == app.StageLost })

	wantStatuses := map[string]app.CompetitorStatus{
		"Initech": app.CompetitorActive, "Globex": app.CompetitorActive, "Hooli": app.CompetitorWonDeal,
	}
	if got := storedCompetitorStatuses(t, store, d.deal.ID); !maps.Equal(got, wantStatuses) {
		t.Errorf("competitor statuses = %v, want %v", got, wantStatuses)
	}
}

func TestCloseDialogWonEliminatesBeaten(t *testing.T) {
	d, store, queue := openDealDetail(t)
	addDealCompetitors(t, store, d.deal.ID)

	test.Tap(d.controls.won)
	dialog := d.controls.closing
	queue.waitFor(t, "the deal's competitors", func() bool { return dialog.competitorsLoaded })
	dialog.competitor.SetText("globex")
	if want := "Closing sets the status of Globex to “eliminated”."; dialog.competitorHint.Text != want {
		t.Errorf("competitor hint = %q, want %q", dialog.competitorHint.Text, want)
	}
	dialog.form.Submit()
	waitForDeal(t, queue, d, "the won deal", func(o app.OpportunityDetail) bool { return o.Stage.Kind == app.StageWon })

	want := map[string]app.CompetitorStatus{"Initech": app.CompetitorActive, "Globex": app.CompetitorEliminated}
	if got := storedCompetitorStatuses(t, store, d.deal.ID); !maps.Equal(got, want) {
		t.Errorf("competitor statuses = %v, want %v", got, want)
	}
}

func TestCloseDialogReopenReactivatesWinner(t *testing.T) {
	d, store, queue := openDealDetail(t)
	addDealCompetitors(t, store, d.deal.ID)
	c := d.controls

	dialog := openLostDialog(t, d, queue)
	dialog.reason.SetText("Price too high")
	dialog.competitor.SetText("Initech")
	dialog.form.Submit()
	waitForDeal(t, queue, d, "the lost deal", func(o app.OpportunityDetail) bool { return o.Stage.Kind == app.StageLost })

	test.Tap(c.reopen)
	test.Tap(c.reopenConfirm)
	waitForDeal(t, queue, d, "the reopened deal", func(o app.OpportunityDetail) bool { return o.Stage.Kind == app.StageOpen })

	want := map[string]app.CompetitorStatus{"Initech": app.CompetitorActive, "Globex": app.CompetitorActive}
	if got := storedCompetitorStatuses(t, store, d.deal.ID); !maps.Equal(got, want) {
		t.Errorf("competitor statuses after reopening = %v, want %v", got, want)
	}
}

func TestCloseDialogWithoutDealTypesName(t *testing.T) {
	a := test.NewTempApp(t)
	window := a.NewWindow("close")
	window.Resize(fyne.NewSize(800, 600))
	t.Cleanup(window.Close)

	var confirmed []app.CloseRequest
	d := showCloseDialog(window, false, []string{"No budget"}, func(r app.CloseRequest) {
		confirmed = append(confirmed, r)
	})
	d.reason.SetText("No budget")
	d.competitor.SetText(" Initech ")
	if d.competitorHint.Visible() {
		t.Error("the competitor hint shows without the deal's competitors")
	}
	d.form.Submit()

	if len(confirmed) != 1 {
		t.Fatalf("confirmed %d requests, want 1", len(confirmed))
	}
	if confirmed[0].Competitor != "Initech" || confirmed[0].CompetitorID != 0 {
		t.Errorf("request competitor = %q (id %d), want the typed name Initech", confirmed[0].Competitor,
			confirmed[0].CompetitorID)
	}
}

// TestCloseDialogEscapeCancels presses Escape in each field of the lost
// dialog and on the window with no field focused.
func TestCloseDialogEscapeCancels(t *testing.T) {
	cases := []struct {
		name  string
		focus func(d *closeDialog) fyne.Focusable
	}{
		{"reason", func(d *closeDialog) fyne.Focusable { return d.reason }},
		{"competitor", func(d *closeDialog) fyne.Focusable { return d.competitor }},
		{"note", func(d *closeDialog) fyne.Focusable { return d.note }},
		{"no field", func(*closeDialog) fyne.Focusable { return nil }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := test.NewTempApp(t)
			window := a.NewWindow("close")
			window.Resize(fyne.NewSize(800, 600))
			t.Cleanup(window.Close)
			confirmed := 0
			d := showCloseDialog(window, false, []string{"No budget"}, func(app.CloseRequest) { confirmed++ })
			d.reason.SetText("No budget")

			canvas := window.Canvas()
			if field := tc.focus(d); field != nil {
				canvas.Focus(field)
			} else {
				canvas.Unfocus()
			}
			// The desktop driver sends a key to the focused widget, or
			// to the canvas when no widget has the focus.
			if focused := canvas.Focused(); focused != nil {
				focused.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
			} else if onKey := canvas.OnTypedKey(); onKey != nil {
				onKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
			}

			if canvas.Overlays().Top() != nil {
				t.Error("the dialog is still shown after Escape")
			}
			if confirmed != 0 {
				t.Errorf("Escape confirmed the dialog %d times, want never", confirmed)
			}
			if canvas.OnTypedKey() != nil {
				t.Error("the window keeps the dialog's key handler after the dialog closed")
			}
		})
	}
}
