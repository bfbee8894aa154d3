package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/ui/words"
)

// fillDurations shows the time the deal spent in each stage, adding up
// every visit, with the current stage counting until now.
func (d *opportunityDetail) fillDurations(history []app.StageChangeView) {
	d.durations.Objects = nil
	for _, s := range app.StageDurations(history, d.now()) {
		d.durations.Add(wrappedLabel(lang.X("detail.duration.line", "{{.Stage}}: {{.Duration}}",
			map[string]any{"Stage": s.Stage, "Duration": formatStageDuration(s.Duration)})))
	}

	if len(history) == 0 {
		d.durations.Add(widget.NewLabel(lang.L("No stage changes recorded.")))
	}
	d.durations.Refresh()
}

// formatStageDuration writes d in whole days, or in whole hours when it
// is shorter than a day.
func formatStageDuration(d time.Duration) string {
	if days := int(d / (24 * time.Hour)); days > 0 {
		return lang.XN("duration.days", "{{.Count}} days", days, map[string]any{"Count": days})
	}

	if hours := int(d / time.Hour); hours > 0 {
		return lang.XN("duration.hours", "{{.Count}} hours", hours, map[string]any{"Count": hours})
	}

	return lang.L("less than an hour")
}

// fillChanges shows the deal's field changes, newest first, such as
// "2026-03-04 14:05, Anna Schmidt: Owner: Anna → Ben".
func (d *opportunityDetail) fillChanges(changes []app.FieldChange) {
	d.changes.Objects = nil
	for i := len(changes) - 1; i >= 0; i-- {
		d.changes.Add(wrappedLabel(d.changeLine(changes[i])))
	}

	if len(changes) == 0 {
		d.changes.Add(widget.NewLabel(lang.L("No field changes recorded.")))
	}
	d.changes.Refresh()
}

// changeLine formats one field change with the name of the person who
// made it, or without a name for a change recorded before Leadwerk
// stored names.
func (d *opportunityDetail) changeLine(c app.FieldChange) string {
	values := map[string]any{
		"When":  formatDateTime(c.At, d.language),
		"By":    changedBy(c.By),
		"Field": fieldChangeLabel(c.Field),
		"Old":   d.fieldChangeValue(c.Field, c.Old),
		"New":   d.fieldChangeValue(c.Field, c.New),
	}
	if c.By == "" {
		return lang.X("detail.change.line", "{{.When}}: {{.Field}}: {{.Old}} → {{.New}}", values)
	}

	return lang.X("profile.change.line", "{{.When}}, {{.By}}: {{.Field}}: {{.Old}} → {{.New}}", values)
}

// fieldChangeLabel translates the field names the store records and
// shows any other name as it is stored.
func fieldChangeLabel(field string) string {
	labels := map[string]string{
		"title":                   lang.L("Title"),
		"company":                 lang.L("Company"),
		"contact":                 lang.L("Contact"),
		"stage":                   lang.L("Stage"),
		"amount":                  lang.L("Amount"),
		"close_date":              lang.L("Close date"),
		"probability":             lang.L("Probability"),
		"probability_set_by_hand": lang.L("Probability set by hand"),
		"owner":                   lang.L("Owner"),
		"product":                 lang.L("Product"),
		"next_step":               lang.L("Next step"),
		"talks_status":            lang.L("Status of talks"),
		"customer_budget":         lang.L("Customer budget"),
		"expectations":            lang.L("Expectations"),
		"source":                  lang.L("Source"),
		"notes":                   lang.L("Notes"),
		"close_reason":            lang.L("Close reason"),
		"close_competitor":        lang.L("Competitor"),
		"close_note":              lang.L("Close note"),
	}
	if label, ok := labels[field]; ok {
		return label
	}

	return field
}

// fieldChangeValue writes a recorded value in the person's language. The
// store records money as "1054.00 USD", dates as "YYYY-MM-DD" and the
// hand-set mark as "yes" or "no". A value in another form is shown as it is.
func (d *opportunityDetail) fieldChangeValue(field, value string) string {
	if value == "" {
		return lang.L("(empty)")
	}

	switch field {
	case "amount", "customer_budget":
		number, currency, ok := strings.Cut(value, " ")
		if m, err := app.ParseMoney(number, currency); ok && err == nil {
			return app.FormatMoney(m, d.language)
		}
	case "close_date":
		if date, err := app.ParseDate(value); err == nil {
			return app.FormatDate(date, d.language)
		}
	case "probability_set_by_hand":
		if value == "yes" {
			return lang.L("yes")
		}
		if value == "no" {
			return lang.L("no")
		}
	case "source":
		return words.LeadSource(value)
	}

	return value
}
