package ui

import (
	"strings"
	"testing"

	"leadwerk/app"
	"leadwerk/app/mapping"
)

func TestRejectionCellsNameTheLimit(t *testing.T) {
	r := mapping.Rejection{Line: 7, Column: "Notizen", Reason: mapping.ReasonTooLong, Value: "Lange Notiz…",
		Field: app.FieldNotes}

	cells := rejectionCells(r)

	if cells[0] != "7" || cells[1] != "Notizen" || cells[3] != "Lange Notiz…" {
		t.Errorf("cells = %q, want line 7, column Notizen and the value", cells)
	}
	if !strings.Contains(cells[2], "10,000") && !strings.Contains(cells[2], "10.000") {
		t.Errorf("reason %q does not name the maximum of 10,000 characters", cells[2])
	}
}
