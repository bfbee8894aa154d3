package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// recentMerges is the "Recent merges" list of the duplicates dialog with
// its "Undo merge" button.
type recentMerges struct {
	store   duplicateStore
	window  fyne.Window
	do      uiRunner
	errors  errorReporter
	onUndo  func()
	merges  []app.MergeSummary
	chosen  int
	list    *widget.List
	undo    *widget.Button
	content fyne.CanvasObject
}

func newRecentMerges(store duplicateStore, window fyne.Window, do uiRunner, reporter errorReporter,
	onUndo func()) *recentMerges {
	r := &recentMerges{store: store, window: window, do: do, errors: reporter, onUndo: onUndo, chosen: -1}
	r.list = widget.NewList(func() int { return len(r.merges) },
		func() fyne.CanvasObject { return widget.NewLabel("") }, r.updateRow)
	r.list.OnSelected = r.onSelected
	r.undo = widget.NewButton(lang.X("duplicates.undo", "Undo merge"), r.onUndoTapped)
	r.undo.Disable()
	header := container.NewBorder(nil, nil, nil, r.undo, widget.NewLabel(lang.X("duplicates.recent", "Recent merges")))
	r.content = container.NewBorder(header, nil, nil, nil, r.list)

	return r
}

func (r *recentMerges) reload() { r.reloadSelecting(0) }

// reloadSelecting loads the list in a goroutine and then selects the
// merge with id mergeID, if it is listed.
func (r *recentMerges) reloadSelecting(mergeID int64) {
	go func() {
		merges, err := r.store.RecentMerges(context.Background(), recentMergeLimit)
		r.do(func() { r.onLoaded(merges, mergeID, err) })
	}()
}

func (r *recentMerges) onLoaded(merges []app.MergeSummary, mergeID int64, err error) {
	if err != nil {
		r.errors.report(lang.X("duplicates.error.recent",
			"The recent merges could not be loaded. The log file has the details."), err)
		return
	}

	r.merges = merges
	r.chosen = -1
	r.list.UnselectAll()
	r.list.Refresh()
	r.undo.Disable()
	for i, m := range merges {
		if m.ID == mergeID {
			r.list.Select(i)
		}
	}
}

func (r *recentMerges) updateRow(id widget.ListItemID, row fyne.CanvasObject) {
	m := r.merges[id]
	text := fmt.Sprintf("%s  %s: %s (#%d) %s", m.MergedAt.Local().Format("2006-01-02 15:04"), kindLabel(m.Kind),
		m.KeptTitle, m.KeptID, lang.XN("duplicates.recent.removed", "+{{.Count}} merged", m.RemovedCount,
			map[string]any{"Count": m.RemovedCount}))
	if !m.UndoneAt.IsZero() {
		text += " · " + lang.X("duplicates.recent.undone", "undone")
	}

	row.(*widget.Label).SetText(text)
}

func (r *recentMerges) onSelected(id widget.ListItemID) {
	r.chosen = id
	if r.merges[id].UndoneAt.IsZero() {
		r.undo.Enable()
	} else {
		r.undo.Disable()
	}
}

func (r *recentMerges) onUndoTapped() {
	if r.chosen < 0 || r.chosen >= len(r.merges) {
		return
	}

	mergeID := r.merges[r.chosen].ID
	r.undo.Disable()
	go func() {
		err := r.store.UndoMerge(context.Background(), mergeID)
		r.do(func() { r.onUndone(mergeID, err) })
	}()
}

func (r *recentMerges) onUndone(mergeID int64, err error) {
	if err != nil {
		r.errors.report(lang.X("duplicates.error.undo",
			"The merge could not be undone: a removed record's number is taken or the kept record was deleted. The log file has the details."), err)
		r.reloadSelecting(mergeID)
		return
	}

	r.reloadSelecting(0)
	r.onUndo()
}
