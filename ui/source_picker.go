package ui

import (
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"leadwerk/ui/words"
)

// sourcePicker is a select of the lead sources Leadwerk offers and the
// manager's own from the preferences, with translated labels. A stored
// source outside that list, such as an imported channel, is offered too,
// so editing keeps it.
type sourcePicker struct {
	values []string
	choice *widget.Select
}

func newSourcePicker(current string) *sourcePicker {
	p := &sourcePicker{values: offeredLeadSources()}
	if current != "" && indexOf(p.values, current) == 0 && p.values[0] != current {
		p.values = append(p.values, current)
	}

	labels := make([]string, len(p.values))
	for i, v := range p.values {
		labels[i] = words.LeadSource(v)
	}

	p.choice = newSelect(labels, nil)
	p.set(current)

	return p
}

// set selects source, or nothing when source is empty.
func (p *sourcePicker) set(source string) {
	if source == "" {
		p.choice.ClearSelected()
		return
	}

	p.choice.SetSelectedIndex(indexOf(p.values, source))
}

// value returns the selected source, or "" when none is selected.
func (p *sourcePicker) value() string {
	return valueAt(p.values, p.choice.SelectedIndex())
}

// newSelect returns a widget.Select with a translated placeholder, because
// Fyne 2.7 shows its default "(Select one)" in English in every language.
func newSelect(options []string, changed func(string)) *widget.Select {
	s := widget.NewSelect(options, changed)
	s.PlaceHolder = lang.L("(Select one)")

	return s
}
