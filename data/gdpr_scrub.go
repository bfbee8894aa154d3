package data

import (
	"database/sql"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"leadwerk/app"
)

// scrubTarget is a table whose free texts may name a person who is
// erased while the row stays.
type scrubTarget struct {
	table   string
	columns []string
}

// scrubTargets lists the free-text columns that an erasure scrubs. A
// table of a newer feature that the database lacks is skipped. Add a
// table here when it stores free text about people.
var scrubTargets = []scrubTarget{
	{table: "activities", columns: []string{"subject", "notes", "outcome"}},
	{table: "opportunities", columns: []string{"title", "notes", "next_step", "talks_status", "expectations",
		"close_note"}},
	{table: "opportunity_field_changes", columns: []string{"old_value", "new_value"}},
	{table: "lead_status_changes", columns: []string{"reason"}},
	{table: "leads", columns: []string{"notes", "disqualify_reason", "handed_over_by"}},
	{table: "qualifications", columns: []string{"decided_by", "budget_note", "authority_note", "need_note",
		"time_note"}},
	{table: "competitors", columns: []string{"strengths", "weaknesses"}},
	{table: "offer_lines", columns: []string{"product"}},
	{table: "audit_log", columns: []string{"old_value", "new_value"}},
}

// eraseMentions replaces the person's names and e-mail addresses in every
// scrub target.
func eraseMentions(e *erasure) error {
	if len(e.needles) == 0 {
		return nil
	}

	for _, target := range scrubTargets {
		exists, err := tableExists(e.tx, target.table)
		if err != nil {
			return err
		}
		if !exists {
			continue
		}

		count, err := scrubTable(e, target)
		if err != nil {
			return fmt.Errorf("scrub %s: %w", target.table, err)
		}
		e.result.Scrubbed += count
	}

	return nil
}

// scrubTable rewrites the rows of target that mention a needle and
// returns how many it changed. It reads the matches first and updates
// after, because the store's one connection cannot write while a result
// set is open.
func scrubTable(e *erasure, target scrubTarget) (int, error) {
	where, args := likeAny(e.tx, target.columns, e.needles)
	rows, err := e.tx.Raw(`SELECT `+rowKeySQL(e.tx)+`, `+strings.Join(target.columns, ", ")+
		` FROM `+target.table+` WHERE `+where, args...).Rows()
	if err != nil {
		return 0, err
	}

	type match struct {
		rowID  string
		values []sql.NullString
	}
	var matches []match
	for rows.Next() {
		m := match{values: make([]sql.NullString, len(target.columns))}
		dest := []any{&m.rowID}
		for i := range m.values {
			dest = append(dest, &m.values[i])
		}
		if err := rows.Scan(dest...); err != nil {
			_ = rows.Close()
			return 0, err
		}
		matches = append(matches, m)
	}
	if err := rows.Close(); err != nil {
		return 0, err
	}

	changed := 0
	for _, m := range matches {
		updated, err := scrubRow(e, target, m.rowID, m.values)
		if err != nil {
			return changed, err
		}
		if updated {
			changed++
		}
	}

	return changed, nil
}

// scrubRow replaces the needles in the values of one row and writes the
// changed columns, with a new version in a versioned table.
func scrubRow(e *erasure, target scrubTarget, rowID string, values []sql.NullString) (bool, error) {
	var sets []string
	var args []any
	for i, value := range values {
		if !value.Valid {
			continue
		}

		scrubbed, changed := app.ScrubText(value.String, e.needles)
		if changed {
			sets = append(sets, target.columns[i]+" = ?")
			args = append(args, scrubbed)
		}
	}
	if len(sets) == 0 {
		return false, nil
	}

	args = append(args, rowID)
	set := versionedSet(target.table, strings.Join(sets, ", "))
	err := e.tx.Exec(`UPDATE `+target.table+` SET `+set+` WHERE `+rowKeyMatchSQL(e.tx), args...).Error

	return err == nil, err
}

// rowKeySQL returns the expression that identifies a row of any table as
// text, because offer_lines has no id: SQLite's rowid, PostgreSQL's ctid.
// A ctid holds only while no other statement updates the row.
func rowKeySQL(tx *gorm.DB) string {
	if isPostgresDB(tx) {
		return "ctid::TEXT"
	}

	return "CAST(rowid AS TEXT)"
}

// rowKeyMatchSQL returns the condition that a row has the key of one ?
// parameter from rowKeySQL.
func rowKeyMatchSQL(tx *gorm.DB) string {
	if isPostgresDB(tx) {
		return "ctid = ?::TID"
	}

	return "rowid = CAST(? AS INTEGER)"
}
