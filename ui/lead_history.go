package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// auditReader is the store access of a record's history.
type auditReader interface {
	AuditHistory(ctx context.Context, kind app.EntityKind, id int64, limit int) ([]app.AuditEntry, error)
}

// historyPage is how many audit entries the history shows at first and
// adds with each "Show more".
const historyPage = 20

// auditHistorySection lists the audit entries of one record, newest first:
// when, who, which field and its old and new value.
type auditHistorySection struct {
	store    auditReader
	do       uiRunner
	errors   errorReporter
	language string

	kind  app.EntityKind
	id    int64
	limit int
	// generation drops a load for a record that is no longer shown.
	generation int
	entries    []app.AuditEntry

	lines   *fyne.Container
	more    *widget.Button
	content fyne.CanvasObject
}

func newAuditHistorySection(store auditReader, do uiRunner, errors errorReporter, language string) *auditHistorySection {
	h := &auditHistorySection{store: store, do: do, errors: errors, language: language, limit: historyPage}
	h.lines = container.NewVBox()
	h.more = widget.NewButton(lang.X("trash.history.more", "Show more"), h.onMoreTapped)
	h.more.Hide()
	h.content = container.NewVBox(h.lines, container.NewHBox(h.more))

	return h
}

// show loads the newest entries of record id in a goroutine.
func (h *auditHistorySection) show(kind app.EntityKind, id int64) {
	h.kind, h.id, h.limit = kind, id, historyPage
	h.load()
}

// load reads one entry more than the limit, so the section knows whether
// "Show more" has anything to add.
func (h *auditHistorySection) load() {
	h.generation++
	generation, kind, id, limit := h.generation, h.kind, h.id, h.limit

	go func() {
		entries, err := h.store.AuditHistory(context.Background(), kind, id, limit+1)
		h.do(func() { h.onLoaded(generation, entries, err) })
	}()
}

func (h *auditHistorySection) onLoaded(generation int, entries []app.AuditEntry, err error) {
	if generation != h.generation {
		return
	}

	if err != nil {
		h.errors.report(lang.X("trash.history.failed", "The history could not be read. The log file has the details."), err)
		return
	}

	more := len(entries) > h.limit
	h.entries = entries[:min(len(entries), h.limit)]
	h.fill()

	// A record's creation, by a form or by an import, is its oldest
	// change, so after it nothing older is left to show, even when the
	// limit cut its fields.
	last := len(h.entries) - 1
	if last >= 0 && (h.entries[last].Action == app.AuditCreate || h.entries[last].Import != nil) {
		more = false
	}
	h.more.Hidden = !more
	h.more.Refresh()
}

func (h *auditHistorySection) onMoreTapped() {
	h.limit += historyPage
	h.load()
}

func (h *auditHistorySection) fill() {
	h.lines.Objects = nil
	for _, line := range historyLines(h.entries, h.language) {
		h.lines.Add(wrappedLabel(line))
	}

	if len(h.entries) == 0 {
		h.lines.Add(widget.NewLabel(lang.X("trash.history.none", "No changes recorded.")))
	}
	h.lines.Refresh()
}

// historyLines returns one line per changed field, newest first. The
// fields of a creation collapse into one "created" line, because a new
// record has an entry for each of its columns.
func historyLines(entries []app.AuditEntry, language string) []string {
	var lines []string
	created := map[int64]bool{}
	for _, e := range entries {
		if e.Action == app.AuditCreate && created[e.ChangeID] {
			continue
		}
		created[e.ChangeID] = e.Action == app.AuditCreate

		lines = append(lines, historyLine(e, language))
	}

	return lines
}

// historyLine is "2026-03-01 14:05 · Anna Schmidt · City: – → Köln", or
// names the creation, delete or restore of the record.
func historyLine(e app.AuditEntry, language string) string {
	data := map[string]any{"When": formatDateTime(e.At, language), "By": changedBy(e.By)}
	switch {
	case e.Action == app.AuditCreate:
		return lang.X("trash.history.created", "{{.When}} · {{.By}} · created", data)
	case e.Action == app.AuditDelete && e.Field == "":
		return lang.X("trash.history.deleted", "{{.When}} · {{.By}} · moved to the trash", data)
	case e.Action == app.AuditRestore && e.Field == "":
		return lang.X("trash.history.restored", "{{.When}} · {{.By}} · restored from the trash", data)
	}
	if line, ok := eventHistoryLine(e, data, language); ok {
		return line
	}

	data["Field"] = auditFieldLabel(e.Field)
	data["Old"] = auditValueText(e.Field, e.Old)
	data["New"] = auditValueText(e.Field, e.New)

	return lang.X("trash.history.line", "{{.When}} · {{.By}} · {{.Field}}: {{.Old}} → {{.New}}", data)
}

// showHistoryDialog opens the history of record id in a dialog titled with
// its name.
func showHistoryDialog(store auditReader, window fyne.Window, do uiRunner, errors errorReporter, language string,
	kind app.EntityKind, id int64, name string,
) *auditHistorySection {
	h := newAuditHistorySection(store, do, errors, language)
	title := lang.X("trash.history.title", "History of {{.Name}}", map[string]any{"Name": name})
	d := dialog.NewCustom(title, lang.X("trash.close", "Close"), container.NewVScroll(h.content), window)
	d.Resize(fyne.NewSize(640, 420))
	d.Show()
	h.show(kind, id)

	return h
}

// historyButton opens the audit history of contact c, or is a spacer when
// the store keeps no audit trail.
func (s *dealPartiesSection) historyButton(c app.DealContact) fyne.CanvasObject {
	store, ok := s.store.(auditReader)
	if !ok {
		return layout.NewSpacer()
	}

	return widget.NewButton(lang.X("trash.history.button", "History…"), func() {
		showHistoryDialog(store, s.window, s.do, s.errors, currentLanguage(), app.EntityContact, c.ContactID,
			contactDisplayName(c))
	})
}
