package ui

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"leadwerk/app"
	"leadwerk/app/demo"
	"leadwerk/data"
)

// openPipelineTestDialog shows the sales process dialog on a fresh store
// with the demo data, whose one pipeline is app.DefaultPipeline. The
// returned flag turns true when the dialog reports a stored change.
func openPipelineTestDialog(t *testing.T) (*pipelineDialog, *data.Store, *uiQueue, *bool) {
	t.Helper()

	store := openStore(t)
	batch := demo.Generate(demo.DefaultSeed, app.DateOf(time.Now()))
	if _, err := store.LoadDemo(context.Background(), batch, nil); err != nil {
		t.Fatal(err)
	}
	pipelines, err := store.Pipelines(context.Background())
	if err != nil {
		t.Fatal(err)
	}

	a := test.NewTempApp(t)
	a.Settings().SetTheme(theme.DefaultTheme())
	window := a.NewWindow("Leadwerk")
	window.Resize(fyne.NewSize(1280, 800))
	window.Show()
	t.Cleanup(window.Close)

	queue := newUIQueue()
	reporter := errorReporter{window: window, logger: discardLogger()}
	d := newPipelineDialog(store, window, queue.do, reporter, pipelines)
	changed := false
	d.onSaved = func() { changed = true }
	d.dialog.Show()

	return d, store, queue, &changed
}

// rowNamed returns the row whose name entry shows name.
func (d *pipelineDialog) rowNamed(t *testing.T, name string) *stageRow {
	t.Helper()

	for _, r := range d.rows {
		if r.name.Text == name {
			return r
		}
	}
	t.Fatalf("no stage row named %q", name)

	return nil
}

func storedPipeline(t *testing.T, store *data.Store, index int) app.Pipeline {
	t.Helper()

	pipelines, err := store.Pipelines(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(pipelines) <= index {
		t.Fatalf("%d pipelines stored, want more than %d", len(pipelines), index)
	}

	return pipelines[index]
}

func stageNames(p app.Pipeline) string {
	names := make([]string, len(p.Stages))
	for i, st := range p.Stages {
		names[i] = st.Name
	}

	return strings.Join(names, ", ")
}

func TestPipelineDialogRenameReorderProbability(t *testing.T) {
	d, store, queue, saved := openPipelineTestDialog(t)

	qualification := d.rowNamed(t, "Qualification")
	qualification.name.SetText("Qualification call")
	test.Tap(qualification.up)
	needs := d.rowNamed(t, "Needs analysis")
	needs.probability.SetText("")
	test.Type(needs.probability, "45")
	needs.milestones.SetText("Budget confirmed\n\n  Decision makers known ")
	if d.saveButton.Disabled() {
		t.Fatalf("Save is disabled: %q", d.problem.Text)
	}

	test.Tap(d.saveButton)
	queue.waitFor(t, "the saved pipeline", func() bool { return *saved })

	p := storedPipeline(t, store, 0)
	want := "Qualification call, Prospecting, Needs analysis, Proposal, Negotiation, Won, Lost"
	if got := stageNames(p); got != want {
		t.Errorf("stages = %s, want %s", got, want)
	}
	if p.Stages[2].Probability != 45 {
		t.Errorf("Needs analysis probability = %d, want 45", p.Stages[2].Probability)
	}
	if got := strings.Join(p.Stages[2].Milestones, "|"); got != "Budget confirmed|Decision makers known" {
		t.Errorf("Needs analysis milestones = %q", got)
	}
}

func TestPipelineDialogAddStage(t *testing.T) {
	d, store, queue, saved := openPipelineTestDialog(t)

	d.onAddStageTapped()
	added := d.rows[5]
	test.Type(added.name, "Contract review")
	added.probability.SetText("90")
	added.idleDays.SetText("14")
	added.milestones.SetText("Legal approved")
	test.Tap(d.saveButton)
	queue.waitFor(t, "the saved pipeline", func() bool { return *saved })

	p := storedPipeline(t, store, 0)
	want := "Prospecting, Qualification, Needs analysis, Proposal, Negotiation, Contract review, Won, Lost"
	if got := stageNames(p); got != want {
		t.Fatalf("stages = %s, want %s", got, want)
	}
	st := p.Stages[5]
	if st.Kind != app.StageOpen || st.Probability != 90 || st.IdleDays != 14 {
		t.Errorf("added stage = %+v, want open, 90 %%, 14 idle days", st)
	}
	if len(st.Milestones) != 1 || st.Milestones[0] != "Legal approved" {
		t.Errorf("added stage milestones = %q", st.Milestones)
	}
}

func TestPipelineDialogCreatePipeline(t *testing.T) {
	d, store, queue, saved := openPipelineTestDialog(t)

	d.onNewTapped()
	test.Type(d.name, "Partner sales")
	d.currency.SetText("usd")
	test.Tap(d.saveButton)
	queue.waitFor(t, "the new pipeline", func() bool { return *saved })

	p := storedPipeline(t, store, 1)
	if p.Name != "Partner sales" || p.Currency != "USD" {
		t.Errorf("new pipeline = %q in %q, want Partner sales in USD", p.Name, p.Currency)
	}
	if got := stageNames(p); got != "Qualification, Won, Lost" {
		t.Errorf("new pipeline stages = %s", got)
	}
}

// dealCounts returns the number of deals per stage name, summed over
// every pipeline.
func dealCounts(t *testing.T, store *data.Store) map[string]int {
	t.Helper()

	summary, err := store.PipelineSummary(context.Background())
	if err != nil {
		t.Fatal(err)
	}

	counts := map[string]int{}
	for _, s := range summary {
		counts[s.Stage] += s.Count
	}

	return counts
}

func TestPipelineDialogDeleteStageMovesDeals(t *testing.T) {
	d, store, queue, deleted := openPipelineTestDialog(t)
	before := dealCounts(t, store)
	if before["Proposal"] == 0 {
		t.Fatal("the demo data has no deal in Proposal")
	}

	proposal := d.rowNamed(t, "Proposal")
	d.deleteStage(proposal, 0)
	queue.waitFor(t, "the question where the deals go", func() bool { return d.move != nil })

	wantMessage := "contains " + strconv.Itoa(before["Proposal"]) + " open, 0 won and 0 lost deals"
	if !strings.Contains(d.move.message.Text, wantMessage) {
		t.Errorf("message = %q, want it to contain %q", d.move.message.Text, wantMessage)
	}
	for _, option := range d.move.target.Options {
		if option == "Proposal" {
			t.Error("Proposal is offered as the target of its own deals")
		}
	}

	d.move.target.SetSelected("Negotiation")
	d.onMoveConfirmed(true)
	queue.waitFor(t, "the deleted stage", func() bool { return *deleted })

	after := dealCounts(t, store)
	if _, ok := after["Proposal"]; ok {
		t.Error("Proposal is still stored")
	}
	if got, want := after["Negotiation"], before["Negotiation"]+before["Proposal"]; got != want {
		t.Errorf("Negotiation contains %d deals, want %d", got, want)
	}
	if d.rowIndex(proposal) >= 0 {
		t.Error("the Proposal row is still shown")
	}
	if names := stageNames(d.pipelines[0]); strings.Contains(names, "Proposal") {
		t.Errorf("the loaded pipeline still lists Proposal: %s", names)
	}
	total := func(counts map[string]int) (n int) {
		for _, c := range counts {
			n += c
		}
		return n
	}
	if total(after) != total(before) {
		t.Errorf("%d deals after the deletion, want %d", total(after), total(before))
	}
}

func TestPipelineDialogWonStageTargets(t *testing.T) {
	d, _, _, _ := openPipelineTestDialog(t)

	names, _ := d.moveTargets(d.rowNamed(t, "Won"))
	if len(names) != 0 {
		t.Errorf("won deals may move to %q, want no stage because the pipeline has one won stage", names)
	}
}

func TestPipelineDialogValidation(t *testing.T) {
	cases := []struct {
		name   string
		edit   func(d *pipelineDialog, t *testing.T)
		reason string
	}{
		{"won stage at 90 %", func(d *pipelineDialog, t *testing.T) {
			d.rowNamed(t, "Won").probability.SetText("90")
		}, "100 %"},
		{"lost stage at 5 %", func(d *pipelineDialog, t *testing.T) {
			d.rowNamed(t, "Lost").probability.SetText("5")
		}, "0 %"},
		{"probability above 100", func(d *pipelineDialog, t *testing.T) {
			d.rowNamed(t, "Proposal").probability.SetText("101")
		}, "0 to 100"},
		{"empty stage name", func(d *pipelineDialog, t *testing.T) {
			d.rowNamed(t, "Proposal").name.SetText(" ")
		}, "name"},
		{"names equal ignoring case", func(d *pipelineDialog, t *testing.T) {
			d.rowNamed(t, "Proposal").name.SetText("negotiation")
		}, "Two stages"},
		{"negative idle days", func(d *pipelineDialog, t *testing.T) {
			d.rowNamed(t, "Proposal").idleDays.SetText("-1")
		}, "idle"},
		{"no currency", func(d *pipelineDialog, t *testing.T) {
			d.currency.SetText("")
		}, "ISO 4217"},
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, _, _, _ := openPipelineTestDialog(t)
			if d.saveButton.Disabled() {
				t.Fatalf("Save is disabled before the edit: %q", d.problem.Text)
			}

			c.edit(d, t)
			if !d.saveButton.Disabled() {
				t.Error("Save is enabled")
			}
			if !strings.Contains(d.problem.Text, c.reason) {
				t.Errorf("problem = %q, want it to mention %q", d.problem.Text, c.reason)
			}
		})
	}
}

func TestPipelineDialogWonKindSetsProbability(t *testing.T) {
	d, _, _, _ := openPipelineTestDialog(t)

	d.onAddStageTapped()
	added := d.rows[5]
	added.name.SetText("Signed")
	added.kindSelect.SetSelectedIndex(indexOfKind(app.StageWon))
	if added.probability.Text != "100" {
		t.Errorf("probability = %q after choosing won, want 100", added.probability.Text)
	}
	if d.saveButton.Disabled() {
		t.Errorf("Save is disabled: %q", d.problem.Text)
	}
}

func TestPipelineDialogTargetsByStoredName(t *testing.T) {
	d, _, _, _ := openPipelineTestDialog(t)

	// Two open rows typed to the same unsaved name must still map to two
	// different stored stages.
	proposal, negotiation := d.rowNamed(t, "Proposal"), d.rowNamed(t, "Negotiation")
	proposal.name.SetText("Offer")
	negotiation.name.SetText("Offer")

	names, ids := d.moveTargets(d.rowNamed(t, "Prospecting"))
	if ids["Proposal"] != proposal.id || ids["Negotiation"] != negotiation.id {
		t.Errorf("targets %q map to %v, want Proposal → %d and Negotiation → %d",
			names, ids, proposal.id, negotiation.id)
	}
	for _, name := range names {
		if name == "Won" || name == "Lost" {
			t.Errorf("open deals may move to %s, want open stages only", name)
		}
	}
}
