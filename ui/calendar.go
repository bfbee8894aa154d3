package ui

import (
	"image/color"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	textlanguage "golang.org/x/text/language"

	"leadwerk/app"
)

// daysPerWeek and calendarWeeks size the day grid: six rows hold every
// month, whichever weekday it starts on.
const (
	daysPerWeek   = 7
	calendarWeeks = 6
)

// calendar is a month grid for picking one day. Its weekday and month
// names come from the translations, so they follow the app's language,
// and the week starts on the first weekday of the language's region.
//
// With the keyboard focus, the arrow keys move a cursor by a day or a
// week, and Page Up and Page Down move it by a month. Home and End go to
// the month's first and last day. Enter or Space picks the cursor's day,
// and Escape cancels.
type calendar struct {
	widget.BaseWidget

	firstWeekday time.Weekday
	today        app.Date
	selected     app.Date
	// shownMonth is the first day of the month on screen.
	shownMonth app.Date
	// cursor is the day that the keyboard moves and picks. It is marked
	// only while the calendar has the keyboard focus.
	cursor  app.Date
	focused bool

	onPicked    func(app.Date)
	onCancelled func()

	heading     *widget.Label
	previous    *widget.Button
	next        *widget.Button
	todayButton *widget.Button
	weekdays    [daysPerWeek]*widget.Label
	days        [daysPerWeek * calendarWeeks]*calendarDay
}

// newCalendar returns a calendar for language that opens on the month of
// selected, or of today when selected is the zero Date. onPicked gets the
// day the person taps or picks by keyboard.
func newCalendar(language string, selected, today app.Date, onPicked func(app.Date)) *calendar {
	c := &calendar{
		firstWeekday: firstWeekday(language),
		today:        today,
		selected:     selected,
		onPicked:     onPicked,
	}
	c.ExtendBaseWidget(c)

	c.heading = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	c.previous = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { c.moveCursor(addMonths(c.cursor, -1)) })
	c.previous.Importance = widget.LowImportance
	c.next = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { c.moveCursor(addMonths(c.cursor, 1)) })
	c.next.Importance = widget.LowImportance
	c.todayButton = widget.NewButton(lang.X("calendar.today", "Today"), func() { c.pick(c.today) })

	for i := range c.weekdays {
		day := time.Weekday((int(c.firstWeekday) + i) % daysPerWeek)
		c.weekdays[i] = widget.NewLabelWithStyle(weekdayShortName(day), fyne.TextAlignCenter, fyne.TextStyle{})
	}
	for i := range c.days {
		c.days[i] = newCalendarDay(c)
	}

	c.cursor = selected
	if selected.IsZero() {
		c.cursor = today
	}
	c.showMonth(c.cursor)

	return c
}

// CreateRenderer stacks the month heading with its navigation buttons,
// the weekday headings and days, and the Today button.
func (c *calendar) CreateRenderer() fyne.WidgetRenderer {
	navigation := container.NewBorder(nil, nil, c.previous, c.next, c.heading)

	cells := make([]fyne.CanvasObject, 0, len(c.weekdays)+len(c.days))
	for _, label := range c.weekdays {
		cells = append(cells, label)
	}
	for _, day := range c.days {
		cells = append(cells, day)
	}
	grid := container.NewGridWithColumns(daysPerWeek, cells...)

	return widget.NewSimpleRenderer(container.NewVBox(navigation, grid, container.NewCenter(c.todayButton)))
}

// showMonth fills the grid with the month of day.
func (c *calendar) showMonth(day app.Date) {
	c.shownMonth = app.Date{Year: day.Year, Month: day.Month, Day: 1}
	c.heading.SetText(lang.X("calendar.heading", "{{.Month}} {{.Year}}", map[string]any{
		"Month": monthName(day.Month),
		"Year":  strconv.Itoa(day.Year),
	}))

	// The first day of the month sits in the column of its weekday.
	offset := (int(weekdayOf(c.shownMonth)) - int(c.firstWeekday) + daysPerWeek) % daysPerWeek
	last := daysInMonth(day.Year, day.Month)
	for i, cell := range c.days {
		number := i - offset + 1
		if number < 1 || number > last {
			cell.setDate(app.Date{})
			continue
		}
		cell.setDate(app.Date{Year: day.Year, Month: day.Month, Day: number})
	}
}

// moveCursor puts the cursor on day and turns to its month when needed.
func (c *calendar) moveCursor(day app.Date) {
	c.cursor = day
	if day.Year != c.shownMonth.Year || day.Month != c.shownMonth.Month {
		c.showMonth(day)
		return
	}

	c.refreshDays()
}

func (c *calendar) refreshDays() {
	for _, cell := range c.days {
		cell.Refresh()
	}
}

func (c *calendar) pick(day app.Date) {
	c.selected, c.cursor = day, day
	c.showMonth(day)
	if c.onPicked != nil {
		c.onPicked(day)
	}
}

// FocusGained shows the keyboard cursor.
func (c *calendar) FocusGained() {
	c.focused = true
	c.refreshDays()
}

// FocusLost hides the keyboard cursor.
func (c *calendar) FocusLost() {
	c.focused = false
	c.refreshDays()
}

// TypedRune ignores text input. Space arrives as a key in TypedKey.
func (c *calendar) TypedRune(rune) {}

// TypedKey moves the cursor, picks its day or cancels, as the type's
// documentation lists.
func (c *calendar) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyLeft:
		c.moveCursor(addDays(c.cursor, -1))
	case fyne.KeyRight:
		c.moveCursor(addDays(c.cursor, 1))
	case fyne.KeyUp:
		c.moveCursor(addDays(c.cursor, -daysPerWeek))
	case fyne.KeyDown:
		c.moveCursor(addDays(c.cursor, daysPerWeek))
	case fyne.KeyPageUp:
		c.moveCursor(addMonths(c.cursor, -1))
	case fyne.KeyPageDown:
		c.moveCursor(addMonths(c.cursor, 1))
	case fyne.KeyHome:
		c.moveCursor(app.Date{Year: c.cursor.Year, Month: c.cursor.Month, Day: 1})
	case fyne.KeyEnd:
		c.moveCursor(app.Date{Year: c.cursor.Year, Month: c.cursor.Month, Day: daysInMonth(c.cursor.Year, c.cursor.Month)})
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		c.pick(c.cursor)
	case fyne.KeyEscape:
		if c.onCancelled != nil {
			c.onCancelled()
		}
	}
}

// dateTime returns noon UTC of d, a time whose date never shifts when
// days are added.
func dateTime(d app.Date) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC)
}

func addDays(d app.Date, days int) app.Date {
	return app.DateOf(dateTime(d).AddDate(0, 0, days))
}

// addMonths moves d by months and keeps its day, or takes the last day of
// the new month when that is shorter: 31 January plus one month is
// 28 or 29 February, not 3 March as time.AddDate returns.
func addMonths(d app.Date, months int) app.Date {
	first := time.Date(d.Year, d.Month+time.Month(months), 1, 12, 0, 0, 0, time.UTC)
	day := min(d.Day, daysInMonth(first.Year(), first.Month()))

	return app.Date{Year: first.Year(), Month: first.Month(), Day: day}
}

func daysInMonth(year int, month time.Month) int {
	return time.Date(year, month+1, 0, 12, 0, 0, 0, time.UTC).Day()
}

func weekdayOf(d app.Date) time.Weekday {
	return dateTime(d).Weekday()
}

// firstWeekday returns the day a week starts on in the region of the
// language tag, such as "de", "en-GB" or "en_US". A tag without a region
// takes its language's most likely region, so "de" starts on Monday and
// "en" (United States) on Sunday. An invalid tag starts on Monday, the
// CLDR default.
func firstWeekday(language string) time.Weekday {
	tag, err := textlanguage.Parse(strings.ReplaceAll(language, "_", "-"))
	if err != nil {
		return time.Monday
	}

	region, _ := tag.Region()
	if day, ok := regionFirstWeekdays[region.String()]; ok {
		return day
	}

	return time.Monday
}

// regionFirstWeekdays lists the regions whose week does not start on
// Monday, from the firstDay table of the Unicode CLDR 38 week data
// (cldr-json, cldr-core/supplemental/weekData.json).
var regionFirstWeekdays = map[string]time.Weekday{
	"AG": time.Sunday, "AS": time.Sunday, "AU": time.Sunday, "BD": time.Sunday, "BR": time.Sunday,
	"BS": time.Sunday, "BT": time.Sunday, "BW": time.Sunday, "BZ": time.Sunday, "CA": time.Sunday,
	"CN": time.Sunday, "CO": time.Sunday, "DM": time.Sunday, "DO": time.Sunday, "ET": time.Sunday,
	"GT": time.Sunday, "GU": time.Sunday, "HK": time.Sunday, "HN": time.Sunday, "ID": time.Sunday,
	"IL": time.Sunday, "IN": time.Sunday, "JM": time.Sunday, "JP": time.Sunday, "KE": time.Sunday,
	"KH": time.Sunday, "KR": time.Sunday, "LA": time.Sunday, "MH": time.Sunday, "MM": time.Sunday,
	"MO": time.Sunday, "MT": time.Sunday, "MX": time.Sunday, "MZ": time.Sunday, "NI": time.Sunday,
	"NP": time.Sunday, "PA": time.Sunday, "PE": time.Sunday, "PH": time.Sunday, "PK": time.Sunday,
	"PR": time.Sunday, "PT": time.Sunday, "PY": time.Sunday, "SA": time.Sunday, "SG": time.Sunday,
	"SV": time.Sunday, "TH": time.Sunday, "TT": time.Sunday, "TW": time.Sunday, "UM": time.Sunday,
	"US": time.Sunday, "VE": time.Sunday, "VI": time.Sunday, "WS": time.Sunday, "YE": time.Sunday,
	"ZA": time.Sunday, "ZW": time.Sunday,

	"AE": time.Saturday, "AF": time.Saturday, "BH": time.Saturday, "DJ": time.Saturday, "DZ": time.Saturday,
	"EG": time.Saturday, "IQ": time.Saturday, "IR": time.Saturday, "JO": time.Saturday, "KW": time.Saturday,
	"LY": time.Saturday, "OM": time.Saturday, "QA": time.Saturday, "SD": time.Saturday, "SY": time.Saturday,

	"MV": time.Friday,
}

// monthName returns the translated name of m. Each name is its own
// lang.X call with a literal key, so the translation tests find it.
func monthName(m time.Month) string {
	switch m {
	case time.January:
		return lang.X("calendar.month.january", "January")
	case time.February:
		return lang.X("calendar.month.february", "February")
	case time.March:
		return lang.X("calendar.month.march", "March")
	case time.April:
		return lang.X("calendar.month.april", "April")
	case time.May:
		return lang.X("calendar.month.may", "May")
	case time.June:
		return lang.X("calendar.month.june", "June")
	case time.July:
		return lang.X("calendar.month.july", "July")
	case time.August:
		return lang.X("calendar.month.august", "August")
	case time.September:
		return lang.X("calendar.month.september", "September")
	case time.October:
		return lang.X("calendar.month.october", "October")
	case time.November:
		return lang.X("calendar.month.november", "November")
	default:
		return lang.X("calendar.month.december", "December")
	}
}

// weekdayShortName returns the two-letter column heading for day.
func weekdayShortName(day time.Weekday) string {
	switch day {
	case time.Monday:
		return lang.X("calendar.weekday.monday", "Mo")
	case time.Tuesday:
		return lang.X("calendar.weekday.tuesday", "Tu")
	case time.Wednesday:
		return lang.X("calendar.weekday.wednesday", "We")
	case time.Thursday:
		return lang.X("calendar.weekday.thursday", "Th")
	case time.Friday:
		return lang.X("calendar.weekday.friday", "Fr")
	case time.Saturday:
		return lang.X("calendar.weekday.saturday", "Sa")
	default:
		return lang.X("calendar.weekday.sunday", "Su")
	}
}

// calendarDay is one cell of the day grid: a day of the shown month, or
// an empty cell before the first or after the last day.
type calendarDay struct {
	widget.BaseWidget

	calendar *calendar
	// date is the zero Date for an empty cell.
	date    app.Date
	hovered bool

	background *canvas.Rectangle
	text       *canvas.Text
}

func newCalendarDay(c *calendar) *calendarDay {
	d := &calendarDay{calendar: c}
	d.ExtendBaseWidget(d)

	d.background = canvas.NewRectangle(color.Transparent)
	d.background.CornerRadius = theme.InputRadiusSize()
	d.text = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	d.text.Alignment = fyne.TextAlignCenter

	return d
}

// CreateRenderer centres the day's number on its background.
func (d *calendarDay) CreateRenderer() fyne.WidgetRenderer {
	d.applyStyle()

	return widget.NewSimpleRenderer(container.NewStack(d.background, container.NewCenter(d.text)))
}

// MinSize fits a two-digit day with padding on every side.
func (d *calendarDay) MinSize() fyne.Size {
	text := fyne.MeasureText("00", theme.TextSize(), fyne.TextStyle{Bold: true})
	side := max(text.Width, text.Height) + 2*theme.InnerPadding()

	return fyne.NewSize(side, side)
}

func (d *calendarDay) setDate(date app.Date) {
	d.date = date
	d.Refresh()
}

// Refresh redraws the cell's marks for today, the selected day, the
// keyboard cursor and the pointer.
func (d *calendarDay) Refresh() {
	d.applyStyle()
	d.BaseWidget.Refresh()
}

func (d *calendarDay) applyStyle() {
	c := d.calendar
	d.text.Text = ""
	d.text.TextStyle.Bold = false
	d.text.Color = theme.Color(theme.ColorNameForeground)
	d.background.FillColor = color.Transparent
	d.background.StrokeColor = color.Transparent
	d.background.StrokeWidth = 0
	if d.date.IsZero() {
		return
	}

	d.text.Text = strconv.Itoa(d.date.Day)
	switch {
	case d.date == c.selected:
		d.background.FillColor = theme.Color(theme.ColorNamePrimary)
		d.text.Color = theme.Color(theme.ColorNameForegroundOnPrimary)
	case c.focused && d.date == c.cursor:
		d.background.FillColor = theme.Color(theme.ColorNameFocus)
	case d.hovered:
		d.background.FillColor = theme.Color(theme.ColorNameHover)
	}

	if d.date == c.today {
		d.text.TextStyle.Bold = true
		d.background.StrokeColor = theme.Color(theme.ColorNamePrimary)
		d.background.StrokeWidth = 1.5
	}
	// The cursor on the selected day shows as a ring in the focus colour.
	if c.focused && d.date == c.cursor && d.date == c.selected {
		d.background.StrokeColor = theme.Color(theme.ColorNameFocus)
		d.background.StrokeWidth = 3
	}
}

// Tapped picks the cell's day. An empty cell ignores the tap.
func (d *calendarDay) Tapped(*fyne.PointEvent) {
	if !d.date.IsZero() {
		d.calendar.pick(d.date)
	}
}

// MouseIn lightens the day under the pointer.
func (d *calendarDay) MouseIn(*desktop.MouseEvent) {
	d.hovered = true
	d.Refresh()
}

// MouseMoved does nothing. It completes [desktop.Hoverable].
func (d *calendarDay) MouseMoved(*desktop.MouseEvent) {}

// MouseOut restores the cell's colour.
func (d *calendarDay) MouseOut() {
	d.hovered = false
	d.Refresh()
}
