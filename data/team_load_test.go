package data

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"leadwerk/app"
)

// loadSecondsEnv sets how long TestTeamLoad runs; CI keeps the default.
const loadSecondsEnv = "LEADWERK_LOAD_SECONDS"

// loadClients is how many salespeople TestTeamLoad simulates, each with
// its own Store and connection pool, as separate Leadwerk windows have.
const loadClients = 10

// loadDeals is how many deals exist before the clients start. Few deals
// make two clients meet on one deal often.
const loadDeals = 20

// loadRecorder collects the latency of each operation kind and the
// counts that the checks after the run compare with the database.
type loadRecorder struct {
	mu        sync.Mutex
	latencies map[string][]time.Duration

	conflicts atomic.Int64
	// increments counts, per deal id, the amount edits that were saved.
	increments sync.Map
}

func (r *loadRecorder) record(kind string, d time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()

	r.latencies[kind] = append(r.latencies[kind], d)
}

func (r *loadRecorder) saved(dealID int64) {
	counter, _ := r.increments.LoadOrStore(dealID, new(atomic.Int64))
	counter.(*atomic.Int64).Add(1)
}

// TestTeamLoad lets ten clients create, edit and move deals at once on one
// PostgreSQL database and then checks that no edit and no stage change
// was lost. It logs throughput and latency percentiles; run it with
// LEADWERK_LOAD_SECONDS=60 and -v for the figures of the benchmark page.
func TestTeamLoad(t *testing.T) {
	requirePostgres(t)
	seconds := 5
	if v := os.Getenv(loadSecondsEnv); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("%s=%q: want a whole number of seconds", loadSecondsEnv, v)
		}
		seconds = n
	}

	setup := openTestStore(t)
	ctx := context.Background()
	batch := app.ImportBatch{Source: "load", Pipeline: hardwarePipeline()}
	for i := range loadDeals {
		batch.Opportunities = append(batch.Opportunities,
			deal(fmt.Sprintf("load:%d", i), fmt.Sprintf("Deal %d", i), "", "Prospecting", 100_000))
	}
	mustImport(t, setup, batch)
	url := setup.path
	openStages := loadOpenStages(t, setup)
	var dealIDs []int64
	if err := setup.db.Raw(`SELECT id FROM opportunities ORDER BY id`).Scan(&dealIDs).Error; err != nil {
		t.Fatalf("read deal ids: %v", err)
	}

	rec := &loadRecorder{latencies: map[string][]time.Duration{}}
	deadline := time.Now().Add(time.Duration(seconds) * time.Second)
	var wg sync.WaitGroup
	errs := make(chan error, loadClients)
	for c := range loadClients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- runLoadClient(ctx, url, c, dealIDs, openStages, deadline, rec)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}

	checkNoLostEdits(t, setup, dealIDs, rec)
	checkStageHistoryChains(t, setup)
	logLoadFigures(t, rec, seconds)
}

// loadOpenStages returns the ids of the open stages of the deals' pipeline.
func loadOpenStages(t *testing.T, s *Store) []int64 {
	t.Helper()

	var ids []int64
	if err := s.db.Raw(`SELECT id FROM stages WHERE kind = 'open'
		AND pipeline_id = (SELECT MIN(pipeline_id) FROM opportunities) ORDER BY position`).Scan(&ids).Error; err != nil {
		t.Fatalf("read open stages: %v", err)
	}
	if len(ids) < 2 {
		t.Fatalf("open stages = %v, want at least two", ids)
	}

	return ids
}

// runLoadClient signs in as its own user and runs random operations until
// deadline. Conflicts are retried, and any other error ends the
// client and fails the test.
func runLoadClient(ctx context.Context, url string, client int, dealIDs, stages []int64, deadline time.Time,
	rec *loadRecorder,
) error {
	s, err := Open(url)
	if err != nil {
		return fmt.Errorf("client %d: open: %w", client, err)
	}
	defer closeLogged(s)

	if _, err := s.SignIn(ctx, fmt.Sprintf("seller%d", client)); err != nil {
		return fmt.Errorf("client %d: sign in: %w", client, err)
	}

	random := rand.New(rand.NewPCG(uint64(client), 42))
	created := 0
	for time.Now().Before(deadline) {
		dealID := dealIDs[random.IntN(len(dealIDs))]
		start := time.Now()

		var kind string
		switch roll := random.IntN(10); {
		case roll == 0:
			kind = "create"
			created++
			err = createLoadDeal(ctx, s, client, created)
		case roll < 6:
			kind = "edit"
			err = editLoadDeal(ctx, s, dealID, rec)
		default:
			kind = "move"
			err = s.MoveOpportunity(ctx, dealID, stages[random.IntN(len(stages))])
		}
		if err != nil {
			return fmt.Errorf("client %d: %s deal %d: %w", client, kind, dealID, err)
		}

		rec.record(kind, time.Since(start))
	}

	return nil
}

func createLoadDeal(ctx context.Context, s *Store, client, n int) error {
	ref := fmt.Sprintf("load:%d:%d", client, n)
	batch := app.ImportBatch{Source: "load", Pipeline: hardwarePipeline(),
		Opportunities: []app.OpportunityImport{deal(ref, "New deal "+ref, "", "Prospecting", 5_000)}}
	_, err := s.Import(ctx, batch, nil)

	return err
}

// editLoadDeal adds one cent to the deal's amount by reading it and
// saving it with the version it read, again after each conflict.
func editLoadDeal(ctx context.Context, s *Store, id int64, rec *loadRecorder) error {
	for {
		detail, err := s.Opportunity(ctx, id)
		if err != nil {
			return err
		}

		o := detail.Opportunity
		o.Amount.Minor++
		_, err = s.UpdateOpportunity(ctx, o)
		var conflict *app.ConflictError
		if errors.As(err, &conflict) {
			rec.conflicts.Add(1)
			continue
		}
		if err != nil {
			return err
		}

		rec.saved(id)

		return nil
	}
}

// checkNoLostEdits compares each deal's amount with its start amount plus
// the edits that were saved.
func checkNoLostEdits(t *testing.T, s *Store, dealIDs []int64, rec *loadRecorder) {
	t.Helper()

	for _, id := range dealIDs {
		var amount int64
		if err := s.db.Raw(`SELECT amount_minor FROM opportunities WHERE id = ?`, id).Scan(&amount).Error; err != nil {
			t.Fatalf("read deal %d: %v", id, err)
		}

		var saved int64
		if counter, ok := rec.increments.Load(id); ok {
			saved = counter.(*atomic.Int64).Load()
		}
		if amount != 100_000+saved {
			t.Errorf("deal %d amount = %d, want 100000 + %d saved edits: an edit was lost", id, amount, saved)
		}
	}
}

// checkStageHistoryChains checks that each deal's stage history is one
// unbroken chain: every change starts where the one before ended, and the
// last ends in the deal's stage.
func checkStageHistoryChains(t *testing.T, s *Store) {
	t.Helper()

	var rows []struct {
		OpportunityID int64
		FromStageID   *int64
		ToStageID     int64
		StageID       int64
	}
	err := s.db.Raw(`SELECT h.opportunity_id, h.from_stage_id, h.to_stage_id, o.stage_id
		FROM stage_changes h JOIN opportunities o ON o.id = h.opportunity_id
		ORDER BY h.opportunity_id, h.id`).Scan(&rows).Error
	if err != nil {
		t.Fatalf("read stage history: %v", err)
	}

	last := map[int64]int64{}
	for _, r := range rows {
		previous, seen := last[r.OpportunityID]
		switch {
		case !seen && r.FromStageID != nil:
			t.Errorf("deal %d: first stage change starts in stage %d, want none", r.OpportunityID, *r.FromStageID)
		case seen && (r.FromStageID == nil || *r.FromStageID != previous):
			t.Errorf("deal %d: a stage change starts in %v after the one before ended in %d: a change was lost",
				r.OpportunityID, r.FromStageID, previous)
		}
		last[r.OpportunityID] = r.ToStageID
	}

	for _, r := range rows {
		if last[r.OpportunityID] != r.StageID {
			t.Errorf("deal %d: history ends in stage %d, but the deal is in stage %d", r.OpportunityID, last[r.OpportunityID], r.StageID)
		}
	}
}

// logLoadFigures logs the operations per second and the 50th, 95th and
// 99th percentile latency of each kind.
func logLoadFigures(t *testing.T, rec *loadRecorder, seconds int) {
	t.Helper()

	total := 0
	for _, kind := range []string{"create", "edit", "move"} {
		list := slices.Clone(rec.latencies[kind])
		slices.Sort(list)
		total += len(list)
		if len(list) == 0 {
			t.Logf("%-6s none", kind)
			continue
		}

		t.Logf("%-6s %6d ops  %7.1f/s  p50 %v  p95 %v  p99 %v  max %v", kind, len(list),
			float64(len(list))/float64(seconds), percentile(list, 50), percentile(list, 95), percentile(list, 99), list[len(list)-1])
	}
	t.Logf("all    %6d ops  %7.1f/s, %d conflicts retried, %d clients, %d s",
		total, float64(total)/float64(seconds), rec.conflicts.Load(), loadClients, seconds)
}

// percentile returns the p-th percentile of the sorted list, rounded to
// 0.1 ms.
func percentile(sorted []time.Duration, p int) time.Duration {
	i := (len(sorted)*p + 99) / 100
	if i > 0 {
		i--
	}

	return sorted[i].Round(100 * time.Microsecond)
}
