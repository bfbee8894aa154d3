package tabular

import (
	"testing"
)

func TestParseBool(t *testing.T) {
	cases := []struct {
		text string
		mark bool
		want bool
	}{
		{"1", false, true}, {"0", false, false},
		{"true", false, true}, {"FALSE", false, false},
		{"Yes", false, true}, {"no", false, false},
		{"ja", false, true}, {"Nein", false, false},
		{"WAHR", false, true}, {"falsch", false, false},
		{"x", true, true}, {"X", true, true}, {"", true, false},
	}

	for _, tc := range cases {
		got, err := ParseBool(tc.text, BoolFormat{Mark: tc.mark})
		if err != nil {
			t.Errorf("ParseBool(%q): %v", tc.text, err)

			continue
		}
		if got != tc.want {
			t.Errorf("ParseBool(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

func TestParseBoolRejects(t *testing.T) {
	if _, err := ParseBool("maybe", BoolFormat{}); reasonOf(err) != ReasonInvalidBool {
		t.Errorf("ParseBool(maybe) error = %v, want reason %s", err, ReasonInvalidBool)
	}
	if _, err := ParseBool(" ", BoolFormat{}); reasonOf(err) != ReasonEmpty {
		t.Errorf("ParseBool of a blank cell error = %v, want reason %s", err, ReasonEmpty)
	}
}

func TestIsPlaceholder(t *testing.T) {
	for _, text := range []string{"Select", "-", "–", "n/a", "N/A", "none", "NULL", "(leer)", "k.A.", " k. A. "} {
		if !IsPlaceholder(text) {
			t.Errorf("IsPlaceholder(%q) = false, want true", text)
		}
	}

	for _, text := range []string{"", "Selected", "0", "Nadja", "-5", "NA"} {
		if IsPlaceholder(text) {
			t.Errorf("IsPlaceholder(%q) = true, want false", text)
		}
	}
}

func TestParseProbability(t *testing.T) {
	cases := []struct {
		text  string
		scale ProbabilityScale
		want  int
	}{
		{"0.4", ScaleAuto, 40},
		{"0,4", ScaleAuto, 40},
		{"40", ScaleAuto, 40},
		{"40 %", ScaleAuto, 40},
		{"12,5%", ScaleAuto, 13},
		{"1", ScaleAuto, 1},
		{"1.0", ScaleAuto, 100},
		{"0", ScaleAuto, 0},
		{"100", ScaleAuto, 100},
		{"0.333", ScaleAuto, 33},
		{"1", ScaleFraction, 100},
		{"0.25", ScaleFraction, 25},
		{"50%", ScaleFraction, 50},
		{"0.5", ScalePercent, 1},
		{"1", ScalePercent, 1},
	}

	for _, tc := range cases {
		got, err := ParseProbabilityAs(tc.text, tc.scale)
		if err != nil {
			t.Errorf("ParseProbabilityAs(%q, %d): %v", tc.text, tc.scale, err)

			continue
		}
		if got != tc.want {
			t.Errorf("ParseProbabilityAs(%q, %d) = %d, want %d", tc.text, tc.scale, got, tc.want)
		}
	}
}

func TestParseProbabilityRejects(t *testing.T) {
	for _, text := range []string{"101", "-5", "abc", "40 €", "(5)", "2", "150%"} {
		scale := ScaleAuto
		if text == "2" {
			scale = ScaleFraction
		}

		if got, err := ParseProbabilityAs(text, scale); reasonOf(err) != ReasonInvalidProbability {
			t.Errorf("ParseProbabilityAs(%q) = %d, %v; want reason %s", text, got, err, ReasonInvalidProbability)
		}
	}
}

func TestParseProbabilityShortcut(t *testing.T) {
	got, err := ParseProbability("0.4")
	if err != nil || got != 40 {
		t.Errorf("ParseProbability(0.4) = %d, %v; want 40", got, err)
	}
}

func TestDetectProbabilityScale(t *testing.T) {
	f := NumberFormat{Decimal: '.'}
	if got := detectProbabilityScale([]string{"0", "0.25", "1"}, f); got != ScaleFraction {
		t.Errorf("fractions detected as %d, want ScaleFraction", got)
	}
	if got := detectProbabilityScale([]string{"10", "100", "1"}, f); got != ScaleAuto {
		t.Errorf("percentages detected as %d, want ScaleAuto", got)
	}
}
