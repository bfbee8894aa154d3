package ui

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// bulkEditStore is the store access of bulk editing in the Opportunities
// tab.
type bulkEditStore interface {
	Pipelines(ctx context.Context) ([]app.Pipeline, error)
	BulkUpdate(ctx context.Context, ids []int64, c app.BulkChange) (int, error)
}

// opportunitySelection is the bulk editing of the Opportunities tab: in
// select mode a tapped row joins or leaves the selection, and Bulk edit
// changes the stage, owner or close date of every selected deal. The
// selection is kept by deal id, so it survives paging, sorting and
// searching.
type opportunitySelection struct {
	screen *opportunitiesScreen
	store  bulkEditStore

	active   bool
	selected map[int64]app.OpportunityRow
	// editing is the bulk edit dialog opened last, nil before the first.
	editing *bulkEditDialog

	mode    *widget.Check
	clear   *widget.Button
	edit    *widget.Button
	summary *widget.Label
	status  *widget.Label
	toolbar *fyne.Container
}

// newOpportunitySelection builds the select mode controls. They stay
// hidden unless store is also a bulkEditStore.
func newOpportunitySelection(screen *opportunitiesScreen, store opportunityLister) *opportunitySelection {
	b := &opportunitySelection{screen: screen, selected: map[int64]app.OpportunityRow{}}
	b.store, _ = store.(bulkEditStore)

	b.mode = widget.NewCheck(lang.L("Select several"), b.onModeChanged)
	b.clear = widget.NewButton(lang.L("Clear selection"), b.onClearTapped)
	b.edit = widget.NewButton(lang.L("Bulk edit…"), b.onEditTapped)
	b.summary = widget.NewLabel("")
	b.status = widget.NewLabel("")
	b.toolbar = container.NewHBox(b.mode, b.summary, b.clear, b.edit, b.status)
	if b.store == nil {
		b.toolbar.Hide()
	}
	b.update()

	return b
}

// toggle adds the tapped row to the selection or removes it, and reports
// whether select mode handled the tap.
func (b *opportunitySelection) toggle(item widget.ListItemID, row app.OpportunityRow) bool {
	if !b.active {
		return false
	}

	if _, ok := b.selected[row.ID]; ok {
		delete(b.selected, row.ID)
	} else {
		b.selected[row.ID] = row
	}

	b.screen.list.Unselect(item)
	b.screen.list.RefreshItem(item)
	b.update()

	return true
}

// markRow draws a selected deal in bold and in the primary color. Call
// it before the row's texts are set, which refreshes them.
func (b *opportunitySelection) markRow(id int64, row *listRow) {
	_, selected := b.selected[id]
	row.SetMarked(selected)
}

func (b *opportunitySelection) onModeChanged(on bool) {
	b.active = on
	if !on {
		clear(b.selected)
		b.screen.list.Refresh()
	}

	b.status.SetText("")
	b.update()
}

func (b *opportunitySelection) onClearTapped() {
	clear(b.selected)
	b.screen.list.Refresh()
	b.update()
}

// update shows the selection count and enables the buttons that need a
// selection.
func (b *opportunitySelection) update() {
	n := len(b.selected)
	b.summary.SetText("")
	if b.active {
		b.summary.SetText(lang.XN("opportunities.selected", "{{.Count}} selected", n,
			map[string]any{"Count": app.FormatCount(n, b.screen.language)}))
	}

	setVisible(b.clear, b.active)
	setVisible(b.edit, b.active)
	setEnabled(b.clear, n > 0)
	setEnabled(b.edit, n > 0)
}

// rows returns the selected deals ordered by id.
func (b *opportunitySelection) rows() []app.OpportunityRow {
	ids := slices.Sorted(maps.Keys(b.selected))
	rows := make([]app.OpportunityRow, len(ids))
	for i, id := range ids {
		rows[i] = b.selected[id]
	}

	return rows
}

// onEditTapped loads the pipelines in a goroutine and then opens the bulk
// edit dialog for the selected deals.
func (b *opportunitySelection) onEditTapped() {
	rows := b.rows()
	if len(rows) == 0 {
		return
	}

	b.edit.Disable()
	go func() {
		pipelines, err := b.store.Pipelines(context.Background())
		b.screen.do(func() {
			b.edit.Enable()
			if err != nil {
				b.screen.errors.report(lang.L("The pipelines could not be loaded. The log file has the details."), err)
				return
			}
			b.editing = newBulkEditDialog(b, rows, pipelines)
			showClosingOnEscape(b.screen.errors.window, b.editing.dialog)
		})
	}()
}

// onApplied reports the result of a bulk edit and reloads the list.
func (b *opportunitySelection) onApplied(changed, keptStage int, err error) {
	if errors.Is(err, app.ErrInvalid) {
		b.screen.errors.report(lang.L("The bulk edit was rejected and no deal changed. Check the close date and the stage."), err)
		return
	}
	if errors.Is(err, app.ErrNotFound) {
		// Another window deleted the chosen stage or a selected deal after
		// the dialog loaded them.
		b.screen.errors.report(lang.X("bulk.not_found", "The chosen stage or a selected deal no longer exists, "+
			"so no deal changed. Close this dialog and open Bulk edit again to load the current stages."), err)
		return
	}
	if err != nil {
		b.screen.errors.report(lang.L("The deals could not be changed. The log file has the details."), err)
		return
	}

	status := lang.XN("bulk.changed", "{{.Count}} deals changed.", changed,
		map[string]any{"Count": app.FormatCount(changed, b.screen.language)})
	if keptStage > 0 {
		status += " " + lang.XN("bulk.kept_stage", "{{.Count}} closed deals kept their stage.", keptStage,
			map[string]any{"Count": app.FormatCount(keptStage, b.screen.language)})
	}
	b.status.SetText(status)
	b.screen.reload()
}

// bulkEditDialog lets the person choose the stage, owner or close date of
// the selected deals. Stages are offered only when every deal belongs to
// the same pipeline, and only its open stages, because closing a deal as
// won or lost goes through the close dialog, which collects the reason
// per deal.
type bulkEditDialog struct {
	selection *opportunitySelection
	rows      []app.OpportunityRow
	// stages are the offered stages; choice i+1 of the stage box is
	// stages[i], and choice 0 keeps each deal's stage.
	stages []app.Stage

	stage       *widget.Select
	changeOwner *widget.Check
	owner       *widget.Entry
	changeDate  *widget.Check
	closeDate   *widget.Entry
	problem     *widget.Label
	apply       *widget.Button
	dialog      *dialog.CustomDialog
}

func newBulkEditDialog(b *opportunitySelection, rows []app.OpportunityRow, pipelines []app.Pipeline) *bulkEditDialog {
	d := &bulkEditDialog{selection: b, rows: rows, stages: bulkStages(rows, pipelines)}
	language := b.screen.language

	names := []string{lang.L("Keep each deal's stage")}
	for _, s := range d.stages {
		names = append(names, s.Name)
	}
	d.stage = newSelect(names, func(string) { d.validate() })
	d.stage.SetSelectedIndex(0)

	d.owner = widget.NewEntry()
	d.owner.OnChanged = func(string) { d.validate() }
	d.changeOwner = widget.NewCheck(lang.L("Change owner"), func(bool) { d.validate() })
	d.closeDate = widget.NewEntry()
	d.closeDate.SetPlaceHolder(dayPlaceholder(language))
	d.closeDate.OnChanged = func(string) { d.validate() }
	d.changeDate = widget.NewCheck(lang.L("Change close date"), func(bool) { d.validate() })

	stageHint := lang.L("Closed deals keep their stage. Close lost deals one by one, because each needs a reason.") +
		" " + lang.L("Close won deals one by one too, with the Won… button.")
	if len(d.stages) == 0 {
		d.stage.Disable()
		stageHint = lang.L("The deals belong to several pipelines, so only owner and close date can change.")
	}

	d.problem = widget.NewLabel("")
	d.problem.Importance = widget.DangerImportance
	d.problem.Wrapping = fyne.TextWrapWord

	form := container.New(layout.NewFormLayout(),
		headingLabel(lang.L("Stage")), container.NewVBox(d.stage, wrappedLabel(stageHint)),
		d.changeOwner, d.owner,
		d.changeDate, newDateField(d.closeDate, language),
	)

	d.apply = widget.NewButton(lang.L("Apply"), d.onApplyTapped)
	d.apply.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() { d.dialog.Hide() })
	buttons := container.NewHBox(layout.NewSpacer(), cancel, d.apply)

	title := lang.XN("bulk.title", "Edit {{.Count}} deals", len(rows),
		map[string]any{"Count": app.FormatCount(len(rows), language)})
	d.dialog = dialog.NewCustomWithoutButtons(title,
		container.NewBorder(nil, container.NewVBox(d.problem, buttons), nil, nil, form), b.screen.errors.window)
	d.dialog.Resize(fyne.NewSize(560, 0))
	d.validate()

	return d
}

// bulkStages returns the open stages of the one pipeline that every row
// belongs to, or nil when the rows span several pipelines or the pipeline
// name is not unique.
func bulkStages(rows []app.OpportunityRow, pipelines []app.Pipeline) []app.Stage {
	if len(rows) == 0 {
		return nil
	}

	name := rows[0].Pipeline
	for _, r := range rows[1:] {
		if r.Pipeline != name {
			return nil
		}
	}

	var match []app.Pipeline
	for _, p := range pipelines {
		if p.Name == name {
			match = append(match, p)
		}
	}
	if len(match) != 1 {
		return nil
	}

	var stages []app.Stage
	for _, s := range match[0].Stages {
		if s.Kind == app.StageOpen {
			stages = append(stages, s)
		}
	}

	return stages
}

// change reads the dialog into a BulkChange, with a message for the
// person when it changes nothing or the close date is invalid.
func (d *bulkEditDialog) change() (app.BulkChange, string) {
	var c app.BulkChange
	if i := d.stage.SelectedIndex(); i > 0 {
		id := d.stages[i-1].ID
		c.StageID = &id
	}

	if d.changeOwner.Checked {
		owner := strings.TrimSpace(d.owner.Text)
		c.Owner = &owner
	}

	if d.changeDate.Checked {
		language := d.selection.screen.language
		date, err := parseDay(d.closeDate.Text, language)
		if err != nil || date.IsZero() {
			return c, dayProblem(d.closeDate.Text, language)
		}
		c.CloseDate = &date
	}

	if c.StageID == nil && c.Owner == nil && c.CloseDate == nil {
		return c, lang.L("Choose a stage, or tick owner or close date to change.")
	}

	return c, ""
}

func (d *bulkEditDialog) validate() {
	if d.apply == nil {
		return
	}

	_, problem := d.change()
	d.problem.SetText(problem)
	setEnabled(d.apply, problem == "")
}

// onApplyTapped stores the change in a goroutine. A closed deal keeps
// its stage, so with a stage chosen the closed deals are counted to say
// so afterwards.
func (d *bulkEditDialog) onApplyTapped() {
	c, problem := d.change()
	if problem != "" {
		return
	}

	ids := make([]int64, len(d.rows))
	keptStage := 0
	for i, r := range d.rows {
		ids[i] = r.ID
		if c.StageID != nil && (r.StageKind == app.StageWon || r.StageKind == app.StageLost) {
			keptStage++
		}
	}

	d.apply.Disable()
	screen := d.selection.screen
	go func() {
		changed, err := d.selection.store.BulkUpdate(context.Background(), ids, c)
		screen.do(func() {
			if err != nil {
				d.apply.Enable()
			} else {
				d.dialog.Hide()
			}
			d.selection.onApplied(changed, keptStage, err)
		})
	}()
}
