package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/ui/words"
)

// leadFilters is the row of filters above the lead list: status, source,
// temperature, "Mine / Everyone's", score range and owner. Each select
// starts with an entry that keeps all leads.
type leadFilters struct {
	onChanged func()

	statuses     []app.LeadStatus
	sources      []string
	temperatures []app.Temperature

	status      *widget.Select
	source      *widget.Select
	temperature *widget.Select
	minScore    *widget.Entry
	maxScore    *widget.Entry
	owner       *widget.Entry
	mine        *ownerFilter
	content     fyne.CanvasObject
}

// newLeadFilters returns the filters, reading the signed-in user from
// store for "Mine".
func newLeadFilters(onChanged func(), store any) *leadFilters {
	f := &leadFilters{
		onChanged:    onChanged,
		statuses:     app.LeadStatuses(),
		sources:      leadSources(),
		temperatures: []app.Temperature{app.Hot, app.Warm, app.Cold},
	}

	statusLabels := []string{lang.L("All statuses")}
	for _, s := range f.statuses {
		statusLabels = append(statusLabels, words.LeadStatus(s))
	}
	sourceLabels := []string{lang.L("All sources")}
	for _, s := range f.sources {
		sourceLabels = append(sourceLabels, words.LeadSource(s))
	}
	temperatureLabels := []string{lang.L("All temperatures")}
	for _, t := range f.temperatures {
		temperatureLabels = append(temperatureLabels, words.Temperature(t))
	}

	changed := func(string) { f.onChanged() }
	f.status = newFilterSelect(statusLabels, changed)
	f.source = newFilterSelect(sourceLabels, changed)
	f.temperature = newFilterSelect(temperatureLabels, changed)
	f.minScore = newScoreEntry(lang.L("min"), changed)
	f.maxScore = newScoreEntry(lang.L("max"), changed)
	f.owner = widget.NewEntry()
	f.owner.SetPlaceHolder(lang.L("Owner"))
	f.owner.OnChanged = changed
	f.mine = newOwnerFilter(store, func() { f.onChanged() })

	bound := fyne.NewSize(72, f.minScore.MinSize().Height)
	score := container.NewHBox(widget.NewLabel(lang.L("Score")), container.NewGridWrap(bound, f.minScore),
		widget.NewLabel("–"), container.NewGridWrap(bound, f.maxScore))
	selects := container.NewHBox(f.status, f.source, f.temperature, f.mine.choice)
	f.content = container.NewBorder(nil, nil, selects, score, f.owner)

	return f
}

// leadSources lists the sources Leadwerk offers, in the order of the
// lead form.
func leadSources() []string {
	return []string{
		app.SourceTradeFair, app.SourceWebsite, app.SourceEmailCampaign, app.SourceReferral,
		app.SourceColdCall, app.SourcePartner, app.SourceOther,
	}
}

// newFilterSelect returns a select of options with the first selected.
// Its placeholder is never shown, because an option is always selected,
// but Fyne sizes a select by its placeholder, so the first option, such
// as "All temperatures", sets the width.
func newFilterSelect(options []string, changed func(string)) *widget.Select {
	s := newSelect(options, nil)
	s.PlaceHolder = options[0]
	s.SetSelectedIndex(0)
	s.OnChanged = changed

	return s
}

func newScoreEntry(placeholder string, changed func(string)) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(placeholder)
	e.Validator = func(text string) error {
		_, err := parseScore(text)
		return err
	}
	e.OnChanged = changed

	return e
}

// parseScore reads a score bound from 0 to 100; empty text is no bound.
func parseScore(text string) (*int, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, nil
	}

	n, err := strconv.Atoi(text)
	if err != nil || n < 0 || n > 100 {
		return nil, app.ErrInvalid
	}

	return &n, nil
}

// apply writes the filters into q. A score bound that is not a number
// from 0 to 100 is ignored; the entry marks it as invalid.
func (f *leadFilters) apply(q *app.LeadQuery) {
	q.Statuses = nil
	if i := f.status.SelectedIndex(); i > 0 {
		q.Statuses = []app.LeadStatus{f.statuses[i-1]}
	}

	q.Sources = nil
	if i := f.source.SelectedIndex(); i > 0 {
		q.Sources = []string{f.sources[i-1]}
	}

	q.Temperatures = nil
	if i := f.temperature.SelectedIndex(); i > 0 {
		q.Temperatures = []app.Temperature{f.temperatures[i-1]}
	}

	q.MinScore = 0
	if minimum, err := parseScore(f.minScore.Text); err == nil && minimum != nil {
		q.MinScore = *minimum
	}

	q.MaxScore, _ = parseScore(f.maxScore.Text)
	// NOTE: the store matches the owner's whole name exactly, so a
	// partly typed owner narrows the list to nothing.
	q.Owner = strings.TrimSpace(f.owner.Text)
	q.OwnerID = f.mine.ownerID()
}

// clear sets every filter back to keeping all leads without calling
// onChanged, so the caller reloads the list once.
func (f *leadFilters) clear() {
	onChanged := f.onChanged
	f.onChanged = func() {}
	defer func() { f.onChanged = onChanged }()

	f.status.SetSelectedIndex(0)
	f.source.SetSelectedIndex(0)
	f.temperature.SetSelectedIndex(0)
	f.minScore.SetText("")
	f.maxScore.SetText("")
	f.owner.SetText("")
	f.mine.clear()
}
