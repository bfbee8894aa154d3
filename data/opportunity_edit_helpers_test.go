package data

import (
	"context"
	"fmt"
	"testing"
	"time"

	"leadwerk/app"
)

// editNow is the pinned clock of the edit tests.
var editNow = time.Date(2024, 6, 3, 9, 30, 0, 0, time.UTC)

// openEditStore returns a store with sampleBatch imported and the clock
// pinned to editNow.
func openEditStore(t *testing.T) *Store {
	t.Helper()

	s := openTestStore(t)
	mustImport(t, s, sampleBatch())
	s.now = func() time.Time { return editNow }

	return s
}

// stageIDOf returns the id of a stage by pipeline and stage name.
func stageIDOf(t *testing.T, s *Store, pipeline, stage string) int64 {
	t.Helper()

	var id int64
	err := s.db.Raw(`SELECT st.id FROM stages st JOIN pipelines p ON p.id = st.pipeline_id
		WHERE p.name = ? AND st.name = ?`, pipeline, stage).Scan(&id).Error
	if err != nil || id == 0 {
		t.Fatalf("stage %s of pipeline %s not found (err %v)", stage, pipeline, err)
	}

	return id
}

func mustDeal(t *testing.T, s *Store, id int64) app.OpportunityDetail {
	t.Helper()

	d, err := s.Opportunity(context.Background(), id)
	if err != nil {
		t.Fatalf("Opportunity(%d): %v", id, err)
	}

	return d
}

// wantProbability checks a deal's stage, probability and override mark.
func wantProbability(t *testing.T, d app.OpportunityDetail, stage string, percent int, manual bool) {
	t.Helper()

	if d.Stage.Name != stage {
		t.Errorf("deal %q in stage %s, want %s", d.Title, d.Stage.Name, stage)
	}
	if d.Probability != percent {
		t.Errorf("deal %q at %d %%, want %d %%", d.Title, d.Probability, percent)
	}
	if d.ProbabilityManual != manual {
		t.Errorf("deal %q set by hand = %v, want %v", d.Title, d.ProbabilityManual, manual)
	}
}

// fieldChangesOf returns the recorded changes of one field as
// "old -> new" texts, oldest first.
func fieldChangesOf(t *testing.T, s *Store, id int64, field string) []string {
	t.Helper()

	changes, err := s.FieldChanges(context.Background(), id)
	if err != nil {
		t.Fatalf("FieldChanges(%d): %v", id, err)
	}

	var out []string
	for _, c := range changes {
		if c.Field == field {
			out = append(out, c.Old+" -> "+c.New)
		}
	}

	return out
}

func wantChanges(t *testing.T, s *Store, id int64, field string, want ...string) {
	t.Helper()

	got := fieldChangesOf(t, s, id, field)
	if len(got) != len(want) {
		t.Errorf("changes of %s = %q, want %q", field, got, want)
		return
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("change %d of %s = %q, want %q", i, field, got[i], want[i])
		}
	}
}

// stageMovesNow returns the stage changes a deal got at editNow as
// "from -> to at N % of amount".
func stageMovesNow(t *testing.T, s *Store, id int64) []string {
	t.Helper()

	var out []string
	for _, h := range mustDeal(t, s, id).History {
		if h.At.Equal(editNow) {
			out = append(out, fmt.Sprintf("%s -> %s at %d %% of %s", h.From, h.To, h.Probability, h.Amount))
		}
	}

	return out
}
