package ui

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
)

// undoStore is what the undo stack reads and writes.
type undoStore interface {
	UndoableActions(ctx context.Context, since time.Time, limit int) ([]app.UndoAction, error)
	Undo(ctx context.Context, a app.UndoAction) error
}

// undoStack offers the newest action since the window opened for undo.
// The store records every action, so the stack keeps only the session's
// start and the action its menu item names; Ctrl+Z undoes exactly that
// action, and the store rejects it when it was undone or changed since.
type undoStack struct {
	store   undoStore
	do      uiRunner
	errors  errorReporter
	window  fyne.Window
	since   time.Time
	top     *app.UndoAction
	item    *fyne.MenuItem
	menu    *fyne.Menu
	changed func()
}

func newUndoStack(store undoStore, window fyne.Window, do uiRunner, errors errorReporter, changed func()) *undoStack {
	u := &undoStack{store: store, do: do, errors: errors, window: window, since: time.Now().UTC(), changed: changed}
	u.item = fyne.NewMenuItem(lang.X("trash.undo.none", "Undo"), u.onUndo)
	u.item.Disabled = true
	u.item.Shortcut = &undoShortcut

	return u
}

// undoShortcut is Ctrl+Z, Cmd+Z on macOS.
var undoShortcut = undoKey{}

type undoKey struct{}

func (undoKey) Key() fyne.KeyName     { return fyne.KeyZ }
func (undoKey) Mod() fyne.KeyModifier { return fyne.KeyModifierShortcutDefault }
func (undoKey) ShortcutName() string  { return "Undo" }

// register adds Ctrl+Z to the window's canvas.
func (u *undoStack) register(c fyne.Canvas) {
	c.AddShortcut(&undoShortcut, func(fyne.Shortcut) { u.onUndo() })
}

// refresh loads the newest undoable action and names it in the menu.
func (u *undoStack) refresh() {
	go func() {
		actions, err := u.store.UndoableActions(context.Background(), u.since, 1)
		u.do(func() { u.onLoaded(actions, err) })
	}()
}

func (u *undoStack) onLoaded(actions []app.UndoAction, err error) {
	u.top = nil
	if err != nil {
		u.errors.logger.Error("undoable actions not read", "err", err)
	}
	if len(actions) > 0 {
		u.top = &actions[0]
	}

	u.item.Label = undoLabel(u.top)
	u.item.Disabled = u.top == nil
	if u.menu != nil {
		u.menu.Refresh()
	}
}

// undoLabel returns the menu text naming what an undo would undo.
func undoLabel(a *app.UndoAction) string {
	if a == nil {
		return lang.X("trash.undo.none", "Undo")
	}

	data := map[string]any{"Title": a.Title}
	switch a.Kind {
	case app.UndoStage:
		return lang.X("trash.undo.stage", "Undo stage move of {{.Title}}", data)
	case app.UndoDelete:
		return lang.X("trash.undo.delete", "Undo delete of {{.Title}}", data)
	case app.UndoMerge:
		return lang.X("trash.undo.merge", "Undo merge into {{.Title}}", data)
	default:
		return lang.X("trash.undo.edit", "Undo edit of {{.Title}}", data)
	}
}

// onUndo undoes the action the menu names, in a goroutine.
func (u *undoStack) onUndo() {
	if u.top == nil {
		return
	}

	action := *u.top
	u.item.Disabled = true
	go func() {
		err := u.store.Undo(context.Background(), action)
		u.do(func() { u.onUndone(action, err) })
	}()
}

func (u *undoStack) onUndone(action app.UndoAction, err error) {
	u.refresh()
	if errors.Is(err, app.ErrChangedSince) {
		u.errors.logger.Info("undo rejected", "kind", action.Kind, "ref", action.Ref, "err", err)
		dialog.ShowInformation(lang.X("trash.undo.title", "Undo"), lang.X("trash.undo.changed",
			"{{.Title}} was changed after this action, so undoing it would overwrite the newer change.",
			map[string]any{"Title": action.Title}), u.window)
		return
	}
	if err != nil {
		u.errors.report(lang.X("trash.undo.failed", "The action could not be undone. The log file has the details."), err)
		return
	}

	if u.changed != nil {
		u.changed()
	}
}

// undoPoll is how often the Edit menu checks for a newer undoable action,
// because the screens that save edits do not report them to the stack.
const undoPoll = 2 * time.Second

// newUndo builds the undo stack when the store supports it.
func (m *mainWindow) newUndo() *undoStack {
	store, ok := m.store.(undoStore)
	if !ok {
		return nil
	}

	u := newUndoStack(store, m.window, m.do, m.errors, m.afterUndo)
	u.register(m.window.Canvas())
	u.watch()

	return u
}

// editMenu returns the Edit menu with Undo and the trash.
func (m *mainWindow) editMenu() *fyne.Menu {
	trash := fyne.NewMenuItem(lang.X("trash.menu.trash", "Trash…"), m.openTrash)
	if m.undo == nil {
		return fyne.NewMenu(lang.X("trash.menu.edit", "Edit"), trash)
	}

	m.undo.menu = fyne.NewMenu(lang.X("trash.menu.edit", "Edit"), m.undo.item, fyne.NewMenuItemSeparator(), trash)

	return m.undo.menu
}

// watch refreshes the undo item now and every undoPoll. It stops at the
// first failed read, such as after the database was closed.
func (u *undoStack) watch() {
	u.refresh()
	go func() {
		ticker := time.NewTicker(undoPoll)
		defer ticker.Stop()
		for range ticker.C {
			actions, err := u.store.UndoableActions(context.Background(), u.since, 1)
			if err != nil {
				u.errors.logger.Info("undo polling stopped", "err", err)
				return
			}
			u.do(func() { u.onLoaded(actions, nil) })
		}
	}()
}

// afterUndo reloads the screens after an undo or a restore changed
// records, and names the next undoable action.
func (m *mainWindow) afterUndo() {
	m.showTabs()
	if m.undo != nil {
		m.undo.refresh()
	}
}
