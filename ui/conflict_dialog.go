package ui

import (
	"context"
	"log/slog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// conflictValue is one form field that differs between the stored record
// ("theirs", saved by someone else) and the form ("mine").
type conflictValue struct {
	key    string
	label  string
	theirs string
	mine   string
	// changedByMe is set when mine differs from the value the form was
	// opened with, so the field starts on mine. A field that only the
	// other person changed starts on theirs.
	changedByMe bool
}

// conflictValues lists the fields of fields that differ between mine and
// theirs, each with the label that label gives its key and its texts as
// show writes them. base is the record the form was opened with.
func conflictValues[T any](fields []app.ConflictField[T], base, mine, theirs T, label func(key string) string,
	show func(key, text string) string,
) []conflictValue {
	var values []conflictValue
	for _, f := range app.DifferingFields(fields, mine, theirs) {
		values = append(values, conflictValue{
			key: f.Key, label: label(f.Key),
			theirs: show(f.Key, f.Text(theirs)), mine: show(f.Key, f.Text(mine)),
			changedByMe: f.Text(mine) != f.Text(base),
		})
	}

	return values
}

// conflictDialog shows, field by field, the values that someone else
// saved and the values of the form, and saves the person's choice: all of
// mine, all of theirs, or one per field. Cancel goes back to the form.
type conflictDialog struct {
	dialog  *dialog.CustomDialog
	values  []conflictValue
	choices []*widget.RadioGroup

	keepMine   *widget.Button
	takeTheirs *widget.Button
	saveChoice *widget.Button
	cancel     *widget.Button

	// onChosen runs with the keys of the fields to take from theirs.
	onChosen func(takeTheirs map[string]bool)
}

// newConflictDialog builds the dialog. by is the name of the person who
// saved the stored record, or "" when it is not known.
func newConflictDialog(window fyne.Window, by string, values []conflictValue,
	onChosen func(map[string]bool),
) *conflictDialog {
	d := &conflictDialog{values: values, onChosen: onChosen}

	rows := container.NewVBox()
	for _, v := range values {
		rows.Add(d.fieldRow(v))
	}

	d.keepMine = widget.NewButton(lang.L("Keep mine"), d.onKeepMineTapped)
	d.takeTheirs = widget.NewButton(lang.L("Take theirs"), d.onTakeTheirsTapped)
	d.saveChoice = widget.NewButton(lang.L("Save my choice"), d.onSaveChoiceTapped)
	d.saveChoice.Importance = widget.HighImportance
	d.cancel = widget.NewButton(lang.L("Back to the form"), func() { d.dialog.Hide() })

	intro := widget.NewLabel(conflictIntro(by))
	intro.Wrapping = fyne.TextWrapWord

	buttons := container.NewHBox(d.cancel, d.keepMine, d.takeTheirs, d.saveChoice)
	body := container.NewBorder(intro, container.NewCenter(buttons), nil, nil, container.NewVScroll(rows))
	d.dialog = dialog.NewCustomWithoutButtons(lang.L("Changed by someone else"), body, window)
	d.dialog.Resize(fyne.NewSize(720, 520))

	return d
}

func conflictIntro(by string) string {
	if by == "" {
		return lang.L("Someone else saved this record while you edited it. Choose for each field which value to keep.")
	}

	return lang.X("conflict.intro_by", "{{.Name}} saved a newer version of this record while you edited it. "+
		"Choose for each field which value to keep.", map[string]any{"Name": by})
}

// lastSavedBy returns the name on the newest audit entry of the record
// that conflict names, or "" when store keeps no audit log, an import
// wrote the entry or the read failed. A read error is only logged, because
// the dialog works without the name.
// NOTE: the newest entry is the save that raised the version as long as
// every write that raises a version also writes an audit entry.
func lastSavedBy(store any, conflict *app.ConflictError, logger *slog.Logger) string {
	reader, ok := store.(auditReader)
	if !ok {
		return ""
	}

	entries, err := reader.AuditHistory(context.Background(), conflict.Kind, conflict.ID, 1)
	if err != nil {
		logger.Warn("the last saver of the conflicting record could not be read",
			"kind", conflict.Kind, "id", conflict.ID, "err", err)
		return ""
	}

	if len(entries) == 0 || entries[0].By == app.ChangedByImport {
		return ""
	}

	return entries[0].By
}

// fieldRow shows one field's label and a choice between both values.
func (d *conflictDialog) fieldRow(v conflictValue) fyne.CanvasObject {
	theirs := lang.L("Theirs") + ": " + emptyAsDash(v.theirs)
	mine := lang.L("Mine") + ": " + emptyAsDash(v.mine)
	choice := widget.NewRadioGroup([]string{theirs, mine}, nil)
	choice.Required = true
	choice.SetSelected(theirs)
	if v.changedByMe {
		choice.SetSelected(mine)
	}
	d.choices = append(d.choices, choice)

	title := widget.NewLabelWithStyle(v.label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})

	return container.NewVBox(title, choice)
}

func emptyAsDash(text string) string {
	if text == "" {
		return "–"
	}

	return text
}

func (d *conflictDialog) show() {
	d.dialog.Show()
}

func (d *conflictDialog) onKeepMineTapped() {
	d.choose(map[string]bool{})
}

func (d *conflictDialog) onTakeTheirsTapped() {
	all := make(map[string]bool, len(d.values))
	for _, v := range d.values {
		all[v.key] = true
	}
	d.choose(all)
}

// onSaveChoiceTapped takes theirs for every field whose first option,
// theirs, is selected.
func (d *conflictDialog) onSaveChoiceTapped() {
	chosen := make(map[string]bool, len(d.values))
	for i, v := range d.values {
		chosen[v.key] = d.choices[i].Selected == d.choices[i].Options[0]
	}
	d.choose(chosen)
}

func (d *conflictDialog) choose(takeTheirs map[string]bool) {
	d.dialog.Hide()
	d.onChosen(takeTheirs)
}

// onConflict reads who saved the stored lead, then shows what they saved
// beside the form's values and saves the merge the person chooses, at the
// stored version.
func (f *leadForm) onConflict(conflict *app.ConflictError) {
	theirs, ok := conflict.Stored.(app.Lead)
	if !ok {
		f.errors.report(lang.L("The lead could not be saved. The log file has the details."), conflict)
		return
	}

	mine := f.pending
	go func() {
		by := lastSavedBy(f.store, conflict, f.errors.logger)
		f.do(func() { f.showConflict(by, mine, theirs) })
	}()
}

func (f *leadForm) showConflict(by string, mine, theirs app.Lead) {
	values := conflictValues(app.LeadConflictFields(), f.original, mine, theirs, auditFieldLabel,
		func(_, text string) string { return text })
	f.conflict = newConflictDialog(f.window, by, values, func(takeTheirs map[string]bool) {
		merged := app.MergeLeads(mine, theirs, takeTheirs)
		f.original = theirs
		f.saveMerged(merged)
	})
	f.conflict.show()
	f.validate()
}

// saveMerged saves the lead that the conflict dialog chose. Another
// conflict shows the dialog again.
func (f *leadForm) saveMerged(merged app.Lead) {
	f.saving = true
	f.saveButton.Disable()
	f.pending = merged
	go func() {
		saved, err := f.store.UpdateLead(context.Background(), merged)
		f.do(func() { f.onSaveDone(saved, err) })
	}()
}

// onConflict is the deal form's counterpart of [leadForm.onConflict].
// NOTE: company and contact are left out of the choice, because the
// store reads them as ids and the form saves its company picker's
// choice; a company that someone else changed is overwritten by the
// form's.
func (f *opportunityForm) onConflict(conflict *app.ConflictError) {
	theirs, ok := conflict.Stored.(app.Opportunity)
	if !ok {
		f.errors.report(lang.L("The opportunity could not be saved. The log file has the details."), conflict)
		return
	}

	mine := f.pending
	go func() {
		by := lastSavedBy(f.store, conflict, f.errors.logger)
		f.do(func() { f.showConflict(by, mine, theirs) })
	}()
}

func (f *opportunityForm) showConflict(by string, mine, theirs app.Opportunity) {
	var fields []app.ConflictField[app.Opportunity]
	for _, field := range app.OpportunityConflictFields() {
		if field.Key != "company" && field.Key != "contact" {
			fields = append(fields, field)
		}
	}

	values := conflictValues(fields, f.original, mine, theirs, fieldChangeLabel,
		func(_, text string) string { return text })
	f.conflict = newConflictDialog(f.window, by, values, func(takeTheirs map[string]bool) {
		merged := app.MergeOpportunities(mine, theirs, takeTheirs)
		merged.CompanyID, merged.ContactID = mine.CompanyID, mine.ContactID
		f.original = theirs
		f.startSave(merged)
	})
	f.conflict.show()
	f.validate()
}
