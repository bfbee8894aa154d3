package app

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestDefaultPreferencesValid(t *testing.T) {
	if err := DefaultPreferences().Validate(); err != nil {
		t.Errorf("default preferences rejected: %v", err)
	}
}

func TestPreferencesValidateNamesField(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(*Preferences)
		field PreferenceField
	}{
		{"lower-case currency", func(p *Preferences) { p.HomeCurrency = "eur" }, FieldHomeCurrency},
		{"empty currency", func(p *Preferences) { p.HomeCurrency = "" }, FieldHomeCurrency},
		{"month 0", func(p *Preferences) { p.FiscalYearStart = 0 }, FieldFiscalYearStart},
		{"month 13", func(p *Preferences) { p.FiscalYearStart = 13 }, FieldFiscalYearStart},
		{"blank source", func(p *Preferences) { p.LeadSources = []string{" "} }, FieldLeadSources},
		{"padded source", func(p *Preferences) { p.LeadSources = []string{" Fair"} }, FieldLeadSources},
		{"twice", func(p *Preferences) { p.LeadSources = []string{"Fair", "Fair"} }, FieldLeadSources},
		{"long source", func(p *Preferences) { p.LeadSources = []string{strings.Repeat("x", 61)} }, FieldLeadSources},
		{"tab in source", func(p *Preferences) { p.LeadSources = []string{"a\tb"} }, FieldLeadSources},
		{"negative idle", func(p *Preferences) { p.DefaultIdleDays = -1 }, FieldDefaultIdleDays},
		{"idle too long", func(p *Preferences) { p.DefaultIdleDays = MaxIdleDays + 1 }, FieldDefaultIdleDays},
	}

	for _, c := range cases {
		p := DefaultPreferences()
		c.edit(&p)

		err := p.Validate()
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: error %v does not wrap ErrInvalid", c.name, err)
		}

		var perr *PreferenceError
		if !errors.As(err, &perr) {
			t.Errorf("%s: error %v is no *PreferenceError", c.name, err)
			continue
		}

		if perr.Field != c.field {
			t.Errorf("%s: field %s, want %s", c.name, perr.Field, c.field)
		}
	}
}

func TestPreferencesAcceptLimits(t *testing.T) {
	p := DefaultPreferences()
	p.HomeCurrency = "CHF"
	p.FiscalYearStart = time.December
	p.DefaultIdleDays = MaxIdleDays
	p.LeadSources = []string{"Messe Köln", strings.Repeat("ü", MaxLeadSourceLength)}

	if err := p.Validate(); err != nil {
		t.Errorf("valid preferences rejected: %v", err)
	}
}

func TestParseLeadSourcesDropsBlankLines(t *testing.T) {
	got := ParseLeadSources("  Messe \n\n\r\nLinkedIn\r\n")
	want := []string{"Messe", "LinkedIn"}
	if !slices.Equal(got, want) {
		t.Errorf("ParseLeadSources = %q, want %q", got, want)
	}
}

func TestFiscalPeriods(t *testing.T) {
	cases := []struct {
		month         Month
		start         time.Month
		year, quarter Month
	}{
		{Month{2026, time.March}, time.January, Month{2026, time.January}, Month{2026, time.January}},
		{Month{2026, time.December}, time.January, Month{2026, time.January}, Month{2026, time.October}},
		{Month{2026, time.March}, time.April, Month{2025, time.April}, Month{2026, time.January}},
		{Month{2026, time.April}, time.April, Month{2026, time.April}, Month{2026, time.April}},
		{Month{2026, time.September}, time.October, Month{2025, time.October}, Month{2026, time.July}},
		{Month{2026, time.February}, time.July, Month{2025, time.July}, Month{2026, time.January}},
	}

	for _, c := range cases {
		if got := FiscalYearOf(c.month, c.start); got != c.year {
			t.Errorf("FiscalYearOf(%v, %v) = %v, want %v", c.month, c.start, got, c.year)
		}

		if got := FiscalQuarterOf(c.month, c.start); got != c.quarter {
			t.Errorf("FiscalQuarterOf(%v, %v) = %v, want %v", c.month, c.start, got, c.quarter)
		}
	}
}

func TestLeadSourceRules(t *testing.T) {
	many := make([]string, MaxCustomLeadSources+1)
	for i := range many {
		many[i] = "Source " + strings.Repeat("x", i+1)
	}

	cases := []struct {
		sources []string
		rule    PreferenceRule
	}{
		{[]string{""}, RuleEmpty},
		{[]string{strings.Repeat("x", MaxLeadSourceLength+1)}, RuleTooLong},
		{[]string{"a\u0007b"}, RuleControlCharacter},
		{[]string{"Fair", "Web", "Fair"}, RuleDuplicate},
		{many, RuleTooMany},
	}

	for _, c := range cases {
		p := DefaultPreferences()
		p.LeadSources = c.sources

		var invalid *PreferenceError
		if !errors.As(p.Validate(), &invalid) {
			t.Errorf("%q accepted", c.sources)
			continue
		}

		if invalid.Rule != c.rule {
			t.Errorf("%.40q: rule %d, want %d", c.sources, invalid.Rule, c.rule)
		}
	}
}
