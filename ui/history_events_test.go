package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"leadwerk/app"
)

func TestHistoryLinesOfEvents(t *testing.T) {
	at := time.Date(2026, 3, 1, 13, 5, 0, 0, time.UTC)
	added, done := "call: Rückruf (open)", "call: Rückruf (done: Angebot)"
	entries := []app.AuditEntry{
		{Action: app.AuditActivity, Field: "activity", Old: &added, New: &done, At: at, By: "Anna"},
		{Action: app.AuditActivity, Field: "activity", New: &added, At: at, By: "Anna"},
		{Action: app.AuditImport, At: at, By: app.ChangedByImport,
			Import: &app.ImportSummary{File: "messe.csv", Rows: 1300, New: 1200, Updated: 3, Rejected: 97}},
	}

	lines := historyLines(entries, "en")

	want := []string{
		"· Anna · activity: call: Rückruf (open) → call: Rückruf (done: Angebot)",
		"· Anna · activity added: call: Rückruf (open)",
		"· Import · created by importing messe.csv (1,200 new, 3 updated, 97 rejected)",
	}
	if len(lines) != len(want) {
		t.Fatalf("lines = %q, want %d", lines, len(want))
	}
	for i, w := range want {
		if !strings.HasSuffix(lines[i], w) {
			t.Errorf("line %d = %q, want it to end with %q", i, lines[i], w)
		}
	}
}

func TestDealDetailHistoryShowsActivity(t *testing.T) {
	d, store, queue := openDealDetail(t)
	a := app.Activity{OpportunityID: d.deal.ID, Kind: app.ActivityCall, Subject: "Rückruf"}
	if _, err := store.AddOpportunityActivity(context.Background(), a); err != nil {
		t.Fatal(err)
	}

	d.show(d.deal.ID)
	h := d.auditHistory
	queue.waitFor(t, "the deal history", func() bool {
		return len(h.entries) > 0 && h.entries[0].Action == app.AuditActivity
	})

	if !findLabelContaining(h.content, "activity added: call: Rückruf (open)") {
		t.Error("the deal history does not show the added activity")
	}
}
