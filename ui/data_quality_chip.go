package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// qualityChip shows the data-quality filter of the lead list, such as
// "Filter: Without e-mail ✕", and removes it when tapped. It is hidden
// while the list has no such filter.
type qualityChip struct {
	language string
	// onCleared runs after a tap removed the filter.
	onCleared func()

	button  *widget.Button
	content *fyne.Container
}

func newQualityChip(language string, onCleared func()) *qualityChip {
	c := &qualityChip{language: language, onCleared: onCleared}
	c.button = widget.NewButtonWithIcon("", theme.CancelIcon(), func() { c.onCleared() })
	c.button.IconPlacement = widget.ButtonIconTrailingText
	c.button.Importance = widget.HighImportance
	c.content = container.NewHBox(c.button)
	c.content.Hide()

	return c
}

// set shows f on the chip, or hides the chip for the zero filter.
func (c *qualityChip) set(f app.LeadQualityFilter) {
	if !f.IsSet() {
		c.content.Hide()
		return
	}

	c.button.SetText(qualityFilterText(f, c.language))
	c.content.Show()
}

// qualityFilterText names the filter for the chip. The idle filter names
// its cut-off day, because the number of days depends on when it was set.
func qualityFilterText(f app.LeadQualityFilter, language string) string {
	if f.Gap == app.GapNoActivity {
		return lang.X("quality.filter.idle", "Filter: no activity since {{.Date}}",
			map[string]any{"Date": app.FormatDate(app.DateOf(f.IdleSince), language)})
	}

	return lang.X("quality.filter", "Filter: {{.Gap}}", map[string]any{"Gap": qualityGapName(f.Gap)})
}

// showQuality lists the leads that f selects. It clears the search, the
// other filters and the worklist first, so that the list count equals
// the figure of the data-quality view.
func (s *leadsScreen) showQuality(f app.LeadQualityFilter) {
	s.query.Search = ""
	s.search.SetText("")
	s.filters.clear()
	s.filters.apply(&s.query)

	if s.worklist.Checked {
		s.worklist.OnChanged = nil
		s.worklist.SetChecked(false)
		s.worklist.OnChanged = s.onWorklistChanged
		s.query.OpenOnly = false
		s.query.Sort, s.query.Descending = app.SortLeadsByCreated, true
		s.updateSortIcons()
	}

	s.query.Quality = f
	s.qualityChip.set(f)
	s.reload()
}

// onQualityCleared removes the data-quality filter from the lead list.
func (s *leadsScreen) onQualityCleared() {
	s.query.Quality = app.LeadQualityFilter{}
	s.qualityChip.set(s.query.Quality)
	s.reload()
}
