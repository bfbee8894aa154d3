package app

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"
)

// MaxCloseReasonLength is the maximum length of one close reason in
// characters (runes).
const MaxCloseReasonLength = 80

// CloseReasons are the reasons the won and lost dialogs offer, each list
// in the order the manager chose.
type CloseReasons struct {
	Won  []string
	Lost []string
}

// DefaultCloseReasons returns the reasons offered until the manager
// configures other ones. They are English, and the dialogs translate them
// for display.
func DefaultCloseReasons() CloseReasons {
	return CloseReasons{
		Won: []string{
			"Best price",
			"Best product fit",
			"Existing relationship",
			"Fastest delivery",
		},
		Lost: []string{
			"Price too high",
			"Chose a competitor",
			"No budget",
			"No decision made",
			"Wrong timing",
			"Requirements not met",
		},
	}
}

// For returns the won or the lost list.
func (r CloseReasons) For(won bool) []string {
	if won {
		return r.Won
	}

	return r.Lost
}

// Trimmed returns a copy of r with spaces trimmed from every reason and
// empty reasons dropped.
func (r CloseReasons) Trimmed() CloseReasons {
	return CloseReasons{Won: trimReasons(r.Won), Lost: trimReasons(r.Lost)}
}

func trimReasons(reasons []string) []string {
	trimmed := make([]string, 0, len(reasons))
	for _, reason := range reasons {
		if reason = strings.TrimSpace(reason); reason != "" {
			trimmed = append(trimmed, reason)
		}
	}

	return trimmed
}

// ValidateCloseReasons wraps ErrInvalid when a reason is blank, longer
// than MaxCloseReasonLength or repeated in its list (ignoring case). It
// also rejects an empty lost list, because a lost deal requires a reason
// and the lost dialog must offer at least one. The won list may be empty.
func ValidateCloseReasons(r CloseReasons) error {
	if len(r.Lost) == 0 {
		return fmt.Errorf("list of lost close reasons is empty, so add at least one: %w", ErrInvalid)
	}

	if err := validateReasonList("won", r.Won); err != nil {
		return err
	}

	return validateReasonList("lost", r.Lost)
}

func validateReasonList(kind string, reasons []string) error {
	seen := make(map[string]bool, len(reasons))
	for i, reason := range reasons {
		trimmed := strings.TrimSpace(reason)
		if trimmed == "" {
			return fmt.Errorf("%s close reason %d is blank: %w", kind, i+1, ErrInvalid)
		}
		if n := utf8.RuneCountInString(trimmed); n > MaxCloseReasonLength {
			return fmt.Errorf("%s close reason %q has %d characters, want at most %d: %w",
				kind, trimmed, n, MaxCloseReasonLength, ErrInvalid)
		}

		key := strings.ToLower(trimmed)
		if seen[key] {
			return fmt.Errorf("%s close reason %q is repeated: %w", kind, trimmed, ErrInvalid)
		}
		seen[key] = true
	}

	return nil
}

// CloseReasonService keeps the configurable lists of close reasons.
type CloseReasonService interface {
	// CloseReasons returns the stored lists, or DefaultCloseReasons when
	// none are stored.
	CloseReasons(ctx context.Context) (CloseReasons, error)
	// SaveCloseReasons trims and stores r. It wraps ErrInvalid unless
	// ValidateCloseReasons accepts the trimmed lists.
	SaveCloseReasons(ctx context.Context, r CloseReasons) error
}
