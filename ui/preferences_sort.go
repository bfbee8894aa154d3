package ui

import (
	"fyne.io/fyne/v2"

	"leadwerk/app"
)

// The keys of the remembered list orders and report period in
// fyne.App.Preferences. A sort key stores the column's sort value, such
// as "close_date", and a descending key whether the order is reversed.
const (
	prefLeadSort                = "leads.sort"
	prefLeadDescending          = "leads.descending"
	prefOpportunitySort         = "opportunities.sort"
	prefOpportunityDescending   = "opportunities.descending"
	prefReportPeriod            = "reports.period"
	reportPeriodThisMonth       = "this_month"
	reportPeriodThisQuarter     = "this_quarter"
	reportPeriodThisYear        = "this_year"
	reportPeriodLastTwelveMonth = "last_12_months"
)

// reportPeriodNames are the stored names of the presets that are
// remembered. A custom period is not, because its dates go stale.
var reportPeriodNames = map[periodPreset]string{
	presetThisMonth:    reportPeriodThisMonth,
	presetThisQuarter:  reportPeriodThisQuarter,
	presetThisYear:     reportPeriodThisYear,
	presetLast12Months: reportPeriodLastTwelveMonth,
}

// appPreferences returns the running app's preferences, or nil before
// an app exists.
func appPreferences() fyne.Preferences {
	a := fyne.CurrentApp()
	if a == nil {
		return nil
	}

	return a.Preferences()
}

// restoreSort applies the remembered column order, if it names one of
// the list's sortable columns.
func (s *leadsScreen) restoreSort() {
	prefs := appPreferences()
	if prefs == nil {
		return
	}

	saved := app.LeadSort(prefs.String(prefLeadSort))
	for _, c := range s.columns {
		if c.sort != "" && c.sort == saved {
			s.query.Sort = saved
			s.query.Descending = prefs.Bool(prefLeadDescending)
			return
		}
	}
}

// saveSort remembers the list's column order. The worklist's ranking is
// not a column order, so choosing it removes the remembered one.
func (s *leadsScreen) saveSort() {
	prefs := appPreferences()
	if prefs == nil {
		return
	}

	if s.query.OpenOnly {
		prefs.RemoveValue(prefLeadSort)
		prefs.RemoveValue(prefLeadDescending)
		return
	}

	prefs.SetString(prefLeadSort, string(s.query.Sort))
	prefs.SetBool(prefLeadDescending, s.query.Descending)
}

// restoreSort applies the remembered column order, if it names one of
// the list's columns.
func (s *opportunitiesScreen) restoreSort() {
	prefs := appPreferences()
	if prefs == nil {
		return
	}

	saved := app.OpportunitySort(prefs.String(prefOpportunitySort))
	for _, c := range s.columns {
		if c.sort == saved {
			s.query.Sort = saved
			s.query.Descending = prefs.Bool(prefOpportunityDescending)
			return
		}
	}
}

// saveSort remembers the list's column order.
func (s *opportunitiesScreen) saveSort() {
	prefs := appPreferences()
	if prefs == nil {
		return
	}

	prefs.SetString(prefOpportunitySort, string(s.query.Sort))
	prefs.SetBool(prefOpportunityDescending, s.query.Descending)
}

// savedReportPreset returns the remembered period preset, or fallback
// when none is remembered.
func savedReportPreset(fallback periodPreset) periodPreset {
	prefs := appPreferences()
	if prefs == nil {
		return fallback
	}

	saved := prefs.String(prefReportPeriod)
	for preset, name := range reportPeriodNames {
		if name == saved {
			return preset
		}
	}

	return fallback
}

// saveReportPreset remembers preset, unless it is the custom period.
func saveReportPreset(preset periodPreset) {
	prefs := appPreferences()
	name, ok := reportPeriodNames[preset]
	if prefs == nil || !ok {
		return
	}

	prefs.SetString(prefReportPeriod, name)
}
