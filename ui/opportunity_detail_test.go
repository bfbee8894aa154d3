package ui

import (
	"context"
	"strconv"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"leadwerk/app"
	"leadwerk/app/demo"
	"leadwerk/data"
)

// openDealDetail loads the demo data into a fresh database and shows the
// detail of its first open deal, with notes "Old note", in a window.
func openDealDetail(t *testing.T) (*opportunityDetail, *data.Store, *uiQueue) {
	t.Helper()

	ctx := context.Background()
	store := openStore(t)
	batch := demo.Generate(demo.DefaultSeed, app.DateOf(time.Now()))
	if _, err := store.LoadDemo(ctx, batch, nil); err != nil {
		t.Fatalf("load demo: %v", err)
	}

	rows, err := store.ListOpportunities(ctx, app.OpportunityQuery{Sort: app.SortByTitle, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	var id int64
	for _, r := range rows {
		if r.StageKind == app.StageOpen {
			id = r.ID
			break
		}
	}
	if id == 0 {
		t.Fatal("the demo data has no open deal")
	}

	deal, err := store.Opportunity(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	deal.Notes = "Old note"
	if _, err := store.UpdateOpportunity(ctx, deal.Opportunity); err != nil {
		t.Fatal(err)
	}

	a := test.NewTempApp(t)
	a.Settings().SetTheme(theme.DefaultTheme())
	window := a.NewWindow("detail")
	t.Cleanup(window.Close)

	queue := newUIQueue()
	d := newOpportunityDetail(store, queue.do, errorReporter{window: window, logger: discardLogger()}, "en")
	window.SetContent(d.content)
	window.Resize(fyne.NewSize(1100, 850))
	window.Show()

	d.show(id)
	queue.waitFor(t, "the detail", func() bool { return d.deal.ID == id && len(d.stages) > 0 })

	return d, store, queue
}

// waitForDeal runs queued functions until the shown deal meets done and
// no change is being stored.
func waitForDeal(t *testing.T, queue *uiQueue, d *opportunityDetail, what string, done func(app.OpportunityDetail) bool) {
	t.Helper()

	queue.waitFor(t, what, func() bool { return !d.busy && done(d.deal) })
}

// stageOfKind returns the index of the first stage of kind other than
// the deal's own stage.
func stageOfKind(t *testing.T, d *opportunityDetail, kind app.StageKind) int {
	t.Helper()

	for i, s := range d.stages {
		if s.Kind == kind && s.ID != d.deal.StageID {
			return i
		}
	}
	t.Fatalf("the pipeline has no other %s stage", kind)

	return -1
}

func TestOpportunityFormSavesZeroValues(t *testing.T) {
	d, store, queue := openDealDetail(t)
	c := d.controls

	c.probability.SetText("0")
	test.Tap(c.setByHand)
	waitForDeal(t, queue, d, "0 % by hand", func(o app.OpportunityDetail) bool {
		return o.Probability == 0 && o.ProbabilityManual
	})

	test.Tap(c.edit)
	form := c.editing
	form.notes.SetText("")
	form.amount.SetText("0")
	if form.saveButton.Disabled() {
		t.Fatal("Save is disabled for a valid form")
	}
	test.Tap(form.saveButton)
	waitForDeal(t, queue, d, "the saved form", func(o app.OpportunityDetail) bool { return o.Notes == "" })

	stored, err := store.Opportunity(context.Background(), d.deal.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Notes != "" {
		t.Errorf("notes = %q, want empty", stored.Notes)
	}
	if stored.Amount.Minor != 0 {
		t.Errorf("amount = %v, want 0", stored.Amount)
	}
	if stored.Probability != 0 || !stored.ProbabilityManual {
		t.Errorf("probability = %d (by hand %v), want 0 by hand", stored.Probability, stored.ProbabilityManual)
	}
	if !findLabelContaining(d.changes, "Notes: Old note → (empty)") {
		t.Error("the field changes do not show the cleared note")
	}
}

func TestOpportunityFormDisablesSaveWhileInvalid(t *testing.T) {
	d, _, _ := openDealDetail(t)
	test.Tap(d.controls.edit)
	form := d.controls.editing

	cases := []struct {
		name  string
		entry func() interface{ SetText(string) }
		text  string
	}{
		{"empty title", func() interface{ SetText(string) } { return form.title }, " "},
		{"amount not a number", func() interface{ SetText(string) } { return form.amount }, "12,5x"},
		{"negative amount", func() interface{ SetText(string) } { return form.amount }, "-5"},
		{"short currency", func() interface{ SetText(string) } { return form.currency }, "EU"},
		{"day not in calendar", func() interface{ SetText(string) } { return form.closeDate }, "2026-02-30"},
		{"budget not a number", func() interface{ SetText(string) } { return form.budget }, "lots"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			form.fill()
			if form.saveButton.Disabled() {
				t.Fatal("Save is disabled before the change")
			}

			tc.entry().SetText(tc.text)
			if !form.saveButton.Disabled() {
				t.Errorf("Save is enabled with %q", tc.text)
			}
		})
	}

	form.fill()
	form.amount.SetText("12,500.50")
	form.closeDate.SetText("2026-03-31")
	if form.saveButton.Disabled() {
		t.Error("Save is disabled after the fields were corrected")
	}
}

func TestOpportunityStageChangeTakesDefaultProbability(t *testing.T) {
	d, _, queue := openDealDetail(t)
	c := d.controls

	c.probability.SetText("33")
	test.Tap(c.setByHand)
	waitForDeal(t, queue, d, "33 % by hand", func(o app.OpportunityDetail) bool { return o.ProbabilityManual })

	target := d.stages[stageOfKind(t, d, app.StageOpen)]
	c.stage.SetSelectedIndex(stageOfKind(t, d, app.StageOpen))
	waitForDeal(t, queue, d, "the new stage", func(o app.OpportunityDetail) bool { return o.StageID == target.ID })

	if d.deal.Probability != target.Probability {
		t.Errorf("probability = %d, want the stage default %d", d.deal.Probability, target.Probability)
	}
	if d.deal.ProbabilityManual {
		t.Error("probability is still marked as set by hand")
	}
	if c.probability.Text != strconv.Itoa(target.Probability) {
		t.Errorf("probability entry = %q, want %d", c.probability.Text, target.Probability)
	}
}

func TestOpportunityProbabilityByHandAndReset(t *testing.T) {
	d, _, queue := openDealDetail(t)
	c := d.controls
	stageDefault := d.deal.Stage.Probability

	if c.manualMark.Visible() {
		t.Fatal("the set-by-hand mark shows before any probability was typed")
	}

	c.probability.SetText("37 %")
	test.Tap(c.setByHand)
	waitForDeal(t, queue, d, "37 % by hand", func(o app.OpportunityDetail) bool { return o.Probability == 37 })

	if !d.deal.ProbabilityManual {
		t.Error("a typed probability is not marked as set by hand")
	}
	if !c.manualMark.Visible() {
		t.Error("the set-by-hand mark is hidden")
	}
	if c.reset.Disabled() {
		t.Error("Reset is disabled for a probability set by hand")
	}

	test.Tap(c.reset)
	waitForDeal(t, queue, d, "the reset", func(o app.OpportunityDetail) bool { return !o.ProbabilityManual })

	if d.deal.Probability != stageDefault {
		t.Errorf("probability = %d, want the stage default %d", d.deal.Probability, stageDefault)
	}
	if c.manualMark.Visible() {
		t.Error("the set-by-hand mark still shows after the reset")
	}
	if !c.reset.Disabled() {
		t.Error("Reset is enabled for the stage default")
	}
}

func TestOpportunityLostNeedsReason(t *testing.T) {
	d, _, queue := openDealDetail(t)
	c := d.controls

	test.Tap(c.lost)
	c.closing.form.Submit()
	if d.busy {
		t.Fatal("the deal is being closed as lost without a reason")
	}

	c.closing.reason.SetText("Price too high")
	c.closing.competitor.SetText("Rival GmbH")
	c.closing.form.Submit()
	waitForDeal(t, queue, d, "the lost deal", func(o app.OpportunityDetail) bool { return o.Stage.Kind == app.StageLost })

	if d.deal.CloseReason != "Price too high" {
		t.Errorf("close reason = %q, want %q", d.deal.CloseReason, "Price too high")
	}
	if d.deal.Probability != 0 {
		t.Errorf("probability = %d, want 0 for a lost deal", d.deal.Probability)
	}
	if !findLabel(d.fields, "Rival GmbH") {
		t.Error("the detail does not show the competitor")
	}
	if !c.probability.Disabled() {
		t.Error("the probability of a lost deal can be edited")
	}
	if c.reopen.Hidden {
		t.Error("Reopen is hidden for a lost deal")
	}
}

func TestOpportunityLostStageOpensCloseDialog(t *testing.T) {
	d, _, _ := openDealDetail(t)
	c := d.controls
	stageID := d.deal.StageID

	c.stage.SetSelectedIndex(stageOfKind(t, d, app.StageLost))

	if c.closing == nil || c.closing.won {
		t.Fatal("choosing the lost stage did not open the lost dialog")
	}
	if d.busy {
		t.Error("choosing the lost stage stores a move before the dialog is confirmed")
	}
	if c.stage.SelectedIndex() != stageIndex(d.stages, stageID) {
		t.Error("the stage choice does not show the stored stage while the dialog is open")
	}
}

func TestOpportunityReopen(t *testing.T) {
	d, store, queue := openDealDetail(t)
	c := d.controls
	id := d.deal.ID

	err := store.CloseOpportunity(context.Background(), id, app.CloseRequest{Won: false, Reason: "No budget"})
	if err != nil {
		t.Fatal(err)
	}
	d.show(id)
	waitForDeal(t, queue, d, "the lost deal", func(o app.OpportunityDetail) bool { return o.Stage.Kind == app.StageLost })

	test.Tap(c.reopen)
	open := openStages(d.stages)
	c.reopenChoice.SetSelectedIndex(len(open) - 1)
	test.Tap(c.reopenConfirm)
	target := open[len(open)-1]
	waitForDeal(t, queue, d, "the reopened deal", func(o app.OpportunityDetail) bool { return o.StageID == target.ID })

	if d.deal.Probability != target.Probability {
		t.Errorf("probability = %d, want the stage default %d", d.deal.Probability, target.Probability)
	}
	if d.deal.CloseReason != "" {
		t.Errorf("close reason = %q, want it cleared", d.deal.CloseReason)
	}
	if c.stage.Disabled() {
		t.Error("the stage of a reopened deal cannot be changed")
	}
}

// TestDealControlsFitNarrowGermanPanel shows a deal with a probability
// set by hand in a German panel as narrow as the detail beside the list
// in a 1280 pixel wide window.
func TestDealControlsFitNarrowGermanPanel(t *testing.T) {
	useGerman(t)
	d, _, queue := openDealDetail(t)
	c := d.controls
	c.probability.SetText("35")
	test.Tap(c.setByHand)
	waitForDeal(t, queue, d, "35 % by hand", func(o app.OpportunityDetail) bool { return o.ProbabilityManual })

	const panelWidth = 340
	if got := c.form.MinSize().Width; got > panelWidth {
		t.Errorf("stage and probability controls need %.0f pixels, wider than a %d pixel panel", got, panelWidth)
	}
	if c.reset.Text != "Auf Phasenwert zurücksetzen" {
		t.Errorf("reset button reads %q, want the German label", c.reset.Text)
	}
	if !c.manualMark.Visible() {
		t.Error("the set-by-hand mark is hidden for a probability set by hand")
	}
}

// TestOpportunityFormProblemKeepsFieldsInPlace shows a close date problem
// long enough to wrap and checks that the fields below keep their place
// and that the problem names its field.
func TestOpportunityFormProblemKeepsFieldsInPlace(t *testing.T) {
	d, _, _ := openDealDetail(t)
	test.Tap(d.controls.edit)
	form := d.controls.editing
	form.fields.Refresh()
	owner, budget := form.owner.Position(), form.budget.Position()

	form.closeDate.SetText("2027-02-31")
	form.fields.Refresh()

	problem := form.problems[formFieldCloseDate]
	if !problem.Visible() || problem.Text == "" {
		t.Fatalf("close date problem %q shown %v, want a shown problem", problem.Text, problem.Visible())
	}
	if name := form.problemNames[formFieldCloseDate]; !name.Visible() || name.Text != "Close date" {
		t.Errorf("problem names field %q (shown %v), want Close date", name.Text, name.Visible())
	}
	if got := form.owner.Position(); got != owner {
		t.Errorf("Owner moved from %v to %v when the problem showed", owner, got)
	}
	if got := form.budget.Position(); got != budget {
		t.Errorf("Customer budget moved from %v to %v when the problem showed", budget, got)
	}
}

func TestOpportunityFormEmptyBudgetRecordsNothing(t *testing.T) {
	d, store, queue := openDealDetail(t)
	if d.deal.CustomerBudget != (app.Money{}) {
		t.Fatalf("the deal has the budget %s, want none", d.deal.CustomerBudget)
	}
	test.Tap(d.controls.edit)
	form := d.controls.editing

	if o, _ := form.opportunity(); o.CustomerBudget != (app.Money{}) {
		t.Errorf("untouched empty budget reads as %#v, want unknown", o.CustomerBudget)
	}

	form.notes.SetText("New note")
	test.Tap(form.saveButton)
	waitForDeal(t, queue, d, "the saved form", func(o app.OpportunityDetail) bool { return o.Notes == "New note" })

	changes, err := store.FieldChanges(context.Background(), d.deal.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range changes {
		if c.Field == "customer_budget" {
			t.Errorf("budget change %q → %q recorded for an untouched empty budget", c.Old, c.New)
		}
	}
}
