package ui

import (
	"os"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"leadwerk/app"
)

// useGerman switches Fyne's lang package to the German texts until the
// test ends. The tests run in English otherwise (see TestMain).
func useGerman(t *testing.T) {
	t.Helper()

	t.Setenv("LANGUAGE", "de")
	if err := loadTranslations(); err != nil {
		t.Fatal(err)
	}

	t.Cleanup(func() {
		// This runs before t.Setenv restores the variable, so set it here.
		_ = os.Setenv("LANGUAGE", "en")
		if err := loadTranslations(); err != nil {
			t.Error(err)
		}
	})
}

// newTestCalendar shows a calendar for language in a test window, with
// today fixed at 10 March 2026. picked records every picked day.
func newTestCalendar(t *testing.T, language string, selected app.Date) (*calendar, *[]app.Date) {
	t.Helper()

	test.NewTempApp(t)
	var picked []app.Date
	today := app.Date{Year: 2026, Month: time.March, Day: 10}
	c := newCalendar(language, selected, today, func(d app.Date) { picked = append(picked, d) })

	window := test.NewWindow(c)
	t.Cleanup(window.Close)
	window.Resize(fyne.NewSize(400, 450))

	return c, &picked
}

func weekdayHeadings(c *calendar) []string {
	headings := make([]string, len(c.weekdays))
	for i, label := range c.weekdays {
		headings[i] = label.Text
	}

	return headings
}

// shownDays returns the numbers of the non-empty cells in grid order.
func shownDays(c *calendar) []int {
	var days []int
	for _, cell := range c.days {
		if !cell.date.IsZero() {
			days = append(days, cell.date.Day)
		}
	}

	return days
}

// firstCellOf returns the grid index of day 1 of the shown month.
func firstCellOf(c *calendar) int {
	for i, cell := range c.days {
		if cell.date.Day == 1 {
			return i
		}
	}

	return -1
}

func pressKeys(c *calendar, keys ...fyne.KeyName) {
	for _, key := range keys {
		c.TypedKey(&fyne.KeyEvent{Name: key})
	}
}

func TestCalendarGermanStartsMonday(t *testing.T) {
	useGerman(t)
	c, _ := newTestCalendar(t, "de-DE", app.Date{Year: 2026, Month: time.December, Day: 24})

	want := []string{"Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"}
	for i, heading := range weekdayHeadings(c) {
		if heading != want[i] {
			t.Errorf("column %d heading = %q, want %q", i, heading, want[i])
		}
	}

	if c.heading.Text != "Dezember 2026" {
		t.Errorf("month heading = %q, want Dezember 2026", c.heading.Text)
	}
	if c.todayButton.Text != "Heute" {
		t.Errorf("today button = %q, want Heute", c.todayButton.Text)
	}

	// 1 December 2026 is a Tuesday, the second column.
	if got := firstCellOf(c); got != 1 {
		t.Errorf("1 December in column %d, want 1 (Tuesday)", got)
	}
}

func TestCalendarUSEnglishStartsSunday(t *testing.T) {
	c, _ := newTestCalendar(t, "en-US", app.Date{Year: 2026, Month: time.December, Day: 24})

	want := []string{"Su", "Mo", "Tu", "We", "Th", "Fr", "Sa"}
	for i, heading := range weekdayHeadings(c) {
		if heading != want[i] {
			t.Errorf("column %d heading = %q, want %q", i, heading, want[i])
		}
	}

	if c.heading.Text != "December 2026" {
		t.Errorf("month heading = %q, want December 2026", c.heading.Text)
	}
	if got := firstCellOf(c); got != 2 {
		t.Errorf("1 December in column %d, want 2 (Tuesday)", got)
	}
}

func TestFirstWeekdayByRegion(t *testing.T) {
	cases := []struct {
		language string
		want     time.Weekday
	}{
		{"de", time.Monday},
		{"de-DE", time.Monday},
		{"de-AT", time.Monday},
		{"de_CH", time.Monday},
		{"en-GB", time.Monday},
		{"fr-FR", time.Monday},
		{"en-US", time.Sunday},
		{"en_US", time.Sunday},
		{"en", time.Sunday},
		{"en-CA", time.Sunday},
		{"ja", time.Sunday},
		{"ar-EG", time.Saturday},
		{"dv-MV", time.Friday},
		{"", time.Monday},
		{"C", time.Monday},
	}
	for _, c := range cases {
		if got := firstWeekday(c.language); got != c.want {
			t.Errorf("firstWeekday(%q) = %v, want %v", c.language, got, c.want)
		}
	}
}

func TestCalendarTapPicksDay(t *testing.T) {
	c, picked := newTestCalendar(t, "de", app.Date{})

	test.Tap(calendarCell(t, c, 17))

	want := app.Date{Year: 2026, Month: time.March, Day: 17}
	if len(*picked) != 1 || (*picked)[0] != want {
		t.Fatalf("picked = %v, want [%v]", *picked, want)
	}
	if c.selected != want {
		t.Errorf("selected = %v, want %v", c.selected, want)
	}
}

func TestCalendarEmptyCellIgnoresTap(t *testing.T) {
	c, picked := newTestCalendar(t, "de", app.Date{})

	// March 2026 starts on a Sunday, the seventh column, so the first six
	// cells are empty.
	if got := firstCellOf(c); got != 6 {
		t.Fatalf("1 March in column %d, want 6 (Sunday)", got)
	}
	test.Tap(c.days[0])

	if len(*picked) != 0 {
		t.Errorf("tap on an empty cell picked %v", *picked)
	}
}

func TestCalendarMarksTodayAndSelected(t *testing.T) {
	c, _ := newTestCalendar(t, "de", app.Date{Year: 2026, Month: time.March, Day: 20})

	today := calendarCell(t, c, 10)
	if !today.text.TextStyle.Bold || today.background.StrokeWidth == 0 {
		t.Error("today (10 March) is not bold with a ring")
	}

	selected := calendarCell(t, c, 20)
	if selected.background.FillColor != theme.Color(theme.ColorNamePrimary) {
		t.Errorf("selected day fill = %v, want the primary colour", selected.background.FillColor)
	}

	plain := calendarCell(t, c, 11)
	if plain.text.TextStyle.Bold || plain.background.FillColor == selected.background.FillColor {
		t.Error("an ordinary day (11 March) is marked")
	}
}

func TestCalendarTodayButtonPicksToday(t *testing.T) {
	c, picked := newTestCalendar(t, "de", app.Date{Year: 2024, Month: time.July, Day: 1})

	test.Tap(c.todayButton)

	want := app.Date{Year: 2026, Month: time.March, Day: 10}
	if len(*picked) != 1 || (*picked)[0] != want {
		t.Fatalf("picked = %v, want [%v]", *picked, want)
	}
	if c.heading.Text != "March 2026" {
		t.Errorf("heading = %q, want March 2026", c.heading.Text)
	}
}

func TestCalendarNavigatesAcrossYear(t *testing.T) {
	c, _ := newTestCalendar(t, "de", app.Date{Year: 2026, Month: time.December, Day: 31})

	test.Tap(c.next)
	if c.heading.Text != "January 2027" {
		t.Errorf("after next: heading = %q, want January 2027", c.heading.Text)
	}
	if days := shownDays(c); len(days) != 31 {
		t.Errorf("January 2027 shows %d days, want 31", len(days))
	}

	test.Tap(c.previous)
	test.Tap(c.previous)
	if c.heading.Text != "November 2026" {
		t.Errorf("after previous twice: heading = %q, want November 2026", c.heading.Text)
	}
	// 31 December has no 31 November, so the cursor takes the 30th.
	if c.cursor != (app.Date{Year: 2026, Month: time.November, Day: 30}) {
		t.Errorf("cursor = %v, want 2026-11-30", c.cursor)
	}
}

func TestCalendarKeysCrossYear(t *testing.T) {
	c, picked := newTestCalendar(t, "de", app.Date{Year: 2026, Month: time.December, Day: 31})

	pressKeys(c, fyne.KeyRight)
	if c.heading.Text != "January 2027" {
		t.Errorf("after Right from 31 December: heading = %q, want January 2027", c.heading.Text)
	}

	pressKeys(c, fyne.KeyUp, fyne.KeyPageUp)
	if c.cursor != (app.Date{Year: 2026, Month: time.November, Day: 25}) {
		t.Errorf("after Up and Page Up: cursor = %v, want 2026-11-25", c.cursor)
	}

	pressKeys(c, fyne.KeyEnd, fyne.KeyPageDown, fyne.KeyHome, fyne.KeyLeft, fyne.KeyReturn)
	want := app.Date{Year: 2026, Month: time.November, Day: 30}
	if len(*picked) != 1 || (*picked)[0] != want {
		t.Errorf("picked = %v, want [%v]", *picked, want)
	}
}

func TestCalendarLeapDay(t *testing.T) {
	c, picked := newTestCalendar(t, "de", app.Date{Year: 2028, Month: time.February, Day: 1})

	days := shownDays(c)
	if len(days) != 29 || days[len(days)-1] != 29 {
		t.Fatalf("February 2028 shows days %v, want 1 to 29", days)
	}

	test.Tap(calendarCell(t, c, 29))
	want := app.Date{Year: 2028, Month: time.February, Day: 29}
	if len(*picked) != 1 || (*picked)[0] != want {
		t.Fatalf("picked = %v, want [%v]", *picked, want)
	}

	// A year later, 29 February does not exist: the cursor takes the 28th.
	for range 12 {
		pressKeys(c, fyne.KeyPageDown)
	}
	if c.heading.Text != "February 2029" {
		t.Errorf("heading = %q, want February 2029", c.heading.Text)
	}
	if len(shownDays(c)) != 28 {
		t.Errorf("February 2029 shows %d days, want 28", len(shownDays(c)))
	}
	if c.cursor != (app.Date{Year: 2029, Month: time.February, Day: 28}) {
		t.Errorf("cursor = %v, want 2029-02-28", c.cursor)
	}
}

func TestDateFieldGermanLeapDay(t *testing.T) {
	useGerman(t)
	field, _ := newTestDateField(t, "de")
	test.Type(field.entry, "01.02.2028")

	test.Tap(field.button)
	if field.calendar.heading.Text != "Februar 2028" {
		t.Errorf("heading = %q, want Februar 2028", field.calendar.heading.Text)
	}
	test.Tap(calendarCell(t, field.calendar, 29))

	if field.entry.Text != "29.02.2028" {
		t.Errorf("entry = %q, want 29.02.2028", field.entry.Text)
	}
}
