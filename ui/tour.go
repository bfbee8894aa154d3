package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// prefTourShown is the fyne.App.Preferences key that records that the
// tour ran once, so the first start shows it and later starts do not.
const prefTourShown = "tour.shown"

// tourStep selects one tab and explains it in one sentence.
type tourStep struct {
	tab      *container.TabItem
	sentence string
}

// showTabsAfterWelcome shows the tabs and, unless it ran before on this
// computer, the tour.
func (m *mainWindow) showTabsAfterWelcome() {
	m.showTabs()

	prefs := fyne.CurrentApp().Preferences()
	if prefs.Bool(prefTourShown) {
		return
	}

	prefs.SetBool(prefTourShown, true)
	m.showTour()
}

// showTour walks through the tabs, one dialog per tab. Escape or Skip
// ends it at any step.
func (m *mainWindow) showTour() {
	if m.window.Content() != m.tabs {
		return
	}

	steps := m.tourSteps()
	if len(steps) > 0 {
		m.showTourStep(steps, 0)
	}
}

// tourSteps returns a step for every tab that the tour explains, in the
// order of the tabs.
func (m *mainWindow) tourSteps() []tourStep {
	sentences := map[string]string{
		lang.L("Leads"): lang.X("tour.leads",
			"Leads lists everyone who might buy, scored from 0 to 100, so you call the best first."),
		lang.L("Opportunities"): lang.X("tour.opportunities",
			"Opportunities are your deals with amount, close date, stage and probability."),
		lang.L("Board"): lang.X("tour.board",
			"Board shows one column per stage; drag a card to move its deal."),
		lang.L("Pipeline"): lang.X("tour.pipeline",
			"Pipeline charts the open amount per stage, weighted by probability."),
		lang.L("Reports"): lang.X("tour.reports",
			"Reports shows win rates, sales cycles and the forecast for a period."),
		lang.L("Today"): lang.X("tour.today",
			"Today lists the activities and follow-ups that are due."),
	}

	var steps []tourStep
	for _, tab := range m.tabs.Items {
		if sentence, ok := sentences[tab.Text]; ok {
			steps = append(steps, tourStep{tab: tab, sentence: sentence})
		}
	}

	return steps
}

// showTourStep selects the tab of steps[i] and explains it. Next shows
// the following step.
func (m *mainWindow) showTourStep(steps []tourStep, i int) {
	step := steps[i]
	m.tabs.Select(step.tab)

	title := lang.X("tour.title", "Tour: {{.Tab}} ({{.Step}} of {{.Count}})",
		map[string]any{"Tab": step.tab.Text, "Step": i + 1, "Count": len(steps)})
	text := widget.NewLabel(step.sentence)
	text.Wrapping = fyne.TextWrapWord

	last := i == len(steps)-1
	next := lang.X("tour.next", "Next")
	if last {
		next = lang.X("tour.done", "Done")
	}

	d := dialog.NewCustomConfirm(title, next, lang.X("tour.skip", "Skip tour"), text, func(ok bool) {
		if ok && !last {
			m.showTourStep(steps, i+1)
		}
	}, m.window)
	d.Resize(fyne.NewSize(460, 0))
	closeOnEscape(m.window, d)
	d.Show()
}
