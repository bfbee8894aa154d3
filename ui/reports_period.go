package ui

import (
	"strconv"

	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
)

// periodPreset is a period the person picks by name, counted from today.
type periodPreset int

// The period presets in the order the picker lists them.
const (
	presetThisMonth periodPreset = iota
	presetThisQuarter
	presetThisYear
	presetLast12Months
	presetCustom
)

var periodPresets = []periodPreset{presetThisMonth, presetThisQuarter, presetThisYear, presetLast12Months, presetCustom}

// label returns the preset's name in the person's language.
func (p periodPreset) label() string {
	switch p {
	case presetThisMonth:
		return lang.L("This month")
	case presetThisQuarter:
		return lang.L("This quarter")
	case presetThisYear:
		return lang.L("This year")
	case presetLast12Months:
		return lang.L("Last 12 months")
	default:
		return lang.L("Custom dates")
	}
}

// period returns the whole calendar month, or the fiscal quarter or year
// of the preferences that today falls in, or for presetLast12Months the
// 12 calendar months ending with today's month. presetCustom returns the
// zero Period.
func (p periodPreset) period(today app.Date) app.Period {
	month := app.MonthOf(today)
	switch p {
	case presetThisMonth:
		return app.Period{From: month.First(), To: month.Last()}
	case presetThisQuarter:
		first := app.FiscalQuarterOf(month, fiscalYearStart())
		return app.Period{From: first.First(), To: first.Add(2).Last()}
	case presetThisYear:
		first := app.FiscalYearOf(month, fiscalYearStart())
		return app.Period{From: first.First(), To: first.Add(11).Last()}
	case presetLast12Months:
		return app.Period{From: month.Add(-11).First(), To: month.Last()}
	default:
		return app.Period{}
	}
}

// period returns the period the settings select on today.
func (s reportSettings) period(today app.Date) app.Period {
	if s.preset == presetCustom {
		return s.custom
	}

	return s.preset.period(today)
}

// periodText names the period and the one it is compared with.
func periodText(p app.Period, language string) string {
	previous := p.Previous()

	return lang.X("reports.period", "{{.From}} – {{.To}}, compared with {{.PreviousFrom}} – {{.PreviousTo}}", map[string]any{
		"From":         app.FormatDate(p.From, language),
		"To":           app.FormatDate(p.To, language),
		"PreviousFrom": app.FormatDate(previous.From, language),
		"PreviousTo":   app.FormatDate(previous.To, language),
	})
}

// monthLabel names a month on a chart axis, such as "Mar 2027".
func monthLabel(m app.Month) string {
	return monthAbbreviation(int(m.Month)) + " " + strconv.Itoa(m.Year)
}

func monthAbbreviation(month int) string {
	switch month {
	case 1:
		return lang.X("reports.month.1", "Jan")
	case 2:
		return lang.X("reports.month.2", "Feb")
	case 3:
		return lang.X("reports.month.3", "Mar")
	case 4:
		return lang.X("reports.month.4", "Apr")
	case 5:
		return lang.X("reports.month.5", "May")
	case 6:
		return lang.X("reports.month.6", "Jun")
	case 7:
		return lang.X("reports.month.7", "Jul")
	case 8:
		return lang.X("reports.month.8", "Aug")
	case 9:
		return lang.X("reports.month.9", "Sep")
	case 10:
		return lang.X("reports.month.10", "Oct")
	case 11:
		return lang.X("reports.month.11", "Nov")
	default:
		return lang.X("reports.month.12", "Dec")
	}
}
