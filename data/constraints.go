package data

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"

	"leadwerk/app"
)

// ruleMarker starts the message of every RAISE in the constraint
// triggers, so [constraintError] can tell a broken rule from other
// SQLite errors.
const ruleMarker = "leadwerk rule: "

// columnRule is one rule a row must meet, written as an SQL condition on
// the NEW row that is true when the row breaks it. Columns lists the
// columns the condition reads, separated by ", ". Message states what is
// wrong and what to enter, in the words of the app's log.
type columnRule struct {
	columns   string
	violation string
	message   string
}

// tableRules are the rules of one table. A BEFORE INSERT trigger checks
// them all, and a BEFORE UPDATE trigger checks them when one of their
// columns changes.
type tableRules struct {
	table string
	rules []columnRule
}

// constraintTriggers returns the SQL that creates the two triggers of
// each table. SQLite adds a CHECK only by rebuilding a table, so the
// rules are triggers that abort the statement.
func constraintTriggers(tables []tableRules) string {
	var b strings.Builder
	for _, t := range tables {
		writeTrigger(&b, t, "insert", "INSERT")
		columns := make([]string, 0, len(t.rules))
		for _, r := range t.rules {
			for _, column := range strings.Split(r.columns, ", ") {
				if !slices.Contains(columns, column) {
					columns = append(columns, column)
				}
			}
		}
		writeTrigger(&b, t, "update", "UPDATE OF "+strings.Join(columns, ", "))
	}

	return b.String()
}

func writeTrigger(b *strings.Builder, t tableRules, suffix, event string) {
	fmt.Fprintf(b, "CREATE TRIGGER %s_rules_%s BEFORE %s ON %s\nBEGIN\n", t.table, suffix, event, t.table)
	for _, r := range t.rules {
		message := strings.ReplaceAll(ruleMarker+r.message, "'", "''")
		fmt.Fprintf(b, "\tSELECT RAISE(ABORT, '%s') WHERE %s;\n", message, r.violation)
	}
	b.WriteString("END;\n")
}

// constraintError turns the error of a broken rule trigger into one that
// wraps [app.ErrInvalid] and carries the rule's message. Other errors,
// and nil, are returned as they are.
func constraintError(err error) error {
	if err == nil || errors.Is(err, app.ErrInvalid) {
		return err
	}

	text := err.Error()
	_, message, found := strings.Cut(text, ruleMarker)
	if !found {
		return err
	}

	// The driver appends the result code, as in "… (1811)".
	if i := strings.LastIndex(message, " ("); i > 0 && strings.HasSuffix(message, ")") {
		message = message[:i]
	}

	return fmt.Errorf("%s: %w", message, app.ErrInvalid)
}

// registerConstraintErrors makes every GORM statement on db return
// [constraintError] of its error, so a store method that reaches a rule
// trigger wraps app.ErrInvalid without checking for it itself.
func registerConstraintErrors(db *gorm.DB) error {
	mapError := func(tx *gorm.DB) {
		if tx.Error != nil {
			tx.Error = constraintError(tx.Error)
		}
	}

	callbacks := db.Callback()
	registrations := []error{
		callbacks.Create().After("gorm:create").Register("leadwerk:rules_create", mapError),
		callbacks.Update().After("gorm:update").Register("leadwerk:rules_update", mapError),
		callbacks.Raw().After("gorm:raw").Register("leadwerk:rules_raw", mapError),
	}

	return errors.Join(registrations...)
}
