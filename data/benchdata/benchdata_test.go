package benchdata_test

import (
	"context"
	"testing"

	"leadwerk/app"
	"leadwerk/data"
	"leadwerk/data/benchdata"
)

func TestLargeSmallSizeCopies(t *testing.T) {
	t.Setenv(benchdata.SizeEnv, "small")

	first := benchdata.Large(t)
	second := benchdata.Large(t)
	if first == second {
		t.Fatalf("two calls returned the same copy %s", first)
	}

	s, err := data.Open(first)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s.Close()

	n, err := s.CountLeads(context.Background(), app.LeadQuery{})
	if err != nil {
		t.Fatalf("CountLeads: %v", err)
	}
	if n != benchdata.Small.Leads {
		t.Errorf("%d leads in the copy, want %d", n, benchdata.Small.Leads)
	}
}

func TestSizeNameRejectsUnknown(t *testing.T) {
	t.Setenv(benchdata.SizeEnv, "huge")

	if _, _, err := benchdata.SizeName(); err == nil {
		t.Error("SizeName accepted huge")
	}
}
