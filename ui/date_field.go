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
// picked day is written in the form parseDay reads for the language, the
// calendar closes and the entry gets the keyboard focus back.
type dateField struct {
	widget.BaseWidget

	entry    *widget.Entry
	button   *widget.Button
	popUp    *widget.PopUp
	calendar *calendar
	language string
	// now is the clock, replaceable in tests. It sets the calendar's
	// today, and the calendar opens on today's month when the entry
	// contains no valid date.
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
	f.calendar = newCalendar(f.language, f.typedDay(), app.DateOf(f.now()), f.onDayPicked)
	f.calendar.onCancelled = f.closeCalendar
	f.popUp = widget.NewPopUp(f.calendar, canvas)
	f.popUp.ShowAtRelativePosition(fyne.NewPos(0, f.Size().Height), f)
	canvas.Focus(f.calendar)
}

// typedDay returns the entry's date, or the zero Date when the entry is
// empty or invalid.
func (f *dateField) typedDay() app.Date {
	day, err := parseDay(f.entry.Text, f.language)
	if err != nil {
		return app.Date{}
	}

	return day
}

func (f *dateField) onDayPicked(picked app.Date) {
	f.entry.SetText(app.FormatDate(picked, f.language))
	f.closeCalendar()
}

// closeCalendar hides the calendar and gives the entry the keyboard focus.
func (f *dateField) closeCalendar() {
	if f.popUp == nil {
		return
	}

	f.popUp.Hide()
	f.popUp = nil
	if canvas := fyne.CurrentApp().Driver().CanvasForObject(f); canvas != nil {
		canvas.Focus(f.entry)
	}
}
