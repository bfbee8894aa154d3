package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// sortHeader is a column heading that sorts its list when tapped. Unlike
// widget.Button it truncates a title wider than its column, so a long
// German heading does not run into the next one.
type sortHeader struct {
	widget.BaseWidget

	label    *widget.Label
	icon     *widget.Icon
	onTapped func()
}

func newSortHeader(title string, onTapped func()) *sortHeader {
	label := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	label.Truncation = fyne.TextTruncateEllipsis

	h := &sortHeader{label: label, icon: widget.NewIcon(nil), onTapped: onTapped}
	h.icon.Hide()
	h.ExtendBaseWidget(h)

	return h
}

// SetIcon shows the sort direction, or no icon for nil.
func (h *sortHeader) SetIcon(icon fyne.Resource) {
	h.icon.SetResource(icon)
	if icon == nil {
		h.icon.Hide()
		return
	}

	h.icon.Show()
}

// Tapped implements fyne.Tappable.
func (h *sortHeader) Tapped(*fyne.PointEvent) {
	if h.onTapped != nil {
		h.onTapped()
	}
}

// Cursor implements desktop.Cursorable, so the pointer shows the heading
// is clickable.
func (h *sortHeader) Cursor() desktop.Cursor {
	return desktop.PointerCursor
}

// CreateRenderer implements fyne.Widget.
func (h *sortHeader) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, nil, h.icon, h.label))
}
