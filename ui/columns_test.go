package ui

import (
	"math"
	"testing"
)

func TestColumnWidthsKeepMinimums(t *testing.T) {
	layout := columnLayout{weights: []float32{2, 1, 1}, minWidths: []float32{10, 100, 10}}

	widths := layout.widths(300)

	if widths[1] != 100 {
		t.Errorf("column with a minimum of 100 got %v", widths[1])
	}
	if math.Abs(float64(widths[0]-2*widths[2])) > 0.01 {
		t.Errorf("other columns %v and %v, want the 2:1 of their weights", widths[0], widths[2])
	}
	if sum := widths[0] + widths[1] + widths[2]; math.Abs(float64(sum-300)) > 0.01 {
		t.Errorf("widths add up to %v, want 300", sum)
	}
}

func TestColumnWidthsShrinkWhenTooNarrow(t *testing.T) {
	layout := columnLayout{weights: []float32{1, 1}, minWidths: []float32{150, 50}}

	widths := layout.widths(100)

	if math.Abs(float64(widths[0]-75)) > 0.01 || math.Abs(float64(widths[1]-25)) > 0.01 {
		t.Errorf("widths %v, want the minimums scaled to 75 and 25", widths)
	}
}

func TestColumnWidthsWithoutMinimums(t *testing.T) {
	layout := columnLayout{weights: []float32{3, 1}}

	widths := layout.widths(400)

	if widths[0] != 300 || widths[1] != 100 {
		t.Errorf("widths %v, want 300 and 100 by weight", widths)
	}
}
