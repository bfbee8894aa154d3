package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// todayRow is one row of the Today list: two lines of text and a button
// that opens the item's record. The list rebinds a row to another item
// as it scrolls. Every row has the height of two lines, because
// widget.List gives each row the height of its template, so a line wider
// than the row ends with "…".
type todayRow struct {
	widget.BaseWidget

	item   app.TodayItem
	onOpen func(app.TodayItem)

	label *widget.Label
	open  *widget.Button
}

func newTodayRow(onOpen func(app.TodayItem)) *todayRow {
	r := &todayRow{onOpen: onOpen}

	// The two lines of the template give the row its height.
	r.label = widget.NewLabel("\n")
	r.label.Truncation = fyne.TextTruncateEllipsis
	r.open = widget.NewButton(lang.L("Open"), func() { r.onOpen(r.item) })
	r.ExtendBaseWidget(r)

	return r
}

// bind shows item as text, in the danger color when it is overdue.
func (r *todayRow) bind(item app.TodayItem, text string) {
	r.item = item

	importance := widget.MediumImportance
	if item.Overdue {
		importance = widget.DangerImportance
	}
	if r.label.Text == text && r.label.Importance == importance {
		return
	}

	r.label.Importance = importance
	r.label.SetText(text)
}

// CreateRenderer implements fyne.Widget.
func (r *todayRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, nil, container.NewVBox(r.open), r.label))
}
