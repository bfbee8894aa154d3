package data

import (
	"context"
	"testing"

	"leadwerk/app"
)

func TestLeadSearchStateColumn(t *testing.T) {
	s := openTestStore(t)
	mustImport(t, s, sampleBatch())
	ctx := context.Background()

	count := func(q app.LeadQuery) int {
		t.Helper()
		n, err := s.CountLeads(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}

	// Both sample leads are open, so a search for the state's own word
	// must not match them.
	if n := count(app.LeadQuery{Search: "open"}); n != 0 {
		t.Errorf("search \"open\" found %d leads, want 0", n)
	}

	if n := count(app.LeadQuery{Search: "weber", OpenOnly: true}); n != 1 {
		t.Errorf("open leads matching weber = %d, want 1", n)
	}

	id := leadIDByRef(t, s, "lead:1")
	if err := s.ChangeLeadStatus(ctx, id, app.LeadDisqualified, "no budget"); err != nil {
		t.Fatal(err)
	}

	if n := count(app.LeadQuery{Search: "weber", OpenOnly: true}); n != 0 {
		t.Errorf("after disqualifying, open leads matching weber = %d, want 0", n)
	}
	if n := count(app.LeadQuery{Search: "weber"}); n != 1 {
		t.Errorf("after disqualifying, leads matching weber = %d, want 1", n)
	}
}
