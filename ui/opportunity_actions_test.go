package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
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
