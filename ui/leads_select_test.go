package ui

import (
	"context"
	"testing"
	"time"

	"leadwerk/app"
	"leadwerk/app/demo"
)

// TestLeadSelectBeforePageLoads selects a row after the count landed but
// before its page did, as a click right after startup does.
func TestLeadSelectBeforePageLoads(t *testing.T) {
	store := openStore(t)
	batch := demo.Generate(demo.DefaultSeed, app.DateOf(time.Now()))
	if _, err := store.LoadDemo(context.Background(), batch, nil); err != nil {
		t.Fatalf("load demo: %v", err)
	}

	m, queue := openLeadsTab(t, store)
	s := m.leads
	// The learned scores refresh after the demo load and reload the list
	// when done, which clears any selection; wait until it has finished.
	queue.waitFor(t, "the learned-score refresh", func() bool {
		return s.learning == nil || (s.learning.known && !s.learning.running)
	})
	queue.waitFor(t, "the count", func() bool { return s.rows.ready() })

	row := s.rows.length() - 1
	if _, loaded := s.rows.row(row); loaded {
		t.Fatal("the page of the last row landed with the count, so the test cannot select before it")
	}

	s.list.Select(row)
	queue.waitFor(t, "the page of the last row", func() bool { _, ok := s.rows.row(row); return ok })

	want, _ := s.rows.row(row)
	queue.waitFor(t, "the detail of the selected lead", func() bool { return s.detail.lead.ID == want.ID })
}
