package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
)

// recordDeleter is the store access of the Delete… actions.
type recordDeleter interface {
	PreviewDelete(ctx context.Context, kind app.EntityKind, id int64) (app.DeleteSummary, error)
	Delete(ctx context.Context, kind app.EntityKind, id int64) (int64, error)
}

// deleteAction asks before it moves one record with everything attached
// to it into the trash. Both store calls run in goroutines.
type deleteAction struct {
	store  recordDeleter
	window fyne.Window
	do     uiRunner
	errors errorReporter

	// onDeleted runs on the UI goroutine after the record went to the
	// trash.
	onDeleted func()

	confirm *dialog.ConfirmDialog
	message string
}

// start reads what the delete would take along, then asks.
func (a *deleteAction) start(kind app.EntityKind, id int64) {
	go func() {
		summary, err := a.store.PreviewDelete(context.Background(), kind, id)
		a.do(func() { a.onPreviewed(kind, id, summary, err) })
	}()
}

func (a *deleteAction) onPreviewed(kind app.EntityKind, id int64, summary app.DeleteSummary, err error) {
	if err != nil {
		a.errors.report(lang.X("trash.delete.preview_failed",
			"{{.Kind}} {{.ID}} could not be prepared for deleting. The log file has the details.",
			map[string]any{"Kind": entityKindWord(kind), "ID": id}), err)
		return
	}

	a.message = deleteConfirmText(summary)
	a.confirm = dialog.NewConfirm(lang.X("trash.delete.title", "Delete"), a.message, func(ok bool) {
		if ok {
			a.delete(summary)
		}
	}, a.window)
	a.confirm.SetConfirmText(lang.X("trash.delete.confirm_button", "Move to trash"))
	a.confirm.SetDismissText(lang.L("Cancel"))
	a.confirm.Show()
}

func (a *deleteAction) delete(summary app.DeleteSummary) {
	go func() {
		_, err := a.store.Delete(context.Background(), summary.Kind, summary.ID)
		a.do(func() { a.onDone(summary, err) })
	}()
}

func (a *deleteAction) onDone(summary app.DeleteSummary, err error) {
	if err != nil {
		a.errors.report(lang.X("trash.delete.failed", "{{.Title}} could not be deleted. The log file has the details.",
			map[string]any{"Title": summary.Title}), fmt.Errorf("delete from the window: %w", err))
		return
	}

	if a.onDeleted != nil {
		a.onDeleted()
	}
}

// trashCountOrder lists the tables a confirmation names, in the order it
// names them. Rows of other tables, such as offer lines, belong to one of
// these and are not named.
var trashCountOrder = []string{
	"contacts", "activities", "qualifications", "lead_status_changes", "stage_changes",
	"opportunity_field_changes", "opportunity_contacts", "competitors", "opportunity_milestones", "offers",
}

// deleteConfirmText is "Lead Anna Becker, 3 activities, 1 qualification
// go to the trash. …", naming the record and each kind of attached row.
func deleteConfirmText(s app.DeleteSummary) string {
	parts := []string{entityKindWord(s.Kind) + " " + s.Title}
	for _, table := range trashCountOrder {
		if n := s.Counts[table]; n > 0 {
			parts = append(parts, trashCountText(table, n))
		}
	}

	data := map[string]any{
		"What": strings.Join(parts, ", "),
		"Days": int(app.TrashRetention.Hours() / 24),
	}

	return lang.XN("trash.delete.confirm",
		"{{.What}} go to the trash. You can restore them from Edit → Trash within {{.Days}} days.", len(parts), data)
}

// trashCountText is one attached table with its row count, such as
// "3 activities".
func trashCountText(table string, n int) string {
	data := map[string]any{"Count": n}
	switch table {
	case "contacts":
		return lang.XN("trash.count.contacts", "{{.Count}} contacts", n, data)
	case "activities":
		return lang.XN("trash.count.activities", "{{.Count}} activities", n, data)
	case "qualifications":
		return lang.XN("trash.count.qualifications", "{{.Count}} qualifications", n, data)
	case "lead_status_changes":
		return lang.XN("trash.count.status_changes", "{{.Count}} status changes", n, data)
	case "stage_changes":
		return lang.XN("trash.count.stage_changes", "{{.Count}} stage changes", n, data)
	case "opportunity_field_changes":
		return lang.XN("trash.count.field_changes", "{{.Count}} field changes", n, data)
	case "opportunity_contacts":
		return lang.XN("trash.count.decision_makers", "{{.Count}} decision makers", n, data)
	case "competitors":
		return lang.XN("trash.count.competitors", "{{.Count}} competitors", n, data)
	case "opportunity_milestones":
		return lang.XN("trash.count.milestones", "{{.Count}} milestones", n, data)
	default:
		return lang.XN("trash.count.offers", "{{.Count}} offers", n, data)
	}
}

// connectDeletes reloads every screen and names the delete in Edit → Undo
// after a lead or a deal went to the trash, because a deleted deal also
// leaves the board, the pipeline and the Today list.
func (m *mainWindow) connectDeletes() {
	m.leads.detail.onDeleted = m.afterUndo
	m.opportunities.detail.onDeleted = m.afterUndo
}
