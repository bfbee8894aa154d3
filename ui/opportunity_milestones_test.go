package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"leadwerk/app"
	"leadwerk/data"
)

// setDealStageMilestones gives the stage with id stageID of the demo
// pipeline the milestones through UpdatePipeline, as the settings do.
func setDealStageMilestones(t *testing.T, store *data.Store, pipelineID, stageID int64, milestones ...string) {
	t.Helper()

	ctx := context.Background()
	pipelines, err := store.Pipelines(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pipelines {
		if p.ID != pipelineID {
			continue
		}
		for i := range p.Stages {
			if p.Stages[i].ID == stageID {
				p.Stages[i].Milestones = milestones
			}
		}
		if _, err := store.UpdatePipeline(ctx, p); err != nil {
			t.Fatalf("UpdatePipeline: %v", err)
		}
		return
	}
	t.Fatalf("pipeline %d not found", pipelineID)
}

// waitForMilestones runs queued functions until the checklist is idle
// and done returns true.
func waitForMilestones(t *testing.T, queue *uiQueue, d *opportunityDetail, what string, done func() bool) {
	t.Helper()

	queue.waitFor(t, what, func() bool { return !d.busy && !d.milestones.busy && done() })
}

func TestDealMilestonesChecklist(t *testing.T) {
	d, store, queue := openDealDetail(t)
	m := d.milestones
	if m == nil {
		t.Fatal("the detail has no milestones section on a store that keeps them")
	}
	waitForMilestones(t, queue, d, "the empty checklist", func() bool { return m.opportunityID == d.deal.ID })
	if m.content.Visible() {
		t.Error("the milestones section is visible for a stage without milestones")
	}

	setDealStageMilestones(t, store, d.deal.PipelineID, d.deal.StageID, "Budget confirmed", "Decision maker met")
	d.show(d.deal.ID)
	waitForMilestones(t, queue, d, "the checklist", func() bool { return len(m.boxes) == 2 })

	if !m.content.Visible() {
		t.Error("the milestones section is hidden for a stage with milestones")
	}
	if !findLabel(d.content, "Milestones") {
		t.Error("no Milestones heading")
	}
	if m.boxes[0].Text != "Budget confirmed" || m.boxes[1].Text != "Decision maker met" {
		t.Errorf("checks = %q, %q; want the stage's milestones in order", m.boxes[0].Text, m.boxes[1].Text)
	}
	for i, box := range m.boxes {
		if box.Checked {
			t.Errorf("check %d is ticked before anyone ticked it", i)
		}
	}

	test.Tap(m.boxes[1])
	waitForMilestones(t, queue, d, "the stored tick", func() bool { return len(m.checks) == 2 && m.checks[1].Done })

	stored, err := store.Milestones(context.Background(), d.deal.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored[0].Done || !stored[1].Done {
		t.Errorf("stored checks = %+v, want only Decision maker met done", stored)
	}
	if !m.boxes[1].Checked || m.boxes[0].Checked {
		t.Error("the boxes do not show the stored ticks")
	}
	if !findLabelContaining(m.content, "done ") {
		t.Error("no done date beside the ticked milestone")
	}

	test.Tap(m.boxes[1])
	waitForMilestones(t, queue, d, "the stored untick", func() bool { return len(m.checks) == 2 && !m.checks[1].Done })
	if m.boxes[1].Checked {
		t.Error("the unticked milestone still shows a tick")
	}
}

func TestDealMilestonesHiddenInOtherStage(t *testing.T) {
	d, store, queue := openDealDetail(t)
	m := d.milestones
	setDealStageMilestones(t, store, d.deal.PipelineID, d.deal.StageID, "Budget confirmed")
	d.show(d.deal.ID)
	waitForMilestones(t, queue, d, "the checklist", func() bool { return len(m.boxes) == 1 })

	other := d.stages[stageOfKind(t, d, app.StageOpen)]
	if err := store.MoveOpportunity(context.Background(), d.deal.ID, other.ID); err != nil {
		t.Fatal(err)
	}
	d.show(d.deal.ID)
	waitForMilestones(t, queue, d, "the other stage", func() bool { return d.deal.StageID == other.ID && len(m.checks) == 0 })

	if m.content.Visible() {
		t.Error("the milestones section is visible after the deal moved to a stage without milestones")
	}
}
