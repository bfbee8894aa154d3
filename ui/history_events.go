package ui

import (
	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
)

// Fields of the audit entries that name an event rather than a column,
// as data/audit_events.go writes them.
const (
	auditMergedFrom = "merged_from"
	auditMergedInto = "merged_into"
	auditActivity   = "activity"
)

// eventHistoryLine returns the line of an import that created the
// record, a merge or an activity, and false for other entries. data holds
// When and By.
func eventHistoryLine(e app.AuditEntry, data map[string]any, language string) (string, bool) {
	switch {
	case e.Import != nil:
		return importHistoryLine(*e.Import, data, language), true
	case e.Field == auditMergedFrom:
		data["Name"] = auditValueText(e.Field, e.New)
		return lang.X("history.merged_from", "{{.When}} · {{.By}} · merged {{.Name}} into this record", data), true
	case e.Field == auditMergedInto:
		data["Name"] = auditValueText(e.Field, e.New)
		return lang.X("history.merged_into", "{{.When}} · {{.By}} · merged into {{.Name}}", data), true
	case e.Field == auditActivity && e.Old == nil:
		data["Activity"] = auditValueText(e.Field, e.New)
		return lang.X("history.activity_added", "{{.When}} · {{.By}} · activity added: {{.Activity}}", data), true
	case e.Field == auditActivity:
		data["Old"], data["New"] = auditValueText(e.Field, e.Old), auditValueText(e.Field, e.New)
		return lang.X("history.activity_changed", "{{.When}} · {{.By}} · activity: {{.Old}} → {{.New}}", data), true
	}

	return "", false
}

// importHistoryLine is "2026-03-01 14:05 · Import · created by importing
// messe.csv (120 new, 3 updated, 2 rejected)", with the counts of the
// whole import.
func importHistoryLine(s app.ImportSummary, data map[string]any, language string) string {
	data["File"] = s.File
	data["New"] = app.FormatCount(s.New, language)
	data["Updated"] = app.FormatCount(s.Updated, language)
	data["Rejected"] = app.FormatCount(s.Rejected, language)

	return lang.X("history.imported",
		"{{.When}} · {{.By}} · created by importing {{.File}} ({{.New}} new, {{.Updated}} updated, {{.Rejected}} rejected)",
		data)
}
