package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// actionsContaining returns the container below root whose objects
// include button, or nil.
func actionsContaining(root fyne.CanvasObject, button fyne.CanvasObject) *fyne.Container {
	var found *fyne.Container
	walkObjects(root, func(o fyne.CanvasObject) {
		if c, ok := o.(*fyne.Container); ok && found == nil && slices.Contains(c.Objects, button) {
			found = c
		}
	})

	return found
}

// TestDealActionsFitTwoGermanRows shows an open deal in a German panel
// as narrow as the detail beside the list in a 1280 pixel wide window.
func TestDealActionsFitTwoGermanRows(t *testing.T) {
	useGerman(t)
	d, _, _ := openDealDetail(t)
	const panelWidth = 380
	window := d.errors.window
	window.Resize(fyne.NewSize(panelWidth, 850))
	if got := d.content.Size().Width; got > panelWidth {
		t.Errorf("the panel needs %.0f pixels, wider than %d", got, panelWidth)
	}

	for _, label := range []string{"Bearbeiten…", "Gewonnen…", "Verloren…", "Angebot…", "Firmenhistorie…", "Löschen…"} {
		if findButton(d.content, label) == nil {
			t.Errorf("the panel has no %q button", label)
		}
	}

	actions := actionsContaining(d.content, d.controls.edit)
	if actions == nil {
		t.Fatal("the edit button is in no container")
	}

	rows := map[float32]bool{}
	for _, o := range actions.Objects {
		if !o.Visible() || o.MinSize().Width == 0 {
			continue
		}

		rows[o.Position().Y] = true
		if right := o.Position().X + o.Size().Width; right > panelWidth {
			t.Errorf("an action ends at %.0f pixels, beyond the %d pixel panel", right, panelWidth)
		}
	}
	if len(rows) > 2 {
		t.Errorf("the actions take %d rows in a %d pixel panel, want at most 2", len(rows), panelWidth)
	}
}

func TestWrapLayoutNarrowsAgain(t *testing.T) {
	objects := make([]fyne.CanvasObject, 3)
	for i := range objects {
		box := canvas.NewRectangle(nil)
		box.SetMinSize(fyne.NewSize(100, 30))
		objects[i] = box
	}
	l := &wrapLayout{}
	pad := theme.Padding()

	if got := l.MinSize(objects).Height; got != 3*30+2*pad {
		t.Errorf("height before the first layout = %v, want one row per object", got)
	}

	l.Layout(objects, fyne.NewSize(1000, 30))
	if got := l.MinSize(objects); got != fyne.NewSize(100, 30) {
		t.Errorf("minimum after a wide layout = %v, want the widest object in one row", got)
	}

	l.Layout(objects, fyne.NewSize(220, 100))
	if got := l.MinSize(objects).Height; got != 2*30+pad {
		t.Errorf("height at 220 pixels = %v, want two rows", got)
	}
	if got := objects[2].Position(); got != fyne.NewPos(0, 30+pad) {
		t.Errorf("third object at %v, want the start of the second row", got)
	}

	objects[1].Hide()
	l.Layout(objects, fyne.NewSize(220, 100))
	if got := objects[2].Position(); got != fyne.NewPos(100+pad, 0) {
		t.Errorf("third object at %v beside a hidden one, want it in the first row", got)
	}
}
