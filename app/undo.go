package app

import (
	"errors"
	"time"
)

// ErrChangedSince means an undo was rejected because the record changed
// after the action that would be undone, so undoing it would overwrite
// the newer change.
var ErrChangedSince = errors.New("record changed since")

// UndoKind names the kind of action an [UndoAction] undoes.
type UndoKind string

// The kinds of action that can be undone.
const (
	UndoEdit   UndoKind = "edit"
	UndoStage  UndoKind = "stage"
	UndoDelete UndoKind = "delete"
	UndoMerge  UndoKind = "merge"
)

// UndoAction is one action that can still be undone. Ref is the audit
// change id of an edit or a stage move, the trash item id of a delete, or
// the merge id of a merge.
type UndoAction struct {
	Kind     UndoKind
	Ref      int64
	Entity   EntityKind
	EntityID int64
	// Title names the record the action changed.
	Title string
	// At is UTC.
	At time.Time
}
