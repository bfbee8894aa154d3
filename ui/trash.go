package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// trashStore is what the trash dialog reads and writes.
type trashStore interface {
	TrashItems(ctx context.Context) ([]app.TrashItem, error)
	RestoreFromTrash(ctx context.Context, id int64) error
	DeleteFromTrash(ctx context.Context, id int64) error
	PurgeTrash(ctx context.Context, all bool) (int, error)
}

// trashDialog lists the deleted records with Restore and Delete
// permanently.
type trashDialog struct {
	store    trashStore
	do       uiRunner
	errors   errorReporter
	window   fyne.Window
	items    []app.TrashItem
	list     *widget.List
	selected int
	changed  func()
	empty    *widget.Button
	// confirm is the open confirmation, kept for tests.
	confirm *dialog.ConfirmDialog
}

// openTrash is the Edit → Trash menu action.
func (m *mainWindow) openTrash() {
	m.showTrash()
}

// showTrash opens the trash dialog, or returns nil when the store keeps
// no trash.
func (m *mainWindow) showTrash() *trashDialog {
	store, ok := m.store.(trashStore)
	if !ok {
		return nil
	}

	t := &trashDialog{store: store, do: m.do, errors: m.errors, window: m.window, selected: -1,
		changed: m.afterUndo}
	t.show()

	return t
}

func (t *trashDialog) show() {
	t.list = widget.NewList(func() int { return len(t.items) },
		func() fyne.CanvasObject { return widget.NewLabel("") }, t.updateRow)
	t.list.OnSelected = func(id widget.ListItemID) { t.selected = id }

	restore := widget.NewButton(lang.X("trash.restore", "Restore"), t.onRestoreTapped)
	remove := widget.NewButton(lang.X("trash.delete_permanently", "Delete permanently"), t.onDeleteTapped)
	t.empty = widget.NewButtonWithIcon(lang.X("trash.empty", "Empty trash"), theme.DeleteIcon(), t.onEmptyTapped)
	buttons := container.NewBorder(nil, nil, container.NewHBox(restore, remove), t.empty)
	content := container.NewBorder(nil, buttons, nil, nil, t.list)

	d := dialog.NewCustom(lang.X("trash.title", "Trash"), lang.X("trash.close", "Close"), content, t.window)
	d.Resize(fyne.NewSize(640, 420))
	d.Show()
	t.reload()
}

func (t *trashDialog) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	item := t.items[id]
	o.(*widget.Label).SetText(trashRowText(item))
}

// trashRowText returns one line of the list: kind, name, when and by whom.
func trashRowText(item app.TrashItem) string {
	return lang.X("trash.row", "{{.Kind}}: {{.Title}} · deleted {{.When}} by {{.By}}", map[string]any{
		"Kind": entityKindWord(item.Kind), "Title": item.Title,
		"When": item.DeletedAt.Local().Format("2006-01-02 15:04"), "By": item.DeletedBy,
	})
}

func entityKindWord(k app.EntityKind) string {
	switch k {
	case app.EntityLead:
		return lang.X("trash.kind.lead", "Lead")
	case app.EntityContact:
		return lang.X("trash.kind.contact", "Contact")
	case app.EntityCompany:
		return lang.X("trash.kind.company", "Company")
	default:
		return lang.X("trash.kind.opportunity", "Opportunity")
	}
}

func (t *trashDialog) reload() {
	go func() {
		items, err := t.store.TrashItems(context.Background())
		t.do(func() { t.onLoaded(items, err) })
	}()
}

func (t *trashDialog) onLoaded(items []app.TrashItem, err error) {
	if err != nil {
		t.errors.report(lang.X("trash.load_failed", "The trash could not be read. The log file has the details."), err)
		return
	}

	t.items, t.selected = items, -1
	t.list.UnselectAll()
	t.list.Refresh()
	setEnabled(t.empty, len(items) > 0)
}

func (t *trashDialog) onRestoreTapped() {
	if t.selected < 0 || t.selected >= len(t.items) {
		return
	}

	item := t.items[t.selected]
	t.run(func(ctx context.Context) error { return t.store.RestoreFromTrash(ctx, item.ID) },
		lang.X("trash.restore_failed", "{{.Title}} could not be restored. The log file has the details.",
			map[string]any{"Title": item.Title}))
}

func (t *trashDialog) onDeleteTapped() {
	if t.selected < 0 || t.selected >= len(t.items) {
		return
	}

	item := t.items[t.selected]
	message := lang.X("trash.delete_confirm", "Delete {{.Title}} permanently? This cannot be undone.",
		map[string]any{"Title": item.Title})
	dialog.ShowConfirm(lang.X("trash.delete_permanently", "Delete permanently"), message, func(ok bool) {
		if !ok {
			return
		}
		t.run(func(ctx context.Context) error { return t.store.DeleteFromTrash(ctx, item.ID) },
			lang.X("trash.delete_failed", "{{.Title}} could not be deleted. The log file has the details.",
				map[string]any{"Title": item.Title}))
	}, t.window)
}

// run calls write in a goroutine, then reloads the list and tells the
// window that records changed.
func (t *trashDialog) run(write func(ctx context.Context) error, failed string) {
	go func() {
		err := write(context.Background())
		t.do(func() {
			if err != nil {
				t.errors.report(failed, fmt.Errorf("trash: %w", err))
			}
			t.reload()
			if t.changed != nil {
				t.changed()
			}
		})
	}()
}

// onEmptyTapped asks before it deletes every item in the trash for good.
func (t *trashDialog) onEmptyTapped() {
	if len(t.items) == 0 {
		return
	}

	message := lang.XN("trash.empty_confirm",
		"Delete all {{.Count}} items in the trash permanently? This cannot be undone.", len(t.items),
		map[string]any{"Count": len(t.items)})
	t.confirm = dialog.NewConfirm(lang.X("trash.empty", "Empty trash"), message, func(ok bool) {
		if !ok {
			return
		}
		t.run(func(ctx context.Context) error {
			_, err := t.store.PurgeTrash(ctx, true)
			return err
		}, lang.X("trash.empty_failed", "The trash could not be emptied. The log file has the details."))
	}, t.window)
	t.confirm.SetConfirmText(lang.X("trash.empty", "Empty trash"))
	t.confirm.Show()
}
