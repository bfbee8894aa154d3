package data

import (
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
)

// Fields of the merge and activity entries, which are no column of the
// record they describe.
const (
	// auditMergedFrom is a record merged into the entry's record. Its
	// value is the merged record's name and id, as in "Anna Schmidt (#12)".
	auditMergedFrom = "merged_from"
	// auditMergedInto is the record that the entry's record was merged
	// into, recorded on the merged record.
	auditMergedInto = "merged_into"
	// auditActivityField is an activity of a deal or lead. Its value is
	// the activity's kind, subject and state, as in
	// "call: Rückruf (done: Angebot gewünscht)".
	auditActivityField = "activity"
)

// audit records a merge on the kept record, as one change: a
// merged_from entry per removed record and each column that the merge
// changed, such as a field taken from a removed record. Each removed
// record gets a merged_into entry naming the kept one. It runs after
// replaceRecords, so the kept row has its new values.
func (m *merger) audit() error {
	kind := mergeEntity(string(m.request.Kind))
	after, err := readEntityRow(m.tx, kind, m.request.KeepID)
	if err != nil {
		return err
	}

	kept := recordLabel(after, m.request.KeepID)
	var diffs []fieldDiff
	for _, row := range m.snap.Removed {
		removed := recordLabel(row, row.id())
		diffs = append(diffs, fieldDiff{field: auditMergedFrom, new: &removed})

		into := []fieldDiff{{field: auditMergedInto, new: &kept}}
		if _, err := writeAudit(m.tx, kind, row.id(), app.AuditMerge, m.now, into); err != nil {
			return err
		}
	}

	diffs = append(diffs, diffRows(m.snap.Kept, after)...)
	_, err = writeAudit(m.tx, kind, m.request.KeepID, app.AuditMerge, m.now, diffs)

	return err
}

// recordLabel returns the name of a stored company, contact or lead row
// with its id, as in "Anna Schmidt (#12)".
func recordLabel(row storedRow, id int64) string {
	text := func(column string) string {
		if v := row[column].Text; v != nil {
			return *v
		}
		return ""
	}

	name := text("name")
	if name == "" {
		name = app.Lead{FirstName: text("first_name"), LastName: text("last_name"),
			CompanyName: text("company_name")}.Name()
	}

	return name + " (#" + strconv.FormatInt(id, 10) + ")"
}

// activityText describes an activity for the audit log.
func activityText(a activityRow) string {
	text := a.Kind + ": " + a.Subject
	if !a.Done {
		return text + " (open)"
	}
	if a.Outcome == "" {
		return text + " (done)"
	}

	return text + " (done: " + a.Outcome + ")"
}

// auditActivity records an activity on its deal or lead: added when old
// is nil, changed to current otherwise.
func auditActivity(tx *gorm.DB, old *activityRow, current activityRow, at time.Time) error {
	kind, id := app.EntityOpportunity, int64(0)
	switch {
	case current.OpportunityID != nil:
		id = *current.OpportunityID
	case current.LeadID != nil:
		kind, id = app.EntityLead, *current.LeadID
	default:
		return fmt.Errorf("activity %d belongs to no deal or lead", current.ID)
	}

	diff := fieldDiff{field: auditActivityField}
	newText := activityText(current)
	diff.new = &newText
	if old != nil {
		oldText := activityText(*old)
		diff.old = &oldText
	}

	_, err := writeAudit(tx, kind, id, app.AuditActivity, at, []fieldDiff{diff})

	return err
}
