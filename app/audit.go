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
	// AuditImport marks a field that a file import changed, and the one
	// summary entry of an import that names the file and its counts.
	AuditImport AuditAction = "import"
	// AuditMerge marks the merged records and the fields a merge took.
	AuditMerge AuditAction = "merge"
	// AuditActivity marks an activity added to, or completed or reopened
	// on, a deal or lead.
	AuditActivity AuditAction = "activity"
)

// ImportSummary is the result of one file import for the records of one
// kind. The audit trail keeps one per import instead of one entry per
// created record, and the history of each created record shows it.
type ImportSummary struct {
	// File is the base name of the imported file.
	File string `json:"file"`
	// Rows counts the data rows read, rejected ones included.
	Rows       int `json:"rows"`
	New        int `json:"new"`
	Updated    int `json:"updated"`
	Duplicates int `json:"duplicates"`
	Rejected   int `json:"rejected"`
	// FirstID and LastID are the ids of the first and the last record
	// that the import created, 0 when it created none.
	FirstID int64 `json:"first_id"`
	LastID  int64 `json:"last_id"`
}

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
	// Import is the summary of the import that created the record, set
	// only on that entry, whose Action is [AuditImport] and Field "".
	Import *ImportSummary
}
