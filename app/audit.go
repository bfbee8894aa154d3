package app

import "time"

// EntityKind names the kind of record that the audit trail, the trash and
// the undo stack refer to.
type EntityKind string

// The kinds of record whose changes the audit trail records.
const (
	EntityLead        EntityKind = "lead"
	EntityContact     EntityKind = "contact"
	EntityCompany     EntityKind = "company"
	EntityOpportunity EntityKind = "opportunity"
)

// AuditAction names what a change to a record did.
type AuditAction string

// The actions of the audit trail. AuditStatus covers a lead's status,
// hand-over and temperature. Only edits and stage moves can be undone
// field by field; a delete is undone by restoring from the trash.
const (
	AuditCreate  AuditAction = "create"
	AuditEdit    AuditAction = "edit"
	AuditStage   AuditAction = "stage"
	AuditStatus  AuditAction = "status"
	AuditQualify AuditAction = "qualify"
	AuditParties AuditAction = "parties"
	AuditConvert AuditAction = "convert"
	AuditDelete  AuditAction = "delete"
	AuditRestore AuditAction = "restore"
	AuditUndo    AuditAction = "undo"
)

// AuditEntry is one changed field of one record. Old and New are the
// values as stored, in their SQLite text form; a nil pointer means NULL,
// as the old value of a created record is. Entries of one write share
// their ChangeID. Field is empty on the single entry of a delete or a
// restore.
type AuditEntry struct {
	ID       int64
	ChangeID int64
	Kind     EntityKind
	EntityID int64
	Action   AuditAction
	Field    string
	Old      *string
	New      *string
	// At is UTC.
	At time.Time
	By string
}
