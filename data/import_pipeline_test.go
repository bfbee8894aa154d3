package data

import (
	"context"
	"testing"
)

func TestReimportRestoresDeletedStage(t *testing.T) {
	s := openTestStore(t)
	b := sampleBatch()
	mustImport(t, s, b)
	ctx := context.Background()

	prospecting := stageIDOf(t, s, "Hardware", "Prospecting")
	engaging := stageIDOf(t, s, "Hardware", "Engaging")
	if err := s.DeleteStage(ctx, prospecting, engaging); err != nil {
		t.Fatal(err)
	}

	// The source still has opp:3 in Prospecting, so the stage returns and
	// the deal is visible in it.
	mustImport(t, s, b)

	pipelines, err := s.Pipelines(ctx)
	if err != nil {
		t.Fatal(err)
	}

	found := false
	for _, p := range pipelines {
		for _, st := range p.Stages {
			found = found || (p.Name == "Hardware" && st.Name == "Prospecting")
		}
	}
	if !found {
		t.Fatal("the re-import left Prospecting deleted although a deal of the source is in it")
	}

	detail, err := s.Opportunity(ctx, idByRef(t, s, "opp:3"))
	if err != nil {
		t.Fatal(err)
	}
	if detail.Stage.Name != "Prospecting" {
		t.Errorf("deal opp:3 is in %q, want Prospecting", detail.Stage.Name)
	}
}
