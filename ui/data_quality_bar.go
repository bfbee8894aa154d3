package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// shareBarHeight is the height of a share bar's track in Fyne units.
const shareBarHeight = 8

// shareBar draws a percentage from 0 to 100 as the filled part of a thin
// track, centered in the height it is given.
type shareBar struct {
	widget.BaseWidget

	percent float64
}

func newShareBar() *shareBar {
	b := &shareBar{}
	b.ExtendBaseWidget(b)

	return b
}

// setPercent fills the bar to percent, clamped to 0–100.
func (b *shareBar) setPercent(percent float64) {
	b.percent = min(max(percent, 0), 100)
	b.Refresh()
}

// CreateRenderer returns the renderer of the track and the filled part.
func (b *shareBar) CreateRenderer() fyne.WidgetRenderer {
	r := &shareBarRenderer{bar: b, track: canvas.NewRectangle(nil), fill: canvas.NewRectangle(nil)}
	r.track.CornerRadius = shareBarHeight / 2
	r.fill.CornerRadius = shareBarHeight / 2
	r.Refresh()

	return r
}

type shareBarRenderer struct {
	bar   *shareBar
	track *canvas.Rectangle
	fill  *canvas.Rectangle
	size  fyne.Size
}

func (r *shareBarRenderer) Layout(size fyne.Size) {
	r.size = size
	top := (size.Height - shareBarHeight) / 2
	r.track.Move(fyne.NewPos(0, top))
	r.track.Resize(fyne.NewSize(size.Width, shareBarHeight))
	r.fill.Move(fyne.NewPos(0, top))
	r.fill.Resize(fyne.NewSize(size.Width*float32(r.bar.percent/100), shareBarHeight))
}

func (r *shareBarRenderer) MinSize() fyne.Size {
	return fyne.NewSize(5*shareBarHeight, shareBarHeight)
}

func (r *shareBarRenderer) Refresh() {
	r.track.FillColor = theme.Color(theme.ColorNameInputBackground)
	r.fill.FillColor = theme.Color(theme.ColorNamePrimary)
	r.Layout(r.size)
	canvas.Refresh(r.track)
	canvas.Refresh(r.fill)
}

func (r *shareBarRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.track, r.fill}
}

func (r *shareBarRenderer) Destroy() {}
