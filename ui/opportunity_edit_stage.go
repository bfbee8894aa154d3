package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// dealControls are the detail panel's edit controls: the Edit, Won, Lost
// and Reopen buttons, the stage choice and the probability with its
// set-by-hand mark. Every change goes through one store call and then
// reloads the panel.
type dealControls struct {
	detail *opportunityDetail
	// closing is the won or lost dialog opened last, nil before the first.
	closing *closeDialog
	// editing, reopenChoice and reopenConfirm belong to the edit form and
	// the reopen dialog opened last.
	editing       *opportunityForm
	reopenChoice  *widget.Select
	reopenConfirm *widget.Button
	// filling is set while fill writes the widgets, so their change
	// callbacks store nothing.
	filling bool

	edit        *widget.Button
	won         *widget.Button
	lost        *widget.Button
	reopen      *widget.Button
	stage       *widget.Select
	probability *widget.Entry
	manualMark  *widget.Label
	setByHand   *widget.Button
	reset       *widget.Button
	// actions are the Edit, Won, Lost and Reopen buttons, which the
	// detail panel places among its other actions.
	actions []fyne.CanvasObject
	form    *fyne.Container
}

func newDealControls(d *opportunityDetail) *dealControls {
	c := &dealControls{detail: d}

	c.edit = widget.NewButton(lang.L("Edit…"), c.onEditTapped)
	c.won = widget.NewButton(lang.L("Won…"), func() { c.askClose(true) })
	c.lost = widget.NewButton(lang.L("Lost…"), func() { c.askClose(false) })
	c.reopen = widget.NewButton(lang.L("Reopen…"), c.onReopenTapped)
	c.actions = []fyne.CanvasObject{c.edit, c.won, c.lost, c.reopen}

	c.stage = newSelect(nil, func(string) { c.onStageSelected(c.stage.SelectedIndex()) })
	c.probability = widget.NewEntry()
	c.probability.OnChanged = func(string) { c.updateProbabilityButtons() }
	c.probability.OnSubmitted = func(string) { c.onSetByHandTapped() }
	c.manualMark = widget.NewLabel(lang.L("(set by hand)"))
	c.setByHand = widget.NewButton(lang.L("Set"), c.onSetByHandTapped)
	c.reset = widget.NewButton(lang.L("Reset to stage default"), c.onResetTapped)

	percent := container.NewBorder(nil, nil, nil, widget.NewLabel("%"), c.probability)
	fields := container.New(layout.NewFormLayout(),
		headingLabel(lang.L("Stage")), c.stage,
		headingLabel(lang.L("Probability")), container.NewVBox(percent, c.manualMark),
	)
	// The buttons get the panel's full width under the fields, because
	// the German reset label alone is wider than the value column of a
	// detail panel beside the list.
	c.form = container.NewVBox(fields, container.NewHBox(c.setByHand, c.reset))

	return c
}

// fill shows the loaded deal in the controls. A closed deal keeps its
// stage and probability until it is reopened, so those controls are off.
func (c *dealControls) fill() {
	c.filling = true
	defer func() { c.filling = false }()

	d := c.detail
	names := make([]string, len(d.stages))
	for i, s := range d.stages {
		names[i] = s.Name
	}
	c.stage.SetOptions(names)
	c.stage.SetSelectedIndex(c.currentStageIndex())
	c.probability.SetText(strconv.Itoa(d.deal.Probability))

	c.manualMark.Hidden = !d.deal.ProbabilityManual
	c.manualMark.Refresh()

	closed := d.deal.Stage.Kind != app.StageOpen
	setVisible(c.won, !closed)
	setVisible(c.lost, !closed)
	setVisible(c.reopen, closed)
	c.updateEnabled()
}

// currentStageIndex returns the index of the deal's stage in the stage
// choice, or -1 when the deal has no stage of its pipeline.
func (c *dealControls) currentStageIndex() int {
	for i, s := range c.detail.stages {
		if s.ID == c.detail.deal.StageID {
			return i
		}
	}

	return -1
}

// updateEnabled turns every control off while a change is being stored
// and the stage and probability controls off for a closed deal.
func (c *dealControls) updateEnabled() {
	d := c.detail
	open := d.deal.Stage.Kind == app.StageOpen
	for _, b := range []*widget.Button{c.edit, c.won, c.lost, c.reopen} {
		setEnabled(b, !d.busy)
	}

	if d.busy || !open {
		c.stage.Disable()
		c.probability.Disable()
	} else {
		c.stage.Enable()
		c.probability.Enable()
	}
	c.updateProbabilityButtons()
}

// updateProbabilityButtons enables Set for a valid percentage that would
// change the deal, and Reset while the probability is set by hand.
func (c *dealControls) updateProbabilityButtons() {
	d := c.detail
	editable := !d.busy && d.deal.Stage.Kind == app.StageOpen
	percent, ok := parsePercent(c.probability.Text)
	changes := percent != d.deal.Probability || !d.deal.ProbabilityManual

	setEnabled(c.setByHand, editable && ok && changes)
	setEnabled(c.reset, editable && d.deal.ProbabilityManual)
}

// parsePercent reads a whole percentage from 0 to 100, with or without
// a trailing "%".
func parsePercent(text string) (int, bool) {
	text = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(text), "%"))
	percent, err := strconv.Atoi(text)
	if err != nil || app.ValidateProbability(percent) != nil {
		return 0, false
	}

	return percent, true
}

func (c *dealControls) onStageSelected(index int) {
	d := c.detail
	if c.filling || index < 0 || index >= len(d.stages) {
		return
	}

	stage := d.stages[index]
	if stage.ID == d.deal.StageID {
		return
	}

	if stage.Kind != app.StageOpen {
		// The choice goes back to the stored stage, so a cancelled dialog
		// leaves nothing to undo. A confirmed one reloads the panel.
		c.filling = true
		c.stage.SetSelectedIndex(c.currentStageIndex())
		c.filling = false
		c.askClose(stage.Kind == app.StageWon)
		return
	}

	id := d.deal.ID
	d.change(lang.L("The stage could not be changed. The log file has the details."), func(ctx context.Context) error {
		return d.editor.MoveOpportunity(ctx, id, stage.ID)
	})
}

func (c *dealControls) onSetByHandTapped() {
	d := c.detail
	percent, ok := parsePercent(c.probability.Text)
	if !ok || d.busy || d.deal.Stage.Kind != app.StageOpen {
		return
	}

	id := d.deal.ID
	d.change(lang.L("The probability could not be saved. The log file has the details."), func(ctx context.Context) error {
		return d.editor.SetOpportunityProbability(ctx, id, percent)
	})
}

func (c *dealControls) onResetTapped() {
	d := c.detail
	id := d.deal.ID
	d.change(lang.L("The probability could not be reset. The log file has the details."), func(ctx context.Context) error {
		return d.editor.ResetOpportunityProbability(ctx, id)
	})
}

// askClose opens the won or lost dialog and closes the deal when the
// person confirms it.
func (c *dealControls) askClose(won bool) {
	d := c.detail
	id := d.deal.ID
	c.closing = openDealCloseDialog(d.errors.window, d.editor, d.do, d.errors, id, won, func(r app.CloseRequest) {
		r.Won = won
		d.change(lang.L("The opportunity could not be closed. The log file has the details."), func(ctx context.Context) error {
			return d.editor.CloseOpportunity(ctx, id, r)
		})
	})
}

func (c *dealControls) onEditTapped() {
	d := c.detail
	c.editing = newOpportunityForm(d.editor, d.errors.window, d.do, d.errors, d.language, d.deal)
	c.editing.onSaved = func(app.OpportunityDetail) { d.onStored(d.deal.ID) }
	c.editing.show()
}

// onReopenTapped opens a dialog to choose the open stage a closed deal
// returns to, preselecting the stage it was closed from.
func (c *dealControls) onReopenTapped() {
	d := c.detail
	open := openStages(d.stages)
	if len(open) == 0 {
		return
	}

	names := make([]string, len(open))
	for i, s := range open {
		names[i] = s.Name
	}
	c.reopenChoice = newSelect(names, nil)
	c.reopenChoice.SetSelectedIndex(max(0, stageIndex(open, lastOpenStage(d.deal.History))))

	var reopenDialog *dialog.CustomDialog
	id := d.deal.ID
	c.reopenConfirm = widget.NewButton(lang.L("Reopen"), func() {
		reopenDialog.Hide()
		stageID := open[max(0, c.reopenChoice.SelectedIndex())].ID
		d.change(lang.L("The opportunity could not be reopened. The log file has the details."), func(ctx context.Context) error {
			return d.editor.ReopenOpportunity(ctx, id, stageID)
		})
	})
	c.reopenConfirm.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() { reopenDialog.Hide() })

	content := container.NewVBox(
		wrappedLabel(lang.L("The deal returns to this stage at its default probability.")),
		c.reopenChoice,
		container.NewHBox(layout.NewSpacer(), cancel, c.reopenConfirm),
	)
	reopenDialog = dialog.NewCustomWithoutButtons(lang.L("Reopen opportunity"), content, d.errors.window)
	reopenDialog.Resize(fyne.NewSize(420, 0))
	showClosingOnEscape(d.errors.window, reopenDialog)
}

func openStages(stages []app.Stage) []app.Stage {
	var open []app.Stage
	for _, s := range stages {
		if s.Kind == app.StageOpen {
			open = append(open, s)
		}
	}

	return open
}

// lastOpenStage returns the stage a deal was in before its latest move,
// which for a closed deal is the stage it was closed from, or 0.
func lastOpenStage(history []app.StageChangeView) int64 {
	if len(history) == 0 {
		return 0
	}

	return history[len(history)-1].FromStageID
}

func stageIndex(stages []app.Stage, id int64) int {
	for i, s := range stages {
		if s.ID == id {
			return i
		}
	}

	return -1
}

// change runs one store call in a goroutine with the controls turned off
// and, back on the UI goroutine, reports a failure or reloads the panel.
func (d *opportunityDetail) change(failure string, store func(ctx context.Context) error) {
	id := d.deal.ID
	d.busy = true
	d.controls.updateEnabled()

	go func() {
		err := store(context.Background())
		d.do(func() { d.onChangeDone(id, failure, err) })
	}()
}

func (d *opportunityDetail) onChangeDone(id int64, failure string, err error) {
	d.busy = false
	if err != nil {
		d.controls.fill()
		d.errors.report(failure, err)
		return
	}

	d.onStored(id)
}

// onStored reloads deal id and runs onChanged, so the list reloads too.
func (d *opportunityDetail) onStored(id int64) {
	d.show(id)
	if d.onChanged != nil {
		d.onChanged()
	}
}

func setVisible(o fyne.CanvasObject, visible bool) {
	if visible {
		o.Show()
	} else {
		o.Hide()
	}
}
