package data

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"leadwerk/app"
)

func TestPreferencesDefaultWhenUnsaved(t *testing.T) {
	s := openTestStore(t)

	got, err := s.Preferences(context.Background())
	if err != nil {
		t.Fatal(err)
	}

	if !reflect.DeepEqual(got, app.DefaultPreferences()) {
		t.Errorf("Preferences = %+v, want the defaults %+v", got, app.DefaultPreferences())
	}
}

func TestPreferencesRoundTrip(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	want := app.Preferences{
		HomeCurrency:    "CHF",
		FiscalYearStart: time.April,
		LeadSources:     []string{"Messe Köln", "LinkedIn"},
		DefaultIdleDays: 0,
	}

	if err := s.SavePreferences(ctx, want); err != nil {
		t.Fatal(err)
	}

	got, err := s.Preferences(ctx)
	if err != nil {
		t.Fatal(err)
	}

	if !reflect.DeepEqual(got, want) {
		t.Errorf("Preferences = %+v, want %+v", got, want)
	}
}

func TestPreferencesKeepZeroIdleDays(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	p := app.DefaultPreferences()
	p.DefaultIdleDays = 14
	if err := s.SavePreferences(ctx, p); err != nil {
		t.Fatal(err)
	}

	p.DefaultIdleDays = 0
	if err := s.SavePreferences(ctx, p); err != nil {
		t.Fatal(err)
	}

	got, err := s.Preferences(ctx)
	if err != nil {
		t.Fatal(err)
	}

	if got.DefaultIdleDays != 0 {
		t.Errorf("DefaultIdleDays = %d after saving 0, want 0", got.DefaultIdleDays)
	}
}

func TestSavePreferencesRejectsInvalid(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	p := app.DefaultPreferences()
	p.HomeCurrency = "euro"

	err := s.SavePreferences(ctx, p)
	if !errors.Is(err, app.ErrInvalid) {
		t.Errorf("SavePreferences(euro) = %v, want ErrInvalid", err)
	}

	if n := countRows(t, s, "settings"); n != 0 {
		t.Errorf("%d settings rows after a rejected save, want 0", n)
	}
}
