package ui

import (
	"testing"

	"fyne.io/fyne/v2"

	"leadwerk/app"
)

func TestOpportunitySortRemembered(t *testing.T) {
	m, queue := openEmptyTabs(t)

	m.opportunities.onSortTapped(app.SortByAmount)
	m.opportunities.onSortTapped(app.SortByAmount)

	detail := newOpportunityDetail(m.store, queue.do, m.errors, m.language)
	reopened := newOpportunitiesScreen(m.store, detail, queue.do, m.errors, m.language)
	if reopened.query.Sort != app.SortByAmount {
		t.Errorf("reopened sort = %q, want %q", reopened.query.Sort, app.SortByAmount)
	}
	if !reopened.query.Descending {
		t.Error("reopened order is ascending, want descending")
	}
}

func TestLeadSortRemembered(t *testing.T) {
	m, _ := openEmptyTabs(t)

	m.leads.onSortTapped(app.SortLeadsByScore)

	reopened := &leadsScreen{columns: leadColumns()}
	reopened.restoreSort()
	if reopened.query.Sort != app.SortLeadsByScore {
		t.Errorf("reopened sort = %q, want %q", reopened.query.Sort, app.SortLeadsByScore)
	}
	if !reopened.query.Descending {
		t.Error("reopened order is ascending, want descending")
	}
}

func TestLeadWorklistForgetsSort(t *testing.T) {
	m, _ := openEmptyTabs(t)

	m.leads.onSortTapped(app.SortLeadsByScore)
	m.leads.worklist.SetChecked(true)

	if got := fyne.CurrentApp().Preferences().String(prefLeadSort); got != "" {
		t.Errorf("remembered sort = %q after the worklist, want none", got)
	}
}

func TestLeadSortIgnoresUnknownColumn(t *testing.T) {
	m, _ := openEmptyTabs(t)
	fyne.CurrentApp().Preferences().SetString(prefLeadSort, "no_such_column")
	defaults := m.leads.query

	reopened := &leadsScreen{columns: leadColumns(), query: defaults}
	reopened.restoreSort()

	if reopened.query.Sort != defaults.Sort {
		t.Errorf("sort = %q, want the default %q", reopened.query.Sort, defaults.Sort)
	}
}

func TestReportPeriodRemembered(t *testing.T) {
	m, queue := openEmptyTabs(t)
	screen := newReportsScreen(m.store, m.window, queue.do, m.errors, m.language)

	screen.filters.selectPreset(presetThisYear)

	reopened := newReportsScreen(m.store, m.window, queue.do, m.errors, m.language)
	if reopened.settings.preset != presetThisYear {
		t.Errorf("reopened preset = %v, want this year", reopened.settings.preset)
	}
}

func TestReportCustomPeriodNotRemembered(t *testing.T) {
	m, queue := openEmptyTabs(t)
	screen := newReportsScreen(m.store, m.window, queue.do, m.errors, m.language)

	screen.filters.selectPreset(presetThisMonth)
	screen.filters.selectPreset(presetCustom)

	if got := savedReportPreset(presetThisQuarter); got != presetThisMonth {
		t.Errorf("remembered preset = %v, want this month", got)
	}
}
