package ui

import (
	"context"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"leadwerk/app"
	"leadwerk/app/demo"
	"leadwerk/data"
)

// openDemoList shows the opportunity list over a fresh database with the
// demo data, sorted by title, and waits for the first page.
func openDemoList(t *testing.T, pipelineID func(*data.Store) int64) (*opportunitiesScreen, *data.Store, *uiQueue) {
	t.Helper()

	store := openStore(t)
	batch := demo.Generate(demo.DefaultSeed, app.DateOf(time.Now()))
	if _, err := store.LoadDemo(context.Background(), batch, nil); err != nil {
		t.Fatalf("load demo data: %v", err)
	}

	a := test.NewTempApp(t)
	a.Settings().SetTheme(theme.DefaultTheme())
	window := a.NewWindow("list")
	t.Cleanup(window.Close)

	queue := newUIQueue()
	reporter := errorReporter{window: window, logger: discardLogger()}
	detail := newOpportunityDetail(store, queue.do, reporter, "en")
	screen := newOpportunitiesScreen(store, detail, queue.do, reporter, "en")
	window.SetContent(screen.content)
	window.Resize(fyne.NewSize(1280, 800))
	screen.query = app.OpportunityQuery{Sort: app.SortByTitle}
	if pipelineID != nil {
		screen.query.PipelineID = pipelineID(store)
	}
	screen.reload()

	queue.waitFor(t, "the first page", func() bool {
		_, ok := screen.rows.row(0)
		return ok
	})

	return screen, store, queue
}

// selectRows ticks select mode and taps the list rows at the indexes.
func selectRows(t *testing.T, screen *opportunitiesScreen, indexes ...int) []int64 {
	t.Helper()

	screen.bulk.mode.SetChecked(true)
	var ids []int64
	for _, i := range indexes {
		row, ok := screen.rows.row(i)
		if !ok {
			t.Fatalf("row %d is not loaded", i)
		}
		screen.list.Select(i)
		ids = append(ids, row.ID)
	}

	if len(screen.bulk.selected) != len(indexes) {
		t.Fatalf("selected %d deals, want %d", len(screen.bulk.selected), len(indexes))
	}

	return ids
}

// openBulkEdit taps Bulk edit and waits for the dialog.
func openBulkEdit(t *testing.T, screen *opportunitiesScreen, queue *uiQueue) *bulkEditDialog {
	t.Helper()

	test.Tap(screen.bulk.edit)
	queue.waitFor(t, "the bulk edit dialog", func() bool { return screen.bulk.editing != nil })

	return screen.bulk.editing
}

func TestBulkOwnerChangeRecordsHistory(t *testing.T) {
	screen, store, queue := openDemoList(t, nil)
	ids := selectRows(t, screen, 0, 2, 4)

	if screen.bulk.summary.Text != "3 selected" {
		t.Errorf("summary = %q, want %q", screen.bulk.summary.Text, "3 selected")
	}

	d := openBulkEdit(t, screen, queue)
	if !d.apply.Disabled() {
		t.Error("Apply is enabled before anything is chosen to change")
	}
	d.changeOwner.SetChecked(true)
	d.owner.SetText("Erika Muster")
	test.Tap(d.apply)
	queue.waitFor(t, "the bulk result", func() bool { return screen.bulk.status.Text == "3 deals changed." })

	ctx := context.Background()
	for _, id := range ids {
		deal, err := store.Opportunity(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if deal.Owner != "Erika Muster" {
			t.Errorf("deal %d owner = %q, want Erika Muster", id, deal.Owner)
		}

		changes, err := store.FieldChanges(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		found := slices.ContainsFunc(changes, func(c app.FieldChange) bool {
			return c.Field == "owner" && c.New == "Erika Muster"
		})
		if !found {
			t.Errorf("deal %d has no owner change to Erika Muster in %+v", id, changes)
		}
	}
}

func TestBulkSelectionSurvivesReload(t *testing.T) {
	screen, _, queue := openDemoList(t, nil)
	ids := selectRows(t, screen, 1, 3)

	screen.onSortTapped(app.SortByAmount)
	queue.waitFor(t, "the sorted page", func() bool {
		_, ok := screen.rows.row(0)
		return ok
	})

	for _, id := range ids {
		if _, ok := screen.bulk.selected[id]; !ok {
			t.Errorf("deal %d left the selection after sorting", id)
		}
	}

	screen.bulk.mode.SetChecked(false)
	if len(screen.bulk.selected) != 0 {
		t.Errorf("selection has %d deals after leaving select mode, want 0", len(screen.bulk.selected))
	}
}

// firstPipeline returns the first pipeline's id, or 0 without one.
func firstPipeline(s *data.Store) int64 {
	pipelines, err := s.Pipelines(context.Background())
	if err != nil || len(pipelines) == 0 {
		return 0
	}

	return pipelines[0].ID
}

func TestBulkStageMoveTakesStageDefault(t *testing.T) {
	screen, store, queue := openDemoList(t, firstPipeline)
	ctx := context.Background()

	var indexes []int
	var rows []app.OpportunityRow
	for i := 0; i < screen.rows.length() && len(indexes) < 3; i++ {
		row, ok := screen.rows.row(i)
		if ok && row.StageKind == app.StageOpen {
			indexes = append(indexes, i)
			rows = append(rows, row)
		}
	}
	if len(indexes) < 3 {
		t.Fatalf("the first pipeline has %d open deals on the first page, want 3", len(indexes))
	}

	// A probability set by hand gives way to the new stage's default.
	if err := store.SetOpportunityProbability(ctx, rows[0].ID, 37); err != nil {
		t.Fatal(err)
	}

	ids := selectRows(t, screen, indexes...)
	d := openBulkEdit(t, screen, queue)
	if len(d.stages) == 0 {
		t.Fatal("the dialog offers no stage for deals of one pipeline")
	}

	target := -1
	for i, s := range d.stages {
		if s.Kind == app.StageLost {
			t.Errorf("the dialog offers the lost stage %s", s.Name)
		}
		occupied := slices.ContainsFunc(rows, func(r app.OpportunityRow) bool { return r.Stage == s.Name })
		if target < 0 && s.Kind == app.StageOpen && !occupied {
			target = i
		}
	}
	if target < 0 {
		t.Fatal("no open stage differs from the stages of the selected deals")
	}
	stage := d.stages[target]

	d.stage.SetSelectedIndex(target + 1)
	test.Tap(d.apply)
	queue.waitFor(t, "the bulk result", func() bool { return screen.bulk.status.Text == "3 deals changed." })

	for _, id := range ids {
		deal, err := store.Opportunity(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if deal.StageID != stage.ID {
			t.Errorf("deal %d stage = %d, want %d", id, deal.StageID, stage.ID)
		}
		if deal.Probability != stage.Probability {
			t.Errorf("deal %d probability = %d, want the stage default %d", id, deal.Probability, stage.Probability)
		}
		if deal.ProbabilityManual {
			t.Errorf("deal %d keeps its set-by-hand mark after the move", id)
		}
	}
}

func TestBulkStagesOfSeveralPipelines(t *testing.T) {
	pipelines := []app.Pipeline{
		{Name: "Hardware", Stages: []app.Stage{
			{ID: 1, Name: "Lead", Kind: app.StageOpen},
			{ID: 2, Name: "Won", Kind: app.StageWon},
			{ID: 3, Name: "Lost", Kind: app.StageLost},
		}},
		{Name: "Services", Stages: []app.Stage{{ID: 4, Name: "Lead", Kind: app.StageOpen}}},
	}

	mixed := []app.OpportunityRow{{Pipeline: "Hardware"}, {Pipeline: "Services"}}
	if got := bulkStages(mixed, pipelines); got != nil {
		t.Errorf("stages for two pipelines = %v, want none", got)
	}

	samePipeline := []app.OpportunityRow{{Pipeline: "Hardware"}, {Pipeline: "Hardware"}}
	got := bulkStages(samePipeline, pipelines)
	var names []string
	for _, s := range got {
		names = append(names, s.Name)
	}
	if !slices.Equal(names, []string{"Lead"}) {
		t.Errorf("stages for one pipeline = %q, want only the open stage [Lead]", names)
	}
}

// TestBulkDeletedStageReported deletes the chosen stage while the bulk
// edit dialog is open, as another window can.
func TestBulkDeletedStageReported(t *testing.T) {
	ctx := context.Background()
	var trial app.Stage
	addTrial := func(s *data.Store) int64 {
		pipelines, err := s.Pipelines(ctx)
		if err != nil || len(pipelines) == 0 {
			t.Fatalf("no pipeline: %v", err)
		}
		p := pipelines[0]
		p.Stages = append(p.Stages, app.Stage{Name: "Trial", Position: 1, Probability: 70})
		p, err = s.UpdatePipeline(ctx, p)
		if err != nil {
			t.Fatalf("add Trial: %v", err)
		}
		for _, st := range p.Stages {
			if st.Name == "Trial" {
				trial = st
			}
		}

		return p.ID
	}
	screen, store, queue := openDemoList(t, addTrial)
	index := -1
	for i := 0; i < screen.rows.length() && index < 0; i++ {
		if row, ok := screen.rows.row(i); ok && row.StageKind == app.StageOpen {
			index = i
		}
	}
	if index < 0 {
		t.Fatal("the first pipeline has no open deal on the first page")
	}
	ids := selectRows(t, screen, index)
	d := openBulkEdit(t, screen, queue)
	target := slices.IndexFunc(d.stages, func(s app.Stage) bool { return s.ID == trial.ID })
	if target < 0 {
		t.Fatal("the dialog does not offer the stage Trial")
	}
	if err := store.DeleteStage(ctx, trial.ID, 0); err != nil {
		t.Fatalf("delete Trial: %v", err)
	}

	d.stage.SetSelectedIndex(target + 1)
	test.Tap(d.apply)
	canvas := screen.errors.window.Canvas()
	queue.waitFor(t, "the error message", func() bool { return canvas.Overlays().Top() != nil && !d.apply.Disabled() })

	want := "The chosen stage or a selected deal no longer exists, so no deal changed. " +
		"Close this dialog and open Bulk edit again to load the current stages."
	if !findLabelContaining(canvas.Overlays().Top(), want) {
		t.Errorf("no message %q shown", want)
	}
	deal, err := store.Opportunity(ctx, ids[0])
	if err != nil {
		t.Fatal(err)
	}
	if deal.StageID == trial.ID {
		t.Error("the deal moved into the deleted stage")
	}
}
