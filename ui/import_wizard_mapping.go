package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app/mapping"
)

// wizardMappingPage is the third step: the field of each column, and the
// presets that store a mapping under a name.
type wizardMappingPage struct {
	w       *importWizard
	presets []mapping.Preset

	presetSelect *widget.Select
	columns      *fyne.Container
	selects      []*widget.Select
	status       *widget.Label
	content      fyne.CanvasObject
}

func newWizardMappingPage(w *importWizard) *wizardMappingPage {
	p := &wizardMappingPage{w: w}
	p.presetSelect = widget.NewSelect(nil, p.onPresetChosen)
	p.presetSelect.PlaceHolder = lang.X("importwizard.mapping.preset_placeholder", "(no preset)")
	save := widget.NewButton(lang.X("importwizard.mapping.save_preset", "Save as preset…"), p.onSavePresetTapped)
	p.status = widget.NewLabel("")
	p.columns = container.NewGridWithColumns(3)

	presets := container.NewHBox(widget.NewLabel(lang.X("importwizard.mapping.preset", "Preset")), p.presetSelect,
		save, p.status)
	heading := container.NewGridWithColumns(3,
		bold(lang.X("importwizard.mapping.column", "Column in the file")),
		bold(lang.X("importwizard.mapping.sample", "First value")),
		bold(lang.X("importwizard.mapping.field", "Leadwerk field")))
	p.content = container.NewBorder(container.NewVBox(presets, heading), nil, nil, nil,
		container.NewVScroll(p.columns))

	return p
}

func bold(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// fill lists the columns with their fields and loads the presets.
func (p *wizardMappingPage) fill() {
	m := p.w.plan.Mapping
	choices := fieldChoices(m.Kind)
	p.selects = p.selects[:0]
	p.columns.Objects = nil

	for i, c := range m.Columns {
		name := c.Name
		sel := widget.NewSelect(optionLabels(choices), func(label string) {
			p.onFieldChosen(name, choiceValue(choices, label))
		})
		sel.Selected = choiceLabel(choices, c.Field)
		p.selects = append(p.selects, sel)

		sample := widget.NewLabel(p.sample(i))
		sample.Truncation = fyne.TextTruncateEllipsis
		p.columns.Add(widget.NewLabel(name))
		p.columns.Add(sample)
		p.columns.Add(sel)
	}
	p.columns.Refresh()
	p.loadPresets(p.presetSelect.Selected)
}

// sample returns the first non-empty preview value of column i.
func (p *wizardMappingPage) sample(i int) string {
	for _, row := range p.w.preview.rows {
		if i < len(row) && strings.TrimSpace(row[i]) != "" {
			return row[i]
		}
	}

	return ""
}

// onFieldChosen keeps the person's choice. A column that had the field
// before shows Ignore.
func (p *wizardMappingPage) onFieldChosen(column string, field mapping.Field) {
	p.w.edits[column] = field
	applyEdits(&p.w.plan.Mapping, map[string]mapping.Field{column: field})

	choices := fieldChoices(p.w.plan.Mapping.Kind)
	for i, c := range p.w.plan.Mapping.Columns {
		if i < len(p.selects) && p.selects[i].Selected != choiceLabel(choices, c.Field) {
			p.selects[i].Selected = choiceLabel(choices, c.Field)
			p.selects[i].Refresh()
		}
	}
}

// loadPresets reads the saved presets in a goroutine and then offers
// them, with selected shown as chosen.
func (p *wizardMappingPage) loadPresets(selected string) {
	go func() {
		presets, err := p.w.store.ImportPresets(context.Background())
		p.w.do(func() {
			if err != nil {
				p.w.errors.report(lang.X("importwizard.mapping.presets_failed",
					"The saved presets could not be read. The log file has the details."), err)
				return
			}
			p.showPresets(presets, selected)
		})
	}()
}

func (p *wizardMappingPage) showPresets(presets []mapping.Preset, selected string) {
	p.presets = presets
	names := make([]string, len(presets))
	for i, preset := range presets {
		names[i] = preset.Name
	}

	p.presetSelect.Options = names
	p.presetSelect.Selected = selected
	p.presetSelect.Refresh()
}

// onPresetChosen reads the file again with the preset's settings and
// mapping, which replace the person's earlier choices.
func (p *wizardMappingPage) onPresetChosen(name string) {
	for _, preset := range p.presets {
		if preset.Name != name {
			continue
		}

		if preset.Locale == "" {
			preset.Locale = p.w.preset.Locale
		}
		p.w.preset = preset
		p.w.edits = map[string]mapping.Field{}
		p.status.SetText(lang.X("importwizard.mapping.preset_applied", "Applied {{.Name}}.",
			map[string]any{"Name": name}))
		p.w.reload(func() {
			p.fill()
			p.loadPresets(name)
		})

		return
	}
}

func (p *wizardMappingPage) onSavePresetTapped() {
	name := widget.NewEntry()
	name.SetText(p.presetSelect.Selected)
	items := []*widget.FormItem{widget.NewFormItem(lang.X("importwizard.mapping.preset_name", "Name"), name)}
	form := dialog.NewForm(lang.X("importwizard.mapping.save_preset_title", "Save as preset"),
		lang.X("importwizard.mapping.save", "Save"), lang.L("Cancel"), items, func(ok bool) {
			if ok {
				p.savePreset(strings.TrimSpace(name.Text))
			}
		}, p.w.window)
	form.Resize(fyne.NewSize(400, 0))
	form.Show()
}

// savePreset stores the current settings and mapping under name in a
// goroutine: encoding, delimiter, header line, locale, the chosen number
// and date formats, kind, mapping and stages.
func (p *wizardMappingPage) savePreset(name string) {
	if name == "" {
		p.status.SetText(lang.X("importwizard.mapping.preset_no_name", "Enter a name for the preset."))
		return
	}

	preset := p.w.plan.Preset(name)
	go func() {
		err := p.w.store.SaveImportPreset(context.Background(), preset)
		p.w.do(func() {
			if err != nil {
				p.w.errors.report(lang.X("importwizard.mapping.save_failed",
					"The preset {{.Name}} could not be saved. The log file has the details.",
					map[string]any{"Name": name}), err)
				return
			}
			p.status.SetText(lang.X("importwizard.mapping.preset_saved", "Saved {{.Name}}.",
				map[string]any{"Name": name}))
			p.loadPresets(name)
		})
	}()
}
