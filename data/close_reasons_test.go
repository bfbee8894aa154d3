package data

import (
	"context"
	"errors"
	"slices"
	"testing"

	"leadwerk/app"
)

func TestCloseReasonsDefaultWhenUnset(t *testing.T) {
	s := openTestStore(t)

	got, err := s.CloseReasons(context.Background())
	if err != nil {
		t.Fatal(err)
	}

	want := app.DefaultCloseReasons()
	if !slices.Equal(got.Won, want.Won) {
		t.Errorf("won = %q, want %q", got.Won, want.Won)
	}
	if !slices.Equal(got.Lost, want.Lost) {
		t.Errorf("lost = %q, want %q", got.Lost, want.Lost)
	}
}

func TestSaveCloseReasonsRoundTrip(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()

	err := s.SaveCloseReasons(ctx, app.CloseReasons{Lost: []string{" Zu teuer ", "", "Timing"}})
	if err != nil {
		t.Fatal(err)
	}

	got, err := s.CloseReasons(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Won) != 0 {
		t.Errorf("won = %q, want an empty list", got.Won)
	}
	if !slices.Equal(got.Lost, []string{"Zu teuer", "Timing"}) {
		t.Errorf("lost = %q, want [Zu teuer Timing]", got.Lost)
	}

	if err := s.SaveCloseReasons(ctx, app.CloseReasons{Won: []string{"Price"}, Lost: []string{"Budget"}}); err != nil {
		t.Fatal(err)
	}
	got, err = s.CloseReasons(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Won, []string{"Price"}) {
		t.Errorf("won after second save = %q, want [Price]", got.Won)
	}
	if n := countRows(t, s, "settings"); n != 1 {
		t.Errorf("settings rows = %d, want 1", n)
	}
}

func TestSaveCloseReasonsRejectsInvalid(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()

	err := s.SaveCloseReasons(ctx, app.CloseReasons{Won: []string{"Price"}, Lost: []string{"  "}})
	if !errors.Is(err, app.ErrInvalid) {
		t.Fatalf("SaveCloseReasons = %v, want ErrInvalid", err)
	}

	got, err := s.CloseReasons(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Lost, app.DefaultCloseReasons().Lost) {
		t.Errorf("lost after a rejected save = %q, want the defaults", got.Lost)
	}
}
