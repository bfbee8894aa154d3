package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// newTestDateField shows a date field for language in a test window. Its
// clock is fixed at 10 March 2026.
func newTestDateField(t *testing.T, language string) (*dateField, fyne.Window) {
	t.Helper()

	test.NewTempApp(t)
	entry := widget.NewEntry()
	field := newDateField(entry, language)
	field.now = func() time.Time { return time.Date(2026, time.March, 10, 9, 0, 0, 0, time.Local) }

	// The VBox keeps the field at its minimum height, so the calendar fits
	// below it.
	window := test.NewWindow(container.NewVBox(field))
	t.Cleanup(window.Close)
	window.Resize(fyne.NewSize(400, 500))

	return field, window
}

// calendarCell returns the calendar's cell for day of the shown month.
func calendarCell(t *testing.T, c *calendar, day int) *calendarDay {
	t.Helper()

	for _, cell := range c.days {
		if !cell.date.IsZero() && cell.date.Day == day {
			return cell
		}
	}
	t.Fatalf("calendar shows no day %d in %s", day, c.heading.Text)

	return nil
}

func TestDateFieldButtonOpensCalendar(t *testing.T) {
	field, window := newTestDateField(t, "en")

	test.Tap(field.button)

	if field.calendar == nil {
		t.Fatal("calendar not created after tapping the button")
	}
	if window.Canvas().Overlays().Top() != field.popUp {
		t.Fatal("calendar pop-up is not the top overlay")
	}
	calendarTop := fyne.CurrentApp().Driver().AbsolutePositionForObject(field.calendar).Y
	if calendarTop < field.Size().Height {
		t.Errorf("calendar top at y=%v, want below the field (height %v)", calendarTop, field.Size().Height)
	}
}

func TestDatePickedDayFillsEntry(t *testing.T) {
	cases := []struct {
		name     string
		language string
		want     string
	}{
		{"german", "de", "15.03.2026"},
		{"german with region", "de-DE", "15.03.2026"},
		{"english", "en", "2026-03-15"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			field, window := newTestDateField(t, c.language)

			test.Tap(field.button)
			test.Tap(calendarCell(t, field.calendar, 15))

			if field.entry.Text != c.want {
				t.Errorf("entry = %q, want %q", field.entry.Text, c.want)
			}
			if top := window.Canvas().Overlays().Top(); top != nil {
				t.Errorf("an overlay is still shown after picking a day: %T", top)
			}
		})
	}
}

func TestDateCalendarOpensOnTypedMonth(t *testing.T) {
	field, _ := newTestDateField(t, "de")
	test.Type(field.entry, "31.12.2024")

	test.Tap(field.button)
	test.Tap(calendarCell(t, field.calendar, 5))

	if field.entry.Text != "05.12.2024" {
		t.Errorf("entry = %q, want 05.12.2024", field.entry.Text)
	}
}

func TestDateFieldKeepsEntryValidation(t *testing.T) {
	field, _ := newTestDateField(t, "de")
	field.entry.Validator = func(text string) error {
		_, err := parseDay(text, "de")
		return err
	}

	test.Type(field.entry, "2026-03-15")
	if field.entry.Validate() == nil {
		t.Error("ISO text accepted under German, want rejected")
	}

	test.Tap(field.button)
	test.Tap(calendarCell(t, field.calendar, 15))
	if err := field.entry.Validate(); err != nil {
		t.Errorf("picked day rejected: %v", err)
	}
}

func TestDateCalendarOpensOnTodayWhenEmpty(t *testing.T) {
	field, _ := newTestDateField(t, "de")

	test.Tap(field.button)

	if field.calendar.heading.Text != "March 2026" {
		t.Errorf("heading = %q, want the clock's month March 2026", field.calendar.heading.Text)
	}
	if field.calendar.today != (app.Date{Year: 2026, Month: time.March, Day: 10}) {
		t.Errorf("today = %v, want the clock's day 2026-03-10", field.calendar.today)
	}
}

func TestDateCalendarTakesKeyboardFocus(t *testing.T) {
	field, window := newTestDateField(t, "de")
	test.Type(field.entry, "30.12.2026")
	test.Tap(field.button)

	if window.Canvas().Focused() != field.calendar {
		t.Fatalf("focused = %T, want the calendar", window.Canvas().Focused())
	}

	field.calendar.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	field.calendar.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})

	if field.entry.Text != "06.01.2027" {
		t.Errorf("entry = %q, want a week later, 06.01.2027", field.entry.Text)
	}
	if window.Canvas().Focused() != field.entry {
		t.Errorf("focused = %T after picking, want the entry", window.Canvas().Focused())
	}
}

func TestDateCalendarEscapeKeepsEntry(t *testing.T) {
	field, window := newTestDateField(t, "de")
	test.Type(field.entry, "15.03.2026")
	test.Tap(field.button)

	field.calendar.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	field.calendar.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})

	if top := window.Canvas().Overlays().Top(); top != nil {
		t.Errorf("an overlay is still shown after Escape: %T", top)
	}
	if field.entry.Text != "15.03.2026" {
		t.Errorf("entry = %q after Escape, want it unchanged", field.entry.Text)
	}
}
