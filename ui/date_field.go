package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// dateField is a date entry with a button that opens a month calendar
// under it. The entry stays editable and keeps its own validation. A
// picked day is written in the form parseDay reads for the language, and
// the calendar closes.
//
// NOTE: widget.Calendar in Fyne 2.7.1 takes the first weekday from the
// system locale's region (Monday for DE and most regions, Sunday for US
// and a few others), not from the language passed to the screens. It
// also writes the month heading with time.Format, so it is always English.
type dateField struct {
	widget.BaseWidget

	entry    *widget.Entry
	button   *widget.Button
	popUp    *widget.PopUp
	calendar *widget.Calendar
	language string
	// now is the clock, replaceable in tests. The calendar opens on the
	// current month when the entry contains no valid date.
	now func() time.Time
}

// newDateField wraps entry, which the caller has already set up with its
// placeholder, OnChanged and validation.
func newDateField(entry *widget.Entry, language string) *dateField {
	f := &dateField{entry: entry, language: language, now: time.Now}
	f.button = widget.NewButtonWithIcon("", theme.CalendarIcon(), f.onCalendarTapped)
	f.ExtendBaseWidget(f)

	return f
}

// CreateRenderer lays out the entry with the calendar button on its right.
func (f *dateField) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, nil, f.button, f.entry))
}

func (f *dateField) onCalendarTapped() {
	if f.entry.Disabled() {
		return
	}

	canvas := fyne.CurrentApp().Driver().CanvasForObject(f)
	if canvas == nil {
		return
	}

	// A new calendar each time, so it opens on the month of the typed date.
	f.calendar = widget.NewCalendar(f.startTime(), f.onDayPicked)
	f.popUp = widget.NewPopUp(f.calendar, canvas)
	f.popUp.ShowAtRelativePosition(fyne.NewPos(0, f.Size().Height), f)
}

// startTime returns midnight of the entry's date, or the current time
// when the entry is empty or invalid.
func (f *dateField) startTime() time.Time {
	day, err := parseDay(f.entry.Text, f.language)
	if err != nil || day.IsZero() {
		return f.now()
	}

	return time.Date(day.Year, day.Month, day.Day, 0, 0, 0, 0, time.Local)
}

func (f *dateField) onDayPicked(picked time.Time) {
	f.entry.SetText(app.FormatDate(app.DateOf(picked), f.language))

	if f.popUp != nil {
		f.popUp.Hide()
		f.popUp = nil
	}
}
