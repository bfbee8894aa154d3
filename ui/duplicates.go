package ui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// duplicateStore is the store's access for the duplicates dialog.
type duplicateStore interface {
	FindDuplicateGroups(ctx context.Context, progress app.Progress) ([]app.DuplicateGroup, error)
	MergeDuplicates(ctx context.Context, r app.MergeRequest) (int64, error)
	UndoMerge(ctx context.Context, mergeID int64) error
	RecentMerges(ctx context.Context, limit int) ([]app.MergeSummary, error)
}

// recentMergeLimit is how many merges the "Recent merges" list shows.
const recentMergeLimit = 20

// duplicatesView is the Leads → Find duplicates dialog: the groups found,
// a side-by-side comparison of the selected group with a choice per
// field, and the recent merges with their undo.
type duplicatesView struct {
	store  duplicateStore
	window fyne.Window
	do     uiRunner
	errors errorReporter

	groups   []app.DuplicateGroup
	selected int
	cancel   context.CancelFunc

	status      *widget.Label
	bar         *widget.ProgressBar
	stopButton  *widget.Button
	againButton *widget.Button
	list        *widget.List
	compare     *duplicateComparison
	merges      *recentMerges
	content     fyne.CanvasObject
	dialog      *dialog.CustomDialog
}

// openDuplicates is the Leads → Find duplicates menu action.
func (m *mainWindow) openDuplicates() {
	store, ok := m.store.(duplicateStore)
	if !ok {
		m.errors.report(lang.X("duplicates.error.unsupported", "This database cannot search for duplicates."),
			errors.New("store does not implement duplicateStore"))
		return
	}

	v := newDuplicatesView(store, m.window, m.do, m.errors)
	showClosingOnEscape(m.window, v.dialog)
	v.search()
	v.merges.reload()
}

func newDuplicatesView(store duplicateStore, window fyne.Window, do uiRunner, reporter errorReporter) *duplicatesView {
	v := &duplicatesView{store: store, window: window, do: do, errors: reporter, selected: -1}

	v.status = widget.NewLabel("")
	v.bar = widget.NewProgressBar()
	v.stopButton = widget.NewButton(lang.X("duplicates.cancel", "Cancel"), v.onCancelTapped)
	v.againButton = widget.NewButton(lang.X("duplicates.search", "Search again"), v.search)
	v.list = widget.NewList(v.groupCount, v.newGroupRow, v.updateGroupRow)
	v.list.OnSelected = v.onGroupSelected
	v.compare = newDuplicateComparison(v.onMergeTapped)
	v.merges = newRecentMerges(store, window, do, reporter, v.onUndone)

	top := container.NewBorder(nil, nil, nil, container.NewVBox(container.NewHBox(v.stopButton, v.againButton)),
		container.NewVBox(v.status, v.bar))
	left := container.NewBorder(widget.NewLabel(lang.X("duplicates.groups", "Groups")), nil, nil, nil, v.list)
	split := container.NewHSplit(left, v.compare.content)
	split.SetOffset(0.34)
	body := container.NewVSplit(split, v.merges.content)
	body.SetOffset(0.75)
	v.content = container.NewBorder(top, nil, nil, nil, body)

	v.dialog = dialog.NewCustom(lang.X("duplicates.title", "Find duplicates"), lang.X("duplicates.close", "Close"),
		v.content, window)
	v.dialog.SetOnClosed(v.onClosed)
	v.dialog.Resize(fyne.NewSize(1180, 740))

	return v
}

// search runs the search in a goroutine with a progress bar. Cancel stops
// it and keeps the groups of the last search.
func (v *duplicatesView) search() {
	ctx, cancel := context.WithCancel(context.Background())
	v.cancel = cancel
	v.status.SetText(lang.X("duplicates.searching", "Searching for duplicates…"))
	v.bar.SetValue(0)
	v.bar.Show()
	v.stopButton.Enable()
	v.againButton.Disable()

	progress := v.progress()
	go func() {
		groups, err := v.store.FindDuplicateGroups(ctx, progress)
		v.do(func() { v.onSearched(groups, err) })
	}()
}

// progress returns the callback for the search, which moves the bar only
// when the whole percentage changes.
func (v *duplicatesView) progress() app.Progress {
	last := -1

	return func(done, total int) {
		if total <= 0 || done*100/total == last {
			return
		}

		last = done * 100 / total
		v.do(func() { v.bar.SetValue(float64(done) / float64(total)) })
	}
}

func (v *duplicatesView) onCancelTapped() {
	if v.cancel != nil {
		v.cancel()
	}
	v.stopButton.Disable()
}

func (v *duplicatesView) onClosed() {
	if v.cancel != nil {
		v.cancel()
	}
}

func (v *duplicatesView) onSearched(groups []app.DuplicateGroup, err error) {
	v.cancel = nil
	v.bar.Hide()
	v.stopButton.Disable()
	v.againButton.Enable()

	switch {
	case errors.Is(err, context.Canceled):
		v.status.SetText(lang.X("duplicates.cancelled", "Search cancelled."))
		return
	case err != nil:
		v.status.SetText("")
		v.errors.report(lang.X("duplicates.error.search",
			"The search for duplicates failed. The log file has the details."), err)
		return
	}

	v.groups = groups
	v.selected = -1
	v.list.UnselectAll()
	v.list.Refresh()
	v.compare.clear()
	v.status.SetText(lang.XN("duplicates.found", "{{.Count}} groups found", len(groups),
		map[string]any{"Count": len(groups)}))
}

func (v *duplicatesView) groupCount() int { return len(v.groups) }

func (v *duplicatesView) newGroupRow() fyne.CanvasObject {
	title := widget.NewLabel("")
	title.Truncation = fyne.TextTruncateEllipsis
	reason := widget.NewLabel("")
	reason.Truncation = fyne.TextTruncateEllipsis
	reason.Importance = widget.LowImportance

	return container.NewVBox(title, reason)
}

func (v *duplicatesView) updateGroupRow(id widget.ListItemID, row fyne.CanvasObject) {
	labels := row.(*fyne.Container).Objects
	g := v.groups[id]
	titles := make([]string, len(g.Records))
	for i, r := range g.Records {
		titles[i] = r.Title
	}

	labels[0].(*widget.Label).SetText(kindLabel(g.Kind) + ": " + strings.Join(titles, " · "))
	labels[1].(*widget.Label).SetText(matchesText(g.Matches))
}

func (v *duplicatesView) onGroupSelected(id widget.ListItemID) {
	v.selected = id
	v.compare.show(v.groups[id])
}

// onMergeTapped asks for confirmation and then merges in a goroutine.
func (v *duplicatesView) onMergeTapped(r app.MergeRequest) {
	message := lang.XN("duplicates.confirm", "Merge {{.Count}} records into one? You can undo this afterwards.",
		len(r.RemoveIDs)+1, map[string]any{"Count": len(r.RemoveIDs) + 1})
	confirm := dialog.NewConfirm(lang.X("duplicates.merge", "Merge"), message, func(ok bool) {
		if ok {
			v.merge(r)
		}
	}, v.window)
	showClosingOnEscape(v.window, confirm)
}

func (v *duplicatesView) merge(r app.MergeRequest) {
	selected := v.selected
	go func() {
		mergeID, err := v.store.MergeDuplicates(context.Background(), r)
		v.do(func() { v.onMerged(selected, mergeID, err) })
	}()
}

func (v *duplicatesView) onMerged(selected int, mergeID int64, err error) {
	if err != nil {
		v.errors.report(lang.X("duplicates.error.merge",
			"The records could not be merged, so nothing changed. The log file has the details."), err)
		return
	}

	if selected >= 0 && selected < len(v.groups) {
		v.groups = append(v.groups[:selected], v.groups[selected+1:]...)
	}
	v.selected = -1
	v.list.UnselectAll()
	v.list.Refresh()
	v.compare.clear()
	v.status.SetText(lang.X("duplicates.merged", "Merged. \"Undo merge\" below restores the records."))
	v.merges.reloadSelecting(mergeID)
}

// onUndone searches again, because the restored records are duplicates
// once more.
func (v *duplicatesView) onUndone() {
	v.status.SetText(lang.X("duplicates.undone", "Merge undone."))
	v.search()
}
