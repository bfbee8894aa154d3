package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/ui/words"
)

// duplicateComparison shows the records of one group side by side: one
// row per field with a radio choice of the value to keep, and a row that
// chooses the record that stays.
type duplicateComparison struct {
	onMerge func(app.MergeRequest)

	group   app.DuplicateGroup
	keep    *widget.RadioGroup
	fields  map[string]*widget.RadioGroup
	body    *fyne.Container
	merge   *widget.Button
	content fyne.CanvasObject
}

func newDuplicateComparison(onMerge func(app.MergeRequest)) *duplicateComparison {
	c := &duplicateComparison{onMerge: onMerge}
	c.body = container.NewVBox()
	c.merge = widget.NewButton(lang.X("duplicates.merge.button", "Merge…"), c.onMergeTapped)
	c.merge.Importance = widget.HighImportance
	c.content = container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), c.merge), nil, nil,
		container.NewVScroll(c.body))
	c.clear()

	return c
}

func (c *duplicateComparison) clear() {
	c.group = app.DuplicateGroup{}
	c.fields = nil
	c.keep = nil
	c.body.Objects = []fyne.CanvasObject{
		widget.NewLabel(lang.X("duplicates.pick", "Select a group to compare its records.")),
	}
	c.body.Refresh()
	c.merge.Disable()
}

// show fills the comparison for g. The oldest record stays and each field
// takes the newest non-empty value, as app.DefaultKeep and
// app.DefaultChoices decide, until the person picks others.
func (c *duplicateComparison) show(g app.DuplicateGroup) {
	c.group = g
	keep := app.DefaultKeep(g)
	choices := app.DefaultChoices(g, keep)

	form := container.New(layout.NewFormLayout())
	c.keep = widget.NewRadioGroup(recordOptions(g), nil)
	c.keep.Horizontal = true
	c.keep.Required = true
	c.keep.SetSelected(recordOption(g, keep))
	form.Add(boldLabel(lang.X("duplicates.keep", "Record to keep")))
	form.Add(c.keep)

	c.fields = map[string]*widget.RadioGroup{}
	for _, field := range app.MergeFields(g.Kind) {
		radio := widget.NewRadioGroup(valueOptions(g, field), nil)
		radio.Horizontal = true
		radio.Required = true
		radio.SetSelected(valueOption(g, field, choices[field]))
		c.fields[field] = radio
		form.Add(widget.NewLabel(fieldLabel(field)))
		form.Add(radio)
	}

	reasons := widget.NewLabel(matchesText(g.Matches))
	reasons.Wrapping = fyne.TextWrapWord
	c.body.Objects = []fyne.CanvasObject{reasons, form}
	c.body.Refresh()
	c.merge.Enable()
}

func boldLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle = fyne.TextStyle{Bold: true}

	return l
}

// recordOption is the radio text of a record: its number in the group,
// so texts stay unique, its title and id.
func recordOption(g app.DuplicateGroup, id int64) string {
	for i, r := range g.Records {
		if r.ID == id {
			return fmt.Sprintf("%d: %s (#%d)", i+1, r.Title, r.ID)
		}
	}

	return ""
}

func recordOptions(g app.DuplicateGroup) []string {
	options := make([]string, len(g.Records))
	for i, r := range g.Records {
		options[i] = recordOption(g, r.ID)
	}

	return options
}

// valueOption is the radio text of one record's value of field, numbered
// like the record, with a dash for an empty value.
func valueOption(g app.DuplicateGroup, field string, id int64) string {
	for i, r := range g.Records {
		if r.ID == id {
			value := displayValue(field, r.Fields[field])
			if value == "" {
				value = "—"
			}

			return fmt.Sprintf("%d: %s", i+1, strings.ReplaceAll(value, "\n", " "))
		}
	}

	return ""
}

func valueOptions(g app.DuplicateGroup, field string) []string {
	options := make([]string, len(g.Records))
	for i, r := range g.Records {
		options[i] = valueOption(g, field, r.ID)
	}

	return options
}

// displayValue translates the stored codes of a field into words.
func displayValue(field, value string) string {
	switch {
	case value == "":
		return ""
	case field == "buying_role":
		return words.Authority(app.AuthorityRole(value))
	case field == "source":
		return words.LeadSource(value)
	}

	return value
}

// request reads the radios into a merge request.
func (c *duplicateComparison) request() app.MergeRequest {
	r := app.MergeRequest{Kind: c.group.Kind, Choices: map[string]int64{}}
	for _, rec := range c.group.Records {
		if recordOption(c.group, rec.ID) == c.keep.Selected {
			r.KeepID = rec.ID
		}
	}

	for _, rec := range c.group.Records {
		if rec.ID != r.KeepID {
			r.RemoveIDs = append(r.RemoveIDs, rec.ID)
		}
	}

	for field, radio := range c.fields {
		for _, rec := range c.group.Records {
			if valueOption(c.group, field, rec.ID) == radio.Selected {
				r.Choices[field] = rec.ID
			}
		}
	}

	return r
}

func (c *duplicateComparison) onMergeTapped() {
	if c.keep == nil {
		return
	}

	c.onMerge(c.request())
}
