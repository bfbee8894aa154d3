package app

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestValidateCloseReasons(t *testing.T) {
	tests := []struct {
		name    string
		reasons CloseReasons
		valid   bool
	}{
		{"defaults", DefaultCloseReasons(), true},
		{"empty won list", CloseReasons{Lost: []string{"No budget"}}, true},
		{"empty lost list", CloseReasons{Won: []string{"Best price"}}, false},
		{"blank lost reason", CloseReasons{Lost: []string{"No budget", "  "}}, false},
		{"blank won reason", CloseReasons{Won: []string{""}, Lost: []string{"No budget"}}, false},
		{"repeated ignoring case", CloseReasons{Lost: []string{"No budget", "no BUDGET"}}, false},
		{"same reason in both lists", CloseReasons{Won: []string{"Timing"}, Lost: []string{"Timing"}}, true},
		{"maximum length", CloseReasons{Lost: []string{strings.Repeat("ä", MaxCloseReasonLength)}}, true},
		{"too long", CloseReasons{Lost: []string{strings.Repeat("a", MaxCloseReasonLength+1)}}, false},
	}

	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := ValidateCloseReasons(tc.reasons)
			if tc.valid && err != nil {
				t.Errorf("ValidateCloseReasons = %v, want nil", err)
			}
			if !tc.valid && !errors.Is(err, ErrInvalid) {
				t.Errorf("ValidateCloseReasons = %v, want ErrInvalid", err)
			}
		})
	}
}

func TestCloseReasonsTrimmed(t *testing.T) {
	r := CloseReasons{Won: []string{" Best price ", ""}, Lost: []string{"\tNo budget", "  "}}

	got := r.Trimmed()

	if !slices.Equal(got.Won, []string{"Best price"}) {
		t.Errorf("won = %q, want [Best price]", got.Won)
	}
	if !slices.Equal(got.Lost, []string{"No budget"}) {
		t.Errorf("lost = %q, want [No budget]", got.Lost)
	}
}

func TestCloseReasonsFor(t *testing.T) {
	r := DefaultCloseReasons()

	if !slices.Equal(r.For(true), r.Won) {
		t.Errorf("For(true) = %q, want the won list", r.For(true))
	}
	if !slices.Equal(r.For(false), r.Lost) {
		t.Errorf("For(false) = %q, want the lost list", r.For(false))
	}
}
