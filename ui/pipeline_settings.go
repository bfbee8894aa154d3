package ui

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// pipelineSettings is the store access of the sales process dialog.
type pipelineSettings interface {
	Pipelines(ctx context.Context) ([]app.Pipeline, error)
	app.PipelineEditor
}

// pipelineDialog edits one sales process at a time: its name, currency
// and ordered stages. A new process is only stored on Save. Deleting a
// stored stage is its own store call, run right away, because
// UpdatePipeline rejects a stage missing from the list.
type pipelineDialog struct {
	store  pipelineSettings
	window fyne.Window
	do     uiRunner
	errors errorReporter

	// onSaved runs after a save or a stage deletion changed the store.
	onSaved func()

	pipelines []app.Pipeline
	// current is the shown process as loaded, and ID 0 marks a new one.
	current app.Pipeline
	rows    []*stageRow

	chooser    *widget.Select
	name       *widget.Entry
	currency   *widget.Entry
	list       *fyne.Container
	problem    *widget.Label
	saveButton *widget.Button
	dialog     *dialog.CustomDialog

	// move is set while the person chooses where a deleted stage's
	// deals go.
	move *stageMove
}

// stageMove is the open question where the deals of a deleted stage go.
type stageMove struct {
	row     *stageRow
	counts  app.StageNotEmptyError
	targets map[string]int64
	target  *widget.Select
	message *widget.Label
	dialog  *dialog.ConfirmDialog
}

// openPipelineSettings opens the sales process dialog. A save reloads
// every tab.
func (m *mainWindow) openPipelineSettings() {
	openPipelineDialog(m.store, m.window, m.do, m.errors, m.showTabs)
}

// openPipelineDialog loads the pipelines in a goroutine and shows the
// dialog once they are there.
func openPipelineDialog(store pipelineSettings, window fyne.Window, do uiRunner, errors errorReporter, onSaved func()) {
	go func() {
		pipelines, err := store.Pipelines(context.Background())

		do(func() {
			if err != nil {
				errors.report(lang.L("The sales processes could not be loaded. The log file has the details."), err)
				return
			}
			d := newPipelineDialog(store, window, do, errors, pipelines)
			d.onSaved = onSaved
			showClosingOnEscape(window, d.dialog)
		})
	}()
}

func newPipelineDialog(store pipelineSettings, window fyne.Window, do uiRunner, errors errorReporter,
	pipelines []app.Pipeline) *pipelineDialog {
	d := &pipelineDialog{store: store, window: window, do: do, errors: errors, onSaved: func() {}}

	d.chooser = newSelect(nil, d.onPipelineChosen)
	newButton := widget.NewButtonWithIcon(lang.L("New sales process"), theme.ContentAddIcon(), d.onNewTapped)
	d.name = widget.NewEntry()
	d.name.OnChanged = func(string) { d.validate() }
	d.currency = widget.NewEntry()
	d.currency.SetPlaceHolder("EUR")
	d.currency.OnChanged = func(string) { d.validate() }
	d.list = container.NewVBox()
	d.problem = widget.NewLabel("")
	d.problem.Importance = widget.DangerImportance
	d.problem.Wrapping = fyne.TextWrapWord

	header := container.New(layout.NewFormLayout(),
		headingLabel(lang.L("Sales process")), container.NewBorder(nil, nil, nil, newButton, d.chooser),
		headingLabel(lang.L("Name")), d.name,
		headingLabel(lang.L("Currency")), d.currency,
	)
	addStage := widget.NewButtonWithIcon(lang.L("Add stage"), theme.ContentAddIcon(), d.onAddStageTapped)
	intro := wrappedLabel(lang.L("Deals move through the stages from top to bottom. A won stage has a probability of 100 %, a lost stage 0 %. An idle threshold of 0 days never marks a deal idle."))

	d.saveButton = widget.NewButton(lang.L("Save"), d.onSaveTapped)
	d.saveButton.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Close"), func() { d.dialog.Hide() })
	footer := container.NewVBox(d.problem, container.NewHBox(layout.NewSpacer(), cancel, d.saveButton))

	stages := container.NewVBox(sectionHeading(lang.L("Stages")), intro, d.list, container.NewHBox(addStage))
	d.dialog = dialog.NewCustomWithoutButtons(lang.L("Sales processes"),
		container.NewBorder(header, footer, nil, nil, container.NewVScroll(stages)), window)
	d.dialog.Resize(fyne.NewSize(960, 700))

	d.setPipelines(pipelines, 0)

	return d
}

// setPipelines fills the chooser and shows the pipeline with id show, or
// the first one when no pipeline has that id.
func (d *pipelineDialog) setPipelines(pipelines []app.Pipeline, show int64) {
	d.pipelines = pipelines

	names := make([]string, len(pipelines))
	index := 0
	for i, p := range pipelines {
		names[i] = p.Name
		if p.ID == show {
			index = i
		}
	}
	d.chooser.SetOptions(names)

	if len(pipelines) == 0 {
		d.onNewTapped()
		return
	}
	d.chooser.SetSelectedIndex(index)
}

// onPipelineChosen shows the chosen pipeline as stored. NOTE: unsaved
// edits of the pipeline shown before are dropped without a question.
func (d *pipelineDialog) onPipelineChosen(string) {
	i := d.chooser.SelectedIndex()
	if i < 0 || i >= len(d.pipelines) {
		return
	}

	d.show(d.pipelines[i])
}

// onNewTapped starts an unsaved pipeline with an open, a won and a lost
// stage, the least a pipeline needs to take deals to a close.
func (d *pipelineDialog) onNewTapped() {
	d.chooser.ClearSelected()
	d.show(app.Pipeline{Currency: homeCurrency(), Stages: []app.Stage{
		{Name: lang.L("Qualification"), Probability: 20, Kind: app.StageOpen, IdleDays: defaultIdleDays()},
		{Name: lang.L("Won"), Probability: 100, Kind: app.StageWon},
		{Name: lang.L("Lost"), Probability: 0, Kind: app.StageLost},
	}})
	d.window.Canvas().Focus(d.name)
}

func (d *pipelineDialog) show(p app.Pipeline) {
	d.current = p
	d.name.SetText(p.Name)
	d.currency.SetText(p.Currency)

	d.rows = nil
	for _, st := range p.Stages {
		d.rows = append(d.rows, d.newStageRow(st))
	}
	d.layoutRows()
}

func (d *pipelineDialog) onAddStageTapped() {
	row := d.newStageRow(app.Stage{Kind: app.StageOpen, Probability: 50, IdleDays: defaultIdleDays()})

	// A new open stage goes before the closing stages at the end.
	at := len(d.rows)
	for at > 0 && d.rows[at-1].kind() != app.StageOpen {
		at--
	}
	d.rows = append(d.rows[:at], append([]*stageRow{row}, d.rows[at:]...)...)
	d.layoutRows()
	d.window.Canvas().Focus(row.name)
}

// moveRow swaps the row with its neighbour by offset -1 (up) or 1 (down).
func (d *pipelineDialog) moveRow(row *stageRow, offset int) {
	i := d.rowIndex(row)
	j := i + offset
	if i < 0 || j < 0 || j >= len(d.rows) {
		return
	}

	d.rows[i], d.rows[j] = d.rows[j], d.rows[i]
	d.layoutRows()
}

func (d *pipelineDialog) removeRow(row *stageRow) {
	if i := d.rowIndex(row); i >= 0 {
		d.rows = append(d.rows[:i], d.rows[i+1:]...)
	}
	d.layoutRows()
}

func (d *pipelineDialog) rowIndex(row *stageRow) int {
	for i, r := range d.rows {
		if r == row {
			return i
		}
	}

	return -1
}

// layoutRows redraws the stage list in the order of d.rows and updates
// which move buttons can be used.
func (d *pipelineDialog) layoutRows() {
	d.list.Objects = nil
	for i, r := range d.rows {
		setEnabled(r.up, i > 0)
		setEnabled(r.down, i < len(d.rows)-1)
		if i > 0 {
			d.list.Add(widget.NewSeparator())
		}
		d.list.Add(r.object)
	}
	d.list.Refresh()
	d.validate()
}

func (d *pipelineDialog) validate() {
	if d.saveButton == nil {
		return
	}

	_, problem := d.pipeline()
	d.problem.SetText(problem)
	d.problem.Hidden = problem == ""
	setEnabled(d.saveButton, problem == "")
}

// pipeline reads the form into a pipeline with stages in row order. The
// problem text is empty when the storage rules for names, probabilities
// and kinds hold.
func (d *pipelineDialog) pipeline() (app.Pipeline, string) {
	p := d.current
	p.Name = strings.TrimSpace(d.name.Text)
	p.Currency = strings.ToUpper(strings.TrimSpace(d.currency.Text))
	p.Stages = nil

	if p.Name == "" {
		return p, lang.L("Enter a name for the sales process.")
	}
	if !isCurrencyCode(p.Currency) {
		return p, lang.L("Enter the currency as a three-letter ISO 4217 code such as EUR.")
	}

	seen := map[string]bool{}
	open := false
	for i, r := range d.rows {
		st, problem := r.stage()
		if problem != "" {
			return p, problem
		}

		key := strings.ToLower(st.Name)
		if seen[key] {
			return p, lang.X("pipeline.stage.duplicate", "Two stages are named {{.Name}}. Give each stage its own name.",
				map[string]any{"Name": st.Name})
		}
		seen[key] = true

		open = open || st.Kind == app.StageOpen
		st.Position = i
		p.Stages = append(p.Stages, st)
	}

	if !open {
		return p, lang.L("Add an open stage for deals in progress.")
	}

	return p, ""
}

// isCurrencyCode reports whether code has the shape of an ISO 4217 code:
// three letters A to Z.
func isCurrencyCode(code string) bool {
	if len(code) != 3 {
		return false
	}

	for _, r := range code {
		if r < 'A' || r > 'Z' {
			return false
		}
	}

	return true
}

func (d *pipelineDialog) onSaveTapped() {
	p, problem := d.pipeline()
	if problem != "" {
		return
	}

	d.saveButton.Disable()
	go func() {
		ctx := context.Background()
		var err error
		if p.ID == 0 {
			p, err = d.store.CreatePipeline(ctx, p)
		} else {
			p, err = d.store.UpdatePipeline(ctx, p)
		}

		d.do(func() {
			if err != nil {
				d.saveButton.Enable()
				d.reportStoreError(lang.L("The sales process could not be saved."), err)
				return
			}
			d.dialog.Hide()
			d.onSaved()
		})
	}()
}

// reportStoreError shows failed with the store's reason when the store
// rejected a value, because that reason names the stage and the fix.
// Other errors point to the log file.
func (d *pipelineDialog) reportStoreError(failed string, err error) {
	if !errors.Is(err, app.ErrInvalid) {
		d.errors.report(failed+" "+lang.L("The log file has the details."), err)
		return
	}

	// NOTE: the store's reason is English in every language.
	reason := strings.TrimSuffix(err.Error(), ": "+app.ErrInvalid.Error())
	d.errors.report(failed+" "+reason+".", err)
}

// stageRow edits one stage. id and storedKind come from the store and
// stay 0 and empty for a stage that is not saved yet.
type stageRow struct {
	id         int64
	storedKind app.StageKind
	// storedName is the name as saved, unique in the pipeline, which the
	// delete dialog lists move targets by; "" for an unsaved stage.
	storedName string

	name        *widget.Entry
	probability *widget.Entry
	kindSelect  *widget.Select
	idleDays    *widget.Entry
	milestones  *widget.Entry
	up, down    *widget.Button
	object      fyne.CanvasObject
}

// stageKinds are the kinds in the order the kind Select lists them.
var stageKinds = []app.StageKind{app.StageOpen, app.StageWon, app.StageLost}

func (d *pipelineDialog) newStageRow(st app.Stage) *stageRow {
	r := &stageRow{id: st.ID, storedKind: st.Kind, storedName: st.Name}
	if st.ID == 0 {
		r.storedKind, r.storedName = "", ""
	}

	r.name = widget.NewEntry()
	r.name.SetPlaceHolder(lang.L("Stage name"))
	r.name.SetText(st.Name)
	r.name.OnChanged = func(string) { d.validate() }
	r.probability = widget.NewEntry()
	r.probability.SetText(strconv.Itoa(st.Probability))
	r.probability.OnChanged = func(string) { d.validate() }
	r.idleDays = widget.NewEntry()
	r.idleDays.SetText(strconv.Itoa(st.IdleDays))
	r.idleDays.OnChanged = func(string) { d.validate() }
	r.milestones = widget.NewMultiLineEntry()
	r.milestones.SetPlaceHolder(lang.L("Milestones to leave the stage, one per line"))
	r.milestones.SetText(strings.Join(st.Milestones, "\n"))
	r.milestones.SetMinRowsVisible(2)

	kindNames := make([]string, len(stageKinds))
	for i, k := range stageKinds {
		kindNames[i] = stageKindLabel(k)
	}
	r.kindSelect = newSelect(kindNames, nil)
	r.kindSelect.SetSelectedIndex(max(0, indexOfKind(st.Kind)))
	r.kindSelect.OnChanged = func(string) { d.onKindChanged(r) }

	r.up = widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { d.moveRow(r, -1) })
	r.down = widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { d.moveRow(r, 1) })
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { d.onDeleteTapped(r) })

	fields := container.NewHBox(
		fixedWidth(r.probability, 64), widget.NewLabel("%"),
		fixedWidth(r.kindSelect, 110),
		widget.NewLabel(lang.L("Idle after")), fixedWidth(r.idleDays, 64), widget.NewLabel(lang.L("days")),
		r.up, r.down, remove,
	)
	r.object = container.NewVBox(container.NewBorder(nil, nil, nil, fields, r.name), r.milestones)

	return r
}

// fixedWidth gives o a width in Fyne units and its own minimum height.
func fixedWidth(o fyne.CanvasObject, width float32) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(width, o.MinSize().Height), o)
}

func indexOfKind(kind app.StageKind) int {
	for i, k := range stageKinds {
		if k == kind {
			return i
		}
	}

	return -1
}

func (r *stageRow) kind() app.StageKind {
	i := r.kindSelect.SelectedIndex()
	if i < 0 {
		return app.StageOpen
	}

	return stageKinds[i]
}

// onKindChanged sets the probability a won or lost stage must have, so
// choosing the kind is enough.
func (d *pipelineDialog) onKindChanged(r *stageRow) {
	switch r.kind() {
	case app.StageWon:
		r.probability.SetText("100")
	case app.StageLost:
		r.probability.SetText("0")
	}
	d.validate()
}

// stage reads the row. The problem text names the stage and the field.
func (r *stageRow) stage() (app.Stage, string) {
	st := app.Stage{ID: r.id, Name: strings.TrimSpace(r.name.Text), Kind: r.kind()}
	if st.Name == "" {
		return st, lang.L("Every stage needs a name.")
	}

	values := map[string]any{"Name": st.Name}
	probability, err := strconv.Atoi(strings.TrimSpace(r.probability.Text))
	if err != nil || probability < 0 || probability > 100 {
		return st, lang.X("pipeline.stage.probability", "Enter the probability of stage {{.Name}} as a whole number from 0 to 100.", values)
	}
	st.Probability = probability

	switch {
	case st.Kind == app.StageWon && probability != 100:
		return st, lang.X("pipeline.stage.won", "Won stage {{.Name}} must have a probability of 100 %.", values)
	case st.Kind == app.StageLost && probability != 0:
		return st, lang.X("pipeline.stage.lost", "Lost stage {{.Name}} must have a probability of 0 %.", values)
	}

	idle, err := strconv.Atoi(strings.TrimSpace(r.idleDays.Text))
	if err != nil || idle < 0 {
		return st, lang.X("pipeline.stage.idle", "Enter the idle threshold of stage {{.Name}} as a whole number of days, or 0 for none.", values)
	}
	st.IdleDays = idle

	for _, line := range strings.Split(r.milestones.Text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			st.Milestones = append(st.Milestones, line)
		}
	}

	return st, ""
}

// onDeleteTapped removes an unsaved stage from the form. A stored stage
// is deleted in the store after the person confirms.
func (d *pipelineDialog) onDeleteTapped(r *stageRow) {
	if r.id == 0 {
		d.removeRow(r)
		return
	}

	message := lang.X("pipeline.delete.confirm", "Delete stage {{.Name}} now? Its deals are kept.",
		map[string]any{"Name": r.displayName()})
	confirm := dialog.NewConfirm(lang.L("Delete stage"), message, func(ok bool) {
		if ok {
			d.deleteStage(r, 0)
		}
	}, d.window)
	showClosingOnEscape(d.window, confirm)
}

func (r *stageRow) displayName() string {
	if name := strings.TrimSpace(r.name.Text); name != "" {
		return name
	}

	return "#" + strconv.FormatInt(r.id, 10)
}

// deleteStage deletes the stored stage of r in a goroutine, moving its
// deals to the stage with id moveTo. With moveTo 0 and deals in the
// stage, the store rejects the call and askMoveTarget runs.
func (d *pipelineDialog) deleteStage(r *stageRow, moveTo int64) {
	go func() {
		err := d.store.DeleteStage(context.Background(), r.id, moveTo)

		d.do(func() {
			var notEmpty *app.StageNotEmptyError
			switch {
			case errors.As(err, &notEmpty):
				d.askMoveTarget(r, *notEmpty)
			case err != nil:
				d.reportStoreError(lang.L("The stage could not be deleted."), err)
			default:
				d.dropStoredStage(r.id)
				d.removeRow(r)
				d.onSaved()
			}
		})
	}()
}

// dropStoredStage removes a deleted stage from the loaded pipelines, so
// choosing its pipeline again does not bring it back.
func (d *pipelineDialog) dropStoredStage(id int64) {
	for i, p := range d.pipelines {
		d.pipelines[i].Stages = slices.DeleteFunc(slices.Clone(p.Stages), func(st app.Stage) bool { return st.ID == id })
	}
}

// moveTargets returns the stored stages that may take the deals of r by
// name: any other stage for an open stage, else one of the same kind.
func (d *pipelineDialog) moveTargets(r *stageRow) ([]string, map[string]int64) {
	var names []string
	ids := map[string]int64{}
	for _, other := range d.rows {
		if other == r || other.id == 0 {
			continue
		}
		// Deals keep their kind: an open deal is closed only with a
		// reason, and a closed one is reopened only on purpose.
		if other.storedKind != r.storedKind {
			continue
		}

		// Saved names are unique, unlike the names being edited.
		name := other.storedName
		names = append(names, name)
		ids[name] = other.id
	}

	return names, ids
}

// askMoveTarget shows a dialog for choosing the stage that takes the
// deals of r, with their counts by kind.
func (d *pipelineDialog) askMoveTarget(r *stageRow, counts app.StageNotEmptyError) {
	names, ids := d.moveTargets(r)
	values := map[string]any{"Name": r.displayName(), "Open": counts.Open, "Won": counts.Won, "Lost": counts.Lost}
	if len(names) == 0 {
		message := lang.X("pipeline.delete.notarget",
			"Stage {{.Name}} contains {{.Open}} open, {{.Won}} won and {{.Lost}} lost deals, and no other saved stage of its kind can take them. Add and save such a stage first.",
			values)
		d.errors.report(message, &counts)
		return
	}

	m := &stageMove{row: r, counts: counts, targets: ids}
	m.message = wrappedLabel(lang.X("pipeline.delete.move",
		"Stage {{.Name}} contains {{.Open}} open, {{.Won}} won and {{.Lost}} lost deals. Choose the stage they move to. No deal is deleted.",
		values))
	m.target = newSelect(names, nil)
	m.target.SetSelectedIndex(0)

	content := container.NewVBox(m.message, container.New(layout.NewFormLayout(), headingLabel(lang.L("Move deals to")), m.target))
	m.dialog = dialog.NewCustomConfirm(lang.L("Delete stage"), lang.L("Move and delete"), lang.L("Cancel"),
		content, d.onMoveConfirmed, d.window)
	m.dialog.Resize(fyne.NewSize(480, 0))
	d.move = m
	showClosingOnEscape(d.window, m.dialog)
}

func (d *pipelineDialog) onMoveConfirmed(ok bool) {
	m := d.move
	d.move = nil
	if !ok || m == nil {
		return
	}

	d.deleteStage(m.row, m.targets[m.target.Selected])
}
