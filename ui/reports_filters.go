package ui

import (
	"errors"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/ui/words"
)

// reportFilters are the pickers above the reports: pipeline, period with
// its custom dates, owner, source and the currency of the money figures.
type reportFilters struct {
	screen   *reportsScreen
	debounce debouncer

	pipeline *widget.Select
	period   *widget.Select
	owner    *widget.Select
	source   *widget.Select
	currency *widget.Select
	from, to *widget.Entry
	custom   *fyne.Container
	content  fyne.CanvasObject

	pipelineIDs map[string]int64
	// sources maps the words a source is shown in to its stored value.
	sources map[string]string
	// filling is true while the pickers are set from code, so that their
	// OnChanged callbacks do not refresh the reports.
	filling bool
}

func newReportFilters(s *reportsScreen) *reportFilters {
	f := &reportFilters{screen: s, debounce: debouncer{delay: searchDelay, do: s.do}}

	f.pipeline = newSelect(nil, f.onPipelineSelected)
	f.period = newSelect(presetLabels(), f.onPresetSelected)
	f.owner = newSelect(nil, f.onOwnerSelected)
	f.source = newSelect(nil, f.onSourceSelected)
	f.currency = newSelect(nil, f.onCurrencySelected)
	f.currency.Hide()
	f.from = f.newDayEntry()
	f.to = f.newDayEntry()

	f.filling = true
	f.period.SetSelected(s.settings.preset.label())
	f.filling = false

	// The width leaves room for a German date next to the calendar button.
	dayWidth := fyne.NewSize(190, f.from.MinSize().Height)
	f.custom = container.NewHBox(
		container.NewGridWrap(dayWidth, newDateField(f.from, s.language)),
		widget.NewLabel("–"),
		container.NewGridWrap(dayWidth, newDateField(f.to, s.language)),
	)
	f.custom.Hide()

	f.content = container.NewHBox(
		fixedWidth(f.pipeline, 200), fixedWidth(f.period, 170), f.custom,
		fixedWidth(f.owner, 200), fixedWidth(f.source, 200), fixedWidth(f.currency, 100),
	)

	return f
}

func presetLabels() []string {
	labels := make([]string, len(periodPresets))
	for i, p := range periodPresets {
		labels[i] = p.label()
	}

	return labels
}

func (f *reportFilters) newDayEntry() *widget.Entry {
	e := widget.NewEntry()
	language := f.screen.language
	e.SetPlaceHolder(dayPlaceholder(language))
	e.Validator = func(text string) error {
		if _, err := parseDay(text, language); err != nil {
			return errors.New(dayProblem(text, language))
		}
		return nil
	}
	e.OnChanged = func(string) { f.debounce.call(f.onCustomDatesTyped) }

	return e
}

// setOptions fills the pickers with the choices of options and selects
// what settings chose, or "all" where that choice no longer exists.
func (f *reportFilters) setOptions(options reportOptions, settings reportSettings) {
	f.filling = true
	defer func() { f.filling = false }()

	f.pipelineIDs = map[string]int64{}
	names := make([]string, len(options.pipelines))
	selected := ""
	for i, p := range options.pipelines {
		names[i] = p.Name
		f.pipelineIDs[p.Name] = p.ID
		if p.ID == settings.pipelineID {
			selected = p.Name
		}
	}
	f.pipeline.SetOptions(names)
	f.pipeline.SetSelected(selected)

	f.owner.SetOptions(append([]string{lang.L("All owners")}, options.owners...))
	if !slices.Contains(options.owners, settings.owner) {
		f.screen.settings.owner = ""
	}
	f.owner.SetSelected(orAll(f.screen.settings.owner, lang.L("All owners")))

	f.setSources(options.sources)
}

func (f *reportFilters) setSources(sources []string) {
	f.sources = map[string]string{}
	labels := []string{lang.L("All sources")}
	selected := lang.L("All sources")
	for _, source := range sources {
		label := words.LeadSource(source)
		f.sources[label] = source
		labels = append(labels, label)
		if source == f.screen.settings.source {
			selected = label
		}
	}

	if selected == lang.L("All sources") {
		f.screen.settings.source = ""
	}
	f.source.SetOptions(labels)
	f.source.SetSelected(selected)
}

func orAll(value, all string) string {
	if value == "" {
		return all
	}

	return value
}

// setCurrencies offers the currencies of the reported deals, and shows
// the picker only when there is more than one.
func (f *reportFilters) setCurrencies(currencies []string, selected string) {
	f.filling = true
	defer func() { f.filling = false }()

	f.currency.SetOptions(currencies)
	f.currency.SetSelected(selected)
	if len(currencies) > 1 {
		f.currency.Show()
	} else {
		f.currency.Hide()
	}
	f.content.Refresh()
}

func (f *reportFilters) onPipelineSelected(name string) {
	id, ok := f.pipelineIDs[name]
	if f.filling || !ok {
		return
	}

	f.screen.onSettingsChanged(func(s *reportSettings) { s.pipelineID = id })
}

func (f *reportFilters) onPresetSelected(label string) {
	if f.filling {
		return
	}

	for _, preset := range periodPresets {
		if preset.label() == label {
			f.selectPreset(preset)
		}
	}
}

// selectPreset switches to preset. Custom dates start from the period
// shown so far, so the person only edits what differs.
func (f *reportFilters) selectPreset(preset periodPreset) {
	settings := &f.screen.settings
	if preset != presetCustom {
		f.custom.Hide()
		f.content.Refresh()
		f.screen.onSettingsChanged(func(s *reportSettings) { s.preset = preset })
		saveReportPreset(preset)
		return
	}

	shown := settings.period(f.screen.today())
	settings.preset = presetCustom
	settings.custom = shown
	f.filling = true
	f.from.SetText(app.FormatDate(shown.From, f.screen.language))
	f.to.SetText(app.FormatDate(shown.To, f.screen.language))
	f.filling = false
	f.custom.Show()
	f.content.Refresh()
}

// onCustomDatesTyped refreshes the reports once both dates are valid and
// in order. Otherwise it shows the problem in the status line and keeps
// the typed text.
func (f *reportFilters) onCustomDatesTyped() {
	if f.filling || f.screen.settings.preset != presetCustom {
		return
	}

	language := f.screen.language
	from, errFrom := parseDay(f.from.Text, language)
	to, errTo := parseDay(f.to.Text, language)
	switch {
	case errFrom != nil:
		f.screen.status.SetText(dayProblem(f.from.Text, language))
	case errTo != nil:
		f.screen.status.SetText(dayProblem(f.to.Text, language))
	case from.IsZero() || to.IsZero():
		f.screen.status.SetText(lang.L("Enter the first and the last day of the period."))
	case to.Before(from):
		f.screen.status.SetText(lang.L("The last day lies before the first day. Swap the dates."))
	default:
		f.screen.onSettingsChanged(func(s *reportSettings) { s.custom = app.Period{From: from, To: to} })
	}
}

func (f *reportFilters) onOwnerSelected(label string) {
	if f.filling {
		return
	}

	owner := label
	if label == lang.L("All owners") {
		owner = ""
	}
	f.screen.onSettingsChanged(func(s *reportSettings) { s.owner = owner })
}

func (f *reportFilters) onSourceSelected(label string) {
	if f.filling {
		return
	}

	source := f.sources[label]
	f.screen.onSettingsChanged(func(s *reportSettings) { s.source = source })
}

func (f *reportFilters) onCurrencySelected(currency string) {
	if f.filling || currency == f.screen.settings.currency {
		return
	}

	f.screen.onSettingsChanged(func(s *reportSettings) { s.currency = currency })
}
