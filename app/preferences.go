package app

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Preferences are the manager's settings for new records and reports,
// stored in the database so that every window and command on the file
// shares them. The language and theme are per computer and live in the
// window's own preferences instead.
type Preferences struct {
	// HomeCurrency is the ISO 4217 code that a new sales process starts
	// with.
	HomeCurrency string
	// FiscalYearStart is the first month of the fiscal year, which the
	// reports' "This year" and "This quarter" periods start from.
	FiscalYearStart time.Month
	// LeadSources are sources the manager added to the built-in ones,
	// offered in the lead forms after them.
	LeadSources []string
	// DefaultIdleDays is the idle threshold in days that a new stage
	// starts with. 0 never marks a deal idle.
	DefaultIdleDays int
}

// Limits of [Preferences.Validate].
const (
	MaxIdleDays          = 3650
	MaxLeadSourceLength  = 60
	MaxCustomLeadSources = 50
)

// PreferenceField names one field of [Preferences] in a
// [PreferenceError], so the window can name it in the person's language.
type PreferenceField string

// The fields that [Preferences.Validate] checks.
const (
	FieldHomeCurrency    PreferenceField = "home_currency"
	FieldFiscalYearStart PreferenceField = "fiscal_year_start"
	FieldLeadSources     PreferenceField = "lead_sources"
	FieldDefaultIdleDays PreferenceField = "default_idle_days"
)

// PreferenceRule names the rule that a [PreferenceError]'s value breaks.
type PreferenceRule int

// The rules of [Preferences.Validate].
const (
	// RuleOutOfRange is a currency of the wrong form, a month outside
	// 1–12, or idle days or backup counts outside their limits.
	RuleOutOfRange PreferenceRule = iota
	RuleEmpty
	RuleTooLong
	RuleControlCharacter
	RuleDuplicate
	// RuleTooMany is more than [MaxCustomLeadSources] sources. The
	// error's Value is then their count.
	RuleTooMany
	// RuleNotAbsolute is a backup folder given as a relative path, which
	// would depend on the folder Leadwerk was started from.
	RuleNotAbsolute
	// RuleNotWritable is a backup folder that cannot be created or
	// written. Only the store checks it, because it needs the file system.
	RuleNotWritable
)

// PreferenceError is a rejected value of one [Preferences] field. It
// wraps [ErrInvalid].
type PreferenceError struct {
	Field  PreferenceField
	Rule   PreferenceRule
	Value  string
	Reason string
}

func (e *PreferenceError) Error() string {
	return fmt.Sprintf("preference %s: %q %s", e.Field, e.Value, e.Reason)
}

func (e *PreferenceError) Unwrap() error { return ErrInvalid }

// DefaultPreferences returns the preferences of a new database: euro,
// a fiscal year that is the calendar year, no custom lead sources and
// no idle threshold.
func DefaultPreferences() Preferences {
	return Preferences{HomeCurrency: "EUR", FiscalYearStart: time.January}
}

// Validate returns a [*PreferenceError] for the first field that breaks
// its rule, checked in the order of the struct, or nil.
func (p Preferences) Validate() error {
	if !ValidCurrency(p.HomeCurrency) {
		return &PreferenceError{Field: FieldHomeCurrency, Value: p.HomeCurrency,
			Reason: "is not three upper-case letters A to Z"}
	}

	if p.FiscalYearStart < time.January || p.FiscalYearStart > time.December {
		return &PreferenceError{Field: FieldFiscalYearStart, Value: fmt.Sprint(int(p.FiscalYearStart)),
			Reason: "is not a month from 1 to 12"}
	}

	if err := validateLeadSources(p.LeadSources); err != nil {
		return err
	}

	if p.DefaultIdleDays < 0 || p.DefaultIdleDays > MaxIdleDays {
		return &PreferenceError{Field: FieldDefaultIdleDays, Value: fmt.Sprint(p.DefaultIdleDays),
			Reason: fmt.Sprintf("is outside 0 to %d days", MaxIdleDays)}
	}

	return nil
}

func validateLeadSources(sources []string) error {
	if len(sources) > MaxCustomLeadSources {
		return &PreferenceError{Field: FieldLeadSources, Rule: RuleTooMany, Value: fmt.Sprint(len(sources)),
			Reason: fmt.Sprintf("sources are more than %d", MaxCustomLeadSources)}
	}

	for i, source := range sources {
		if err := checkLeadSource(source); err != nil {
			return err
		}

		if slices.Contains(sources[:i], source) {
			return &PreferenceError{Field: FieldLeadSources, Rule: RuleDuplicate, Value: source, Reason: "is listed twice"}
		}
	}

	return nil
}

func checkLeadSource(source string) error {
	invalid := func(rule PreferenceRule, reason string) error {
		return &PreferenceError{Field: FieldLeadSources, Rule: rule, Value: source, Reason: reason}
	}

	if strings.TrimSpace(source) != source || source == "" {
		return invalid(RuleEmpty, "is empty or starts or ends with a space")
	}

	if utf8.RuneCountInString(source) > MaxLeadSourceLength {
		return invalid(RuleTooLong, fmt.Sprintf("is longer than %d characters", MaxLeadSourceLength))
	}

	if strings.IndexFunc(source, unicode.IsControl) >= 0 {
		return invalid(RuleControlCharacter, "contains a control character")
	}

	return nil
}

// ParseLeadSources splits text into one trimmed source per line and
// drops empty lines, so the result can go into [Preferences.LeadSources].
func ParseLeadSources(text string) []string {
	var sources []string
	for line := range strings.Lines(text) {
		if source := strings.TrimSpace(line); source != "" {
			sources = append(sources, source)
		}
	}

	return sources
}

// FiscalYearOf returns the first month of the fiscal year that m falls
// in, for a fiscal year starting in the month start.
func FiscalYearOf(m Month, start time.Month) Month {
	back := (int(m.Month) - int(start) + 12) % 12

	return m.Add(-back)
}

// FiscalQuarterOf returns the first month of the fiscal quarter that m
// falls in. Quarters are three months counted from start.
func FiscalQuarterOf(m Month, start time.Month) Month {
	back := (int(m.Month) - int(start) + 12) % 3

	return m.Add(-back)
}
