package data

import (
	"context"
	"testing"

	"leadwerk/app"
)

// BenchmarkDealMoveSynchronous measures one stage move, a transaction of
// a few statements, under SQLite's synchronous levels NORMAL and FULL. In
// WAL mode FULL adds one fsync of the WAL file to every commit.
func BenchmarkDealMoveSynchronous(b *testing.B) {
	requireSQLite(b, "the crash harness kills a process writing the file")
	for _, level := range []string{"NORMAL", "FULL"} {
		b.Run(level, func(b *testing.B) {
			benchmarkDealMoves(b, level)
		})
	}
}

func benchmarkDealMoves(b *testing.B, level string) {
	ctx := context.Background()
	s := openTestStore(b)
	mustImport(b, s, sampleBatch())

	// The store has one connection, so the pragma holds for every move.
	if err := s.db.Exec("PRAGMA synchronous = " + level).Error; err != nil {
		b.Fatal(err)
	}

	id := idByRef(b, s, "opp:3")
	stages := openStageIDs(b, s, id)

	b.ResetTimer()
	for i := range b.N {
		if err := s.MoveOpportunity(ctx, id, stages[i%2]); err != nil {
			b.Fatal(err)
		}
	}
}

// openStageIDs returns the ids of two open stages of deal id's pipeline,
// the first being another than the deal's stage.
func openStageIDs(b *testing.B, s *Store, id int64) [2]int64 {
	b.Helper()

	detail, err := s.Opportunity(context.Background(), id)
	if err != nil {
		b.Fatal(err)
	}

	var other []int64
	for _, p := range mustPipelines(b, s) {
		for _, st := range p.Stages {
			if st.PipelineID == detail.PipelineID && st.Kind == app.StageOpen && st.ID != detail.StageID {
				other = append(other, st.ID)
			}
		}
	}
	if len(other) == 0 {
		b.Fatalf("the pipeline of deal %d has no second open stage", id)
	}

	return [2]int64{other[0], detail.StageID}
}

func mustPipelines(b *testing.B, s *Store) []app.Pipeline {
	b.Helper()

	pipelines, err := s.Pipelines(context.Background())
	if err != nil {
		b.Fatal(err)
	}

	return pipelines
}

// TestOpenSyncsEveryCommit checks that Open sets synchronous FULL, which
// keeps saved changes across a power loss in WAL mode.
func TestOpenSyncsEveryCommit(t *testing.T) {
	requireSQLite(t, "the crash harness kills a process writing the file")
	s := openTestStore(t)

	var level int
	if err := s.db.Raw("PRAGMA synchronous").Scan(&level).Error; err != nil {
		t.Fatal(err)
	}

	// PRAGMA synchronous returns 0 for OFF, 1 for NORMAL, 2 for FULL and 3
	// for EXTRA.
	if level != 2 {
		t.Errorf("PRAGMA synchronous = %d, want 2 (FULL)", level)
	}
}
